"""leak-10: bytes that survive picture "stripping" (images.rs) and a fail-closed bypass (scrub.rs).
 - BMP is returned unchanged without parsing (strip(): `ImageFormat::Bmp => return Ok(None)`): bytes after
   the pixel data survive. Worse: ANY part whose first bytes are "BM" and is >54 bytes is sniffed as BMP
   before the OLE/.bin test in classify(), so an unknown binary (here word/embeddings/oleObject1.bin) is
   copied raw instead of being refused as embedded_object (control without "BM" is refused).
 - PNG keep-list keeps iCCP, whose profile-name field is free Latin-1 text.
 - GIF keeps every extension except comments and non-animation application extensions: the Plain Text
   Extension (0x01) and extra sub-blocks after NETSCAPE2.0 survive.
 - JPEG keeps APP0 and APP14 whatever they hold.
 - WebP keeps unknown chunks (only EXIF and XMP are dropped)."""
from common_repro import *
import struct, zlib, io
from PIL import Image
SECRET = b"BSN 111222333 piet.bakker@example.nl"
def chunk(kind, body): return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
def pil(fmt, mode="RGB"):
    b = io.BytesIO(); Image.new(mode, (8, 8), "white" if mode == "RGB" else 0).save(b, fmt); return b.getvalue()
png = pil("PNG"); png_iccp = png[:33] + chunk(b"iCCP", SECRET.replace(b" ", b"_") + b"\0\0" + zlib.compress(b"\0" * 128)) + png[33:]
g = pil("GIF", "P"); gif_text = g[:-1] + b"\x21\x01\x0c" + bytes(12) + bytes([len(SECRET)]) + SECRET + b"\x00\x3b"
i = 13 + 3 * (1 << ((g[10] & 7) + 1)) if g[10] & 0x80 else 13
gif_ns = g[:i] + b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00" + bytes([len(SECRET)]) + SECRET + b"\x00" + g[i:]
bmp = pil("BMP") + SECRET
j = pil("JPEG"); jpeg_app0 = j[:2] + b"\xff\xe0" + struct.pack(">H", len(SECRET) + 7) + b"JFXX\0" + SECRET + j[2:]
jpeg_app14 = j[:2] + b"\xff\xee" + struct.pack(">H", len(SECRET) + 2) + SECRET + j[2:]
w = pil("WEBP") + b"TEXT" + struct.pack("<I", len(SECRET)) + SECRET + (b"\0" if len(SECRET) % 2 else b""); webp = w[:4] + struct.pack("<I", len(w) - 8) + w[8:]
ctype = {"png": "image/png", "gif": "image/gif", "bmp": "image/bmp", "jpeg": "image/jpeg", "webp": "image/webp"}
cases = {}
for name, data in {"png_iccp.png": png_iccp, "gif_plaintext.gif": gif_text, "gif_netscape.gif": gif_ns, "bmp_trailing.bmp": bmp,
                   "jpeg_app0.jpeg": jpeg_app0, "jpeg_app14.jpeg": jpeg_app14, "webp_chunk.webp": webp}.items():
    Image.open(io.BytesIO(data)).load()  # still a valid picture
    p = base_docx(); ext = name.rsplit(".", 1)[1]
    add_ct_default(p, ext, ctype[ext]); p["word/media/" + name] = data
    add_rel(p, "word/_rels/document.xml.rels", "rId90", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", "media/" + name)
    cases[name.replace(".", "_") + ".docx"] = p
for name, head in [("bin_starting_with_BM.docx", b"BM"), ("CONTROL_bin_without_BM.docx", b"XX")]:
    p = base_docx(); p["word/embeddings/oleObject1.bin"] = head + b"\0" * 60 + SECRET
    add_ct_default(p, "bin", "application/vnd.openxmlformats-officedocument.oleObject")
    cases[name] = p
run_cases("leak-10", cases)
