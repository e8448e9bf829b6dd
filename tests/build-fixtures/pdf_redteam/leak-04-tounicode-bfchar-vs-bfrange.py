# Reproducer leak-04-tounicode-bfchar-vs-bfrange. Needs mkpdf.py (same folder). Writes PDF(s) named leak-04-tounicode-bfchar-vs-bfrange*.pdf.

# ---- from t11_tounicode_precedence.py
# Helvetica/WinAnsi shows the bytes as they are (the e-mail and BSN are visible). The ToUnicode map first
# has bfchar entries mapping every code to 'x', then a bfrange mapping the same codes to themselves.
# poppler lets the later bfrange win (reads the real text); lak lets bfchar win (reads xxxx).
from mkpdf import *
bfchar = b"".join(b"<%02X> <0078>\n" % c for c in range(0x21, 0x7f))
cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /X def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"%d beginbfchar\n" % (0x7f-0x21) + bfchar + b"endbfchar\n"
        b"1 beginbfrange\n<20> <7E> <0020>\nendbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
objs = {
 6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>",
 7: stream(cmap),
}
c = BASE_TEXT + b"BT /F2 11 Tf 72 700 Td (Contact: piet.bakker@example.nl BSN 111222333) Tj ET\n"
import mkpdf
d = simple(c, objs, fonts=b"/F1 5 0 R /F2 6 0 R")
open("leak-04-tounicode-bfchar-vs-bfrange.pdf","wb").write(d)
