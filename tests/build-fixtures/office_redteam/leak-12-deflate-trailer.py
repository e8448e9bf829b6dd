"""leak-12: bytes after the end of a deflate stream, inside an entry's compressed size, are invisible to
lak's reader (it decompresses, checks the size and CRC) but are copied verbatim for every part lak does
not change (package.rs write(): Out::Raw -> ZipWriter::raw_copy_file). unzip -t and Python accept the input."""
from common_repro import *
import struct, zlib, io, subprocess
def with_trailer(parts, entry, trailer):
    out = io.BytesIO(); cd = b""; n = 0
    for name, data in parts.items():
        data = data.encode() if isinstance(data, str) else data
        co = zlib.compressobj(9, zlib.DEFLATED, -15); comp = co.compress(data) + co.flush()
        if name == entry: comp += trailer
        nb = name.encode(); off = out.tell(); crc = zlib.crc32(data) & 0xffffffff
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 0x21, crc, len(comp), len(data), len(nb), 0) + nb + comp)
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, 0, 8, 0, 0x21, crc, len(comp), len(data), len(nb), 0, 0, 0, 0, 0, off) + nb
        n += 1
    cdo = out.tell(); out.write(cd); out.write(struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, n, n, len(cd), cdo, 0))
    return out.getvalue()
data = with_trailer(base_docx("Hallo"), "word/theme/theme1.xml", b"BSN 111222333 piet.bakker@example.nl")
open("/tmp/_trailer.docx", "wb").write(data)
print(subprocess.run(["unzip", "-tq", "/tmp/_trailer.docx"], capture_output=True, text=True).stdout.strip())
run_cases("leak-12", {"theme_deflate_trailer.docx": data})
