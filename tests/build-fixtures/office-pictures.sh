#!/usr/bin/env bash
# Builds fixtures/office/pictures-*.docx|pptx: Office files with pictures holding personal data, as a Woo
# dossier has them (a copy of an identity card pasted into a letter, a scanned note on a slide).
# LibreOffice renders the card's text to PDF and poppler's pdftoppm rasterises it (a real producer's
# glyphs, not lak's); python-docx and python-pptx put the pictures into the documents, beside a
# picture without text (a grey gradient) that must stay as it is. Everyone in it is invented; the BSN
# passes the 11-proof. Run from the repository root: bash tests/build-fixtures/office-pictures.sh
set -euo pipefail
out=fixtures/office
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/kaart.txt" <<'TXT'
IDENTITEITSKAART
Koninkrijk der Nederlanden

Naam: Verbeek
Voornamen: Lotte Marije
Geboortedatum: 12-05-1984
Documentnummer: NXKR7PWA3
BSN: 274918365
TXT
soffice --headless --convert-to pdf --outdir "$work" "$work/kaart.txt" >/dev/null
pdftoppm -r 110 -gray -png -singlefile -x 0 -y 0 -W 700 -H 330 "$work/kaart.pdf" "$work/kaart"
python3 - "$work/grijs.png" <<'PY'
# A grey gradient, 200 x 120: a picture with no text in it, written with the standard library only.
import struct, sys, zlib
w, h = 200, 120
rows = b"".join(b"\0" + bytes((x + y) % 256 for x in range(w)) for y in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
python3 - "$work" "$out" <<'PY'
import sys
from docx import Document
from docx.shared import Cm
from pptx import Presentation
from pptx.util import Cm as PCm
work, out = sys.argv[1], sys.argv[2]
d = Document()
d.core_properties.author = "Gemeente Voorbeeldstad"
d.add_paragraph("Betreft: aanvraag parkeervergunning")
d.add_paragraph("Bijgevoegd een kopie van het identiteitsbewijs van de aanvrager.")
d.add_picture(work + "/kaart.png", width=Cm(12))
d.add_paragraph("Het logo van de afdeling:")
d.add_picture(work + "/grijs.png", width=Cm(4))
d.add_paragraph("De aanvraag is volledig.")
d.save(out + "/pictures-id-kopie.docx")
p = Presentation()
s = p.slides.add_slide(p.slide_layouts[5])
s.shapes.title.text = "Casus parkeervergunning"
s.shapes.add_picture(work + "/kaart.png", PCm(2), PCm(5), width=PCm(16))
p.save(out + "/pictures-casus.pptx")
PY
