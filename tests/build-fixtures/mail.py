"""Builds fixtures/mail/*.eml with Python's email package (a real MIME producer), in the styles of the
mail clients Woo teams get exports from, plus hostile messages written byte by byte.

Every person, address and number is invented; BSNs pass the 11-proof, IBANs the mod-97 check.
Run from the repository root: python3 tests/build-fixtures/mail.py
"""

import email.charset
import email.policy
from email.mime.application import MIMEApplication
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
import datetime
import pathlib

OUT = pathlib.Path("fixtures/mail")
OUT.mkdir(parents=True, exist_ok=True)
DATE = format_datetime(datetime.datetime(2025, 3, 4, 10, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=1))))


def write(name, msg, policy=email.policy.SMTP):
    (OUT / name).write_bytes(msg.as_bytes(policy=policy))


def outlook():
    """multipart/alternative, both parts windows-1252 quoted-printable, Outlook's markup and headers."""
    cp = email.charset.Charset("windows-1252")
    cp.body_encoding = email.charset.QP
    plain = (
        "Geachte heer Brouwer,\r\n\r\n"
        "Namens mevrouw Anouk Timmermans (BSN 961145936) stuur ik de aanvraag voor één parkeervergunning.\r\n"
        "De vergoeding van € 25,00 mag naar NL44RABO0123456789. Zij is bereikbaar op 06-48213579.\r\n\r\n"
        "Met vriendelijke groet,\r\n\r\nSanne Verhoeven\r\nJuridisch Loket\r\n"
    )
    html = (
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
        "<style><!-- p.MsoNormal {margin:0cm;font-size:11.0pt;} --></style>"
        "<!--[if gte mso 9]><xml><o:shapedefaults v:ext=\"edit\" spidmax=\"1026\" /></xml><![endif]-->"
        "</head><body lang=\"NL\"><div class=\"WordSection1\">"
        "<p class=\"MsoNormal\">Geachte heer Brouwer,<o:p></o:p></p>"
        "<p class=\"MsoNormal\">Namens mevrouw <b>Anouk</b> Timmermans (BSN 961145936) stuur ik de aanvraag voor "
        "&eacute;&eacute;n parkeervergunning.<o:p></o:p></p>"
        "<p class=\"MsoNormal\">De vergoeding van &euro; 25,00 mag naar NL44RABO0123456789. Zij is bereikbaar op "
        "06-48213579 of <a href=\"mailto:a.timmermans@example.nl\" title=\"Mail Anouk Timmermans\">mail</a>.</p>"
        "<p class=\"MsoNormal\">Met vriendelijke groet,<br>Sanne Verhoeven<br>Juridisch Loket</p>"
        "<p class=\"MsoNormal\"><a href=\"https://eur01.safelinks.example.com/?url=mailto%3Aa.timmermans%40example.nl"
        "&amp;data=05\">Antwoord aan de aanvrager</a></p>"
        "<img width=\"1\" height=\"1\" src=\"https://tracker.example.com/open.gif?r=a.timmermans\">"
        "<script>document.write('Sanne Verhoeven')</script>"
        "</div></body></html>"
    )
    msg = MIMEMultipart("alternative", boundary="_000_AM0PR01MB1234_")
    msg.preamble = "This is a multi-part message in MIME format."
    msg.attach(MIMEText(plain, "plain", cp))
    msg.attach(MIMEText(html, "html", cp))
    msg["Received"] = "from EXCH01.gemeente.example.nl (192.0.2.15) by EXCH02.gemeente.example.nl; " + DATE
    msg["From"] = "Sanne Verhoeven <s.verhoeven@juridischloket.example.nl>"
    msg["To"] = "Jeroen Brouwer <j.brouwer@gemeente.example.nl>"
    msg["Subject"] = "Aanvraag parkeervergunning mevrouw Timmermans"
    msg["Thread-Topic"] = "Aanvraag parkeervergunning mevrouw Timmermans"
    msg["Thread-Index"] = "AdmNqZ3kTTu0hXr2Q0uVXK0lKHkqHw=="
    msg["Date"] = DATE
    msg["Message-ID"] = "<AM0PR01MB1234.verhoeven@juridischloket.example.nl>"
    msg["Content-Language"] = "nl-NL"
    msg["X-MS-Has-Attach"] = ""
    msg["X-MS-Exchange-Organization-AuthAs"] = "Internal"
    msg["X-Originating-IP"] = "[198.51.100.7]"
    write("outlook-alternative.eml", msg)


THUNDERBIRD_BODY = """Beste Anouk,

Dank voor je bericht. Ik kom donderdag bij je langs op de Wilgenhof.

Met vriendelijke groet,

Jeroen Brouwer
Team Handhaving, Gemeente Voorbeeld
Direct: 030-2861234 | Mobiel: 06-19384756

-------- Doorgestuurd bericht --------
Van: Anouk Timmermans <a.timmermans@example.nl>
Verzonden: maandag 3 maart 2025 10:12
Aan: Jeroen Brouwer <j.brouwer@gemeente.example.nl>
Onderwerp: Overlast Wilgenhof

Beste meneer Brouwer,

Sinds januari staat er een bestelbus met kenteken VX-412-K voor mijn deur aan de Wilgenhof 12,
3521 KL Utrecht. Mijn BSN is 961145936, bel me gerust op 06-48213579.

Groet,
Anouk Timmermans
"""


def thunderbird():
    """Plain text, UTF-8, format=flowed, 8bit, a forwarded message quoted with Van:/Verzonden:/Aan:."""
    msg = MIMEText(THUNDERBIRD_BODY, "plain", "utf-8")
    del msg["Content-Transfer-Encoding"]
    msg.set_payload(THUNDERBIRD_BODY.encode("utf-8"))
    msg["Content-Transfer-Encoding"] = "8bit"
    msg.set_param("format", "flowed")
    msg["From"] = "Jeroen Brouwer <j.brouwer@gemeente.example.nl>"
    msg["To"] = "Anouk Timmermans <a.timmermans@example.nl>"
    msg["Subject"] = "Re: Overlast Wilgenhof"
    msg["Date"] = DATE
    msg["Message-ID"] = "<8f3a2c1e-brouwer@gemeente.example.nl>"
    msg["In-Reply-To"] = "<CAKx=timmermans.0303@mail.example.nl>"
    msg["References"] = "<CAKx=timmermans.0303@mail.example.nl>"
    msg["User-Agent"] = "Mozilla Thunderbird"
    return msg


def base64_utf8():
    """UTF-8 base64 body, encoded-word display names (B and Q), LF line endings."""
    body = (
        "Beste Zoë,\n\nHierbij het rekeningnummer NL05INGB0008765432 van meneer Bram Özdemir "
        "(BSN 301191487), geboren op 14-08-1979.\nZijn telefoonnummer is 06-27485913.\n\nGroet,\nLieke\n"
    )
    msg = MIMEText(body, "plain", "utf-8")  # Python writes UTF-8 bodies in base64
    msg["From"] = "=?UTF-8?B?Wm/DqyB2YW4gRGlqaw==?= <zoe.vandijk@example.nl>"
    msg["To"] = "=?UTF-8?Q?Bram_=C3=96zdemir?= <b.ozdemir@example.nl>"
    msg["Cc"] = "Lieke Janssen <l.janssen@example.nl>, =?utf-8?q?Zo=C3=AB?= <zoe.vandijk@example.nl>"
    msg["Subject"] = "=?UTF-8?Q?Rekening_meneer_=C3=96zdemir?="
    msg["Date"] = DATE
    msg["Message-ID"] = "<20250304.lieke@example.nl>"
    write("base64-utf8.eml", msg, policy=email.policy.compat32)


def attachments():
    """multipart/mixed with a PDF and a DOCX from the demo dossier, named after people (one RFC 2231)."""
    demo = pathlib.Path("examples/woo-verzoek")
    msg = MIMEMultipart("mixed", boundary="----=_Part_0304_1012")
    msg.attach(MIMEText("Beste Karin Bosman,\n\nBijgaand het verslag en de ontvangstbevestiging.\n\nGroet,\nSjoerd\n", "plain", "utf-8"))
    pdf = MIMEApplication((demo / "03 Verslag bewonersoverleg.pdf").read_bytes(), "pdf")
    pdf.add_header("Content-Disposition", "attachment", filename="Verslag Karin Bosman.pdf")
    msg.attach(pdf)
    docx = MIMEApplication(
        (demo / "02 Ontvangstbevestiging.docx").read_bytes(),
        "vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    docx.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "Ontvangstbevestiging – Sjoerd Kuipers.docx"))
    msg.attach(docx)
    msg["From"] = "Sjoerd Kuipers <s.kuipers@example.nl>"
    msg["To"] = "Karin Bosman <k.bosman@lakdorp.example.nl>"
    msg["Subject"] = "Stukken bewonersoverleg"
    msg["Date"] = DATE
    msg["Message-ID"] = "<stukken.kuipers@example.nl>"
    write("attachments.eml", msg)


def forwarded():
    """A message forwarded as a message/rfc822 attachment."""
    msg = MIMEMultipart("mixed", boundary="------------fwd0304")
    msg.attach(MIMEText("Ter info, zie het bericht hieronder.\n\nLieke\n", "plain", "utf-8"))
    msg.attach(MIMEMessage(thunderbird()))
    msg["From"] = "Lieke Janssen <l.janssen@example.nl>"
    msg["To"] = "Team Handhaving <handhaving@gemeente.example.nl>"
    msg["Subject"] = "Fwd: Re: Overlast Wilgenhof"
    msg["Date"] = DATE
    msg["Message-ID"] = "<fwd.janssen@example.nl>"
    write("forwarded.eml", msg)


def hostile():
    crlf = lambda s: s.replace("\n", "\r\n").encode()
    (OUT / "malformed-boundary.eml").write_bytes(crlf(
        "From: Anouk Timmermans <a.timmermans@example.nl>\nSubject: kapot\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"abc\"\n\n--abc\nContent-Type: text/plain\n\n"
        "BSN 961145936\n--abd--\n"
    ))
    (OUT / "unknown-charset.eml").write_bytes(crlf(
        "From: Anouk Timmermans <a.timmermans@example.nl>\nSubject: tekenset\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=x-mac-klingon\n\nBSN 961145936\n"
    ))
    inner = "Content-Type: text/plain; charset=us-ascii\n\nBSN 961145936\n"
    for i in range(40):
        inner = f"Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n{inner}\n--b{i}--\n"
    (OUT / "deep-nesting.eml").write_bytes(crlf("From: a@example.nl\nSubject: diep\nMIME-Version: 1.0\n" + inner))
    folded = "\n ".join(["Anouk Timmermans"] * 5000)
    (OUT / "huge-header.eml").write_bytes(crlf(f"From: a@example.nl\nSubject: {folded}\n\nBSN 961145936\n"))
    (OUT / "smime-signed.eml").write_bytes(crlf(
        "From: Anouk Timmermans <a.timmermans@example.nl>\nSubject: ondertekend\nMIME-Version: 1.0\n"
        "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"s\"\n\n"
        "--s\nContent-Type: text/plain\n\nBSN 961145936\n--s\nContent-Type: application/pkcs7-signature; name=smime.p7s\n"
        "Content-Transfer-Encoding: base64\n\nMIAGCSqGSIb3DQEHAqCAMIACAQE=\n--s--\n"
    ))
    (OUT / "winmail-dat.eml").write_bytes(crlf(
        "From: Anouk Timmermans <a.timmermans@example.nl>\nSubject: bijlage\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"w\"\n\n--w\nContent-Type: text/plain\n\nZie bijlage.\n"
        "--w\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\nContent-Transfer-Encoding: base64\n\n"
        "eJ8+IgEAAQ==\n--w--\n"
    ))


outlook()
write("thunderbird-reply.eml", thunderbird())
base64_utf8()
attachments()
forwarded()
hostile()
