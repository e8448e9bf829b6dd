# Reproducer leak-13-uncollected-operands. Needs mkpdf.py (same folder). Writes PDF(s) named leak-13-uncollected-operands*.pdf.

# ---- from t02_tj_extra_operand.py
# Tj with an extra string operand before the shown one: not shown, not collected.
from mkpdf import *
c = BASE_TEXT + b"BT /F1 11 Tf 72 700 Td (piet.bakker@example.nl BSN 111222333) (Contact) Tj ET\n"
open("leak-13-uncollected-operands-a.pdf","wb").write(simple(c))

# ---- from t08_inline_image_dict.py
# A string in an inline image dictionary (filtered image: lopdf skips it; unfiltered: parsed).
from mkpdf import *
c = BASE_TEXT + b"q 10 0 0 10 72 600 cm BI /W 1 /H 1 /BPC 8 /CS /G /F /AHx /Naam (piet.bakker@example.nl BSN 111222333) ID 00> EI Q\n"
c += b"q 10 0 0 10 92 600 cm BI /W 1 /H 1 /BPC 8 /CS /G /Naam (tel 06-12345678 NL91ABNA0417164300) ID \x00 EI Q\n"
open("leak-13-uncollected-operands-b.pdf","wb").write(simple(c))
