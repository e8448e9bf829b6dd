"""Tiny raw PDF writer: objects given as bytes, exact control over content."""
import zlib

def pdf(objects, root=1, trailer_extra=b"", version=b"1.7", info=None):
    """objects: dict num -> bytes (full object body, without 'n 0 obj'/'endobj')."""
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    maxn = max(objects)
    for n in sorted(objects):
        offs[n] = len(out)
        body = objects[n]
        if isinstance(body, str):
            body = body.encode('latin-1')
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (maxn + 1)
    out += b"0000000000 65535 f \n"
    for n in range(1, maxn + 1):
        if n in offs:
            out += b"%010d 00000 n \n" % offs[n]
        else:
            out += b"0000000000 65535 f \n"
    t = b"<< /Size %d /Root %d 0 R" % (maxn + 1, root)
    if info:
        t += b" /Info %d 0 R" % info
    out += b"trailer\n" + t + trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)

def stream(data, dict_extra=b"", compress=False):
    if isinstance(data, str):
        data = data.encode('latin-1')
    if isinstance(dict_extra, str):
        dict_extra = dict_extra.encode('latin-1')
    if compress:
        data = zlib.compress(data)
        dict_extra += b" /Filter /FlateDecode"
    return b"<< /Length %d " % len(data) + dict_extra + b" >>\nstream\n" + data + b"\nendstream"

HELV = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

def simple(content, extra_objs=None, page_extra=b"", res_extra=b"", cat_extra=b"", compress=False, info=None, trailer_extra=b"", fonts=b"/F1 5 0 R"):
    """One-page doc: 1 catalog, 2 pages, 3 page, 4 content, 5 Helvetica. Extra objects from 6."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + cat_extra + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << " + fonts + b" >> " + res_extra + b" >> /Contents 4 0 R " + page_extra + b" >>",
        4: stream(content, compress=compress),
        5: HELV,
    }
    if extra_objs:
        objs.update(extra_objs)
    return pdf(objs, info=info, trailer_extra=trailer_extra)

BASE_TEXT = b"BT /F1 11 Tf 72 760 Td (Dit is een brief over een dossier van de gemeente.) Tj ET\n"

def helv_widths(first=32, last=255, override=None):
    from reportlab.pdfbase.pdfmetrics import stringWidth
    ws = []
    for c in range(first, last + 1):
        try:
            ch = bytes([c]).decode('cp1252')
            w = stringWidth(ch, 'Helvetica', 1000)
        except Exception:
            w = 0
        if override and c in override:
            w = override[c]
        ws.append(b"%d" % round(w))
    return b"/FirstChar %d /LastChar %d /Widths [%s]" % (first, last, b" ".join(ws))
