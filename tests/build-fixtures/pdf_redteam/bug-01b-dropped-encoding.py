# The /Encoding dictionary of a Helvetica font carries an extra key nested 150 levels deep. poppler and
# qpdf read it; lopdf's parser gives up at depth 100 and drops the object. lak then reads the codes with
# StandardEncoding (a letter cipher, "ZYXW..."), while every viewer applies the /Differences and draws the e-mail and BSN.
from mkpdf import *
secret = "Contact: piet.bakker@example.nl BSN 111222333"
names = {' ': 'space', '.': 'period', '@': 'at', ':': 'colon'}
digits = 'zero one two three four five six seven eight nine'.split()
diffs, codes, seen = [], b"", {}
pool = [c for c in b"ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba"]
for ch in secret:
    if ch not in seen:
        code = pool.pop(0)
        seen[ch] = code
        g = names.get(ch) or (digits[int(ch)] if ch.isdigit() else ch)
        diffs.append(b"%d /%s" % (code, g.encode()))
    codes += bytes([seen[ch]])
deep = b"<< /A " * 150 + b"1" + b" >>" * 150
objs = {
 6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding 7 0 R >>",
 7: b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [" + b" ".join(diffs) + b"] /XPrivate " + deep + b" >>",
}
c = BASE_TEXT + b"BT /F2 11 Tf 72 700 Td <" + codes.hex().encode() + b"> Tj ET\n"
open("bug-01b-dropped-encoding.pdf","wb").write(simple(c, objs, fonts=b"/F1 5 0 R /F2 6 0 R"))
