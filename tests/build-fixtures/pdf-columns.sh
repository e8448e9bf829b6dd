#!/bin/sh
# Builds fixtures/pdf/libreoffice-narrow-columns.pdf: a Word document in two columns 0.3 cm apart (170
# twips, less than one font size of its 10 pt text), exported to PDF by LibreOffice, which draws the
# page column after column. A phone number broken over two lines of the right column (`06-` /
# `12345678`) was joined per baseline with the left column's lines and published in part; see
# tests/pdf.rs `libreoffice_columns_less_than_a_font_size_apart`. The people are invented.
# Needs: LibreOffice (soffice), python3 with python-docx. Run from the repository root.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/libreoffice-narrow-columns.docx" <<'PY'
import sys
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

d = Document()
d.styles["Normal"].font.name = "Liberation Sans"
d.styles["Normal"].font.size = Pt(10)
sect = d.sections[0]._sectPr
cols = sect.find(qn("w:cols"))
if cols is None:
    cols = OxmlElement("w:cols")
    sect.append(cols)
cols.set(qn("w:num"), "2")
cols.set(qn("w:space"), "170")
text = (
    "De gemeente heeft het verzoek op grond van de Woo ontvangen en in behandeling genomen. " * 6
    + "Op 3 maart 2024 sprak ik met Pieter Bakker over de aanvraag. Daarna belde mevrouw Annelies Verhoeven "
    "van de afdeling Vergunningen over de ingediende stukken. Haar telefoonnummer is 06-12345678. "
    + "Het besluit volgt binnen de wettelijke termijn van vier weken na ontvangst. " * 30
)
for _ in range(3):
    d.add_paragraph(text)
d.save(sys.argv[1])
PY
(cd "$work" && soffice --headless --convert-to pdf libreoffice-narrow-columns.docx >/dev/null)
cp "$work/libreoffice-narrow-columns.pdf" fixtures/pdf/
