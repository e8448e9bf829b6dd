#!/usr/bin/env python3
"""Builds the PDF fixtures in fixtures/pdf/ (see fixtures/pdf/README.md for why each exists).

Every person and number here is synthetic: generated names, BSNs that pass the 11-proof (111222333,
123456782), the example IBAN NL91ABNA0417164300. Outputs are deterministic (fixed IDs, no dates).

Needs: pip install reportlab fpdf2 pikepdf python-docx; qpdf and LibreOffice (soffice) on the PATH.
Run from the repository root:  python3 tests/build-fixtures/pdf.py
"""
import io
import os
import subprocess
import sys
import tempfile
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, String

OUT = "fixtures/pdf"
A4 = [0, 0, 595, 842]
INTRO = b"(Gemeente Voorbeeld - besluit op uw verzoek) Tj"
OUTRO = b"(Dit besluit is genomen door het college.) Tj"


def helvetica(pdf):
    return pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )


def page(pdf, content, resources, mediabox=None):
    p = Dictionary(
        Type=Name.Page,
        MediaBox=Array(mediabox or A4),
        Contents=pdf.make_stream(content),
        Resources=resources,
    )
    pdf.pages.append(pikepdf.Page(p))
    return pdf.pages[-1]


def letter(middle):
    """A page with an intro line, `middle` (content operators), and a closing line."""
    return (
        b"BT /F1 12 Tf 72 760 Td " + INTRO + b" ET\n"
        + middle
        + b"\nBT /F1 12 Tf 72 600 Td " + OUTRO + b" ET\n"
    )


def save(pdf, name, **kw):
    path = os.path.join(OUT, name)
    # An encrypted file cannot get a content-derived ID; a fixed one keeps it reproducible.
    ident = {"static_id": True} if "encryption" in kw else {"deterministic_id": True}
    pdf.save(path, **ident, **kw)
    return path


def simple(name, middle, extra=None, fonts=None):
    pdf = pikepdf.new()
    res = Dictionary(Font=Dictionary(F1=helvetica(pdf), **(fonts or {})))
    pg = page(pdf, letter(middle), res)
    if extra:
        extra(pdf, pg)
    save(pdf, name)


def gray_image(pdf, w=64, h=32, seed=7):
    data = bytes(((x * 7 + y * 13 + seed) % 200) + 40 for y in range(h) for x in range(w))
    return pdf.make_stream(
        zlib.compress(data),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=w,
        Height=h,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
        Filter=Name.FlateDecode,
    )


# --- real producers ---------------------------------------------------------------------------

def reportlab_letter():
    from reportlab.lib.pagesizes import A4 as RA4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    buf = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(buf, pagesize=RA4, invariant=1, title="Besluit", author="Gemeente Voorbeeld")
    body = [
        Paragraph("Gemeente Voorbeeld", styles["Title"]),
        Paragraph("Geachte heer Jansen,", styles["Normal"]),
        Spacer(1, 8),
        Paragraph(
            "Op 3 maart ontvingen wij uw verzoek. De heer Jan Jansen, wonend aan de Kerkstraat 12 in Haarlem, "
            "vraagt om inzage. Uw burgerservicenummer is 111222333 en uw rekeningnummer NL91 ABNA 0417 1643 00. "
            "Wij hebben het verzoek in behandeling genomen en zullen binnen de wettelijke termijn beslissen over "
            "de gevraagde documenten. Contactpersoon is mevrouw Sanne de Vries van de afdeling Publiekszaken.",
            styles["Normal"],
        ),
        Spacer(1, 8),
        Paragraph("Met vriendelijke groet,", styles["Normal"]),
        Paragraph("Piet Bakker", styles["Normal"]),
        Paragraph("<font name='Times-Roman'>Afdeling Vergunningen, telefoon 06-12345678.</font>", styles["Normal"]),
    ]
    doc.build(body)
    path = os.path.join(OUT, "reportlab-brief.pdf")
    with open(path, "wb") as f:
        f.write(buf.getvalue())

    # Character spacing, word spacing and horizontal scaling on a second document.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=RA4, invariant=1)
    t = c.beginText(72, 760)
    t.setFont("Helvetica", 12)
    t.textLine("Gemeente Voorbeeld - besluit op uw verzoek")
    t.setCharSpace(1.5)
    t.setWordSpace(4)
    t.textLine("Behandelaar: mevrouw Karin Visser, afdeling Burgerzaken")
    t.setCharSpace(0)
    t.setWordSpace(0)
    t.setHorizScale(80)
    t.setFont("Times-Bold", 14)
    t.textLine("Kenmerk 2024-118, de heer Henk Smit")
    t.setHorizScale(100)
    t.setFont("Courier", 10)
    t.textLine("Dit besluit is genomen door het college.")
    c.drawText(t)
    c.showPage()
    c.save()
    with open(os.path.join(OUT, "reportlab-spacing.pdf"), "wb") as f:
        f.write(buf.getvalue())


def bench_report():
    """A 40-page report (reportlab) for benches/pdf.rs: dense paragraphs with a name, BSN or IBAN here
    and there, the shape of a typical Woo dossier document."""
    from reportlab.lib.pagesizes import A4 as RA4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    people = ["Jan Jansen", "Sanne de Vries", "Piet Bakker", "Karin Visser", "Henk Smit", "Ingrid van Dam"]
    filler = (
        "De gemeente heeft het verzoek beoordeeld aan de hand van de Wet open overheid. Daarbij is gekeken "
        "naar de belangen van derden, de bescherming van de persoonlijke levenssfeer en het belang van "
        "openbaarheid. Het college heeft besloten de documenten gedeeltelijk openbaar te maken. "
    )
    body = []
    for page in range(40):
        body.append(Paragraph(f"Hoofdstuk {page + 1}", styles["Heading2"]))
        for k in range(6):
            who = people[(page + k) % len(people)]
            extra = f" Contactpersoon: {who}." if k % 2 == 0 else " Burgerservicenummer 123456782." if k == 3 else ""
            body.append(Paragraph(filler * 2 + extra, styles["Normal"]))
            body.append(Spacer(1, 6))
        body.append(PageBreak())
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=RA4, invariant=1).build(body)
    with open(os.path.join(OUT, "bench-report.pdf"), "wb") as f:
        f.write(buf.getvalue())


def libreoffice_letter():
    import docx

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "DejaVu Sans"
    d.add_heading("Gemeente Voorbeeld", level=1)
    d.add_paragraph("Geachte mevrouw De Vries,")
    d.add_paragraph(
        "Naar aanleiding van uw verzoek van 3 maart delen wij mee dat mevrouw Sanne de Vries, "
        "burgerservicenummer 123456782, per 1 april is ingeschreven. Zoë Çelik en Ørjan Ødegård "
        "zijn als getuigen gehoord."
    )
    d.add_paragraph("Met vriendelijke groet,")
    d.add_paragraph("Ingrid van Dam")
    d.add_paragraph("Dit besluit is genomen door het college.")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "libreoffice-brief.docx")
        d.core_properties.author = "Ingrid van Dam"
        d.save(src)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, src],
            check=True,
            stdout=subprocess.DEVNULL,
            env=dict(os.environ, SOURCE_DATE_EPOCH="0"),
        )
        # Normalise: deterministic ID, no creation dates.
        with pikepdf.open(os.path.join(tmp, "libreoffice-brief.pdf")) as pdf:
            if "/Info" in pdf.trailer:
                for k in ("/CreationDate", "/ModDate"):
                    if k in pdf.trailer.Info:
                        del pdf.trailer.Info[k]
            for k in ("/DocChecksum", "/ID"):
                if k in pdf.trailer:
                    del pdf.trailer[k]
            # LibreOffice's deflate output differs from run to run: recompress so the file is stable.
            pdf.save(
                os.path.join(OUT, "libreoffice-brief.pdf"),
                static_id=True,
                compress_streams=True,
                stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
                recompress_flate=True,
            )


def fpdf2_letter():
    """fpdf2 embeds TrueType fonts as Type0 / CIDFontType2 with Identity-H, /W widths and /ToUnicode."""
    from fpdf import FPDF

    import datetime

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
    pdf.add_page()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(
        0,
        6,
        "Gemeente Voorbeeld\n"
        "Geachte heer Jansen,\n"
        "Op uw verzoek delen wij mee dat de heer Jan Jansen (BSN 111222333) en mevrouw Zoë Çelik "
        "als getuigen zijn gehoord. Hun rekening NL91 ABNA 0417 1643 00 blijft geblokkeerd.\n"
        "Dit besluit is genomen door het college.",
    )
    pdf.output(os.path.join(OUT, "fpdf2-type0.pdf"))


def differences_encoding():
    # Helvetica with a custom /Differences: codes 1.. are letters, so the bytes say nothing.
    names = ["J", "a", "n", "space", "B", "k", "e", "r", "comma"]
    pdf = pikepdf.new()
    f2 = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array([1] + [Name("/" + n) for n in names])),
        )
    )
    code = {n: i + 1 for i, n in enumerate(names)}
    s = bytes(code[c] for c in ["J", "a", "n", "space", "B", "a", "k", "k", "e", "r", "comma"])
    middle = b"BT /F1 12 Tf 72 700 Td (Behandelaar: ) Tj /F2 12 Tf <" + s.hex().encode() + b"> Tj ET"
    page(pdf, letter(middle), Dictionary(Font=Dictionary(F1=helvetica(pdf), F2=f2)))
    save(pdf, "differences.pdf")


def type3_font():
    # A Type3 font whose glyphs are squares, named by /Differences; one glyph procedure also shows text.
    pdf = pikepdf.new()
    helv = helvetica(pdf)
    letters = "JanseHkmit "
    procs = Dictionary()
    diffs = [65]
    for ch in letters:
        gname = "space" if ch == " " else ch
        diffs.append(Name("/" + gname))
        body = b"600 0 0 0 600 700 d1 50 0 500 700 re f" if ch != " " else b"300 0 d0"
        if ch == "J":
            # Text inside a glyph procedure: drawn whenever J is shown.
            body = b"600 0 d0 0 0 600 700 re f BT /H 100 Tf 0 0 Td (Henk Smit) Tj ET"
        procs[Name("/" + gname)] = pdf.make_stream(body)
    widths = [300 if ch == " " else 600 for ch in letters]
    f3 = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, 600, 700]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=procs,
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array(diffs)),
            FirstChar=65,
            LastChar=65 + len(letters) - 1,
            Widths=Array(widths),
            Resources=Dictionary(Font=Dictionary(H=helv)),
        )
    )
    code = {ch: 65 + i for i, ch in enumerate(letters)}
    s = bytes(code[c] for c in "Jan Jansen")
    middle = b"BT /F1 12 Tf 72 700 Td (Naam: ) Tj /T3 12 Tf <" + s.hex().encode() + b"> Tj ET"
    page(pdf, letter(middle), Dictionary(Font=Dictionary(F1=helv, T3=f3)))
    save(pdf, "type3.pdf")


# --- traps --------------------------------------------------------------------------------------

def traps():
    # A scan-like image with an invisible OCR layer over it.
    pdf = pikepdf.new()
    img = gray_image(pdf, 200, 40)
    middle = (
        b"q 300 0 0 60 72 680 cm /Im1 Do Q\n"
        b"BT 3 Tr /F1 12 Tf 80 700 Td (Verzoeker Jan Jansen, BSN 111222333) Tj ET"
    )
    page(pdf, letter(middle), Dictionary(Font=Dictionary(F1=helvetica(pdf)), XObject=Dictionary(Im1=img)))
    save(pdf, "invisible-ocr.pdf")

    simple("white-text.pdf", b"BT 1 g /F1 12 Tf 72 700 Td (Notitie over mevrouw Sanne de Vries) Tj ET 0 g")
    simple("off-page.pdf", b"BT /F1 12 Tf -400 700 Td (Behandelaar: mevrouw Karin Visser) Tj ET")

    # Optional content switched off.
    pdf = pikepdf.new()
    ocg = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Interne notities")))
    pdf.Root.OCProperties = Dictionary(OCGs=Array([ocg]), D=Dictionary(OFF=Array([ocg]), Order=Array([ocg])))
    middle = b"/OC /oc1 BDC BT /F1 12 Tf 72 700 Td (Contact: de heer Henk Smit) Tj ET EMC"
    page(
        pdf,
        letter(middle),
        Dictionary(Font=Dictionary(F1=helvetica(pdf)), Properties=Dictionary(oc1=ocg)),
    )
    save(pdf, "ocg-hidden.pdf")

    # Annotation with the value in /Contents and in its appearance stream.
    def annot(pdf, pg):
        ap = pdf.make_stream(
            b"BT /F1 9 Tf 2 2 Td (BSN 123456782) Tj ET",
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=Array([0, 0, 120, 20]),
            Resources=Dictionary(Font=Dictionary(F1=pdf.pages[0].Resources.Font.F1)),
        )
        a = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.FreeText,
                Rect=Array([72, 650, 192, 670]),
                Contents=String("BSN 123456782"),
                T=String("Jan Jansen"),
                DA=String("/F1 9 Tf 0 g"),
                AP=Dictionary(N=ap),
            )
        )
        link = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Link,
                Rect=Array([72, 755, 300, 775]),
                A=Dictionary(S=Name.URI, URI=String("https://www.voorbeeld.nl/woo")),
            )
        )
        pg.Annots = Array([a, link])

    simple("annotation.pdf", b"", extra=annot)

    # A form field with its value, and a widget appearance showing it.
    def field(pdf, pg):
        ap = pdf.make_stream(
            b"/Tx BMC BT /F1 10 Tf 2 4 Td (Ingrid van Dam) Tj ET EMC",
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=Array([0, 0, 200, 20]),
            Resources=Dictionary(Font=Dictionary(F1=pdf.pages[0].Resources.Font.F1)),
        )
        w = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Tx,
                T=String("naam"),
                V=String("Ingrid van Dam"),
                Rect=Array([72, 650, 272, 670]),
                AP=Dictionary(N=ap),
                P=pg.obj,
            )
        )
        pg.Annots = Array([w])
        pdf.Root.AcroForm = Dictionary(Fields=Array([w]), DA=String("/F1 10 Tf 0 g"))

    simple("form-field.pdf", b"", extra=field)

    # A bookmark whose title names a person (kept, title redacted) with a named destination.
    def outline(pdf, pg):
        item = pdf.make_indirect(Dictionary(Title=String("Dossier Jan Jansen"), Dest=String("jan-jansen")))
        ol = pdf.make_indirect(Dictionary(Type=Name.Outlines, First=item, Last=item, Count=1))
        item.Parent = ol
        pdf.Root.Outlines = ol
        pdf.Root.Names = Dictionary(
            Dests=Dictionary(Names=Array([String("jan-jansen"), Array([pg.obj, Name.Fit])]))
        )
        pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(P=String("Jansen-"))]))

    simple("bookmark.pdf", b"", extra=outline)

    def attachment(pdf, pg):
        fs = pikepdf.AttachedFileSpec(pdf, b"Notitie: BSN 111222333 van Jan Jansen\n", filename="notitie.txt")
        pdf.attachments["notitie.txt"] = fs

    simple("embedded-file.pdf", b"", extra=attachment)

    def javascript(pdf, pg):
        js = pdf.make_stream(b"app.alert('Piet Bakker, BSN 111222333');")
        action = Dictionary(S=Name.JavaScript, JS=js)
        pdf.Root.OpenAction = action
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("init"), action])))
        pg.obj.AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("console.println('Piet Bakker');")))

    simple("javascript.pdf", b"", extra=javascript)

    # Info dictionary and XMP metadata.
    pdf = pikepdf.new()
    page(pdf, letter(b""), Dictionary(Font=Dictionary(F1=helvetica(pdf))))
    pdf.trailer.Info = pdf.make_indirect(
        Dictionary(Author=String("Jan Jansen"), Title=String("Brief aan Sanne de Vries"), Producer=String("x"))
    )
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Karin Visser</rdf:li>'
        b"</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    )
    pdf.Root.Metadata = pdf.make_stream(xmp, Type=Name.Metadata, Subtype=Name.XML)
    save(pdf, "metadata.pdf")

    # Structure tree: /Alt on a figure, /ActualText in the content and in the tree.
    pdf = pikepdf.new()
    img = gray_image(pdf)
    middle = (
        b"/Figure <</MCID 0>> BDC q 120 60 0 0 72 640 cm /Im1 Do Q EMC\n"
        b"/Span <</ActualText (Behandelaar Henk Smit)>> BDC BT /F1 12 Tf 72 700 Td (Behandelaar H.) Tj ET EMC"
    )
    pg = page(pdf, letter(middle), Dictionary(Font=Dictionary(F1=helvetica(pdf)), XObject=Dictionary(Im1=img)))
    fig = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Figure, Alt=String("Foto van Karin Visser"), Pg=pg.obj, K=0)
    )
    para = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.P, ActualText=String("Notitie over Sanne de Vries"), Pg=pg.obj)
    )
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([fig, para])))
    fig.P = root
    para.P = root
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    save(pdf, "structure-tree.pdf")

    # An image-only page (a scan without a text layer).
    pdf = pikepdf.new()
    img = gray_image(pdf, 100, 140)
    page(pdf, b"q 595 0 0 842 0 0 cm /Im1 Do Q", Dictionary(XObject=Dictionary(Im1=img)))
    save(pdf, "image-only.pdf")

    # Encryption: one with a user password, one with an empty user password.
    for name, user in (("encrypted.pdf", "geheim"), ("encrypted-empty-password.pdf", "")):
        pdf = pikepdf.new()
        page(
            pdf,
            letter(b"BT /F1 12 Tf 72 700 Td (Verzoeker: de heer Jan Jansen) Tj ET"),
            Dictionary(Font=Dictionary(F1=helvetica(pdf))),
        )
        # RC4 (not AES): no random initialisation vectors, so the file is reproducible.
        save(pdf, name, encryption=pikepdf.Encryption(user=user, owner="eigenaar", R=4, aes=False, metadata=False))

    # A name split over several operators with kerning, and one drawn out of order.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    after = 72 + stringWidth("Collega Piet Bak", "Helvetica", 12)
    simple(
        "split-name.pdf",
        b"BT /F1 12 Tf 72 700 Td (Geachte heer ) Tj [(J) 20 (a) -15 (n J)] TJ (an) Tj [(s) 10 (en,)] TJ ET\n"
        b"BT /F1 12 Tf %.3f 680 Td (ker is ziek.) Tj ET BT /F1 12 Tf 72 680 Td (Collega Piet Bak) Tj ET" % after,
    )

    # A BSN, an IBAN and a name wrapped over lines.
    simple(
        "wrapped.pdf",
        b"BT /F1 12 Tf 14 TL 72 700 Td (Uw burgerservicenummer is 123 456) Tj T* (782 en uw rekening NL91 ABNA) Tj "
        b"T* (0417 1643 00. Behandelaar is mevrouw Ingrid van) Tj T* (Dam van de afdeling Burgerzaken.) Tj ET",
    )

    # A form XObject drawn on two pages (at different places).
    pdf = pikepdf.new()
    helv = helvetica(pdf)
    form = pdf.make_stream(
        b"BT /F1 10 Tf 0 0 Td (Behandelaar: Piet Bakker, telefoon 06-12345678) Tj ET",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 400, 20]),
        Resources=Dictionary(Font=Dictionary(F1=helv)),
    )
    for y in (700, 650):
        page(
            pdf,
            letter(b"q 1 0 0 1 72 %d cm /Fx Do Q" % y),
            Dictionary(Font=Dictionary(F1=helv), XObject=Dictionary(Fx=form)),
        )
    save(pdf, "form-xobject.pdf")

    # Strings that no viewer shows but the file holds: an unknown operator (in BX/EX, where viewers
    # ignore it) with a string operand, and a DP property list.
    simple(
        "stray-strings.pdf",
        b"BX (Notitie: BSN 111222333) Xq EX /Note <</Author (Jan Jansen)>> DP",
    )

    # Text inside a tiling pattern and inside a soft mask.
    pdf = pikepdf.new()
    helv = helvetica(pdf)
    pat = pdf.make_stream(
        b"BT /F1 8 Tf 0 2 Td (Sanne de Vries) Tj ET",
        Type=Name.Pattern,
        PatternType=1,
        PaintType=1,
        TilingType=1,
        BBox=Array([0, 0, 100, 12]),
        XStep=100,
        YStep=12,
        Resources=Dictionary(Font=Dictionary(F1=helv)),
    )
    smask_form = pdf.make_stream(
        b"1 g 0 0 200 40 re f 0 g BT /F1 10 Tf 5 10 Td (Karin Visser) Tj ET",
        Type=Name.XObject,
        Subtype=Name.Form,
        Group=Dictionary(S=Name.Transparency, CS=Name.DeviceGray),
        BBox=Array([0, 0, 200, 40]),
        Resources=Dictionary(Font=Dictionary(F1=helv)),
    )
    gs = Dictionary(Type=Name.ExtGState, SMask=Dictionary(S=Name.Luminosity, G=smask_form))
    middle = b"q /Pattern cs /P1 scn 72 660 300 36 re f Q q /GS1 gs 0 0 1 rg 72 620 200 30 re f Q"
    page(
        pdf,
        letter(middle),
        Dictionary(Font=Dictionary(F1=helv), Pattern=Dictionary(P1=pat), ExtGState=Dictionary(GS1=gs)),
    )
    save(pdf, "pattern-softmask.pdf")


def pieces_thumbnail_exif():
    """Page-piece data, a page thumbnail and a JPEG with EXIF: hidden data a viewer does not draw."""
    from PIL import Image

    pdf = pikepdf.new()
    im = Image.new("RGB", (48, 32), (180, 120, 60))
    exif = Image.Exif()
    exif[0x013B] = "Karin Visser"  # Artist
    exif[0x8298] = "Sanne de Vries"  # Copyright
    exif[0x010E] = "Foto van Henk Smit"  # ImageDescription
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80, exif=exif.tobytes())
    jpeg = pdf.make_stream(
        buf.getvalue(),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=48,
        Height=32,
        ColorSpace=Name.DeviceRGB,
        BitsPerComponent=8,
        Filter=Name.DCTDecode,
    )
    pg = page(
        pdf,
        letter(b"q 96 0 0 64 72 660 cm /Im1 Do Q"),
        Dictionary(Font=Dictionary(F1=helvetica(pdf)), XObject=Dictionary(Im1=jpeg)),
    )
    private = Dictionary(Author=String("Jan Jansen"), Notes=String("BSN 111222333"))
    pg.obj.PieceInfo = Dictionary(
        GemeenteApp=Dictionary(LastModified=String("D:20260101000000Z"), Private=private)
    )
    pg.obj.LastModified = String("D:20260101000000Z")
    pdf.Root.PieceInfo = Dictionary(GemeenteApp=Dictionary(Private=Dictionary(Owner=String("Piet Bakker"))))
    thumb = gray_image(pdf, 21, 30, seed=3)
    del thumb.Type
    del thumb.Subtype
    pg.obj.Thumb = thumb
    save(pdf, "pieces-thumbnail-exif.pdf")


def incremental_update():
    """Revision 1 names a person; an incremental update replaces the page content. Old bytes stay."""
    pdf = pikepdf.new()
    page(
        pdf,
        letter(b"BT /F1 12 Tf 72 700 Td (Verzoeker: mevrouw Ingrid van Dam, BSN 123456782) Tj ET"),
        Dictionary(Font=Dictionary(F1=helvetica(pdf))),
    )
    buf = io.BytesIO()
    pdf.save(buf, deterministic_id=True, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    base = buf.getvalue()
    with pikepdf.open(io.BytesIO(base)) as p:
        content_id = p.pages[0].obj.Contents.objgen[0]
        size = int(p.trailer.Size)
        root = p.trailer.Root.objgen[0]
        ident = bytes(p.trailer.ID[0])
    body = letter(b"BT /F1 12 Tf 72 700 Td (Verzoeker: [geanonimiseerd]) Tj ET")
    offset = len(base)
    obj = b"%d 0 obj\n<< /Length %d >>\nstream\n" % (content_id, len(body)) + body + b"\nendstream\nendobj\n"
    prev = base.rindex(b"startxref")
    prev_off = int(base[prev + 9 :].split()[0])
    xref_off = offset + len(obj)
    xref = b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (content_id, offset)
    trailer = b"trailer\n<< /Size %d /Root %d 0 R /Prev %d /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        prev_off,
        ident.hex().encode(),
        ident.hex().encode(),
        xref_off,
    )
    with open(os.path.join(OUT, "incremental-update.pdf"), "wb") as f:
        f.write(base + obj + xref + trailer)


def raw_pdf(objects):
    """A classic PDF from numbered object bodies (object 1 is the catalog); no checks, for hostile files."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def hostile():
    def stream(data, extra=b""):
        return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"

    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    # A content stream that inflates to 256 MiB through two Flate layers (a few hundred bytes on disk).
    bomb = zlib.compress(zlib.compress(b"0 0 m\n" * (256 * 1024 * 1024 // 6), 9), 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(bomb, b"/Filter [/FlateDecode /FlateDecode]"),
    ]
    with open(os.path.join(OUT, "hostile-bomb.pdf"), "wb") as f:
        f.write(raw_pdf(objs))
    # A form XObject that draws itself, and a page tree whose node lists itself as a kid.
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 6 0 R >> /XObject << /Fx 5 0 R >> >> >>",
        stream(b"BT /F1 12 Tf 72 700 Td (Gemeente Voorbeeld) Tj ET /Fx Do"),
        stream(b"/Fx Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fx 5 0 R >> >>"),
        font,
    ]
    with open(os.path.join(OUT, "hostile-cycles.pdf"), "wb") as f:
        f.write(raw_pdf(objs))


def font_program_copy():
    """A BSN on the page and, Flate-compressed, in the font's embedded program (a TrueType program's
    name table can carry any text): lak removes the page's copy but cannot edit a font program, and the
    detector does not read one. Only the final sweep, searching the decoded streams, sees what is left."""
    pdf = pikepdf.new()
    program = (b"\x00\x01\x00\x00" + b"\x00" * 60 + b"name: Notice: ontwerp voor BSN 111222333 " + b"\x00" * 60) * 4
    ff = pdf.make_stream(zlib.compress(program, 9), Filter=Name.FlateDecode, Length1=len(program))
    fd = pdf.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name.Helvetica, Flags=32, FontBBox=Array([0, -207, 1000, 718]),
        ItalicAngle=0, Ascent=718, Descent=-207, CapHeight=718, StemV=88, FontFile2=ff,
    ))
    font = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding,
        FontDescriptor=fd,
    ))
    res = Dictionary(Font=Dictionary(F1=helvetica(pdf), F2=font))
    page(pdf, letter(b"BT /F2 12 Tf 72 700 Td (BSN 111222333) Tj ET"), res)
    save(pdf, "font-program-copy.pdf", compress_streams=False)


def main():
    os.makedirs(OUT, exist_ok=True)
    reportlab_letter()
    bench_report()
    libreoffice_letter()
    fpdf2_letter()
    differences_encoding()
    type3_font()
    traps()
    pieces_thumbnail_exif()
    incremental_update()
    hostile()
    font_program_copy()
    for f in sorted(os.listdir(OUT)):
        if f.endswith(".pdf"):
            r = subprocess.run(["qpdf", "--check", os.path.join(OUT, f)], capture_output=True)
            ok = r.returncode in (0, 3)
            print(f"{f}: qpdf {'ok' if ok else 'FAILED'}", file=sys.stderr)


if __name__ == "__main__":
    main()
