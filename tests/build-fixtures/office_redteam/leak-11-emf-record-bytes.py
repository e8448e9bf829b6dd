"""leak-11: EMF records that lak accepts are only partly read (metafile.rs emf()): for record types
2..=122 that are not refused, only the fields lak needs are looked at; every other byte of the record
is copied as is. Shown: (a) an EMR_SETBKCOLOR record whose size covers extra bytes holding UTF-16 text,
(b) an EMR_EXTCREATEFONTINDIRECTW face name (UTF-16), (c) an EMR_EXTTEXTOUTW whose nChars (3) is shorter
than the UTF-16 string stored in the record ("BSN 111222333"): only "BSN" is read."""
from common_repro import *
import struct
def rec(ty, body):
    body = body + b"\0" * ((-len(body)) % 4)
    return struct.pack("<II", ty, 8 + len(body)) + body
def emf(records):
    body = b"".join(records); eof = rec(14, struct.pack("<III", 0, 16, 20)); total = 88 + len(body) + len(eof)
    hdr = struct.pack("<II", 1, 88) + struct.pack("<iiii", 0, 0, 100, 100) + struct.pack("<iiii", 0, 0, 2540, 2540)
    hdr += struct.pack("<IIIIHHIII", 0x464D4520, 0x10000, total, len(records) + 2, 1, 0, 0, 0, 0) + struct.pack("<iiii", 1024, 768, 320, 240)
    return hdr + body + eof
secret16 = "BSN 111222333 piet.bakker@example.nl".encode("utf-16-le")
r1 = rec(25, struct.pack("<I", 0xFFFFFF) + secret16)
face = "piet.bakker@example.nl".encode("utf-16-le").ljust(64, b"\0")
r2 = rec(82, struct.pack("<I", 1) + struct.pack("<iiiiiBBBBBBBB", -12, 0, 0, 0, 400, 0, 0, 0, 0, 0, 0, 0, 0) + face)
body = struct.pack("<iiii", 0, 0, 10, 10) + struct.pack("<Iff", 1, 1.0, 1.0)
body += struct.pack("<iiIII", 0, 0, 3, 76, 0) + struct.pack("<iiii", 0, 0, 10, 10) + struct.pack("<I", 0) + "BSN 111222333".encode("utf-16-le")
r3 = rec(84, body)
cases = {}
for name, recs in [("a_record_tail.docx", [r1]), ("b_font_face.docx", [r2]), ("c_short_nchars.docx", [r3])]:
    p = base_docx(); add_ct_default(p, "emf", "image/x-emf"); p["word/media/image1.emf"] = emf(recs)
    add_rel(p, "word/_rels/document.xml.rels", "rId90", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", "media/image1.emf")
    cases[name] = p
run_cases("leak-11", cases)
