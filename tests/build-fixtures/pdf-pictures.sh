#!/usr/bin/env bash
# Builds fixtures/pdf/pictures-*.pdf: PDF text pages with pictures on them, as Woo dossiers have them
# (a letter exported from Word with a copy of an identity card pasted in, a screenshot of a note).
# LibreOffice writes every PDF (a real producer: its own image encoding, JPEG with a soft mask for a
# transparent PNG); the pictures come from LibreOffice text rasterised by poppler's pdftoppm.
# - pictures-id-kopie.pdf: fixtures/office/pictures-id-kopie.docx exported: an identity card (grey
#   JPEG) and a grey gradient without text, which must stay as it is.
# - pictures-transparant.pdf: a telephone note twice: as a transparent PNG whose text is only in its
#   alpha channel (LibreOffice writes a black JPEG and the shapes in the soft mask) and as a 16-colour
#   palette PNG.
# - pictures-onleesbaar.pdf: a letter as a picture at 50 dpi on a text page: OCR reads it unsure.
# - pictures-foto.pdf: one line of text and a picture without text covering half the page (a photo,
#   or a handwritten letter as far as OCR is concerned): withheld, as a scanned page without text is.
# Everyone in them is invented; the BSN passes the 11-proof, the IBAN the mod-97 check.
# Needs: LibreOffice (soffice), poppler-utils, python3 with Pillow and python-docx.
# Run from the repository root: bash tests/build-fixtures/pdf-pictures.sh
set -euo pipefail
out=fixtures/pdf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp fixtures/office/pictures-id-kopie.docx "$work/"
cat > "$work/memo.txt" <<'TXT'
Telefoonnotitie
Beller: Ruben Hoekstra
Telefoon: 06-38472916
IBAN: NL91ABNA0417164300
TXT
cat > "$work/brief.txt" <<'TXT'
Gemeente Voorbeeldstad
Geachte heer Bakker,
Uw aanvraag is ontvangen op 3 maart.
Uw BSN 111222333 is bij ons bekend.
Met vriendelijke groet,
Willem Hoogendoorn
TXT
(cd "$work" && soffice --headless --convert-to pdf memo.txt brief.txt >/dev/null)
pdftoppm -r 110 -gray -png -singlefile -x 0 -y 0 -W 700 -H 200 "$work/memo.pdf" "$work/memo"
pdftoppm -r 50 -gray -png -singlefile -x 0 -y 0 -W 413 -H 200 "$work/brief.pdf" "$work/brief"
python3 - "$work" <<'PY'
import sys
from PIL import Image
from docx import Document
from docx.shared import Cm
work = sys.argv[1]
grey = Image.open(work + "/memo.png").convert("L")
# Black everywhere; the text's shape only in the alpha channel.
alpha = grey.point(lambda v: 255 - v)
Image.merge("RGBA", (Image.new("L", grey.size, 0),) * 3 + (alpha,)).save(work + "/memo-alpha.png")
grey.convert("RGB").quantize(16).save(work + "/memo-palet.png")
d = Document()
d.core_properties.author = "Gemeente Voorbeeldstad"
d.add_paragraph("Betreft: terugbelverzoek")
d.add_paragraph("Schermafdruk van de notitie (transparant):")
d.add_picture(work + "/memo-alpha.png", width=Cm(12))
d.add_paragraph("Dezelfde notitie als palet-afbeelding:")
d.add_picture(work + "/memo-palet.png", width=Cm(12))
d.add_paragraph("Afgehandeld door het KCC.")
d.save(work + "/pictures-transparant.docx")
w, h = 600, 600
photo = Image.new("L", (w, h))
photo.putdata([(x * 7 + y * 3) % 256 for y in range(h) for x in range(w)])
photo.save(work + "/foto.png")
d = Document()
d.add_paragraph("Foto van de situatie ter plaatse:")
d.add_picture(work + "/foto.png", width=Cm(16))
d.save(work + "/pictures-foto.docx")
d = Document()
d.add_paragraph("Betreft: doorgestuurde brief")
d.add_paragraph("De brief zoals ontvangen:")
d.add_picture(work + "/brief.png", width=Cm(15))
d.save(work + "/pictures-onleesbaar.docx")
PY
(cd "$work" && soffice --headless --convert-to pdf pictures-id-kopie.docx pictures-transparant.docx \
  pictures-onleesbaar.docx pictures-foto.docx >/dev/null)
for f in pictures-id-kopie pictures-transparant pictures-onleesbaar pictures-foto; do
  cp "$work/$f.pdf" "$out/$f.pdf"
  ls -l "$out/$f.pdf"
done
