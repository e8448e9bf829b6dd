# Removed-width recovery: the words after a name are placed with a `cm` (a translation to the exact end
# of the name) and either a text object at 0 0 or a form XObject. lak re-anchors text objects with cuts
# and shifts later text objects, but leaves the `cm`: the original end of the name stays in the file.
from mkpdf import *
from reportlab.pdfbase.pdfmetrics import stringWidth
c = BASE_TEXT
pre = "Behandeld door mevrouw A. de Vries"
x = 72 + stringWidth(pre, 'Helvetica', 11)
c += b"BT /F1 11 Tf 72 700 Td (%s) Tj ET\n" % pre.encode()
c += b"q 1 0 0 1 %.3f 700 cm BT /F1 11 Tf 0 0 Td (, afdeling Vergunningen.) Tj ET Q\n" % x
pre2 = "Geachte heer Jan Jansen"
x2 = 72 + stringWidth(pre2, 'Helvetica', 11)
c += b"BT /F1 11 Tf 72 650 Td (%s) Tj ET\n" % pre2.encode()
c += b"q 1 0 0 1 %.3f 650 cm /X0 Do Q\n" % x2
objs = {6: stream(b"BT /F1 11 Tf 0 0 Td (, hierbij ontvangt u het besluit.) Tj ET", b"/Type /XObject /Subtype /Form /BBox [0 -5 300 20] /Resources << /Font << /F1 5 0 R >> >>")}
open("leak-14-removed-width-via-cm.pdf","wb").write(simple(c, objs, res_extra=b"/XObject << /X0 6 0 R >>"))
print("original name ends: %.3f %.3f" % (x, x2))
