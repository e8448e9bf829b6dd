#!/usr/bin/env python3
"""Builds the Office fixtures in fixtures/office/ (see fixtures/office/README.md for what each is for).

Real producers where they can make the hiding place (python-docx, openpyxl, python-pptx, LibreOffice),
direct XML edits for the places those libraries cannot produce (tracked changes, comments, text boxes with
mc:Choice/mc:Fallback, field codes, docVars, content controls bound to customXml, pivot caches, ...).

Every person, number and address is synthetic: BSNs pass the 11-proof, the IBAN is the textbook example.
Each hiding place gets its own value, so tests/office.rs can prove per place that the value is gone.

Run from the repository root:
    pip install python-docx openpyxl python-pptx pillow msoffcrypto-tool
    python3 tests/build-fixtures/office.py        # needs `soffice` (LibreOffice) on the PATH
The output is deterministic apart from what LibreOffice writes into its own files.
"""

import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

import docx
import openpyxl
import pptx
from docx.shared import Pt
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Inches

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "fixtures", "office")
ADV = os.path.join(OUT, "adversarial")
FIXED_TIME = (2024, 1, 2, 3, 4, 6)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def rezip(data, edits=None, add=None, order_last=None):
    """Rewrites a zip: `edits` maps part name -> function(str) -> str, `add` maps new part name -> bytes.
    Entry times are fixed so the script gives the same bytes every run."""
    edits = edits or {}
    add = add or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename in edits:
                body = edits[info.filename](body.decode("utf-8")).encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
        for name, body in add.items():
            zi = zipfile.ZipInfo(name, FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body if isinstance(body, bytes) else body.encode("utf-8"))
    return out.getvalue()


def saved(obj):
    buf = io.BytesIO()
    obj.save(buf)
    return buf.getvalue()


def add_override(ct, part, content_type):
    return ct.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')


def add_default(ct, ext, content_type):
    if f'Extension="{ext}"' in ct:
        return ct
    return ct.replace("</Types>", f'<Default Extension="{ext}" ContentType="{content_type}"/></Types>')


def add_rel(rels, rid, rtype, target, external=False):
    mode = ' TargetMode="External"' if external else ""
    return rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"{mode}/></Relationships>')


def rels_part(*rels):
    external = ' TargetMode="External"'
    body = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{g}"{external if e else ""}/>' for (i, t, g, e) in rels
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{REL}">{body}</Relationships>'


def photo(artist, lat=(52.0, 22.0, 30.0), lon=(4.0, 38.0, 0.0)):
    """A small JPEG carrying EXIF (artist, GPS), XMP and a JPEG comment."""
    im = Image.new("RGB", (16, 16), (40, 90, 160))
    ex = Image.Exif()
    ex[0x013B] = artist  # Artist
    ex[0x010F] = "Fototoestel BV"  # Make
    gps = ex.get_ifd(0x8825)
    gps.update({1: "N", 2: lat, 3: "E", 4: lon})
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{artist}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>'
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=ex, comment=f"Foto: {artist}".encode(), xmp=xmp.encode())
    return buf.getvalue()


def soffice_convert(src_path, fmt, outdir):
    subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", fmt, "--outdir", outdir, src_path],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


# ---------------------------------------------------------------------------------------------- Word

def word_basis():
    """Body with a name split over runs, table, header, footer, hyperlink, picture with EXIF and alt text,
    core/app/custom properties, thumbnail (python-docx's template carries one)."""
    d = docx.Document()
    p = d.add_paragraph("Geachte mevrouw ")
    r = p.add_run("Van der ")
    r.italic = True
    r = p.add_run("Berg")
    r.bold = True
    p.add_run(",")
    d.add_paragraph("Hierbij ontvangt u het besluit op uw aanvraag.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Omschrijving"
    t.cell(0, 1).text = "Waarde"
    t.cell(1, 0).text = "BSN aanvrager"
    t.cell(1, 1).text = "234567806"
    d.sections[0].header.paragraphs[0].text = "Behandelaar: Kees Kok"
    d.sections[0].footer.paragraphs[0].text = "Telefoon 06-11223344"
    link = d.add_paragraph("Vragen? ")
    d.add_picture(io.BytesIO(photo("Hanneke Prins")), width=Inches(1))
    d.add_paragraph("Met vriendelijke groet, de afdeling Vergunningen.")
    d.core_properties.author = "Karel Appelboom"
    d.core_properties.last_modified_by = "Willemijn Hoekstra"
    d.core_properties.subject = "Bezwaar Lars de Wit"
    d.core_properties.title = "Besluit op aanvraag"
    _ = link
    data = saved(d)

    def document(x):
        # A hyperlink run after "Vragen? " and alt text on the picture.
        x = x.replace(
            '<w:t xml:space="preserve">Vragen? </w:t></w:r>',
            '<w:t xml:space="preserve">Vragen? </w:t></w:r><w:hyperlink r:id="rIdMail"><w:r><w:t>stuur een e-mail</w:t></w:r></w:hyperlink>',
            1,
        )
        x = re.sub(r'(<wp:docPr id="\d+" name="[^"]*")', r'\1 descr="Foto van Jeroen Schouten"', x, count=1)
        return x

    def app(x):
        x = re.sub(r"<Company>.*?</Company>|<Company/>|<Manager>.*?</Manager>", "", x)
        return x.replace("</Properties>", "<Company>Adviesbureau Hoekstra BV</Company><Manager>Ruud Kuipers</Manager></Properties>")

    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Behandelaar"><vt:lpwstr>Ingrid Vos</vt:lpwstr></property>'
        "</Properties>"
    )
    return rezip(
        data,
        edits={
            "word/document.xml": document,
            "word/_rels/document.xml.rels": lambda x: add_rel(x, "rIdMail", f"{R_DOC}/hyperlink", "mailto:eva.dijkstra@example.nl", True),
            "docProps/app.xml": app,
            "_rels/.rels": lambda x: add_rel(x, "rIdCustom", f"{R_DOC}/custom-properties", "docProps/custom.xml"),
            "[Content_Types].xml": lambda x: add_override(x, "docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"),
        },
        add={"docProps/custom.xml": custom},
    )


WORD_HIDDEN_BODY = """
<w:p><w:r><w:t xml:space="preserve">Besluit over de aanvraag van </w:t></w:r><w:ins w:id="101" w:author="Annelies Verbeek" w:date="2024-03-01T10:00:00Z"><w:r><w:t>aanvrager Sanne de Graaf</w:t></w:r></w:ins><w:del w:id="102" w:author="Annelies Verbeek" w:date="2024-03-01T10:01:00Z"><w:r><w:delText xml:space="preserve"> met BSN 789123411</w:delText></w:r></w:del><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>De aanvraag is compleet.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Zichtbare tekst. </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>Verborgen: BSN 345678904</w:t></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:fleur.visser@example.nl" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>mail de behandelaar</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:fldSimple w:instr=" QUOTE &quot;BSN 456789108&quot; "><w:r><w:t>zie kenmerk</w:t></w:r></w:fldSimple></w:p>
<w:p><w:bookmarkStart w:id="5" w:name="Jan-Jansen"/><w:r><w:t>Bladwijzer</w:t></w:r><w:bookmarkEnd w:id="5"/></w:p>
<w:p><w:r><w:t xml:space="preserve">BSN aanvrager: </w:t></w:r><w:sdt><w:sdtPr><w:alias w:val="Aanvrager"/><w:tag w:val="aanvrager"/><w:id w:val="1"/><w:dataBinding w:prefixMappings="" w:xpath="/aanvrager[1]/bsn[1]" w:storeItemID="{11111111-2222-3333-4444-555555555555}"/><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>192837400</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:p><w:r><w:t xml:space="preserve">Zie voetnoot</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> en eindnoot</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="1"/></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="3657600" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="10" name="Tekstvak 1"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3657600" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>Contactpersoon: Daan Mulder, BSN 891234500</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="Tekstvak1" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;width:288pt;height:36pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Contactpersoon: Daan Mulder, BSN 891234500</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
"""


def notes_part(kind, text):
    tag = "footnote" if kind == "footnotes" else "endnote"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} xmlns:w="{W}">'
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{tag}></w:{kind}>'
    )


def word_hidden():
    """The hiding places python-docx cannot make, written as XML into a python-docx document."""
    d = docx.Document()
    d.add_paragraph("Verslag van de behandeling.")
    d.core_properties.author = "Vincent Lammers"
    data = saved(d)
    ns = W
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{ns}">'
        '<w:comment w:id="0" w:author="Marloes Brouwer" w:date="2024-03-02T09:00:00Z" w:initials="MB">'
        "<w:p><w:r><w:t>Bel mevrouw Lotte Dekker op 06-22334455</w:t></w:r></w:p></w:comment></w:comments>"
    )
    comments_ext = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        '<w15:commentEx w15:paraId="00000001" w15:done="0"/></w15:commentsEx>'
    )
    people = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        '<w15:person w15:author="Marloes Brouwer"><w15:presenceInfo w15:providerId="None" w15:userId="Marloes Brouwer"/></w15:person></w15:people>'
    )
    custom_item = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<aanvrager><naam>Noor Smit</naam><bsn>192837400</bsn></aanvrager>'
    item_props = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{11111111-2222-3333-4444-555555555555}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>'
    )
    diagram = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt modelId="{00000000-0000-0000-0000-000000000001}">'
        "<dgm:t><a:bodyPr/><a:p><a:r><a:t>Projectleider Tim Hermans</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst><dgm:cxnLst/></dgm:dataModel>"
    )
    chart = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/>'
        '<c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>Blad1!$A$2</c:f><c:strCache><c:ptCount val="1"/>'
        '<c:pt idx="0"><c:v>Lisa Kramer</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Blad1!$B$2</c:f><c:numCache>'
        '<c:ptCount val="1"/><c:pt idx="0"><c:v>3</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/>'
        "</c:barChart></c:plotArea></c:chart></c:chartSpace>"
    )
    glossary = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:glossaryDocument xmlns:w="{ns}"><w:docParts><w:docPart><w:docPartPr>'
        '<w:name w:val="Aanhef"/><w:category><w:name w:val="Algemeen"/><w:gallery w:val="placeholder"/></w:category>'
        '<w:guid w:val="{22222222-3333-4444-5555-666666666666}"/></w:docPartPr><w:docPartBody><w:p><w:r><w:t>Sjabloontekst voor Rik Willems</w:t></w:r></w:p>'
        "</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>"
    )

    def document(x):
        return x.replace("<w:sectPr", WORD_HIDDEN_BODY.replace("\n", "") + "<w:sectPr", 1)

    def settings(x):
        x = x.replace("<w:defaultTabStop", '<w:attachedTemplate r:id="rIdTpl"/><w:defaultTabStop', 1)
        return x.replace("<w:rsids>", '<w:docVars><w:docVar w:name="Aanvrager" w:val="BSN 567891203"/></w:docVars><w:rsids>', 1)

    def doc_rels(x):
        for rid, t, target in [
            ("rIdCm", f"{R_DOC}/comments", "comments.xml"),
            ("rIdCmx", "http://schemas.microsoft.com/office/2011/relationships/commentsExtended", "commentsExtended.xml"),
            ("rIdPpl", "http://schemas.microsoft.com/office/2011/relationships/people", "people.xml"),
            ("rIdFn", f"{R_DOC}/footnotes", "footnotes.xml"),
            ("rIdEn", f"{R_DOC}/endnotes", "endnotes.xml"),
            ("rIdCx", f"{R_DOC}/customXml", "../customXml/item2.xml"),
            ("rIdDgm", f"{R_DOC}/diagramData", "diagrams/data1.xml"),
            ("rIdCh", f"{R_DOC}/chart", "charts/chart1.xml"),
            ("rIdGl", f"{R_DOC}/glossaryDocument", "glossary/document.xml"),
        ]:
            x = add_rel(x, rid, t, target)
        return x

    def ct(x):
        for part, t in [
            ("word/comments.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"),
            ("word/commentsExtended.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"),
            ("word/people.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"),
            ("word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"),
            ("word/endnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"),
            ("customXml/itemProps2.xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"),
            ("word/diagrams/data1.xml", "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"),
            ("word/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"),
            ("word/glossary/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml"),
        ]:
            x = add_override(x, part, t)
        return x

    return rezip(
        data,
        edits={
            "word/document.xml": document,
            "word/settings.xml": settings,
            "word/_rels/document.xml.rels": doc_rels,
            "[Content_Types].xml": ct,
        },
        add={
            "word/comments.xml": comments,
            "word/commentsExtended.xml": comments_ext,
            "word/people.xml": people,
            "word/footnotes.xml": notes_part("footnotes", "Zie dossier van Bram Visser, BSN 283746506"),
            "word/endnotes.xml": notes_part("endnotes", "Bereikbaar via 06-33445566"),
            "word/_rels/settings.xml.rels": rels_part(("rIdTpl", f"{R_DOC}/attachedTemplate", "file:///C:/Users/jvdberg/Sjablonen/Brief.dotx", True)),
            "customXml/item2.xml": custom_item,
            "customXml/itemProps2.xml": item_props,
            "customXml/_rels/item2.xml.rels": rels_part(("rId1", f"{R_DOC}/customXmlProps", "itemProps2.xml", False)),
            "word/diagrams/data1.xml": diagram,
            "word/charts/chart1.xml": chart,
            "word/glossary/document.xml": glossary,
        },
    )


def word_macro():
    """A .docm: the VBA project must go, the document stay."""
    d = docx.Document()
    d.add_paragraph("Macrobrief voor de heer Sophie Hendriks.")
    data = saved(d)
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 24 + b"Attribute VB_Name = \"Module1\"\r\nSub AutoOpen()\r\n' Gemaakt door Sophie Hendriks\r\nEnd Sub\r\n"

    def ct(x):
        x = x.replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml",
        )
        return add_default(x, "bin", "application/vnd.ms-office.vbaProject")

    return rezip(
        data,
        edits={
            "[Content_Types].xml": ct,
            "word/_rels/document.xml.rels": lambda x: add_rel(x, "rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"),
        },
        add={"word/vbaProject.bin": vba},
    )


def word_ole():
    """An embedded OLE object with an EMF preview: lak cannot read either."""
    d = docx.Document()
    d.add_paragraph("Bijlage als ingesloten object:")
    data = saved(d)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 24 + b"Ole10Native Wouter Hermsen BSN 465564707"
    emf = b"\x01\x00\x00\x00" + b"\0" * 36 + b" EMF" + b"\0" * 40
    obj = (
        '<w:p><w:r><w:object w:dxaOrig="1440" w:dyaOrig="1440"><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:72pt;height:72pt">'
        '<v:imagedata r:id="rIdEmf" o:title=""/></v:shape><o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" DrawAspect="Icon" '
        'ObjectID="_1700000000" r:id="rIdOle"/></w:object></w:r></w:p>'
    )

    def ct(x):
        x = add_default(x, "bin", "application/vnd.openxmlformats-officedocument.oleObject")
        return add_default(x, "emf", "image/x-emf")

    def rels(x):
        x = add_rel(x, "rIdOle", f"{R_DOC}/oleObject", "embeddings/oleObject1.bin")
        return add_rel(x, "rIdEmf", f"{R_DOC}/image", "media/image1.emf")

    return rezip(
        data,
        edits={
            "word/document.xml": lambda x: x.replace("<w:sectPr", obj + "<w:sectPr", 1),
            "[Content_Types].xml": ct,
            "word/_rels/document.xml.rels": rels,
        },
        add={"word/embeddings/oleObject1.bin": ole, "word/media/image1.emf": emf},
    )



# ------------------------------------------------------------------------------------------ EMF and WMF

def _pad4(b):
    return b + b"\0" * (-len(b) % 4)


def emf_rec(ty, body):
    body = _pad4(body)
    return struct.pack("<II", ty, 8 + len(body)) + body


def emf_file(records, desc="lak fixtures\0tekening", size_mm=(60, 20)):
    """An EMF: header (with signature, sizes and a description), the records, the end-of-file record."""
    w, h = size_mm
    d = desc.encode("utf-16-le")
    eof = emf_rec(14, struct.pack("<III", 0, 16, 20))
    body_len = sum(len(r) for r in records)
    head_len = 108 + len(_pad4(d))
    total = head_len + body_len + len(eof)
    px = (int(w * 96 / 25.4), int(h * 96 / 25.4))
    header = struct.pack(
        "<iiii iiii I I I I HH I I I ii ii III ii",
        0, 0, px[0], px[1],  # bounds (device pixels)
        0, 0, w * 100, h * 100,  # frame (0.01 mm)
        0x464D4520, 0x10000, total, len(records) + 2, 4, 0,
        len(d) // 2, 108 if d else 0, 0,
        1920, 1080, 508, 286,  # device (pixels), millimetres
        0, 0, 0,  # pixel format, OpenGL
        508000, 286000,  # micrometres
    )
    return emf_rec(1, header + d) + b"".join(records) + eof


def emf_font(ih, height=-40, face="Arial", charset=0):
    lf = struct.pack("<iiiii BBBBBBBB", height, 0, 0, 0, 400, 0, 0, 0, charset, 0, 0, 0, 0)
    lf += face.encode("utf-16-le").ljust(64, b"\0")
    return emf_rec(82, struct.pack("<I", ih) + lf)


def emf_select(ih):
    return emf_rec(37, struct.pack("<I", ih))


def emf_text_w(x, y, text, options=0, glyphs=None):
    """EMR_EXTTEXTOUTW with a rectangle and an advance per code unit; `glyphs` replaces the string by
    glyph indices (ETO_GLYPH_INDEX)."""
    units = glyphs if glyphs is not None else list(struct.unpack(f"<{len(text.encode('utf-16-le')) // 2}H", text.encode("utf-16-le")))
    n = len(units)
    s = _pad4(struct.pack(f"<{n}H", *units))
    off_string = 76
    off_dx = off_string + len(s)
    body = struct.pack("<iiii I ff", x, y, x + 9 * n, y + 16, 1, 0.0, 0.0)
    body += struct.pack("<ii I I I iiii I", x, y, n, off_string, options, x, y, x + 9 * n, y + 16, off_dx)
    body += s + struct.pack(f"<{n}i", *([9] * n))
    return emf_rec(84, body)


def emf_shapes():
    """A filled ellipse and rectangle: what a logo is made of."""
    brush = emf_rec(39, struct.pack("<I III", 1, 0, 0x00AA5500, 0))
    return [brush, emf_select(1), emf_rec(42, struct.pack("<iiii", 2, 2, 60, 60)), emf_rec(43, struct.pack("<iiii", 70, 10, 220, 50))]


def emf_plus_comment():
    """An EMR_COMMENT holding EMF+ records (a header and end of file), as GDI+ writes dual pictures."""
    header = struct.pack("<HHII IIII", 0x4001, 1, 28, 16, 0xDBC01002, 1, 96, 96)
    end = struct.pack("<HHII", 0x4002, 0, 12, 0)
    data = b"EMF+" + header + end
    return emf_rec(70, struct.pack("<I", len(data)) + data)


def wmf_rec(func, body=b""):
    body = body + b"\0" * (len(body) % 2)
    return struct.pack("<IH", (6 + len(body)) // 2, func) + body


def wmf_file(records, bbox=(0, 0, 2400, 600)):
    """A placeable WMF: the placeable header (with its checksum), META_HEADER, the records, META_EOF."""
    records = list(records) + [wmf_rec(0x0000)]
    words = (18 + sum(len(r) for r in records)) // 2
    max_rec = max(len(r) for r in records) // 2
    placeable = struct.pack("<IHhhhhHI", 0x9AC6CDD7, 0, *bbox, 1440, 0)
    checksum = 0
    for (word,) in struct.iter_unpack("<H", placeable):
        checksum ^= word
    header = struct.pack("<HHHIHIH", 1, 9, 0x0300, words, 1, max_rec, 0)
    return placeable + struct.pack("<H", checksum) + header + b"".join(records)


def wmf_text(x, y, text, dx=True):
    s = text.encode("cp1252")
    body = struct.pack("<hhHH", y, x, len(s), 0) + s + b"\0" * (len(s) % 2)
    if dx:
        body += struct.pack(f"<{len(s)}h", *([90] * len(s)))
    return wmf_rec(0x0A32, body)


def wmf_textout(x, y, text):
    s = text.encode("cp1252")
    return wmf_rec(0x0521, struct.pack("<H", len(s)) + s + b"\0" * (len(s) % 2) + struct.pack("<hh", y, x))


def wmf_font(height=-200, charset=0, face="Arial"):
    return wmf_rec(0x02FB, struct.pack("<hhhhhBBBBBBBB", height, 0, 0, 0, 400, 0, 0, 0, charset, 0, 0, 0, 0) + face.encode("cp1252").ljust(32, b"\0"))


def png(color):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buf, "PNG")
    return buf.getvalue()


def swap_media(data, swaps, rels, ext, content_type):
    """Replaces pictures placed as PNG by other bytes: `swaps` maps the PNG part name to the new bytes;
    the part is renamed to the new extension in the zip and in `rels`, and the content type added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            name = info.filename
            if name in swaps:
                body, name = swaps[name], name[: -len(".png")] + "." + ext
            elif name in rels:
                text = body.decode("utf-8")
                for old in swaps:
                    base = old.rsplit("/", 1)[1]
                    text = text.replace(base, base[: -len(".png")] + "." + ext)
                body = text.encode("utf-8")
            elif name == "[Content_Types].xml":
                body = add_default(body.decode("utf-8"), ext, content_type).encode("utf-8")
            zi = zipfile.ZipInfo(name, FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
    return out.getvalue()


def word_with_emf(paragraphs, pictures):
    """A python-docx document with `pictures` (EMF bytes) placed after `paragraphs`."""
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    colors = [(200, 30, 30), (30, 200, 30), (30, 30, 200), (90, 90, 90)]
    for i, _ in enumerate(pictures):
        d.add_picture(io.BytesIO(png(colors[i])), width=Inches(2))
    data = saved(d)
    swaps = {f"word/media/image{i + 1}.png": emf for i, emf in enumerate(pictures)}
    return swap_media(data, swaps, ["word/_rels/document.xml.rels"], "emf", "image/x-emf")


def word_emf():
    """A logo EMF with no personal text (passes untouched) and an EMF form with a name, a BSN and a
    surname confirmed in the body; the body names a person confirmed only in the picture."""
    logo = emf_file(
        emf_shapes() + [emf_font(2), emf_select(2), emf_text_w(80, 20, "Gemeente Lakstad")],
        desc="lak fixtures\0logo",
    )
    form = emf_file(
        [
            emf_font(1),
            emf_select(1),
            emf_text_w(10, 10, "Aanvrager: Pieter Zwart"),
            emf_text_w(10, 30, "BSN 135792472"),
            emf_text_w(10, 50, "Plattegrond tuin Schaap"),
        ],
        desc="lak fixtures\0formulier",
    )
    return word_with_emf(
        ["Geachte mevrouw R. Schaap,", "Bijgaand de tekeningen. Het dossier Zwart is compleet."], [logo, form]
    )


def word_emf_plus():
    """A dual EMF+/EMF picture: GDI+ records lak does not read, so the document needs manual handling."""
    emf = emf_file([emf_plus_comment(), emf_font(1), emf_select(1), emf_text_w(10, 10, "Grafiek")])
    return word_with_emf(["Grafiek uit het rapport:"], [emf])


def word_emf_glyphs():
    """An EMF whose text is glyph indices (ETO_GLYPH_INDEX): the characters are not in the file."""
    emf = emf_file([emf_font(1), emf_select(1), emf_text_w(10, 10, "", options=0x10, glyphs=[43, 68, 81, 3, 45, 68, 81, 86, 72, 81])])
    return word_with_emf(["Handtekening:"], [emf])


def powerpoint_wmf():
    """A WMF with 8-bit (Windows-1252) text: a phone number, and a name in META_TEXTOUT."""
    wmf = wmf_file(
        [
            wmf_rec(0x020B, struct.pack("<hh", 0, 0)),  # SetWindowOrg
            wmf_rec(0x020C, struct.pack("<hh", 600, 2400)),  # SetWindowExt
            wmf_font(),
            wmf_rec(0x012D, struct.pack("<H", 0)),  # SelectObject
            wmf_rec(0x0102, struct.pack("<H", 1)),  # SetBkMode transparent
            wmf_text(100, 100, "Coördinator: bel 06-23456789"),
            wmf_textout(100, 350, "Contactpersoon: Joëlle Zwanenburg"),
        ]
    )
    prs = pptx.Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Bereikbaarheid"
    s.shapes.add_picture(io.BytesIO(png((10, 120, 60))), Inches(1), Inches(2), Inches(6))
    data = saved(prs)
    return swap_media(data, {"ppt/media/image1.png": wmf}, ["ppt/slides/_rels/slide1.xml.rels"], "wmf", "image/x-wmf")


# --------------------------------------------------------------------------------------------- Excel

def excel_basis():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aanvragers"
    ws.append(["Naam", "BSN", "IBAN", "Telefoon", "Opmerking"])
    ws.append(["Mila Jacobs", 384756608, "NL91ABNA0417164300", "06-44556677", None])
    ws.append([None, 475665703, None, None, None])
    ws["A3"] = CellRichText(["Mevrouw ", TextBlock(InlineFont(b=True), "Yara "), TextBlock(InlineFont(i=True), "Bakker")])
    ws.append(["Verborgen rij: Niels Koster", 566574809, None, None, None])
    ws.row_dimensions[4].hidden = True
    ws["G1"] = "Reserve"
    ws["G2"] = "Verborgen kolom: Stijn Vermeulen"
    ws.column_dimensions["G"].hidden = True
    ws["E2"] = "=A2"
    ws["H2"] = "='Dossier Jansen'!A1"
    ws.oddHeader.center.text = "Behandelaar: Ruben Smits"
    dv = DataValidation(type="list", formula1='"Tess Hoekstra,Lucas Meijer"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("A10")
    ws["A2"].comment = Comment("Bel Sem Kuijpers terug", "Roos Wouters")
    hidden = wb.create_sheet("Verborgen")
    hidden.sheet_state = "hidden"
    hidden.append(["BSN", "Naam"])
    hidden.append([657483904, "Julia Maas"])
    dossier = wb.create_sheet("Dossier Jansen")
    dossier["A1"] = "Overzicht"
    wb.defined_names["Overzicht"] = DefinedName("Overzicht", attr_text="'Dossier Jansen'!$A$1")
    wb.properties.creator = "Bas van Dijk"
    wb.properties.lastModifiedBy = "Eline Mertens"
    data = saved(wb)

    def sheet1(x):
        # Cached formula values (openpyxl writes none) and an inline string.
        x = re.sub(r'<c r="E2"[^>]*><f>A2</f><v\s*/?>(</v>)?</c>|<c r="E2"[^>]*><f>A2</f></c>',
                   '<c r="E2" t="str"><f>A2</f><v>Mila Jacobs</v></c><c r="F2" t="inlineStr"><is><t>Behandeld door Femke Peters</t></is></c>', x)
        x = re.sub(r'<c r="H2"[^>]*><f>(.*?)</f>(<v\s*/>|<v></v>)?</c>', r'<c r="H2" t="str"><f>\1</f><v>Overzicht</v></c>', x)
        return x

    out = rezip(data, edits={"xl/worksheets/sheet1.xml": sheet1})
    z = zipfile.ZipFile(io.BytesIO(out))
    s1 = z.read("xl/worksheets/sheet1.xml").decode()
    assert "Femke Peters" in s1 and "<v>Overzicht</v>" in s1, s1[:2000]
    return out


SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def excel_headers():
    """An applicant list whose cells hold dates of birth and 8-digit BSNs without any context word: only
    the column headers (in row 3, under a title) say what they are. One date of birth is an inline
    string, the others shared strings; the BSNs are numbers; the application dates must stay."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aanvragen"
    ws["A1"] = "Aanvragers subsidie 2024"
    ws.append([])
    ws.append(["Voornaam", "Achternaam", "Geboortedatum", "BSN", "Datum aanvraag", "Bedrag"])
    ws.append(["Sanne", "Molenaar", "14-02-1987", 31415908, "01-03-2024", 250])
    ws.append(["Ruben", "Timmerman", "3 maart 1979", 27182812, "02-03-2024", 400])
    ws.append(["Lieke", "Schipper", "INLINE", 31415921, "04-03-2024", 125])
    data = saved(wb)

    strings = []

    def sheet1(x):
        # Text as shared strings, as Excel writes it; the third date of birth stays an inline string.
        def shared(m):
            if m.group(2) == "INLINE":
                return f'<c r="{m.group(1)}" t="inlineStr"><is><t>21-11-1990</t></is></c>'
            if m.group(2) not in strings:
                strings.append(m.group(2))
            return f'<c r="{m.group(1)}" t="s"><v>{strings.index(m.group(2))}</v></c>'

        return re.sub(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>([^<]*)</t></is></c>', shared, x)

    data = rezip(data, edits={"xl/worksheets/sheet1.xml": sheet1})
    sst = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{SML}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{t}</t></si>" for t in strings)
        + "</sst>"
    )
    return rezip(
        data,
        edits={
            "xl/_rels/workbook.xml.rels": lambda x: add_rel(x, "rIdSst", f"{R_DOC}/sharedStrings", "sharedStrings.xml"),
            "[Content_Types].xml": lambda x: add_override(
                x, "xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
            ),
        },
        add={"xl/sharedStrings.xml": sst},
    )


def excel_dates():
    """Dates of birth typed as real Excel dates: numbers whose style is a date format (a built-in one and
    custom codes with and without a Dutch locale), only the column header saying what they are. The
    application dates are real dates too and must stay. 1900 date system; the 1904 one is a unit test."""
    import datetime

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aanvragen"
    ws.append(["Voornaam", "Geboortedatum", "Datum aanvraag"])
    rows = [
        # (first name, date of birth, its number format, application date, its number format)
        ("Sanne", datetime.date(1987, 3, 16), "dd-mm-yyyy", datetime.date(2024, 3, 1), "dd-mm-yyyy"),
        ("Ruben", datetime.date(1979, 11, 2), "mm-dd-yy", datetime.date(2024, 3, 4), "mm-dd-yy"),  # built-in id 14
        ("Lieke", datetime.date(1990, 7, 21), "d/m/yy", datetime.date(2024, 3, 5), "d/m/yy"),
        ("Daan", datetime.date(1965, 1, 30), "d mmmm yyyy", datetime.date(2024, 3, 6), "d mmmm yyyy"),
        ("Noor", datetime.date(2001, 12, 5), "[$-413]d mmmm yyyy;@", datetime.date(2024, 3, 7), "[$-413]d mmmm yyyy;@"),
    ]
    for name, born, born_fmt, asked, asked_fmt in rows:
        ws.append([name, born, asked])
        ws.cell(ws.max_row, 2).number_format = born_fmt
        ws.cell(ws.max_row, 3).number_format = asked_fmt
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 20
    # Fixed property times and entry times: the same bytes every run.
    stamp = lambda x: re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "2024-01-02T03:04:06Z", x)
    return rezip(saved(wb), edits={"docProps/core.xml": stamp})


def excel_hidden():
    """Pivot cache (definition and records), an external link with a user path, threaded comments and persons."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Naam", "BSN"])
    ws.append(["Daan de Groot", 910283709])
    ws.append(["Sara Willemsen", 102938404])
    data = saved(wb)
    cache_def = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="{SML}" xmlns:r="{R_DOC}" r:id="rId1" '
        'refreshOnLoad="1" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="Data"/></cacheSource>'
        '<cacheFields count="2"><cacheField name="Naam" numFmtId="0"><sharedItems count="2"><s v="Daan de Groot"/><s v="Sara Willemsen"/></sharedItems></cacheField>'
        '<cacheField name="BSN" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" '
        'minValue="102938404" maxValue="910283709"/></cacheField></cacheFields></pivotCacheDefinition>'
    )
    cache_rec = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="{SML}" count="2">'
        '<r><x v="0"/><n v="910283709"/></r><r><x v="1"/><n v="102938404"/></r></pivotCacheRecords>'
    )
    ext = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="{SML}" xmlns:r="{R_DOC}"><externalBook r:id="rId1">'
        '<sheetNames><sheetName val="Blad1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>Milan Schipper</v></cell></row>'
        "</sheetData></sheetDataSet></externalBook></externalLink>"
    )
    tc = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
        '<threadedComment ref="A2" dT="2024-01-01T10:00:00.00" personId="{33333333-0000-0000-0000-000000000001}" id="{44444444-0000-0000-0000-000000000001}">'
        "<text>Vraag aan Jesse Bosman</text></threadedComment></ThreadedComments>"
    )
    persons = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
        '<person displayName="Iris Timmermans" id="{33333333-0000-0000-0000-000000000001}" userId="iris.timmermans@example.nl" providerId="None"/></personList>'
    )

    def workbook(x):
        x = x.replace(f'<workbook xmlns="{SML}">', f'<workbook xmlns="{SML}" xmlns:r="{R_DOC}">', 1)
        x = x.replace("</sheets>", '</sheets><externalReferences><externalReference r:id="rIdExt"/></externalReferences>', 1)
        return x.replace("</workbook>", '<pivotCaches><pivotCache cacheId="1" r:id="rIdPc"/></pivotCaches></workbook>', 1)

    def wb_rels(x):
        x = add_rel(x, "rIdPc", f"{R_DOC}/pivotCacheDefinition", "pivotCache/pivotCacheDefinition1.xml")
        x = add_rel(x, "rIdExt", f"{R_DOC}/externalLink", "externalLinks/externalLink1.xml")
        return add_rel(x, "rIdPer", "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml")

    def ct(x):
        for part, t in [
            ("xl/pivotCache/pivotCacheDefinition1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"),
            ("xl/pivotCache/pivotCacheRecords1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"),
            ("xl/externalLinks/externalLink1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"),
            ("xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml"),
            ("xl/persons/person.xml", "application/vnd.ms-excel.person+xml"),
        ]:
            x = add_override(x, part, t)
        return x

    return rezip(
        data,
        edits={"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": wb_rels, "[Content_Types].xml": ct},
        add={
            "xl/pivotCache/pivotCacheDefinition1.xml": cache_def,
            "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels_part(("rId1", f"{R_DOC}/pivotCacheRecords", "pivotCacheRecords1.xml", False)),
            "xl/pivotCache/pivotCacheRecords1.xml": cache_rec,
            "xl/externalLinks/externalLink1.xml": ext,
            "xl/externalLinks/_rels/externalLink1.xml.rels": rels_part(("rId1", f"{R_DOC}/externalLinkPath", "file:///C:/Users/mschipper/Documents/bron.xlsx", True)),
            "xl/threadedComments/threadedComment1.xml": tc,
            "xl/worksheets/_rels/sheet1.xml.rels": rels_part(("rIdTc", "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment", "../threadedComments/threadedComment1.xml", False)),
            "xl/persons/person.xml": persons,
        },
    )


# ---------------------------------------------------------------------------------------- PowerPoint

def powerpoint_basis():
    prs = pptx.Presentation()
    s1 = prs.slides.add_slide(prs.slide_layouts[0])
    tf = s1.shapes.title.text_frame
    tf.text = "Overleg met "
    r = tf.paragraphs[0].add_run()
    r.text = "Vera "
    r.font.bold = True
    r = tf.paragraphs[0].add_run()
    r.text = "Smeets"
    r.font.italic = True
    s1.placeholders[1].text = "Kenmerk 2024-001"
    s1.notes_slide.notes_text_frame.text = "Spreker: bel 06-55667788, BSN 829100106"
    s2 = prs.slides.add_slide(prs.slide_layouts[1])
    s2.shapes.title.text = "Achtergrond"
    s2.placeholders[1].text = "Verborgen dia over Gijs Postma"
    s3 = prs.slides.add_slide(prs.slide_layouts[5])
    s3.shapes.title.text = "Cijfers"
    box = s3.shapes.add_textbox(prs.slide_width + Emu(200000), Emu(100000), Inches(3), Inches(1))
    box.text_frame.text = "Buiten beeld: anouk.vos@example.nl"
    cd = CategoryChartData()
    cd.categories = ["Bart Huisman", "Totaal"]
    cd.add_series("Aanvragen", (3, 5))
    s3.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(4), Inches(3), cd)
    pic = s3.shapes.add_picture(io.BytesIO(photo("Maud Kuiper", lat=(51.0, 55.0, 1.0))), Inches(6), Inches(2), Inches(1))
    pic._element.nvPicPr.cNvPr.set("descr", "Portret van Maud Kuiper")
    prs.core_properties.author = "Tijn Bosch"
    data = saved(prs)
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    authors = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:cmAuthorLst xmlns:p="{p}"><p:cmAuthor id="0" name="Jasper Kok" initials="JK" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'
    cm = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:cmLst xmlns:p="{p}"><p:cm authorId="0" dt="2024-01-01T10:00:00.000" idx="1"><p:pos x="10" y="10"/><p:text>Vraag Bente Wouters om akkoord</p:text></p:cm></p:cmLst>'

    def ct(x):
        x = add_override(x, "ppt/commentAuthors.xml", "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml")
        return add_override(x, "ppt/comments/comment1.xml", "application/vnd.openxmlformats-officedocument.presentationml.comments+xml")

    return rezip(
        data,
        edits={
            "ppt/slides/slide2.xml": lambda x: x.replace("<p:sld ", '<p:sld show="0" ', 1),
            "ppt/slideLayouts/slideLayout1.xml": lambda x: x.replace("Click to edit Master subtitle style", "Sjabloon van Hugo Dijkman", 1),
            "ppt/slideMasters/slideMaster1.xml": lambda x: x.replace("Click to edit Master text styles", "Huisstijl door Nina Claassen", 1),
            "ppt/_rels/presentation.xml.rels": lambda x: add_rel(x, "rIdCa", f"{R_DOC}/commentAuthors", "commentAuthors.xml"),
            "ppt/slides/_rels/slide1.xml.rels": lambda x: add_rel(x, "rIdCm", f"{R_DOC}/comments", "../comments/comment1.xml"),
            "[Content_Types].xml": ct,
        },
        add={"ppt/commentAuthors.xml": authors, "ppt/comments/comment1.xml": cm},
    )


# ----------------------------------------------------------------------------------------- LibreOffice

def libreoffice(tmp):
    """Files written by LibreOffice itself (its own flavour of OOXML)."""
    src = os.path.join(tmp, "lo")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "lo-brief.html"), "w") as f:
        f.write("<html><body><p>Geachte mevrouw Eva de Jong,</p><p>Uw BSN is 293847502.</p><p>Met vriendelijke groet</p></body></html>")
    with open(os.path.join(src, "lo-lijst.csv"), "w") as f:
        f.write("Naam,BSN\nThomas van Leeuwen,738291006\n")
    prs = pptx.Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Toelichting"
    s.placeholders[1].text = "Spreker: Fenna Lammers, BSN 647382908"
    prs.save(os.path.join(src, "lo-dia.pptx"))
    out = os.path.join(tmp, "lo-out")
    soffice_convert(os.path.join(src, "lo-brief.html"), "docx:MS Word 2007 XML", out)
    soffice_convert(os.path.join(src, "lo-lijst.csv"), "xlsx", out)
    soffice_convert(os.path.join(src, "lo-dia.pptx"), "pptx", out)
    return {
        "libreoffice-brief.docx": open(os.path.join(out, "lo-brief.docx"), "rb").read(),
        "libreoffice-lijst.xlsx": open(os.path.join(out, "lo-lijst.xlsx"), "rb").read(),
        "libreoffice-dia.pptx": open(os.path.join(out, "lo-dia.pptx"), "rb").read(),
    }


# ----------------------------------------------------------------------------------------- adversarial

def adversarial(plain_docx):
    files = {}
    # A password-protected Word file: a CFB container, not a zip.
    try:
        import msoffcrypto
        from msoffcrypto.format.ooxml import OOXMLFile

        enc = io.BytesIO()
        OOXMLFile(io.BytesIO(plain_docx)).encrypt("geheim", enc)
        files["versleuteld.docx"] = enc.getvalue()
        _ = msoffcrypto
    except Exception as e:  # pragma: no cover - the fixture is committed
        sys.exit(f"msoffcrypto-tool is needed for versleuteld.docx: {e}")
    # A zip bomb: 24 MiB of zeros in one part.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", FIXED_TIME), '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zi = zipfile.ZipInfo("xl/worksheets/sheet1.xml", FIXED_TIME)
        zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, b"\0" * (24 * 1024 * 1024), compresslevel=9)
    files["zipbom.xlsx"] = out.getvalue()
    # Zip-slip: an entry that would land outside the extraction folder.
    files["zipslip.docx"] = rezip(plain_docx, add={"../../lak-zipslip.txt": "buiten de map"})
    # Two entries with the same name: which one a reader takes is undefined.
    buf = io.BytesIO(rezip(plain_docx))
    with zipfile.ZipFile(buf, "a") as z:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z.writestr(zipfile.ZipInfo("word/document.xml", FIXED_TIME), "<w:document/>")
    files["dubbel.docx"] = buf.getvalue()
    # A DTD with nested entities (billion laughs).
    dtd = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    files["dtd.docx"] = rezip(plain_docx, edits={"word/document.xml": lambda x: dtd + x.split("?>", 1)[1].replace("Entiteiten", "&c;", 1)})
    return files


def main():
    os.makedirs(ADV, exist_ok=True)
    files = {
        "word-basis.docx": word_basis(),
        "word-verborgen.docx": word_hidden(),
        "word-macro.docm": word_macro(),
        "word-ole.docx": word_ole(),
        "excel-basis.xlsx": excel_basis(),
        "excel-verborgen.xlsx": excel_hidden(),
        "presentatie-basis.pptx": powerpoint_basis(),
        "word-emf.docx": word_emf(),
        "word-emf-plus.docx": word_emf_plus(),
        "word-emf-glyphs.docx": word_emf_glyphs(),
        "presentatie-wmf.pptx": powerpoint_wmf(),
        "excel-kolomkoppen.xlsx": excel_headers(),
        "excel-datums.xlsx": excel_dates(),
    }
    tmp = tempfile.mkdtemp()
    try:
        if shutil.which("soffice"):
            files.update(libreoffice(tmp))
        else:
            print("soffice not found: LibreOffice fixtures not rebuilt", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    plain = docx.Document()
    plain.add_paragraph("Entiteiten")
    for name, body in adversarial(saved(plain)).items():
        with open(os.path.join(ADV, name), "wb") as f:
            f.write(body)
    for name, body in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(body)
    print("wrote", len(files), "fixtures to", OUT)


if __name__ == "__main__":
    main()
