# Reproducer leak-02-inline-image-a85-desync. Needs mkpdf.py (same folder). Writes PDF(s) named leak-02-inline-image-a85-desync*.pdf.

# ---- from t10_a85_inline_desync.py
# Filtered inline image whose ASCII85 data contains " EI": lopdf skips to that EI and reads the rest of the
# line as a comment; poppler decodes the A85 data up to ~> and then shows the text after the real EI.
from mkpdf import *
c = BASE_TEXT
c += b"q 100 0 0 100 300 300 cm BI /W 100 /H 100 /BPC 8 /CS /G /F /A85 ID\nz EI\n% ~> EI Q BT /F1 11 Tf 72 700 Td (Contact: piet.bakker@example.nl BSN 111222333) Tj ET\n"
open("leak-02-inline-image-a85-desync.pdf","wb").write(simple(c))
