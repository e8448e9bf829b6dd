# Reproducers leak-16-review-findings-*. Needs mkpdf.py (same folder). Run in fixtures/pdf/adversarial/.
# Each file pins one finding of the PDF adapter's code review; lak must refuse it or leak nothing.
import zlib
from mkpdf import *

V = b"BSN 111222333"

# a: P3. A page tree whose nodes list the node below a thousand times: 10^12 leaves for a walk that
# only checks ancestors. Must be refused quickly (a page tree is a tree).
objs = {6: b"<< /Type /Pages /Kids [" + b"3 0 R " * 1000 + b"] /Count 1000 >>"}
for n in range(7, 10):
    objs[n] = b"<< /Type /Pages /Kids [" + (b"%d 0 R " % (n - 1)) * 1000 + b"] /Count 1000 >>"
doc = simple(BASE_TEXT + b"BT /F1 11 Tf 72 700 Td (" + V + b") Tj ET\n", objs)
doc = doc.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [3 0 R 9 0 R] /Count 2", 1)
open("leak-16-review-findings-a-pagetree-dag.pdf", "wb").write(doc)

# b: P4. An incrementing bfrange over the whole 4-byte code space: written back per 256 codes it
# would be 16.7 million lines.
cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\nendcmap end end\n")
objs = {5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
        6: stream(cmap)}
open("leak-16-review-findings-b-cmap-range.pdf", "wb").write(
    simple(BASE_TEXT + b"BT /F1 11 Tf 72 700 Td (" + V + b") Tj ET\n", objs))

# c: L1. JPEGs whose metadata sits where a stripper that stops at the first scan does not look: a
# comment between progressive scans, bytes after the end marker; one under [/FlateDecode /DCTDecode],
# one with an indirect /Filter.
def jpeg():
    # A real progressive JPEG (PIL), with a comment put between its first two scans and the value
    # after its end marker.
    import io
    from PIL import Image
    buf = io.BytesIO()
    Image.new("L", (16, 16), 128).save(buf, "JPEG", progressive=True, quality=90)
    j = buf.getvalue()
    first = j.index(b"\xff\xda")
    second = j.index(b"\xff\xda", first + 2)
    com = b"\xff\xfe" + (len(V) + 2).to_bytes(2, "big") + V
    return j[:second] + com + j[second:] + V
img = b"/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 "
objs = {
    6: stream(jpeg(), img + b"/Filter /DCTDecode"),
    7: stream(zlib.compress(jpeg()), img + b"/Filter [/FlateDecode /DCTDecode]"),
    8: stream(jpeg(), img + b"/Filter 9 0 R"),
    9: b"/DCTDecode",
}
draw = b"q 10 0 0 10 72 600 cm /Im1 Do Q q 10 0 0 10 100 600 cm /Im2 Do Q q 10 0 0 10 130 600 cm /Im3 Do Q\n"
open("leak-16-review-findings-c-jpeg.pdf", "wb").write(
    simple(BASE_TEXT + draw, objs, res_extra=b"/XObject << /Im1 6 0 R /Im2 7 0 R /Im3 8 0 R >>"))

# d: L2. A JPEG 2000 codestream behind an indirect /Filter, with the value after its end marker.
tile = b"\xff\x90\x00\x0a\x00\x00\x00\x00\x00\x10\x00\x01\xff\x93\x09\x09"
cs = b"\xff\x4f\xff\x51\x00\x04\x01\x02" + tile + b"\xff\xd9" + V
objs = {6: stream(cs, img + b"/Filter 7 0 R"), 7: b"[8 0 R]", 8: b"/JPXDecode"}
open("leak-16-review-findings-d-jpx.pdf", "wb").write(
    simple(BASE_TEXT + b"q 10 0 0 10 72 600 cm /Im1 Do Q\n", objs, res_extra=b"/XObject << /Im1 6 0 R >>"))

# e: L6. Dictionaries that call their own strings binary: /ByteRange makes /Contents a signature,
# /O /U /R make /O and /U encryption hashes. Only their place may decide that.
objs = {6: b"<< /ByteRange [0 0] /Contents (" + V + b") >>",
        7: b"<< /O (" + V + b") /U (x) /R 4 /Filter /Standard >>"}
open("leak-16-review-findings-e-binary-look-alikes.pdf", "wb").write(
    simple(BASE_TEXT, objs, res_extra=b"/Properties << /P1 6 0 R /P2 7 0 R >>"))

# f: L7. Streams that claim by their own dictionary to be numbers or pictures: a sampled function
# longer than its /Size, a shading mesh, an image no page draws, a font program under a made-up key.
objs = {
    6: b"<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 1 0] /Function 7 0 R >>",
    7: stream(b"\x00\xff" + V, b"/FunctionType 0 /Domain [0 1] /Range [0 1] /Size [2] /BitsPerSample 8"),
    8: stream(V, b"/ShadingType 4 /ColorSpace /DeviceGray /BitsPerCoordinate 8 /BitsPerComponent 8 /BitsPerFlag 8 /Decode [0 1 0 1 0 1]"),
    9: stream(V, img),
    10: stream(V, b"/Length1 13"),
}
open("leak-16-review-findings-f-self-declared-binary.pdf", "wb").write(simple(
    BASE_TEXT + b"q /Sh1 sh Q\n", objs,
    res_extra=b"/Shading << /Sh1 6 0 R /Sh2 8 0 R >> /XObject << /Im9 9 0 R >> /Properties << /P1 << /FontFile 10 0 R >> >>"))

# g: L8. An ICC profile whose XYZ tag is declared 200 bytes long: after one XYZ number, the value.
def icc():
    tag = b"XYZ \x00\x00\x00\x00" + b"\x00\x00\xf6\xd6\x00\x01\x00\x00\x00\x00\xd3\x2d"
    tag = (tag + V).ljust(200, b" ")
    head = bytearray(128)
    head[36:40] = b"acsp"
    table = (1).to_bytes(4, "big") + b"wtpt" + (144).to_bytes(4, "big") + (200).to_bytes(4, "big")
    p = bytes(head) + table + tag
    return (len(p)).to_bytes(4, "big") + p[4:]
objs = {6: stream(icc(), b"/N 1 /Alternate /DeviceGray")}
content = BASE_TEXT + b"/CS1 cs 0.5 scn 72 500 100 50 re f\n"
open("leak-16-review-findings-g-icc-tag-length.pdf", "wb").write(
    simple(content, objs, res_extra=b"/ColorSpace << /CS1 [/ICCBased 6 0 R] >>"))

# i: L14. A symbolic font without /Encoding whose program's encoding lak cannot read (OpenType CFF):
# its /ToUnicode says "111222333" while the glyphs may show anything.
tu = (b"1 begincodespacerange <00> <FF> endcodespacerange\n"
      b"1 beginbfrange <41> <49> [<0031> <0031> <0031> <0032> <0032> <0032> <0033> <0033> <0033>] endbfrange\n")
objs = {
    6: b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Odd /FirstChar 65 /LastChar 73 /Widths [500 500 500 500 500 500 500 500 500] /FontDescriptor 7 0 R /ToUnicode 9 0 R >>",
    7: b"<< /Type /FontDescriptor /FontName /ABCDEF+Odd /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile3 8 0 R >>",
    8: stream(b"OTTO\x00\x00", b"/Subtype /OpenType"),
    9: stream(tu),
}
open("leak-16-review-findings-i-builtin-unknown.pdf", "wb").write(simple(
    BASE_TEXT + b"BT /F2 11 Tf 72 700 Td (ABCDEFGHI) Tj ET\n", objs, fonts=b"/F1 5 0 R /F2 6 0 R"))
