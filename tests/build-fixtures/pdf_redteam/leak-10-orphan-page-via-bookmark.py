# Reproducer leak-10-orphan-page-via-bookmark. Needs mkpdf.py (same folder). Writes PDF(s) named leak-10-orphan-page-via-bookmark*.pdf.

# ---- from t03_orphan_page_outline.py
# A page removed from the page tree but still the target of a bookmark.
from mkpdf import *
objs = {
 6: b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
 7: b"<< /Title (Bijlage) /Parent 6 0 R /Dest [8 0 R /Fit] >>",
 8: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 9 0 R >>",
 9: stream(b"BT /F1 11 Tf 72 700 Td (Contact: piet.bakker@example.nl BSN 111222333) Tj ET", compress=True),
}
open("leak-10-orphan-page-via-bookmark.pdf","wb").write(simple(BASE_TEXT, objs, cat_extra=b"/Outlines 6 0 R"))
