# Reproducer leak-12-skipped-strings. Needs mkpdf.py (same folder). Writes PDF(s) named leak-12-skipped-strings*.pdf.

# ---- from t06_skipped_keys.py
# Strings under keys lak treats as binary/font data: /FontFamily, StructElem /ID, OCG /ID.
from mkpdf import *
objs = {
 5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 32 /Widths [278] /FontDescriptor 6 0 R >>",
 6: b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 /FontFamily (piet.bakker@example.nl) >>",
 7: b"<< /Type /StructTreeRoot /K 8 0 R >>",
 8: b"<< /Type /StructElem /S /P /P 7 0 R /ID (BSN 111222333 jan.jansen@example.nl) /K 0 /Pg 3 0 R >>",
 9: b"<< /Type /OCG /Name (Laag) /ID (mevrouw A. de Vries 06-12345678) >>",
}
c = b"/P <</MCID 0>> BDC " + BASE_TEXT + b"EMC\n"
open("leak-12-skipped-strings-a.pdf","wb").write(simple(c, objs, cat_extra=b"/StructTreeRoot 7 0 R /OCProperties << /OCGs [9 0 R] /D << /ON [9 0 R] >> >>"))

# ---- from t07_huge_string.py
# An outline title longer than 1 MiB: skipped as "data".
from mkpdf import *
title = b"Dossier van mevrouw A. de Vries, piet.bakker@example.nl, BSN 111222333 " + b"x" * (1 << 20)
objs = {
 6: b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
 7: b"<< /Title (" + title + b") /Parent 6 0 R /Dest [3 0 R /Fit] >>",
}
open("leak-12-skipped-strings-b.pdf","wb").write(simple(BASE_TEXT, objs, cat_extra=b"/Outlines 6 0 R"))
