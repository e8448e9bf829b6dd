# Reproducer leak-05b-font-program-encodings. Needs mkpdf.py (same folder) and fontTools. Writes PDF(s) named
# leak-05b-font-program-encodings*.pdf.

# ---- a: the CFF counterpart of leak-05
# An embedded CFF font (/FontFile3 /Subtype /Type1C) without /Encoding in the PDF: viewers use the custom
# encoding of the CFF program (its Top DICT points at a code -> glyph table, glyphs named through the
# charset). Read with StandardEncoding the codes are a letter cipher; poppler draws the e-mail and BSN.
from mkpdf import *
import io
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont
secret = "Contact: piet.bakker@example.nl BSN 111222333"
names = {' ': 'space', '.': 'period', '@': 'at', ':': 'colon'}
digits = 'zero one two three four five six seven eight nine'.split()
glyph = lambda ch: names.get(ch) or (digits[int(ch)] if ch.isdigit() else ch)
pool = list(b"ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba")
seen, codes = {}, b""
for ch in secret:
    if ch not in seen:
        seen[ch] = pool.pop(0)
    codes += bytes([seen[ch]])
glyphs = ['.notdef'] + sorted({glyph(ch) for ch in secret})
fb = FontBuilder(1000, isTTF=False)
fb.setupGlyphOrder(glyphs)
fb.setupCharacterMap({})
charstrings = {}
for g in glyphs:
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0)); pen.lineTo((400, 0)); pen.lineTo((400, 600)); pen.closePath()
    charstrings[g] = pen.getCharString()
fb.setupCFF("Custom", {"FullName": "Custom"}, charstrings, {})
enc = ['.notdef'] * 256
for ch, c in seen.items():
    enc[c] = glyph(ch)
fb.font['CFF '].cff.topDictIndex[0].Encoding = enc
fb.setupHorizontalMetrics({g: (500, 0) for g in glyphs})
fb.setupHorizontalHeader(); fb.setupNameTable({"familyName": "Custom", "styleName": "Regular"}); fb.setupOS2(); fb.setupPost()
buf = io.BytesIO(); fb.save(buf)
cff = TTFont(io.BytesIO(buf.getvalue())).getTableData('CFF ')
ws = [0] * 256
for ch, c in seen.items():
    ws[c] = 500
def font(ff_key):
    return {
     6: b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Custom /FirstChar 0 /LastChar 255 /Widths [" + b" ".join(b"%d" % w for w in ws) + b"] /FontDescriptor 7 0 R >>",
     7: b"<< /Type /FontDescriptor /FontName /ABCDEF+Custom /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 /" + ff_key + b" 8 0 R >>",
    }
c = BASE_TEXT + b"BT /F2 11 Tf 72 700 Td (" + codes + b") Tj ET\n"
objs = font(b"FontFile3")
objs[8] = stream(cff, b"/Subtype /Type1C", compress=True)
open("leak-05b-font-program-encodings-a_cff.pdf", "wb").write(simple(c, objs, fonts=b"/F1 5 0 R /F2 6 0 R"))

# ---- b: a Type1 program whose encoding is not in a form lak reads
# The clear text computes its encoding (`/Encoding MyEncoding def`, MyEncoding built earlier): lak cannot
# tell which glyph a code draws and must refuse rather than fall back to StandardEncoding.
import struct
pfb = open('/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/reportlab/fonts/_a______.pfb', 'rb').read()
i = 0; segs = []
while pfb[i + 1] != 3:
    n = struct.unpack('<I', pfb[i+2:i+6])[0]; segs.append(pfb[i+6:i+6+n]); i += 6 + n
clear, binary, trailer = segs
body = b"/MyEncoding 256 array def\n" + b"".join(b"MyEncoding %d /%s put\n" % (c, glyph(ch).encode()) for ch, c in seen.items())
clear = clear.replace(b"/Encoding StandardEncoding def", body + b"/Encoding MyEncoding def")
objs = font(b"FontFile")
objs[8] = stream(clear + binary + trailer, b"/Length1 %d /Length2 %d /Length3 %d" % (len(clear), len(binary), len(trailer)), compress=True)
open("leak-05b-font-program-encodings-b_type1_computed.pdf", "wb").write(simple(c, objs, fonts=b"/F1 5 0 R /F2 6 0 R"))
