# Reproducer leak-03-inline-image-named-cs-desync. Needs mkpdf.py (same folder). Writes PDF(s) named leak-03-inline-image-named-cs-desync*.pdf.

# ---- from t27_inline_named_cs.py
# Unfiltered inline image with a named colour space (/CS /CS0, legal): lopdf cannot size it and skips to
# the first " EI " in the sample bytes; poppler reads W*H bytes. The text after the real EI is read as a
# comment by lopdf/lak, and shown by poppler.
from mkpdf import *
data = b"\x80 EI\n%"
W = 40
data = data + b"\x80" * (W - len(data))
c = BASE_TEXT
c += b"q 40 0 0 10 300 300 cm BI /W %d /H 1 /BPC 8 /CS /CS0 ID " % W + data + b" EI Q BT /F1 11 Tf 72 700 Td (Contact: piet.bakker@example.nl BSN 111222333) Tj ET\n"
open("leak-03-inline-image-named-cs-desync.pdf","wb").write(simple(c, res_extra=b"/ColorSpace << /CS0 /DeviceGray >>"))
