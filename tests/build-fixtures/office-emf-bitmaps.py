"""Builds fixtures/office/word-emf-bitmap*.docx: Word files whose pictures are EMFs holding only a bitmap
(EMR_STRETCHDIBITS), as a screenshot or a scan pasted through some programs arrives: the text is in the
bitmap's pixels, not in text records.

- word-emf-bitmap.docx: the telephone note of fixtures/pictures/notitie.bmp (a name and a mobile
  number) as the bitmap of an EMF. lak finds them by OCR and, not redacting inside metafile bitmaps,
  withholds the document.
- word-emf-bitmap-logo.docx: a bitmap with the municipality's name and department only: read, nothing
  to redact, the document is published.

The EMF records come from office.py's helpers; the logo's text is rendered by LibreOffice and poppler.
Everyone in them is invented. Needs what office.py needs, and LibreOffice and poppler-utils.
Run from the repository root: python3 tests/build-fixtures/office-emf-bitmaps.py
"""
import importlib.util
import os
import struct
import subprocess
import tempfile

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("office", os.path.join(HERE, "office.py"))
office = importlib.util.module_from_spec(spec)
spec.loader.exec_module(office)

OUT = "fixtures/office"


def stretch_dib(bmp):
    """An EMR_STRETCHDIBITS drawing the bitmap of BMP file `bmp` (its BITMAPINFO and bits)."""
    offset = struct.unpack_from("<I", bmp, 10)[0]
    info, bits = bmp[14:offset], bmp[offset:]
    w, h = struct.unpack_from("<ii", info, 4)
    fixed = 80
    body = struct.pack(
        "<iiii iiiiii IIII I I ii",
        0, 0, w, abs(h),  # bounds
        0, 0, 0, 0, w, abs(h),  # xDest, yDest, xSrc, ySrc, cxSrc, cySrc
        fixed, len(info), fixed + len(info), len(bits),
        0, 0x00CC0020,  # DIB_RGB_COLORS, SRCCOPY
        w, abs(h),
    )
    return office.emf_rec(81, body + info + bits)


def bmp_of(png_path):
    with tempfile.NamedTemporaryFile(suffix=".bmp") as f:
        Image.open(png_path).convert("L").point(lambda v: 255 if v > 160 else 0).convert("1").save(f.name)
        return open(f.name, "rb").read()


def main():
    note = open("fixtures/pictures/notitie.bmp", "rb").read()
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, "logo.txt"), "w") as f:
            f.write("Gemeente Lakstad\nAfdeling Vergunningen\n")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work,
                        os.path.join(work, "logo.txt")], check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-r", "110", "-gray", "-png", "-singlefile", "-x", "0", "-y", "0",
                        "-W", "600", "-H", "130", os.path.join(work, "logo.pdf"), os.path.join(work, "logo")],
                       check=True)
        logo = bmp_of(os.path.join(work, "logo.png"))
    files = {
        "word-emf-bitmap.docx": office.word_with_emf(
            ["Telefoonnotitie, geplakt uit het oude systeem:"],
            [office.emf_file([stretch_dib(note)], desc="lak fixtures\0notitie", size_mm=(160, 45))],
        ),
        "word-emf-bitmap-logo.docx": office.word_with_emf(
            ["Briefpapier:"],
            [office.emf_file([stretch_dib(logo)], desc="lak fixtures\0logo", size_mm=(140, 30))],
        ),
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(name, len(data))


if __name__ == "__main__":
    main()
