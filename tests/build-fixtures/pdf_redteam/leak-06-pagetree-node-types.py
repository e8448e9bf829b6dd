# Reproducer leak-06-pagetree-node-types. Needs mkpdf.py (same folder). Writes PDF(s) named leak-06-pagetree-node-types*.pdf.

# ---- from t34_pagetree_types.py
# Page-tree nodes lopdf's page iterator reads differently from viewers.
# (a) an intermediate /Pages node without /Type: lopdf returns the node itself as a (blank) page and never
#     visits its kids; poppler/pdf.js/MuPDF treat a dictionary with a /Kids array as a page-tree node.
# (b) a leaf with /Type /Template (not /Page): lopdf skips it; poppler shows it (a dict without /Kids is a page).
from mkpdf import *
val = b"BT /F1 11 Tf 72 700 Td (Contact: piet.bakker@example.nl BSN 111222333) Tj ET\n"
objs = {
 2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
 6: b"<< /Parent 2 0 R /Kids [7 0 R] /Count 1 >>",
 7: b"<< /Type /Page /Parent 6 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 8 0 R >>",
 8: stream(val, compress=True),
}
open("leak-06-pagetree-node-types-a_pages_no_type.pdf","wb").write(simple(BASE_TEXT, objs))
objs = {
 2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
 6: b"<< /Type /Template /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 8 0 R >>",
 8: stream(val, compress=True),
}
open("leak-06-pagetree-node-types-b_leaf_wrong_type.pdf","wb").write(simple(BASE_TEXT, objs))
