#!/usr/bin/env python3
"""Generate the blind evaluation set.  Usage:  python3 generator/gen.py   (from /work/blindset)

Deterministic: every document is built from random.Random(f"{part_seed}-{index}").
"""
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.abspath(os.path.join(HERE, ".."))

from core import Collector, PLACES, PLACE_BY_NAME, split_tv, fmt_bsn, fmt_iban, fmt_date, fmt_mobile  # noqa: E402
from persons import PersonFactory, Muni  # noqa: E402
from ctx import Ctx  # noqa: E402
from render import (render_txt, render_csv, render_docx, render_xlsx, render_pptx, render_pdf_rl,  # noqa: E402
                    pdf_line_split_values)
from tpl_flow import FLOW  # noqa: E402
from tpl_table import TABLE  # noqa: E402
from tpl_slides import SLIDES  # noqa: E402
import check  # noqa: E402

TEMPLATES = {}
TEMPLATES.update(FLOW)
TEMPLATES.update(TABLE)
TEMPLATES.update(SLIDES)
FORMATS = ["txt", "csv", "docx", "xlsx", "pptx", "pdf-lo", "pdf-rl"]
EXT = {"txt": "txt", "csv": "csv", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "pdf-lo": "pdf", "pdf-rl": "pdf"}

PARTS = {
    "dev": dict(seed="blind-dev-7311", n=161, munis=["Haarlem", "Leeuwarden", "Utrecht", "Zwolle", "Sneek", "Beverwijk",
                                                     "Nijmegen", "Alkmaar"]),
    "test": dict(seed="blind-test-5092", n=161, munis=["Amsterdam", "Groningen", "Delft", "Heerenveen", "Enschede",
                                                       "IJmuiden", "Tilburg", "Hoorn"]),
}
INZAGE = {
    "inzage-dev": dict(seed="inzage-dev-2231", n=25, muni="Leeuwarden", gender="f"),
    "inzage-test": dict(seed="inzage-test-8817", n=25, muni="Haarlem", gender="m"),
}
INZAGE_TEMPLATES = {
    "txt": ["email-thread", "telefoonnotitie", "bezwaarschrift", "whatsapp-memo", "klacht", "memo-overlast"],
    "csv": ["contactjournaal", "zaak-export", "audit-log", "parkeervergunningen"],
    "docx": ["keukentafel-wmo", "besluit-brief", "email-thread", "schuldhulp-intake", "adresonderzoek", "jeugd-verslag"],
    "xlsx": ["contactjournaal", "zaak-export", "parkeervergunningen", "audit-log"],
    "pptx": ["casusoverleg"],
    "pdf-lo": ["besluit-brief", "email-thread", "keukentafel-wmo", "ontvangstbevestiging", "memo-overlast"],
    "pdf-rl": ["gpk-aanvraag", "handhaving-rapport", "klacht", "declaratie" if False else "factuur-declaratie",
               "ontvangstbevestiging", "omgevingsvergunning"],
}


def schedule(rng, n):
    fmts = [FORMATS[i % len(FORMATS)] for i in range(n)]
    rng.shuffle(fmts)
    counts = collections.Counter()
    out = []
    for f in fmts:
        elig = [t for t, (fn, fs, w) in TEMPLATES.items() if f in fs]
        best = min(elig, key=lambda t: ((counts[t] + 1) / TEMPLATES[t][2], rng.random()))
        counts[best] += 1
        out.append((best, f))
    return out


def render(doc, fmt, path, col, rng, brk=()):
    if fmt == "txt":
        render_txt(doc, path, col)
    elif fmt == "csv":
        render_csv(doc, path, col)
    elif fmt == "xlsx":
        render_xlsx(doc, path, col)
    elif fmt == "pptx":
        render_pptx(doc, path, col)
    elif fmt == "docx":
        render_docx(doc, path, col, rng)
    elif fmt == "pdf-rl":
        render_pdf_rl(doc, path, col, rng)
    elif fmt == "pdf-lo":
        render_docx(doc, path, col, rng, font="DejaVu Sans", brk=brk)


def soffice_convert(docx_paths, outdir):
    prof = tempfile.mkdtemp(prefix="lo_blindset_")
    try:
        for i in range(0, len(docx_paths), 40):
            subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf",
                            "--outdir", outdir] + docx_paths[i:i + 40], check=True, capture_output=True, timeout=900)
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def fix_lo_pdf(src, dst, rel):
    """Copy a LibreOffice PDF with its creation date and document ID replaced by fixed values of the same
    byte length (cross-reference offsets stay valid), so that reruns give byte-identical files."""
    import hashlib
    b = open(src, "rb").read()
    b = re.sub(rb"D:\d{14}", b"D:20240101090000", b)
    h = hashlib.md5(rel.encode()).hexdigest().upper().encode()
    b = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]",
               lambda m: re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + h + b">", m.group(0)), b)
    b = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + h, b)
    with open(dst, "wb") as f:
        f.write(b)


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def leak_check(col, persons, docname):
    """Names of the people in the document must not occur outside annotated spans (generator self-test)."""
    masked = "\n".join(col.plain_parts)
    warn = []
    words = set()
    for p in persons:
        for part in [p.core] + ([p.partner[1]] if p.partner else []) + [p.given]:
            for w in re.split(r"[ \-]", part):
                if len(w) >= 4:
                    words.add(w)
    for w in sorted(words):
        m = re.search(r"(?<![\w\u2588])" + re.escape(w) + r"(?![\w\u2588])", masked, re.IGNORECASE)
        if m:
            ctx = masked[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            warn.append(f"{docname}: '{w}' outside annotation: ...{ctx}...")
    return warn


class DocJob:
    def __init__(self, part_dir, idx, tname, fmt, seed, muni, main_factory=None):
        self.part_dir, self.idx, self.tname, self.fmt, self.seed, self.muni = part_dir, idx, tname, fmt, seed, muni
        self.main_factory = main_factory
        self.rel = f"docs/{tname}-{idx:04d}.{EXT[fmt]}"
        self.path = os.path.join(part_dir, self.rel)

    def build(self, path, brk=()):
        rng = random.Random(f"{self.seed}-{self.idx}")
        c = Ctx(rng, self.muni)
        main = None
        if self.main_factory:
            main = self.main_factory(c)
        fn = TEMPLATES[self.tname][0]
        doc = fn(c, self.fmt, main) if main is not None else fn(c, self.fmt)
        col = Collector()
        render(doc, self.fmt, path, col, rng, brk)
        self.col, self.persons = col, list(c.persons) + ([main] if main is not None else [])
        return col


def run_part(name, jobs, tmp):
    part_dir = os.path.join(ROOT, name)
    shutil.rmtree(part_dir, ignore_errors=True)
    os.makedirs(os.path.join(part_dir, "docs"))
    lo_jobs = []
    for j in jobs:
        if j.fmt == "pdf-lo":
            j.docx_tmp = os.path.join(tmp, os.path.basename(j.path)[:-4] + ".docx")
            j.brk = set()
            j.build(j.docx_tmp)
            lo_jobs.append(j)
        else:
            j.build(j.path)
    todo = lo_jobs
    for rnd in range(5):
        if not todo:
            break
        outdir = os.path.join(tmp, f"out{rnd}")
        os.makedirs(outdir, exist_ok=True)
        soffice_convert([j.docx_tmp for j in todo], outdir)
        again = []
        for j in todo:
            pdf = os.path.join(outdir, os.path.basename(j.docx_tmp)[:-5] + ".pdf")
            fix_lo_pdf(pdf, j.path, j.rel)
            bad = pdf_line_split_values(j.path, j.col.values, j.col.keep)
            if bad and not bad <= j.brk:
                j.brk |= bad
                j.build(j.docx_tmp, brk=j.brk)
                again.append(j)
        todo = again
    gold = []
    warnings = []
    for j in jobs:
        col = j.col
        values, keep = list(col.values), list(col.keep)
        if j.fmt == "pdf-lo":
            extra = pdf_pages(j.path) - 1
            values += [dict(v) for v in getattr(col, "hf_values", [])] * extra
            keep += [dict(k) for k in getattr(col, "hf_keep", [])] * extra
        gold.append({"doc": j.rel, "format": EXT[j.fmt], "producer": {"pdf-lo": "libreoffice", "pdf-rl": "reportlab"}.get(j.fmt, "python"),
                     "template": j.tname, "values": values, "keep": keep})
        warnings += leak_check(col, j.persons, j.rel)
    with open(os.path.join(part_dir, "gold.jsonl"), "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    return gold, warnings


def make_munis(seed, names):
    rng = random.Random(seed + "-officials")
    pf = PersonFactory(rng)
    return [Muni(rng, PLACE_BY_NAME[n], pf) for n in names]


def main():
    tmp = tempfile.mkdtemp(prefix="blindset_")
    stats = {}
    all_warn = []
    try:
        for name, cfg in PARTS.items():
            rng = random.Random(cfg["seed"])
            munis = make_munis(cfg["seed"], cfg["munis"])
            sched = schedule(rng, cfg["n"])
            jobs = [DocJob(os.path.join(ROOT, name), i + 1, t, f, cfg["seed"], munis[rng.randrange(len(munis))])
                    for i, (t, f) in enumerate(sched)]
            gold, warn = run_part(name, jobs, tmp)
            stats[name] = gold
            all_warn += warn
            print(f"{name}: {len(gold)} docs, {sum(len(g['values']) for g in gold)} values", flush=True)
        for name, cfg in INZAGE.items():
            gold, warn = run_inzage(name, cfg, tmp)
            stats[name] = gold
            all_warn += warn
            print(f"{name}: {len(gold)} docs, {sum(len(g['values']) for g in gold)} values", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if all_warn:
        print(f"{len(all_warn)} leak warnings:")
        for w in all_warn[:60]:
            print("  ", w)
    write_stats(stats)
    rc = 0
    for part in list(PARTS) + list(INZAGE):
        n, v, k, errs = check.check_part(os.path.join(ROOT, part))
        print(f"self-check {part}: {n} documents, {v} values, {k} keep, {len(errs)} errors")
        for e in errs[:30]:
            print("   ", e)
        rc |= bool(errs)
    return rc


# ------------------------------------------------------------------------------------------------ inzage
def run_inzage(name, cfg, tmp):
    rng = random.Random(cfg["seed"])
    muni = make_munis(cfg["seed"], [cfg["muni"]])[0]
    pf = PersonFactory(random.Random(cfg["seed"] + "-requester"), exclude_surnames=muni.official_surnames())
    req = pf.make(gender=cfg["gender"], age=rng.randint(38, 58), place=muni.place, origin=rng.choice(["nl", "fy", "ma", "tr", "sr"]),
                  allow_partner=True)
    req.req = True

    def main_factory(c):
        c.pf.exclude.add(split_tv(req.core)[1].lower())
        return req

    fmts = [FORMATS[i % len(FORMATS)] for i in range(cfg["n"])]
    rng.shuffle(fmts)
    counters = collections.Counter()
    jobs = []
    for i, f in enumerate(fmts):
        opts = [t for t in INZAGE_TEMPLATES[f] if not (t == "jeugd-verslag" and req.gender != "f")]
        t = opts[counters[f] % len(opts)]
        counters[f] += 1
        jobs.append(DocJob(os.path.join(ROOT, name), i + 1, t, f, cfg["seed"], muni, main_factory))
    gold, warn = run_part(name, jobs, tmp)
    write_requester(os.path.join(ROOT, name, "requester.toml"), req, random.Random(cfg["seed"] + "-toml"))
    return gold, warn


def write_requester(path, p, rng):
    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [
        f"name = [{q(p.full())}, {q(p.init())}]",
        f"bsn = {q(p.bsn)}",
        f"address = {q(p.address() + ', ' + p.postcode + ' ' + p.place)}",
        f"email = {q(p.email)}",
        f"phone = {q(fmt_mobile(rng, p.mobile_d, 'dash'))}",
        f"iban = {q(fmt_iban(rng, p.iban, True))}",
        f"date_of_birth = {q(fmt_date(rng, p.dob, 'long'))}",
        f"other = [{q(p.plate)}, {q(p.id_doc)}]",
    ]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def write_stats(stats):
    out = {}
    for part, gold in stats.items():
        cat = collections.Counter(v["category"] for g in gold for v in g["values"])
        kind = collections.Counter(k["kind"] for g in gold for k in g["keep"])
        fmt = collections.Counter((g["format"] + ("-" + g["producer"] if g["format"] == "pdf" else "")) for g in gold)
        tpl = collections.Counter(g["template"] for g in gold)
        vfmt = collections.Counter()
        for g in gold:
            vfmt[g["format"] + ("-" + g["producer"] if g["format"] == "pdf" else "")] += len(g["values"])
        out[part] = dict(documents=len(gold), values=sum(cat.values()), keep=sum(kind.values()),
                         values_per_category=dict(sorted(cat.items())), keep_per_kind=dict(sorted(kind.items())),
                         documents_per_format=dict(sorted(fmt.items())), values_per_format=dict(sorted(vfmt.items())),
                         documents_per_template=dict(sorted(tpl.items())))
    with open(os.path.join(ROOT, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    sys.exit(main())
