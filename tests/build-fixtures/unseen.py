#!/usr/bin/env python3
"""Builds fixtures/unseen/: documents in layouts the generated corpus never uses (issue 8), where the label
of a value stands in another table cell or on the other side of a form line.

Every person, number and address is synthetic: the BSN passes the 11-proof, the ID numbers follow the
passport shape. tests/unseen.rs checks each output with an independent extractor.

Run from the repository root:
    pip install python-docx reportlab
    python3 tests/build-fixtures/unseen.py
"""

import datetime
import os

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "fixtures", "unseen")
FIXED = datetime.datetime(2024, 1, 2, 3, 4, 5)


def word_form_table():
    """A Word form: the label in the left cell, the value in the right one."""
    d = docx.Document()
    d.add_heading("Aanvraag parkeervergunning bewoners", level=1)
    rows = [
        ("Naam", "Tsjalling Wiersma"),
        ("Geboortedatum", "02-11-1962"),
        ("BSN", "123456782"),
        ("Nummer identiteitsbewijs", "NXKRTPWA3"),
        ("Datum aanvraag", "14-03-2024"),
        ("Zaaknummer", "Z-2024-00123"),
    ]
    t = d.add_table(rows=len(rows), cols=2)
    for r, (label, value) in enumerate(rows):
        t.cell(r, 0).text = label
        t.cell(r, 1).text = value
    d.add_paragraph("De aanvraag is op 14-03-2024 ontvangen en wordt binnen acht weken behandeld.")
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    d.core_properties.author = ""
    d.save(os.path.join(OUT, "formulier-tabel.docx"))


def pdf_form():
    """A reportlab form: label left, value right on the same line, and an e-mail date right above a
    `Geboortedatum:` line."""
    path = os.path.join(OUT, "formulier.pdf")
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("Formulier")
    y = 780
    c.setFont("Helvetica-Bold", 13)
    c.drawString(72, y, "Melding ontvangen")
    c.setFont("Helvetica", 10)
    y -= 30
    for label, value in [
        ("Geboortedatum:", "14/06/1949"),
        ("Nummer identiteitsbewijs:", "IR1234560"),
        ("Datum ontvangst:", "03-04-2024"),
    ]:
        c.drawString(72, y, label)
        c.drawString(260, y, value)
        y -= 16
    y -= 20
    c.drawString(72, y, "Zie de e-mail van dinsdag 4 april 2023.")
    y -= 14
    c.drawString(72, y, "Geboortedatum: 21-09-1957")
    c.showPage()
    c.save()


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    word_form_table()
    pdf_form()
