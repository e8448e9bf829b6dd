# A page whose /Resources holds a dictionary nested 150 levels deep (poppler and qpdf read it; lopdf's
# parser stops at 100). lopdf drops the page object; lak reads a blank page, reports "redacted" with
# no findings, and writes a file whose only page is a dangling reference.
from mkpdf import *
val = b"BT /F1 11 Tf 72 700 Td (Contact: piet.bakker@example.nl BSN 111222333) Tj ET\n"
deepd = b"<< /A " * 150 + b"1" + b" >>" * 150
open("bug-01-deep-nesting-page-dropped.pdf","wb").write(simple(BASE_TEXT + val, res_extra=b"/XDeep " + deepd))
