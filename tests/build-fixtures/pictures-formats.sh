#!/usr/bin/env bash
# Builds the pictures in the formats besides PNG and JPEG (fixtures/pictures): what copiers and old
# scanning software write. LibreOffice renders the text to PDF, poppler's pdftoppm rasterises it, Pillow
# writes the files:
# - kopieerapparaat.tif: a copier's scan of three pages, bilevel, CCITT group 4: a letter, an empty
#   back side, and a form with another person's data.
# - notitie.gif: a telephone note as a 16-colour GIF.
# - notitie.bmp: a note as a 1-bit BMP.
# Everyone in them is invented; the BSNs pass the 11-proof.
# Needs: LibreOffice (soffice), poppler-utils, python3 with Pillow.
# Run from the repository root: bash tests/build-fixtures/pictures-formats.sh
set -euo pipefail
out=fixtures/pictures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/brief.txt" <<'TXT'
Gemeente Voorbeeldstad
Afdeling Burgerzaken

Betreft: uw verzoek om inzage

Geachte mevrouw Dijkstra,

Naam: Femke Dijkstra
BSN: 123456782
Telefoon: 06-51728394

Wij sturen u binnen vier weken een afschrift.

Met vriendelijke groet,

T. Mulder
teamleider
TXT
cat > "$work/formulier.txt" <<'TXT'
Aanvraagformulier gehandicaptenparkeerkaart

Naam aanvrager: Joost Verhoeven
BSN: 274918365
E-mail: j.verhoeven@voorbeeldmail.nl

Handtekening aanvrager
TXT
cat > "$work/notitie.txt" <<'TXT'
Telefoonnotitie
Beller: Ruben Hoekstra
Telefoon: 06-38472916
Terugbellen voor vrijdag
TXT
(cd "$work" && soffice --headless --convert-to pdf brief.txt formulier.txt notitie.txt >/dev/null)
pdftoppm -r 150 -gray -png -singlefile "$work/brief.pdf" "$work/brief"
pdftoppm -r 150 -gray -png -singlefile "$work/formulier.pdf" "$work/formulier"
pdftoppm -r 110 -gray -png -singlefile -x 0 -y 0 -W 700 -H 200 "$work/notitie.pdf" "$work/notitie"
python3 - "$work" "$out" <<'PY'
import sys
from PIL import Image
work, out = sys.argv[1], sys.argv[2]
bilevel = lambda name: Image.open(f"{work}/{name}.png").convert("L").point(lambda v: 255 if v > 160 else 0).convert("1")
brief, formulier = bilevel("brief"), bilevel("formulier")
back = Image.new("1", brief.size, 1)
brief.save(f"{out}/kopieerapparaat.tif", compression="group4", save_all=True, append_images=[back, formulier],
           dpi=(150, 150))
note = Image.open(f"{work}/notitie.png").convert("L")
note.convert("RGB").quantize(16).save(f"{out}/notitie.gif")
note.point(lambda v: 255 if v > 160 else 0).convert("1").save(f"{out}/notitie.bmp")
PY
ls -l "$out/kopieerapparaat.tif" "$out/notitie.gif" "$out/notitie.bmp"
