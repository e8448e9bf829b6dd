# Reproducer leak-01-tj-two-arrays. Needs mkpdf.py (same folder). Writes PDF(s) named leak-01-tj-two-arrays*.pdf.

# ---- from t01_tj_twoarrays.py
# TJ with two array operands: poppler uses the last operand, lak the first.
from mkpdf import *
c = BASE_TEXT + b"BT /F1 11 Tf 72 700 Td [(Contact:)] [(Contact: piet.bakker@example.nl BSN 111222333)] TJ ET\n"
open("leak-01-tj-two-arrays.pdf","wb").write(simple(c))
