#!/usr/bin/env bash
# Builds fixtures/pictures: a municipal letter with personal data as a scan would give it (LibreOffice
# renders the text to PDF, poppler's pdftoppm rasterises it: a real producer's glyphs, not lak's), as a
# grey PNG and as a JPEG "photo" carrying EXIF (a camera owner and a GPS position, to be stripped); the
# same letter rasterised too small to read (OCR reads it unsure); and a picture without any text.
# Everyone in it is invented; the BSN passes the 11-proof, the IBAN the mod-97 check.
# Run from the repository root: bash tests/build-fixtures/pictures.sh
set -euo pipefail
out=fixtures/pictures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/brief.txt" <<'TXT'
Gemeente Voorbeeldstad
Afdeling Vergunningen

Betreft: uw aanvraag omgevingsvergunning

Geachte heer Jansen,

Naam: Pieter de Vries
BSN: 111222333
Telefoon: 06-12345678
IBAN: NL91ABNA0417164300

Uw aanvraag is op 4 april 2023 ontvangen. Wij nemen binnen acht weken een besluit.

Met vriendelijke groet,

H. Bakker
beleidsmedewerker
TXT
soffice --headless --convert-to pdf --outdir "$work" "$work/brief.txt" >/dev/null
mkdir -p "$out"
pdftoppm -r 150 -gray -png -singlefile "$work/brief.pdf" "$out/brief-scan"
pdftoppm -r 150 -jpeg -jpegopt quality=85 -singlefile "$work/brief.pdf" "$out/brief-foto"
exiftool -q -overwrite_original -Artist="Marloes Hendriks" -GPSLatitude=52.0907 -GPSLatitudeRef=N \
  -GPSLongitude=5.1214 -GPSLongitudeRef=E "$out/brief-foto.jpg"
pdftoppm -r 60 -gray -png -singlefile "$work/brief.pdf" "$out/te-klein"
python3 - "$out/zonder-tekst.png" <<'PY'
# A grey gradient, 320 x 200: a picture with no text in it, written with the standard library only.
import struct, sys, zlib
w, h = 320, 200
rows = b"".join(b"\x00" + bytes((x + y) * 255 // (w + h) for x in range(w)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
# The letter scanned on its side (qpdf turns the page a quarter, pdftoppm rasterises it): lak reads it
# turned the way Tesseract's orientation detection says.
qpdf "$work/brief.pdf" --rotate=-90 "$work/gedraaid.pdf"
pdftoppm -r 150 -gray -png -singlefile "$work/gedraaid.pdf" "$out/brief-gedraaid"
# A note whose numbers carry the letters OCR confuses with digits, as a misread scan gives them: the
# BSN 274918365 (11-proof) typed with an S for its last 5, a mobile number with an O for its 0.
cat > "$work/verwarring.txt" <<'TXT'
Telefoonnotitie

Mevrouw belde over haar aanvraag.
BSN: 27491836S
Telefoon: O6-48213579
TXT
soffice --headless --convert-to pdf --outdir "$work" "$work/verwarring.txt" >/dev/null
pdftoppm -r 150 -gray -png -singlefile -x 0 -y 0 -W 1240 -H 500 "$work/verwarring.pdf" "$out/verwarring"
ls -l "$out"
