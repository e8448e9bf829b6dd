# Reproducer bug-02-indirect-crypt-filters. Needs mkpdf.py (same folder) and qpdf. Run in
# fixtures/pdf/adversarial/.
#
# AES-256 (V 5, R 6) with an empty user password whose /CF, and the /StdCF filter in it, are indirect
# objects (as in pdf.js's issue7665.pdf). lopdf reads crypt filters only when they are direct and
# falls back to RC4 for a name it does not know: every string and stream comes out as garbage, the
# content stream no longer inflates, the page read as empty and the undecodable stream went into the
# output. lak must decrypt it properly (the name is redacted, the rest of the text readable) or refuse.
import re
import subprocess
import tempfile
from mkpdf import *

plain = simple(
    BASE_TEXT + b"BT /F1 11 Tf 72 700 Td (Geachte heer Jan Jansen, uw BSN is 111222333.) Tj ET\n",
    info=6,
    extra_objs={6: b"<< /Title (Brief aan Jan Jansen) >>"},
    compress=True,
)
with tempfile.TemporaryDirectory() as tmp:
    open(tmp + "/plain.pdf", "wb").write(plain)
    subprocess.run(
        ["qpdf", "--static-id", "--static-aes-iv", "--object-streams=disable",
         "--encrypt", "", "eigenaar", "256", "--", tmp + "/plain.pdf", tmp + "/enc.pdf"],
        check=True,
    )
    enc = open(tmp + "/enc.pdf", "rb").read()

objs = {int(n): body for n, body in re.findall(rb"(?s)(\d+) 0 obj\n(.*?)\nendobj", enc)}
trailer = re.search(rb"(?s)trailer\s*<<(.*)>>\s*startxref", enc).group(1)
encrypt = int(re.search(rb"/Encrypt (\d+) 0 R", trailer).group(1))
ident = re.search(rb"/ID\s*\[.*?\]", trailer).group(0)
root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
info = int(re.search(rb"/Info (\d+) 0 R", trailer).group(1))
cf = re.search(rb"(?s)/CF\s*<<\s*/StdCF\s*(<<.*?>>)\s*>>", objs[encrypt])
n = max(objs) + 1
objs[n] = b"<< /StdCF %d 0 R >>" % (n + 1)
objs[n + 1] = cf.group(1)
objs[encrypt] = objs[encrypt].replace(cf.group(0), b"/CF %d 0 R" % n)
doc = pdf(objs, root=root, info=info, trailer_extra=b" /Encrypt %d 0 R " % encrypt + ident)
open("bug-02-indirect-crypt-filters.pdf", "wb").write(doc)
