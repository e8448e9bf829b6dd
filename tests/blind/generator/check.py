"""Independent self-check: extract the text of each generated document with tools other than the generator
(plain read, unzip + strip XML tags, pdftotext) and verify that every gold text occurs (whitespace-normalised),
at least as often as it is listed; for PDFs every personal value must also sit on one line."""
import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
import zipfile

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s.replace("\u00a0", " ")).strip()


def extract_zip_xml(path, xlsx=False):
    out = []
    with zipfile.ZipFile(path) as z:
        for n in sorted(z.namelist()):
            if not n.endswith(".xml"):
                continue
            x = z.read(n).decode("utf-8", "replace")
            x = re.sub(r"</(w:p|a:p|w:tc|si|row|c|a:tc)>", "\n", x)
            x = re.sub(r"<(w:tab|w:br|a:br)\s*/>", "\n", x)
            if xlsx and "/worksheets/" in n:
                for m in re.finditer(r"<c [^>]*>(?:<f>[^<]*</f>)?<v>(\d+)</v>", x):
                    v = int(m.group(1))
                    if 1 < v < 80000:
                        d = dt.date(1899, 12, 30) + dt.timedelta(days=v)
                        out.append(d.strftime("%d-%m-%Y"))
            t = re.sub(r"<[^>]+>", "", x)
            out.append(html.unescape(t))
    return "\n".join(out)


def pdftotext(path, layout):
    args = ["pdftotext"] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def check_part(part_dir):
    errors = []
    n_docs = n_vals = n_keep = 0
    with open(os.path.join(part_dir, "gold.jsonl"), encoding="utf-8") as f:
        golds = [json.loads(l) for l in f]
    for g in golds:
        path = os.path.join(part_dir, g["doc"])
        ext = path.rsplit(".", 1)[1]
        texts = []
        raw_lines = None
        if ext in ("txt", "csv"):
            texts = [open(path, encoding="utf-8").read()]
        elif ext in ("docx", "pptx"):
            texts = [extract_zip_xml(path)]
        elif ext == "xlsx":
            texts = [extract_zip_xml(path, xlsx=True)]
        elif ext == "pdf":
            raw = pdftotext(path, False)
            texts = [pdftotext(path, True), raw]
            raw_lines = [norm(l) for l in raw.splitlines()]
        texts = [norm(t) for t in texts]
        n_docs += 1
        want = {}
        for a in g["values"] + g["keep"]:
            want[norm(a["text"])] = want.get(norm(a["text"]), 0) + 1
        for t, k in want.items():
            for i, tx in enumerate(texts):
                have = tx.count(t)
                if have < k:
                    errors.append(f"{g['doc']}: '{t}' listed {k}x, found {have}x (extraction {i})")
        if raw_lines is not None:
            for a in g["values"]:
                t = norm(a["text"])
                if not any(t in l for l in raw_lines):
                    errors.append(f"{g['doc']}: value '{t}' is split over lines in the PDF")
        n_vals += len(g["values"])
        n_keep += len(g["keep"])
    return n_docs, n_vals, n_keep, errors


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    bad = 0
    for part in ["dev", "test", "inzage-dev", "inzage-test"]:
        d = os.path.join(root, part)
        if not os.path.exists(os.path.join(d, "gold.jsonl")):
            continue
        n, v, k, errs = check_part(d)
        print(f"{part}: {n} documents, {v} values, {k} keep; {len(errs)} errors")
        for e in errs[:40]:
            print("   ", e)
        bad += len(errs)
    sys.exit(1 if bad else 0)
