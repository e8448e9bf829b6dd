"""Builds fixtures/containers/: a dossier zip and a mailbox with Python's zipfile, mailbox and email
packages (real producers), plus hostile zips (a bomb, zip-slip names, an encrypted entry, nesting too
deep). tests/containers.rs reads them.

Every person, address and number is invented; BSNs pass the 11-proof, IBANs the mod-97 check.
Run from the repository root: python3 tests/build-fixtures/containers.py
"""

import email.policy
import io
import mailbox
import pathlib
import struct
import zipfile
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

OUT = pathlib.Path("fixtures/containers")
OUT.mkdir(parents=True, exist_ok=True)
DEMO = pathlib.Path("examples/woo-verzoek")
FIXED = (2025, 3, 4, 10, 12, 0)


def bsn_ok(s):
    d = [int(c) for c in s]
    return len(d) == 9 and (sum(w * x for w, x in zip(range(9, 1, -1), d[:8])) - d[8]) % 11 == 0


def iban_ok(s):
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


BSN_NAME = "219857362"  # in a file name inside the zip
BSN_NESTED = "173829466"  # in the zip inside the zip
BSN_MAIL = "247193859"  # in the mailbox
IBAN_MAIL = "NL20INGB0001234567"
for b in (BSN_NAME, BSN_NESTED, BSN_MAIL):
    assert bsn_ok(b), b
assert iban_ok(IBAN_MAIL)


def add(z, name, data, method=zipfile.ZIP_DEFLATED):
    info = zipfile.ZipInfo(name, FIXED)
    info.compress_type = method
    z.writestr(info, data)


def zip_bytes(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files:
            add(z, name, data)
    return buf.getvalue()


def dossier_zip():
    """A zip as a Woo team gets it: the demo's PDF and DOCX, a message, a file named after a person,
    a folder entry, a zip in the zip, a picture lak does not read, and an entry that escapes (zip-slip)."""
    nested = zip_bytes([
        ("notitie.txt", f"Notitie: meneer Gerrit Hoogeveen (BSN {BSN_NESTED}) belde over de kapvergunning.\n"),
    ])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        add(z, "brief.pdf", (DEMO / "03 Verslag bewonersoverleg.pdf").read_bytes())
        add(z, "ontvangst.docx", (DEMO / "02 Ontvangstbevestiging.docx").read_bytes())
        z.writestr(zipfile.ZipInfo("berichten/", FIXED), b"")
        add(z, "berichten/melding.eml", pathlib.Path("fixtures/mail/base64-utf8.eml").read_bytes())
        add(z, f"Bezwaar Roelofs {BSN_NAME}.txt",
            f"Bezwaarschrift van mevrouw Ilse Roelofs, BSN {BSN_NAME}, tegen de kapvergunning Esdoornlaan.\n")
        add(z, "binnen.zip", nested, zipfile.ZIP_STORED)
        add(z, "../../etc/ontsnapt.txt", "Ontsnapt: mevrouw Ilse Roelofs.\n")
        add(z, "foto.bmp", b"BM" + bytes(60))  # a damaged picture: corrupt
    (OUT / "bijlagen.zip").write_bytes(buf.getvalue())


def message(sender, to, subject, body, html=None):
    if html is None:
        msg = MIMEText(body, "plain", "us-ascii")  # 7bit: the `From ` line stays a line of the file
    else:
        msg = MIMEMultipart("alternative", boundary="alt-0304")
        msg.attach(MIMEText(body, "plain", "utf-8"))
        msg.attach(MIMEText(html, "html", "utf-8"))
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = "Tue, 04 Mar 2025 10:12:00 +0100"
    msg["Message-ID"] = f"<{subject.split()[0].lower()}.0304@example.nl>"
    return msg


def postvak():
    """Three messages written by mailbox.mbox, each behind a `From ` line with its sender's address; the
    second is in a charset no one knows. (No body line starts with `From `: the name recogniser takes
    that `From` for a name, and the message is withheld; `>From` quoting is tested in mbox.rs.)"""
    path = OUT / "postvak.mbox"
    path.unlink(missing_ok=True)
    box = mailbox.mbox(str(path))
    first = message(
        "Femke Dijkhuizen <f.dijkhuizen@example.nl>",
        "Team Vergunningen <vergunningen@gemeente.example.nl>",
        "Kapvergunning Esdoornlaan",
        f"Geachte heer, mevrouw,\n\nMijn BSN is {BSN_MAIL} en mijn rekening {IBAN_MAIL}.\n"
        "Bel me op 06-51738294.\n\n"
        "Met vriendelijke groet,\nFemke Dijkhuizen\n",
    )
    m = mailbox.mboxMessage(first)
    m.set_from("f.dijkhuizen@example.nl Tue Mar  4 10:12:00 2025")
    box.add(m)
    damaged = (
        "From: Femke Dijkhuizen <f.dijkhuizen@example.nl>\nSubject: tekenset\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=x-mac-klingon\n\nBSN {BSN_MAIL}\n"
    )
    m = mailbox.mboxMessage(damaged)
    m.set_from("f.dijkhuizen@example.nl Tue Mar  4 11:00:00 2025")
    box.add(m)
    third = message(
        "Team Vergunningen <vergunningen@gemeente.example.nl>",
        "Femke Dijkhuizen <f.dijkhuizen@example.nl>",
        "Ontvangst bezwaar",
        "Beste mevrouw Dijkhuizen,\n\nWij hebben uw bezwaar tegen de kapvergunning ontvangen.\n\n"
        "Team Vergunningen\n",
        "<p>Beste mevrouw Dijkhuizen,</p><p>Wij hebben uw bezwaar tegen de kapvergunning ontvangen. "
        "<a href=\"mailto:f.dijkhuizen@example.nl\">Antwoord</a></p><p>Team Vergunningen</p>",
    )
    m = mailbox.mboxMessage(third)
    m.set_from("vergunningen@gemeente.example.nl Wed Mar  5 09:00:00 2025")
    box.add(m)
    box.flush()
    box.close()


def hostile():
    # A bomb: 8 MiB of zeros deflate to a few KiB (over 200×).
    (OUT / "bomb.zip").write_bytes(zip_bytes([("leeg.txt", bytes(8 * 1024 * 1024)), ("gewoon.txt", "Gewoon.\n")]))
    # Zip-slip: names that escape the folder they are extracted into.
    (OUT / "slip.zip").write_bytes(zip_bytes([
        ("../ontsnapt.txt", "BSN 219857362\n"),
        ("/etc/absoluut.txt", "BSN 219857362\n"),
        ("map\\terug.txt", "BSN 219857362\n"),
    ]))
    # An encrypted entry: the traditional PKWARE flag (bit 0) set in both headers; lak must not try.
    plain = zip_bytes([("geheim.txt", f"BSN {BSN_NAME}\n"), ("open.txt", "Geen gegevens.\n")])
    data = bytearray(plain)
    first_local = 0
    flags = struct.unpack_from("<H", data, first_local + 6)[0]
    struct.pack_into("<H", data, first_local + 6, flags | 1)
    cd = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 8, struct.unpack_from("<H", data, cd + 8)[0] | 1)
    (OUT / "encrypted.zip").write_bytes(bytes(data))
    # Nesting: a text in a zip in a zip in a zip in a zip (four levels; lak opens three).
    inner = zip_bytes([("diep.txt", f"BSN {BSN_NESTED}\n")])
    for level in (3, 2, 1):
        inner = zip_bytes([(f"niveau{level + 1}.zip", inner)])
    (OUT / "diep.zip").write_bytes(inner)


dossier_zip()
postvak()
hostile()
