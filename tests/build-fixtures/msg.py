"""Builds fixtures/mail/*.msg: Outlook messages written per MS-OXMSG into a Compound File (MS-CFB)
written by hand (version 3, 512-byte sectors, a mini stream for the streams under 4096 bytes), plus
hostile containers derived from them.

No Outlook is needed and no library writes CFB in Python's standard library, so this writer is small
and literal; tests/msg.rs checks every fixture with olefile (an independent CFB reader) before lak
reads it. Every person, address and number is invented; the BSN passes the 11-proof, the IBAN mod-97.
Run from the repository root: python3 tests/build-fixtures/msg.py
"""

import pathlib
import struct

OUT = pathlib.Path("fixtures/mail")
DEMO = pathlib.Path("examples/woo-verzoek")

END, FREE, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
SECTOR, MINI = 512, 64

BSN = "284716406"
IBAN = "NL46ABNA0581937264"
assert (sum((9 - i) * int(BSN[i]) for i in range(8)) - int(BSN[8])) % 11 == 0
assert int("".join(str(int(c, 36)) for c in IBAN[4:] + IBAN[:4])) % 97 == 1


# --- Compound File writer -------------------------------------------------------------------------

class Storage:
    def __init__(self):
        self.items = {}  # name -> bytes (stream) or Storage

    def stream(self, name, data):
        self.items[name] = data

    def storage(self, name):
        s = Storage()
        self.items[name] = s
        return s


def cfb_key(name):
    return (len(name.encode("utf-16-le")) // 2, name.upper())


def cfb(root):
    """The bytes of a compound file holding `root`."""
    entries = []  # dicts: name, type, data/children

    def add(name, item):
        e = {"name": name, "left": FREE, "right": FREE, "child": FREE}
        index = len(entries)
        entries.append(e)
        if isinstance(item, Storage):
            e["type"] = 1
            e["kids"] = [add(n, it) for n, it in sorted(item.items.items(), key=lambda kv: cfb_key(kv[0]))]
            e["data"] = b""
        else:
            e["type"] = 2
            e["data"] = item
        return index

    root_e = {"name": "Root Entry", "type": 5, "left": FREE, "right": FREE, "child": FREE, "data": b""}
    entries.append(root_e)
    root_e["kids"] = [add(n, it) for n, it in sorted(root.items.items(), key=lambda kv: cfb_key(kv[0]))]

    def tree(ids):
        # A balanced binary tree of siblings (already in CFB order); returns its root.
        if not ids:
            return FREE
        mid = len(ids) // 2
        entries[ids[mid]]["left"] = tree(ids[:mid])
        entries[ids[mid]]["right"] = tree(ids[mid + 1:])
        return ids[mid]

    for e in entries:
        if "kids" in e:
            e["child"] = tree(e["kids"])

    # Small streams go to the mini stream, the others to sectors of their own.
    mini = bytearray()
    minifat = []
    for e in entries:
        if e["type"] == 2 and len(e["data"]) < 4096:
            if not e["data"]:
                e["start"] = END
                continue
            first = len(mini) // MINI
            n = -(-len(e["data"]) // MINI)
            mini += e["data"] + b"\0" * (n * MINI - len(e["data"]))
            minifat += [first + k + 1 for k in range(n - 1)] + [END]
            e["start"] = first

    def sectors(data):
        return -(-len(data) // SECTOR)

    dir_bytes_len = -(-len(entries) // 4) * SECTOR
    minifat_bytes = b"".join(struct.pack("<I", x) for x in minifat)
    big = [e for e in entries if e["type"] == 2 and len(e["data"]) >= 4096]
    n_dir = dir_bytes_len // SECTOR
    n_minifat = sectors(minifat_bytes)
    n_mini = sectors(mini)
    n_big = sum(sectors(e["data"]) for e in big)
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_fat + n_dir + n_minifat + n_mini + n_big:
        n_fat += 1
    assert n_fat <= 109
    fat = [FATSECT] * n_fat
    body = bytearray()

    def chain(data):
        start = len(fat)
        n = sectors(data)
        fat.extend([start + k + 1 for k in range(n - 1)] + [END])
        body.extend(data + b"\0" * (n * SECTOR - len(data)))
        return start

    dir_start = len(fat)
    fat.extend([dir_start + k + 1 for k in range(n_dir - 1)] + [END])
    body.extend(b"\0" * dir_bytes_len)  # filled below
    minifat_start = chain(minifat_bytes) if minifat else END
    root_e["start"] = chain(bytes(mini)) if mini else END
    root_e["size"] = len(mini)
    for e in big:
        e["start"] = chain(e["data"])
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))

    def entry(e):
        name = e["name"].encode("utf-16-le") + b"\0\0"
        size = e.get("size", len(e["data"]))
        start = e.get("start", END if e["type"] == 1 else 0)
        if e["type"] == 1:
            start, size = 0, 0
        return (name.ljust(64, b"\0") + struct.pack("<HBB", len(name), e["type"], 1)
                + struct.pack("<III", e["left"], e["right"], e["child"]) + b"\0" * 16 + b"\0" * 4
                + b"\0" * 16 + struct.pack("<IQ", start, size))

    dir_bytes = b"".join(entry(e) for e in entries)
    dir_bytes += (b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", FREE, FREE, FREE)
                  + b"\0" * 36 + struct.pack("<IQ", 0, 0)) * ((dir_bytes_len - len(dir_bytes)) // 128)
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    out = bytearray(fat_bytes) + body
    # The directory is the sectors after the FAT.
    d0 = (dir_start - n_fat) * SECTOR + len(fat_bytes)
    out[d0:d0 + dir_bytes_len] = dir_bytes
    difat = list(range(n_fat)) + [FREE] * (109 - n_fat)
    header = (bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, 4096, minifat_start, n_minifat, END, 0)
              + b"".join(struct.pack("<I", x) for x in difat))
    assert len(header) == 512
    return header + bytes(out)


# --- MS-OXMSG ---------------------------------------------------------------------------------------

PT_LONG, PT_BOOL, PT_TIME, PT_STRING8, PT_UNICODE, PT_BINARY, PT_OBJECT = 3, 0xB, 0x40, 0x1E, 0x1F, 0x102, 0xD


class Props:
    """The properties of one object, written as its property stream and substg streams."""

    def __init__(self):
        self.fixed = []  # (tag, 8 bytes)
        self.var = []  # (tag, bytes)

    def long(self, pid, v):
        self.fixed.append(((pid << 16) | PT_LONG, struct.pack("<II", v, 0)))

    def time(self, pid, unix):
        self.fixed.append(((pid << 16) | PT_TIME, struct.pack("<Q", (unix + 11644473600) * 10_000_000)))

    def unicode(self, pid, s):
        self.var.append(((pid << 16) | PT_UNICODE, s.encode("utf-16-le") + b"\0\0"))

    def string8(self, pid, s, encoding="cp1252"):
        self.var.append(((pid << 16) | PT_STRING8, s.encode(encoding) + b"\0"))

    def binary(self, pid, b):
        self.var.append(((pid << 16) | PT_BINARY, b))

    def write(self, storage, header):
        entries = b""
        for tag, v in self.fixed:
            entries += struct.pack("<II", tag, 6) + v
        for tag, v in self.var:
            entries += struct.pack("<IIII", tag, 6, len(v), 0)
            storage.stream("__substg1.0_%08X" % tag, v)
        storage.stream("__properties_version1.0", header + entries)


def message_header(top, recips, attachs):
    h = b"\0" * 8 + struct.pack("<IIII", recips, attachs, recips, attachs)
    return h + (b"\0" * 8 if top else b"")


def recipient(storage, n, name, smtp, kind, exchange=None):
    s = storage.storage("__recip_version1.0_#%08X" % n)
    p = Props()
    p.long(0x0C15, kind)
    p.unicode(0x3001, name)
    if smtp:
        p.unicode(0x3002, "SMTP")
        p.unicode(0x3003, smtp)
        p.unicode(0x39FE, smtp)
    else:
        p.unicode(0x3002, "EX")
        p.unicode(0x3003, exchange)
    p.binary(0x0FFF, b"\0\0\0\0" + exchange.encode() if exchange else b"\0\0\0\0entry-id")  # PidTagEntryId
    p.long(0x3000, n)  # PidTagRowid
    p.write(s, b"\0" * 8)


def rtf_compress(rtf):
    """MS-OXRTFCP `LZFu` with literals only (valid compressed RTF; its CRC checked by readers)."""
    prebuf_len = 207
    out = bytearray()
    items = list(rtf)
    pos = prebuf_len + len(items)
    i = 0
    while True:
        group = items[i:i + 8]
        i += len(group)
        if len(group) < 8:
            # The end: a reference to the write position, after the remaining literals.
            control = 1 << len(group)
            out.append(control)
            out += bytes(group)
            out += struct.pack(">H", ((pos % 4096) << 4))
            break
        out.append(0)
        out += bytes(group)
    crc = 0
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = 0xEDB88320 ^ (c >> 1) if c & 1 else c >> 1
        table.append(c)
    for b in out:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return struct.pack("<IIII", len(out) + 12, len(rtf), 0x75465A4C, crc) + bytes(out)


def note(storage, top, cls="IPM.Note", subject="", sender=None, recips=(), plain=None, html=None, rtf=None,
         attach=(), extra=None, when=1741079520):
    """A message in `storage`; `sender` is (name, smtp); `recips` are recipient() arguments."""
    p = Props()
    p.unicode(0x001A, cls)
    p.unicode(0x0037, subject)
    p.time(0x0039, when)
    p.time(0x0E06, when + 60)
    if sender:
        p.unicode(0x0C1A, sender[0])
        p.unicode(0x0C1E, "SMTP")
        p.unicode(0x0C1F, sender[1])
        p.unicode(0x5D01, sender[1])
        p.unicode(0x0042, sender[0])
        p.unicode(0x0064, "SMTP")
        p.unicode(0x0065, sender[1])
        p.unicode(0x5D02, sender[1])
    if plain is not None:
        p.unicode(0x1000, plain)
    if html is not None:
        p.long(0x3FDE, 65001)
        p.binary(0x1013, html.encode("utf-8"))
    if rtf is not None:
        p.binary(0x1009, rtf_compress(rtf.encode("cp1252")))
    if extra:
        extra(p)
    for n, r in enumerate(recips):
        recipient(storage, n, *r)
    for n, a in enumerate(attach):
        a(storage.storage("__attach_version1.0_#%08X" % n), n)
    p.write(storage, message_header(top, len(recips), len(attach)))


def file_attachment(name, mime, data):
    def write(s, n):
        p = Props()
        p.long(0x3705, 1)
        p.unicode(0x3707, name)
        p.unicode(0x3704, name[:8].upper())
        p.unicode(0x3001, name)
        p.unicode(0x370E, mime)
        p.binary(0x3701, data)
        p.long(0x0E21, n)  # PidTagAttachNumber
        p.write(s, b"\0" * 8)
    return write


def embedded_attachment(name, **message):
    def write(s, n):
        p = Props()
        p.long(0x3705, 5)
        p.unicode(0x3001, name)
        p.long(0x0E21, n)
        inner = s.storage("__substg1.0_3701000D")
        note(inner, False, **message)
        p.write(s, b"\0" * 8)
    return write


def ole_attachment(s, n):
    p = Props()
    p.long(0x3705, 6)
    p.unicode(0x3001, "Bitmap Image")
    inner = s.storage("__substg1.0_3701000D")
    inner.stream("\x01Ole", b"\x01\0\0\x02" + b"\0" * 16)
    p.write(s, b"\0" * 8)


def named_properties(storage):
    """`__nameid_version1.0` with one named property (PidLidCompany-like), its value at root 0x8000."""
    nid = storage.storage("__nameid_version1.0")
    nid.stream("__substg1.0_00020102", b"")
    nid.stream("__substg1.0_00030102", struct.pack("<IHH", 0x8005, 0, 0))
    nid.stream("__substg1.0_00040102", b"")


SENDER = ("Femke de Graaf", "f.degraaf@example.nl")
RECIPS = [
    ("Ruben Smits", "r.smits@gemeente.example.nl", 1),
    ("Noor El Amrani", None, 2, "/O=LAKDORP/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=NELAMRANI"),
    ("Daan Willems", "daan.willems@example.nl", 3),
]
PLAIN = (
    "Geachte heer Smits,\r\n\r\n"
    f"Hierbij mijn aanvraag voor een parkeervergunning. Mijn BSN is {BSN} en de leges kunnen naar "
    f"{IBAN}.\r\nU kunt mij bellen op 06-31827465.\r\n\r\nMet vriendelijke groet,\r\n\r\nFemke de Graaf\r\n"
)
HTML = (
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>"
    "<p>Geachte heer Smits,</p>"
    f"<p>Hierbij mijn aanvraag voor een parkeervergunning. Mijn BSN is {BSN} en de leges kunnen naar {IBAN}.</p>"
    "<p>U kunt mij bellen op 06-31827465 of mailen naar "
    "<a href=\"mailto:f.degraaf@example.nl\" title=\"Femke de Graaf\">f.degraaf@example.nl</a>.</p>"
    "<p>Met vriendelijke groet,<br>Femke de Graaf</p></body></html>"
)
RTF = "{\\rtf1\\ansi\\ansicpg1252\\fromtext \\deff0{\\fonttbl{\\f0 Arial;}}\\pard Geachte heer Smits,\\par Mijn BSN is " + BSN + ".\\par Femke de Graaf\\par}"


def transport(p):
    p.unicode(0x007D, "Received: from mail.example.nl (192.0.2.44) by mx.gemeente.example.nl\r\n"
                      "X-Originating-IP: [192.0.2.44]\r\n")
    p.unicode(0x1035, "<aanvraag.degraaf@example.nl>")
    p.unicode(0x8005, "Privénotitie: Femke woont op de Kastanjelaan 8")  # a named property's value


def write(name, root):
    (OUT / name).write_bytes(cfb(root))


def outlook_note():
    """Plain, HTML and RTF bodies, To/Cc (Exchange only)/Bcc, transport headers, a named property."""
    root = Storage()
    note(root, True, subject="Aanvraag parkeervergunning Femke de Graaf", sender=SENDER, recips=RECIPS,
         plain=PLAIN, html=HTML, rtf=RTF, extra=transport)
    named_properties(root)
    write("outlook-note.msg", root)


def outlook_attachments():
    """A PDF and a DOCX of the demo dossier (named after people) and a forwarded message (method 5)."""
    root = Storage()
    forwarded = dict(
        subject="Melding overlast Wilgenhof",
        sender=("Bram Hendriks", "b.hendriks@example.nl"),
        recips=[("Femke de Graaf", "f.degraaf@example.nl", 1)],
        plain="Beste Femke,\r\n\r\nDe buurman, Gijs Mulder (06-52938417), parkeert weer op de stoep.\r\n\r\nBram\r\n",
        when=1740990000,
    )
    note(root, True, subject="Stukken bewonersoverleg", sender=SENDER,
         recips=[("Ruben Smits", "r.smits@gemeente.example.nl", 1)],
         plain="Beste Ruben,\r\n\r\nBijgaand het verslag, de ontvangstbevestiging en de melding van Bram.\r\n\r\nFemke\r\n",
         attach=[
             file_attachment("Verslag Karin Bosman.pdf", "application/pdf",
                             (DEMO / "03 Verslag bewonersoverleg.pdf").read_bytes()),
             file_attachment("Ontvangstbevestiging Sjoerd Kuipers.docx",
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             (DEMO / "02 Ontvangstbevestiging.docx").read_bytes()),
             embedded_attachment("Melding overlast Wilgenhof", **forwarded),
         ])
    write("outlook-attachments.msg", root)


def simple(name, cls="IPM.Note", **kw):
    root = Storage()
    args = dict(subject="Aanvraag Femke de Graaf", sender=SENDER, recips=RECIPS[:1], plain=PLAIN)
    args.update(kw)
    note(root, True, cls=cls, **args)
    write(name, root)
    return (OUT / name).read_bytes()


outlook_note()
outlook_attachments()
simple("rtf-only.msg", plain=None, rtf=RTF)
RTF_HTML = (
    "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0 Arial;}}"
    "{\\*\\htmltag19 <html>}{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Beste heer Smits, bel mij op 06-31827465.\\htmlrtf\\par\\htmlrtf0}"
    "{\\*\\htmltag72 </p>}{\\*\\htmltag84 <a href=\"mailto:f.degraaf@example.nl\">}\\htmlrtf {\\htmlrtf0 Femke de Graaf}\\htmlrtf0"
    "{\\*\\htmltag92 </a>}{\\*\\htmltag27 </html>}}"
)
simple("rtf-html.msg", plain=None, rtf=RTF_HTML)
simple("rtf-native.msg", plain=None, rtf=RTF.replace("\\fromtext ", ""))
simple("smime.msg", cls="IPM.Note.SMIME")
simple("appointment.msg", cls="IPM.Appointment")
simple("ole-attachment.msg", attach=[ole_attachment])
base = simple("msg-base.msg")
(OUT / "msg-base.msg").unlink()
# Hostile containers, from the simple message: cut short; a FAT chain that loops; a stream that
# declares 2 GiB.
(OUT / "truncated.msg").write_bytes(base[: len(base) // 2])
data = bytearray(base)
fat0 = 512  # the first FAT sector is sector 0
dir_start = struct.unpack_from("<I", data, 0x30)[0]
struct.pack_into("<I", data, fat0 + 4 * dir_start, dir_start)  # the directory's chain points at itself
(OUT / "cyclic-chain.msg").write_bytes(bytes(data))
data = bytearray(base)
d0 = (dir_start + 1) * SECTOR
for k in range(1, 64):
    e = d0 + 128 * k
    if data[e + 0x42] == 2:
        struct.pack_into("<I", data, e + 0x78, 0x7FFFFFFF)
        break
(OUT / "huge-size.msg").write_bytes(bytes(data))
