#!/usr/bin/env python3
"""Builds two PDFs whose words and columns are told apart only by the space between them.

- fixtures/pdf/spacing-kerned-words.pdf: words set in one TJ array each, parted by offsets of 0.12 to
  0.15 em instead of space characters (as typesetters and some converters write justified text). A
  viewer shows `Annelies Verhoeven, telefoon 0612345678`; read without a space wherever the gap is
  under 0.2 em, lak saw `AnneliesVerhoeven,telefoon0612345678` and published the name and the number.
- fixtures/pdf/spacing-two-columns.pdf: a page in two columns with a gutter of two font sizes, drawn
  column after column. Read as one line per baseline, the right column's `Pieter / Bakker` and
  `Ver- / hoeven` were torn apart by the left column's lines.

The content is written by hand (Helvetica, WinAnsi), like the producers that write one Tj per line.
The people are invented. Run from the repository root: python3 tests/build-fixtures/pdf_spacing.py
"""


def pdf(path, content):
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    c = content.encode("latin-1")
    objs.append(b"<< /Length %d >>\nstream\n" % len(c) + c + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def tj(words, gap):
    return "[" + "".join("(%s)%d" % (w, -gap) for w in words[:-1]) + "(%s)] TJ" % words[-1]


intro = "BT /F1 12 Tf 50 760 Td (Gemeente Voorbeeld - besluit op uw verzoek) Tj ET\n"
outro = "BT /F1 10 Tf 50 560 Td (Dit besluit is genomen door het college.) Tj ET\n"
kerned = intro
kerned += "BT /F1 10 Tf 50 700 Td %s ET\n" % tj(
    "Het verzoek is ingediend door Pieter Bakker uit Utrecht.".split(), 150)
kerned += "BT /F1 10 Tf 50 680 Td %s ET\n" % tj(
    "Contact: Annelies Verhoeven, telefoon 0612345678, e-mail a.verhoeven@voorbeeld.nl.".split(), 120)
kerned += "BT /F1 10 Tf 50 660 Td %s ET\n" % tj(
    "Burgerservicenummer van de aanvrager: 111222333.".split(), 130)
kerned += outro
pdf("fixtures/pdf/spacing-kerned-words.pdf", kerned)

left = ["De gemeente heeft het verzoek op", "grond van de Woo ontvangen en in", "behandeling genomen. Het besluit",
        "volgt binnen de wettelijke termijn", "van vier weken na ontvangst."]
right = ["Op 3 maart 2024 sprak ik met Pieter", "Bakker over de aanvraag. Daarna", "belde mevrouw Annelies Ver-",
         "hoeven van de afdeling Vergunningen", "over de ingediende stukken."]
# The longest left line ends near x = 207 (Helvetica 10 pt); the right column starts at 227: a gutter
# of two font sizes.
columns = intro + "BT /F1 10 Tf 12 TL 50 700 Td\n"
columns += "".join("(%s) Tj T*\n" % line for line in left)
columns += "ET\nBT /F1 10 Tf 12 TL 227 700 Td\n"
columns += "".join("(%s) Tj T*\n" % line for line in right)
columns += "ET\n" + outro
pdf("fixtures/pdf/spacing-two-columns.pdf", columns)

# fixtures/pdf/spacing-columns-row-by-row.pdf: the same two columns, but drawn row by row in one text
# object (each baseline left then right), as report writers and HTML-to-PDF converters draw them. Read
# per baseline, `Pieter` came three lines of text away from `Bakker`, and the second half of the phone
# number broken in the left column (`06-` / `87654321`) was published.
left_rows = ["De gemeente heeft het verzoek op", "grond van de Woo ontvangen. Bel", "voor vragen 06-",
             "87654321 of schrijf ons, onder", "vermelding van het kenmerk."]
rows = intro + "BT /F1 10 Tf\n"
for i, (l, r) in enumerate(zip(left_rows, right)):
    y = 700 - 12 * i
    rows += "1 0 0 1 50 %d Tm (%s) Tj 1 0 0 1 227 %d Tm (%s) Tj\n" % (y, l, y, r)
rows += "ET\n" + outro
pdf("fixtures/pdf/spacing-columns-row-by-row.pdf", rows)


def pdf_pages(path, contents):
    """Like pdf(), with one page per content stream."""
    n = len(contents)
    kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids.encode() + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, content in enumerate(contents):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % (5 + 2 * i))
        c = content.encode("latin-1")
        objs.append(b"<< /Length %d >>\nstream\n" % len(c) + c + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def lines_at(x, y, lines, lead=12):
    return "BT /F1 10 Tf %d TL %d %d Td\n" % (lead, x, y) + "".join("(%s) Tj T*\n" % l for l in lines) + "ET\n"


# fixtures/pdf/spacing-values-across-breaks.pdf: values broken where a reader sees one value and lak saw
# two halves (found by a blind hunt over reportlab, Chromium and LibreOffice output): an e-mail address
# broken at its `@` and inside its domain, an IBAN and a dotted BSN broken after a short line, an IBAN
# in a table cell a third of a font size from the next cell (drawn cell after cell), a word and a phone
# number hyphenated at the foot of a column, and a name hyphenated at the foot of a page.
page1 = intro
page1 += lines_at(50, 720, ["Haar e-mailadres is sanne.devries@", "voorbeeldmail.nl volgens het dossier."])
page1 += lines_at(50, 690, ["Zijn adres is p.bakker@voorbeeld", "mail.nl volgens de aanvraag."])
page1 += lines_at(50, 660, ["Het rekeningnummer is NL91", "ABNA 0417 1643 00 volgens de aanvraag."])
page1 += lines_at(50, 630, ["Het BSN van de aanvrager is 1234.56.", "782 volgens de basisregistratie."])
# Two cells, 3 pt apart (the right cell starts 0.3 font size after the longest left line ends).
cell = ["Het rekeningnummer voor de", "terugbetaling is NL91 ABNA", "0417 1643 00 volgens de aanvraag", "van de heer die belde."]
right_cell = ["De brief is ontvangen en in", "behandeling genomen door de", "afdeling Vergunningen van de", "gemeente Voorbeeld."]
page1 += lines_at(50, 590, cell) + lines_at(50 + 160, 590, right_cell)
# Columns whose last line ends in a hyphen, continued at the top of the next column.
page1 += lines_at(50, 520, ["Het verzoek kwam van mevrouw", "Annelies Ver-"])
page1 += lines_at(300, 520, ["hoeven, de buurvrouw van de", "aanvrager, als getuige."])
page1 += lines_at(50, 470, ["Zij belde daarna nog eens", "over de stukken, op 06-"])
page1 += lines_at(300, 470, ["12345678, met een vraag."])
page1 += "BT /F1 10 Tf 50 80 Td (Aan het eind van deze pagina noemen wij Pieter Bak-) Tj ET\n"
page2 = "BT /F1 10 Tf 50 760 Td (ker, de buurman, als getuige.) Tj ET\n" + outro
pdf_pages("fixtures/pdf/spacing-values-across-breaks.pdf", [page1, page2])
