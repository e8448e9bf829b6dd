#!/usr/bin/env python3
"""Builds fixtures/pdf/names-kwakernaat.pdf: a letter whose PDF names carry the surname on the page.

The page says "Geachte heer J. Kwakernaat,"; the font resource is /FKwakernaat, the form XObject
/XKwakernaat, the graphics state /GSKwakernaat, the embedded TrueType subset's /BaseFont and /FontName
/AAAAAA+Kwakernaat-Bold, and the font's obsolete /Name repeats /FKwakernaat. lak must rename every
resource (in the resource dictionaries and the content streams), replace the font name, and leave
the file valid and readable. The person is invented.

Needs reportlab (its bundled Bitstream Vera font is embedded) and qpdf. Run from the repository root:
python3 tests/build-fixtures/pdf_names.py
"""
import os
import subprocess
import tempfile

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = "fixtures/pdf/names-kwakernaat.pdf"

pdfmetrics.registerFont(TTFont("Vera", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
with tempfile.TemporaryDirectory() as tmp:
    raw = os.path.join(tmp, "raw.pdf")
    c = canvas.Canvas(raw, pageCompression=0, invariant=1)
    c.setFont("Vera", 12)
    c.drawString(72, 760, "Gemeente Voorbeeld - besluit op uw verzoek")
    c.drawString(72, 730, "Geachte heer J. Kwakernaat,")
    c.beginForm("logo")
    c.rect(0, 0, 40, 20, fill=1)
    c.endForm()
    c.setFillAlpha(0.5)
    c.doForm("logo")
    c.setFillAlpha(1)
    c.drawString(72, 700, "Dit besluit is genomen door het college.")
    c.showPage()
    c.save()
    data = open(raw, "rb").read()
    for old, new in [(b"/F2+0", b"/FKwakernaat"), (b"/FormXob.logo", b"/XKwakernaat"),
                     (b"/gRLs0", b"/GSKwakernaat"), (b"+BitstreamVeraSans-Roman", b"+Kwakernaat-Bold")]:
        assert old in data, old
        data = data.replace(old, new)
    renamed = os.path.join(tmp, "renamed.pdf")
    open(renamed, "wb").write(data)
    # The replacements moved every offset: qpdf rebuilds the cross-reference table.
    r = subprocess.run(["qpdf", "--static-id", "--object-streams=disable", renamed, OUT], capture_output=True)
    assert r.returncode in (0, 3), r.stderr
