# Reproducer leak-09-invisible-unicode-in-values. Needs mkpdf.py (same folder). Writes PDF(s) named leak-09-invisible-unicode-in-values*.pdf.

# ---- from t13_invisible_char.py
# A zero-width glyph whose ToUnicode is U+200E (LEFT-TO-RIGHT MARK) inside the BSN, phone and e-mail.
# Visually the values are whole; the text has an LRM inside (as in text copied from Outlook/WhatsApp).
from mkpdf import *
cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /X def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfchar\n<A0> <200E>\nendbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
objs = {
 6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 7 0 R " + helv_widths(override={160: 0}) + b" >>",
 7: stream(cmap),
}
c = BASE_TEXT + b"BT /F2 11 Tf 72 700 Td (Contact: piet.bakker@exa\xa0mple.nl BSN 1112\xa022333 tel 06-\xa012345678) Tj ET\n"
open("leak-09-invisible-unicode-in-values.pdf","wb").write(simple(c, objs, fonts=b"/F1 5 0 R /F2 6 0 R"))
