# Reproducer leak-08-utf16le-text-strings. Needs mkpdf.py (same folder). Writes PDF(s) named leak-08-utf16le-text-strings*.pdf.

# ---- from t31_utf16le.py
# Text strings in UTF-16LE with a byte-order mark (FF FE): poppler and pdf.js decode them; lak reads them
# as PDFDocEncoding ("ÿþm\0e\0v\0...") and finds nothing. A bookmark title and an /ActualText.
from mkpdf import *
def le(s): return b"<" + (b"\xff\xfe" + s.encode('utf-16-le')).hex().encode() + b">"
objs = {
 6: b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
 7: b"<< /Title " + le("Bezwaar mevrouw A. de Vries, piet.bakker@example.nl, BSN 111222333") + b" /Parent 6 0 R /Dest [3 0 R /Fit] >>",
}
c = BASE_TEXT + b"/Span << /ActualText " + le("tel 06-12345678") + b" >> BDC BT /F1 11 Tf 72 700 Td (telefoon) Tj ET EMC\n"
open("leak-08-utf16le-text-strings.pdf","wb").write(simple(c, objs, cat_extra=b"/Outlines 6 0 R"))
