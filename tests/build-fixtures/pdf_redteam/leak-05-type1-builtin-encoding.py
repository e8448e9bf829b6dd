# Reproducer leak-05-type1-builtin-encoding. Needs mkpdf.py (same folder). Writes PDF(s) named leak-05-type1-builtin-encoding*.pdf.

# ---- from t35_type1_builtin_encoding.py
# An embedded Type1 font without /Encoding in the PDF: viewers use the font program's built-in encoding
# (here a custom one, in the clear-text part of the font). lak assumes StandardEncoding for a non-symbolic
# font and reads the codes as a letter cipher; poppler draws and extracts the e-mail and BSN.
from mkpdf import *
import struct, zlib
pfb = open('/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/reportlab/fonts/_a______.pfb','rb').read()
i = 0; segs = []
while pfb[i + 1] != 3:
    n = struct.unpack('<I', pfb[i+2:i+6])[0]; segs.append(pfb[i+6:i+6+n]); i += 6 + n
clear, binary, trailer = segs
secret = "Contact: piet.bakker@example.nl BSN 111222333"
names = {' ': 'space', '.': 'period', '@': 'at', ':': 'colon'}
digits = 'zero one two three four five six seven eight nine'.split()
pool = list(b"ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba")
seen, codes = {}, b""
enc = b"/Encoding 256 array 0 1 255 {1 index exch /.notdef put} for\n"
for ch in secret:
    if ch not in seen:
        seen[ch] = pool.pop(0)
        g = names.get(ch) or (digits[int(ch)] if ch.isdigit() else ch)
        enc += b"dup %d /%s put\n" % (seen[ch], g.encode())
    codes += bytes([seen[ch]])
enc += b"readonly def"
clear = clear.replace(b"/Encoding StandardEncoding def", enc)
assert enc in clear
prog = clear + binary + trailer
from reportlab.pdfbase.pdfmetrics import stringWidth
ws = [0] * 256
for ch, c in seen.items():
    ws[c] = round(stringWidth(ch, 'Helvetica', 1000))
objs = {
 6: b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Custom /FirstChar 0 /LastChar 255 /Widths [" + b" ".join(b"%d" % w for w in ws) + b"] /FontDescriptor 7 0 R >>",
 7: b"<< /Type /FontDescriptor /FontName /ABCDEF+Custom /Flags 32 /FontBBox [-222 -250 1006 922] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 /FontFile 8 0 R >>",
 8: stream(prog, b"/Length1 %d /Length2 %d /Length3 %d" % (len(clear), len(binary), len(trailer)), compress=True),
}
c = BASE_TEXT + b"BT /F2 11 Tf 72 700 Td (" + codes + b") Tj ET\n"
open("leak-05-type1-builtin-encoding.pdf","wb").write(simple(c, objs, fonts=b"/F1 5 0 R /F2 6 0 R"))
