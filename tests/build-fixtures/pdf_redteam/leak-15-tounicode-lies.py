# Reproducer leak-15-tounicode-lies. Needs mkpdf.py (same folder). Writes PDF(s) named leak-15-tounicode-lies*.pdf.

# ---- from t12_tounicode_lies.py
# Standard Helvetica/WinAnsi (glyphs fixed by the Encoding entry - the e-mail and BSN are drawn), but the
# ToUnicode maps every code to 'x'. lak trusts ToUnicode only; the value is visible and in the raw bytes.
from mkpdf import *
cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /X def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfrange\n<21> <7E> [" + b" ".join(b"<0078>" for _ in range(0x21, 0x7f)) + b"]\nendbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
objs = {
 6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>",
 7: stream(cmap),
}
c = BASE_TEXT + b"BT /F2 11 Tf 72 700 Td (Contact: piet.bakker@example.nl BSN 111222333) Tj ET\n"
open("leak-15-tounicode-lies.pdf","wb").write(simple(c, objs, fonts=b"/F1 5 0 R /F2 6 0 R"))
