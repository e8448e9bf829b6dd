"""Shared helpers for the lak Office red-team reproducers (copied from the red team's material, adapted:
the binary is this worktree's target/release/lak, inputs go to fixtures/office/adversarial/<leak>/, and the
python-docx base document is shrunk (minimal styles.xml, no stylesWithEffects.xml) to keep fixtures small).

build_zip(path, parts)            write a zip from {name: bytes|str} (ordered), optional comments/extra
base_docx()/base_xlsx()/base_pptx() -> dict of parts produced by python-docx/openpyxl/python-pptx
run_lak(files) -> (report, outdir)  run lak on a fresh input dir
leaks(path, values) -> list of findings (independent check: raw bytes + every entry decompressed,
                       UTF-8, UTF-16LE, char refs, tags stripped)
"""
import html, io, json, os, re, shutil, subprocess, tempfile, zipfile, zlib

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
LAK = os.path.join(REPO, "target", "release", "lak")
ROOT = tempfile.mkdtemp(prefix="lak-redteam-")
os.makedirs(ROOT + "/runs", exist_ok=True)
FIXTURES = os.path.join(REPO, "fixtures", "office", "adversarial")
VALUES = ["111222333", "123456782", "NL91ABNA0417164300", "piet.bakker@example.nl", "06-12345678",
          "Jansen", "de Vries"]


def read_parts(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def build_zip(path, parts, method=zipfile.ZIP_DEFLATED, comments=None, archive_comment=b"", extra=None):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts.items():
            if isinstance(data, str):
                data = data.encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = method
            if comments and name in comments:
                zi.comment = comments[name]
            if extra and name in extra:
                zi.extra = extra[name]
            z.writestr(zi, data)
        z.comment = archive_comment


def _tmp(suffix):
    d = tempfile.mkdtemp(dir="/tmp")
    return os.path.join(d, "x" + suffix)


def base_docx(text="Hallo wereld."):
    import docx
    d = docx.Document()
    d.add_paragraph(text)
    p = _tmp(".docx")
    d.save(p)
    return shrink_docx(read_parts(p))


MINIMAL_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>'
                  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
                  '</w:style></w:styles>')


def shrink_docx(parts):
    """python-docx's template holds 780 kB of styles; the reproducers need none of them."""
    parts["word/styles.xml"] = MINIMAL_STYLES
    parts.pop("word/stylesWithEffects.xml", None)
    for name in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
        parts[name] = re.sub(r'<(Relationship|Override)[^>]*stylesWithEffects[^>]*/>', "", s(parts, name))
    return parts


def base_xlsx(fill=None):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws["A1"] = "Omschrijving"
    ws["B1"] = "Waarde"
    if fill:
        fill(wb, ws)
    p = _tmp(".xlsx")
    wb.save(p)
    return read_parts(p)


def base_pptx(text="Hallo"):
    import pptx
    from pptx.util import Inches
    prs = pptx.Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = text
    p = _tmp(".pptx")
    prs.save(p)
    return read_parts(p)


def add_ct_override(parts, partname, ctype):
    ct = parts["[Content_Types].xml"]
    ct = ct.decode() if isinstance(ct, bytes) else ct
    ct = ct.replace("</Types>", f'<Override PartName="{partname}" ContentType="{ctype}"/></Types>')
    parts["[Content_Types].xml"] = ct


def add_ct_default(parts, ext, ctype):
    ct = parts["[Content_Types].xml"]
    ct = ct.decode() if isinstance(ct, bytes) else ct
    if f'Extension="{ext}"' not in ct:
        ct = ct.replace("<Override", f'<Default Extension="{ext}" ContentType="{ctype}"/><Override', 1)
    parts["[Content_Types].xml"] = ct


def add_rel(parts, relpart, rid, rtype, target, external=False):
    r = parts.get(relpart)
    if r is None:
        r = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
             'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    r = r.decode() if isinstance(r, bytes) else r
    mode = ' TargetMode="External"' if external else ""
    r = r.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"{mode}/></Relationships>')
    parts[relpart] = r


def s(parts, name):
    v = parts[name]
    return v.decode("utf-8") if isinstance(v, bytes) else v


def run_lak(files, extra_args=(), tag="run"):
    """files: {relative name: path-or-bytes}. Returns (report dict, outdir, rc)."""
    work = tempfile.mkdtemp(prefix=tag + "-", dir=ROOT + "/runs")
    ind = os.path.join(work, "in")
    os.makedirs(ind)
    for name, src in files.items():
        dst = os.path.join(ind, name)
        if isinstance(src, (bytes, bytearray)):
            open(dst, "wb").write(src)
        else:
            shutil.copy(src, dst)
    out = os.path.join(work, "out")
    r = subprocess.run([LAK, "redact", ind, "--out", out, "--quiet", *extra_args], capture_output=True, text=True)
    rep = json.load(open(out + "-review/lak-report.json"))
    return rep, out, r.returncode


def variants(v):
    out = {"utf8": v.encode(), "utf16le": v.encode("utf-16-le"), "utf16be": v.encode("utf-16-be")}
    out["decref"] = "".join(f"&#{ord(c)};" for c in v).encode()
    out["hexref"] = "".join(f"&#x{ord(c):x};" for c in v).encode()
    return out


def _strip_tags(b):
    try:
        t = b.decode("utf-8")
    except UnicodeDecodeError:
        return None
    t = re.sub(r"<!--.*?-->", "", t, flags=re.S)
    t = re.sub(r"<[^>]*>", "", t)
    return html.unescape(t)


def leaks(path, values=VALUES):
    """Independent check of one output file."""
    found = []
    raw = open(path, "rb").read()
    for v in values:
        for k, b in variants(v).items():
            if b in raw:
                found.append(("<file bytes>", v, k))
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return found + [("<not a zip>", "", "")]
    for info in z.infolist():
        if info.comment:
            for v in values:
                if v.encode() in info.comment:
                    found.append((info.filename + " [entry comment]", v, "utf8"))
        for v in values:
            if v.encode() in info.filename.encode():
                found.append((info.filename + " [entry name]", v, "utf8"))
        data = z.read(info.filename)
        for v in values:
            for k, b in variants(v).items():
                if b in data:
                    found.append((info.filename, v, k))
            st = _strip_tags(data)
            if st is not None and v in st and v.encode() not in data:
                found.append((info.filename, v, "split-across-tags/escaped"))
        if data[:2] == b"PK":
            tmp = _tmp(".zip")
            open(tmp, "wb").write(data)
            for (where, v, k) in leaks(tmp, values):
                found.append((info.filename + "!" + where, v, k))
    if z.comment:
        for v in values:
            if v.encode() in z.comment:
                found.append(("<archive comment>", v, "utf8"))
    return found


def summary(rep):
    out = []
    for d in rep["documents"]:
        out.append((d["path"].split("/")[-1], d["status"], (d.get("reason") or {}).get("code"),
                    len(d.get("findings", []))))
    return out


def check(files, values=VALUES, extra_args=(), tag="run", verbose=True):
    rep, out, rc = run_lak(files, extra_args, tag)
    res = {}
    for d in rep["documents"]:
        name = d["path"].split("/")[-1]
        entry = {"status": d["status"], "reason": d.get("reason"), "findings": [f["text"] for f in d.get("findings", [])]}
        if d["status"] in ("redacted", "clean"):
            p = os.path.join(out, d["output"])
            entry["leaks"] = leaks(p, values)
            entry["output"] = p
        res[name] = entry
    if verbose:
        print("rc", rc)
        for n, e in res.items():
            print(n, e["status"], e.get("reason") and e["reason"]["code"], "findings:", e["findings"])
            for l in e.get("leaks", []):
                print("   LEAK", l)
    return res


def soffice_pdf(path):
    d = tempfile.mkdtemp(dir="/tmp")
    r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", d, path],
                       capture_output=True, text=True, timeout=180)
    pdf = [f for f in os.listdir(d) if f.endswith(".pdf")]
    if not pdf:
        return None, r.stdout + r.stderr
    txt = subprocess.run(["pdftotext", os.path.join(d, pdf[0]), "-"], capture_output=True, text=True).stdout
    return txt, ""
