#!/usr/bin/env python3
"""Builds fixtures/scans: PDFs whose pages are scans (an image and nothing else), as the copier of a
municipality makes them. LibreOffice renders the letters to PDF, poppler's pdftoppm rasterises them at
150 dpi (a real producer's glyphs, not lak's), Pillow turns the page into a scan (a slight rotation,
noise, JPEG compression) and writes the image-only PDF; qpdf joins pages from different producers.

- brief-scan.pdf: one letter, a grey JPEG (/DCTDecode) page, rotated 0.6 degrees, with noise.
- gemengd.pdf: a text page (LibreOffice), a scanned form stored losslessly (8-bit grey /FlateDecode at
  100 dpi, written by the small writer below, as scanning software that keeps greys does), and a blank
  scanned back page (50 dpi, noise only).
- fax.pdf: a bilevel scan in CCITT G4 (Pillow with libtiff): lak does not decode it and must refuse it.
- onleesbaar.pdf: the letter rasterised at 50 dpi: OCR reads it unsure.
- doorzoekbaar.pdf: a searchable scan whose invisible text layer (Tesseract's own PDF output, render
  mode 3) disagrees with the pixels: Tesseract read a copy of the letter with a case number where the
  scan shows the BSN, and qpdf put the real scan in the place of that copy. Only OCR of the pixels finds
  the BSN.

Everyone in them is invented; the BSNs pass the 11-proof, the IBANs the mod-97 check. The noise is
seeded, so a rebuild gives the same pixels.
Needs: LibreOffice (soffice), poppler-utils, qpdf, tesseract-ocr(-nld), python3-pil. Run from the repository root:
  python3 tests/build-fixtures/scans.py
"""
import io
import os
import random
import subprocess
import sys
import tempfile
import zlib

from PIL import Image

OUT = "fixtures/scans"

BRIEF = """Gemeente Voorbeeldstad
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
"""

TEKST = """Gemeente Voorbeeldstad
Verslag van de hoorzitting

Bezwaarmaker: Sanne Kwakernaat
BSN: 123456782

De commissie hoort de bezwaarmaker op 12 mei 2023. Het formulier van de aanvraag is bijgevoegd.
"""

FORMULIER = """Aanvraagformulier parkeervergunning

Naam aanvrager: Willem Hoogendoorn
Adres: Lindelaan 14, 1234 AB Voorbeeldstad
Telefoon: 06-98765432
IBAN: NL20INGB0001234567

Kenteken van het voertuig en de ingangsdatum volgen.
Handtekening aanvrager
"""


def render(text, name, work, dpi=150):
    """The text as LibreOffice lays it out, rasterised by pdftoppm to a grey picture."""
    src = os.path.join(work, name + ".txt")
    with open(src, "w") as f:
        f.write(text)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work, src],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile",
                    os.path.join(work, name + ".pdf"), os.path.join(work, name)], check=True)
    return Image.open(os.path.join(work, name + ".png")).convert("L")


def scanned(img, seed, angle, noisy=True):
    """A copier's version of a page: turned a little, grey noise over it."""
    rnd = random.Random(seed)
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    if not noisy:
        return img
    noise = Image.frombytes("L", img.size, rnd.randbytes(img.size[0] * img.size[1]))
    return Image.blend(img, noise, 0.06)


def pdf_with_grey_flate(img, path):
    """A one-page PDF showing `img` (8-bit grey, /FlateDecode) over the whole A4 page."""
    w, h = img.size
    samples = zlib.compress(img.tobytes(), 9)
    content = b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
        b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(samples))
        + samples + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def save_pdf(img, path, quality=None, dpi=150):
    """Pillow's PDF writer: a grey picture as /DCTDecode, a bilevel one as CCITT G4."""
    args = {"resolution": float(dpi)}
    if quality:
        args["quality"] = quality
    img.save(path, "PDF", **args)


def searchable(shown, layer_from, path, work):
    """Tesseract's searchable PDF of `layer_from`, with the JPEG of `shown` in the place of its image."""
    jpegs = []
    for name, img in (("shown", shown), ("layer", layer_from)):
        jpeg = os.path.join(work, name + ".jpg")
        img.save(jpeg, quality=40, dpi=(150, 150))
        jpegs.append(open(jpeg, "rb").read())
    base = os.path.join(work, "layer")
    subprocess.run(["tesseract", base + ".jpg", base, "-l", "nld", "pdf"], check=True, stderr=subprocess.DEVNULL)
    qdf = os.path.join(work, "layer-qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", base + ".pdf", qdf], check=True)
    data = open(qdf, "rb").read()
    assert data.count(jpegs[1]) == 1, "Tesseract stores the JPEG as it is"
    with open(qdf, "wb") as f:
        f.write(data.replace(jpegs[1], jpegs[0]))
    fixed = subprocess.run(["fix-qdf", qdf], check=True, stdout=subprocess.PIPE).stdout
    with open(qdf, "wb") as f:
        f.write(fixed)
    subprocess.run(["qpdf", "--deterministic-id", "--compress-streams=y", qdf, path], check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        brief = render(BRIEF, "brief", work)
        save_pdf(scanned(brief, 1, 0.6), os.path.join(OUT, "brief-scan.pdf"), quality=40)

        text_page = os.path.join(work, "tekst.pdf")
        render(TEKST, "tekst", work)
        # Lossless scans come clean from the scanner (noise would not compress): turned only.
        form = scanned(render(FORMULIER, "formulier", work, dpi=100), 2, -0.4, noisy=False)
        form_page = os.path.join(work, "formulier-scan.pdf")
        pdf_with_grey_flate(form, form_page)
        blank = scanned(Image.new("L", (413, 585), 255), 3, 0)
        blank_page = os.path.join(work, "leeg.pdf")
        save_pdf(blank, blank_page, quality=40, dpi=50)
        subprocess.run(["qpdf", "--empty", "--deterministic-id", "--pages", text_page, form_page, blank_page,
                        "--", os.path.join(OUT, "gemengd.pdf")], check=True)

        bilevel = brief.point(lambda v: 255 if v > 160 else 0).convert("1")
        save_pdf(bilevel, os.path.join(OUT, "fax.pdf"))

        other = render(BRIEF.replace("BSN: 111222333", "Kenmerk: 2023-0412"), "brief-kenmerk", work)
        searchable(scanned(brief, 4, 0.3), scanned(other, 4, 0.3), os.path.join(OUT, "doorzoekbaar.pdf"), work)

        # The letter fed into the scanner sideways: the page image stands on its side.
        save_pdf(scanned(brief, 5, 0.4).rotate(90, expand=True, fillcolor=255), os.path.join(OUT, "gedraaid.pdf"),
                 quality=40)

        small = render(BRIEF, "brief-klein", work, dpi=50)
        save_pdf(small, os.path.join(OUT, "onleesbaar.pdf"), quality=60, dpi=50)
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    sys.exit(main())
