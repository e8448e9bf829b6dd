# Reproducer leak-07-content-stream-reused-as-form. Needs mkpdf.py (same folder). Writes PDF(s) named leak-07-content-stream-reused-as-form*.pdf.

# ---- from t33_content_as_form.py
# Page 1's /Contents is [A C]; stream C is also a form XObject drawn by page 2. The date of birth in C is
# a finding on page 1 only (A supplies "geboren op"). lak writes page 1 a new content stream and leaves
# C as it was, so page 2 still draws the date of birth (and the file still holds it).
from mkpdf import *
objs = {
 2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
 3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R 7 0 R] >>",
 4: stream(BASE_TEXT + b"BT /F1 11 Tf 72 700 Td (Mevrouw is geboren op) Tj ET\n"),
 6: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /C 7 0 R >> >> /Contents 8 0 R >>",
 7: stream(b"BT /F1 11 Tf 200 700 Td (3 maart 1984 en BSN 12345674) Tj ET", b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"),
 8: stream(b"BT /F1 11 Tf 72 600 Td (Bijlage:) Tj ET q 1 0 0 1 0 -300 cm /C Do Q"),
}
open("leak-07-content-stream-reused-as-form.pdf","wb").write(pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 5: HELV, **objs}))
