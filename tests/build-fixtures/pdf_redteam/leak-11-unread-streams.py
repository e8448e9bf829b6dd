# Reproducer leak-11-unread-streams. Needs mkpdf.py (same folder). Writes PDF(s) named leak-11-unread-streams*.pdf.

# ---- from t04_structtree_widget.py
# A widget annotation reachable only from the structure tree (OBJR), with an appearance stream.
from mkpdf import *
objs = {
 6: b"<< /Type /StructTreeRoot /K 7 0 R >>",
 7: b"<< /Type /StructElem /S /Form /P 6 0 R /K << /Type /OBJR /Obj 8 0 R >> >>",
 8: b"<< /Type /Annot /Subtype /Widget /Rect [72 600 300 620] /FT /Tx /T (veld) /AP << /N 9 0 R >> >>",
 9: stream(b"/Tx BMC BT /F1 11 Tf 2 5 Td (piet.bakker@example.nl BSN 111222333) Tj ET EMC", b"/Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources << /Font << /F1 5 0 R >> >>", compress=True),
}
open("leak-11-unread-streams-a.pdf","wb").write(simple(BASE_TEXT, objs, cat_extra=b"/StructTreeRoot 6 0 R /MarkInfo << /Marked true >>"))

# ---- from t05_ps_xobject.py
# PostScript XObject (/Subtype /PS) in the page resources, drawn with Do.
from mkpdf import *
objs = {
 6: stream(b"/Helvetica findfont 11 scalefont setfont 72 600 moveto (piet.bakker@example.nl BSN 111222333) show", b"/Type /XObject /Subtype /PS", compress=True),
}
c = BASE_TEXT + b"/PS0 Do\n"
open("leak-11-unread-streams-b.pdf","wb").write(simple(c, objs, res_extra=b"/XObject << /PS0 6 0 R >>"))

# ---- from t09_trailer_stream.py
# A custom trailer key pointing to a stream (and a string).
from mkpdf import *
objs = { 6: stream(b"Notitie: piet.bakker@example.nl BSN 111222333", compress=False) }
open("leak-11-unread-streams-c.pdf","wb").write(simple(BASE_TEXT, objs, trailer_extra=b" /XNotes 6 0 R"))

# ---- from t24_function_and_props.py
# Streams lak does not read: a Type 4 (PostScript calculator) function of a shading with a comment,
# a form XObject named in /Properties (not /XObject), and an ICC profile of an output intent.
from mkpdf import *
objs = {
 6: b"<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 100 0] /Function 7 0 R >>",
 7: stream(b"{ % opgesteld door piet.bakker@example.nl BSN 111222333\n pop 0.5 }", b"/FunctionType 4 /Domain [0 1] /Range [0 1]"),
 8: stream(b"BT /F1 11 Tf 72 500 Td (mevrouw A. de Vries, tel 06-12345678) Tj ET", b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"),
 9: stream(b"ICC-ish profile, desc: NL91ABNA0417164300", b"/N 3"),
}
c = BASE_TEXT + b"q 0 0 100 100 re W n /Sh0 sh Q\n"
open("leak-11-unread-streams-d.pdf","wb").write(simple(c, objs, res_extra=b"/Shading << /Sh0 6 0 R >> /Properties << /P0 8 0 R >>",
    cat_extra=b"/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /DestOutputProfile 9 0 R >>]"))

# ---- from t23_jpx_xml.py
# A JPEG 2000 image whose JP2 file carries an XML box with the author's e-mail (JPXDecode).
from mkpdf import *
from PIL import Image
import io, struct
im = Image.new("RGB", (32, 32), (30, 30, 200))
b = io.BytesIO(); im.save(b, "JPEG2000"); jp2 = b.getvalue()
xml = b"<x:xmpmeta><dc:creator>Jan Jansen piet.bakker@example.nl BSN 111222333</dc:creator></x:xmpmeta>"
box = struct.pack(">I", 8 + len(xml)) + b"xml " + xml
# insert the xml box right after the jp2 header box (before the codestream box)
i = jp2.find(b"jp2c") - 4
jp2 = jp2[:i] + box + jp2[i:]
objs = { 6: b"<< /Type /XObject /Subtype /Image /Width 32 /Height 32 /Filter /JPXDecode /Length %d >>\nstream\n" % len(jp2) + jp2 + b"\nendstream" }
c = BASE_TEXT + b"q 64 0 0 64 72 600 cm /Im0 Do Q\n"
open("leak-11-unread-streams-e.pdf","wb").write(simple(c, objs, res_extra=b"/XObject << /Im0 6 0 R >>"))
