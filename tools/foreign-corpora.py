#!/usr/bin/env python3
"""Run lak on documents it was not built for, one file at a time, and tally what went wrong.

Every file is redacted by its own `lak redact` process, with a wall-clock timeout and a cap on its
address space, so one hostile file cannot hide the others. Per file this records:

- panic: exit code 101, or "panicked" on stderr (lak catches panics per document and reports them as
  `internal_error`; both count);
- timeout: the process was still running after --timeout seconds (killed);
- memory: the process died on the address-space cap (an allocation failure aborts the process) or
  was killed by a signal;
- invalid output: a written output fails a check by a tool that is not lak: `qpdf --check` for PDF
  (errors and warnings both count: lak writes every PDF whole, so its output has no excuse); for
  Office Open XML, the zip opens, every entry's CRC matches and every XML part (by name or content
  type) is well-formed; for text and CSV, the output is UTF-8; with --libreoffice, Office outputs are
  also converted to PDF by LibreOffice, which must succeed; an e-mail (`.eml`, also a `.msg` published
  as one) is parsed by Python's `email` package without defects, each message of a mailbox too; a zip
  opens with every CRC matching; a PNG or JPEG is decoded whole by Pillow when it is installed (else
  its signature is checked);
- withheld: the document needs manual handling; the reason code comes from lak-report.json.

It prints a table per corpus (the top-level folder arguments) and writes one CSV row per file.

Standard library only. Usage:

    tools/foreign-corpora.py /tmp/corpora/pdfjs /tmp/corpora/poi --csv /tmp/corpora/tally.csv

See docs/foreign-corpora.md for how to get the corpora.
"""

import argparse
import collections
import concurrent.futures
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

# The extensions lak handles (README, Formats); other files are skipped unless --all.
LAK_EXTENSIONS = {
    "txt", "text", "md", "csv", "pdf",
    "docx", "docm", "dotx", "dotm",
    "xlsx", "xlsm", "xltx", "xltm",
    "pptx", "pptm", "ppsx", "ppsm", "potx", "potm",
    "eml", "msg", "mbox", "zip", "png", "jpg", "jpeg", "tif", "tiff", "gif", "bmp",
}
PICTURES = {"png", "jpg", "jpeg", "tif", "tiff", "gif", "bmp"}
OOXML = LAK_EXTENSIONS - {"txt", "text", "md", "csv", "pdf", "eml", "msg", "mbox", "zip"} - PICTURES


def extension(path):
    return os.path.splitext(path)[1].lstrip(".").lower()


def run_lak(lak, source, work, timeout, mem_bytes):
    """Runs `lak redact` on one file. Returns (returncode or None on timeout, stderr, seconds, maxrss KiB)."""
    out, review = os.path.join(work, "out"), os.path.join(work, "review")
    with open(os.path.join(work, "stdout"), "wb") as so, open(os.path.join(work, "stderr"), "wb") as se:
        start = time.monotonic()
        proc = subprocess.Popen(
            # prlimit rather than a preexec_fn: this runs in several threads at once.
            ["prlimit", "--as={}".format(mem_bytes), "--core=0", "--",
             lak, "redact", source, "--out", out, "--review", review, "--jobs", "1", "--quiet"],
            stdout=so,
            stderr=se,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        status = rusage = None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, rusage = os.wait4(proc.pid, 0)
                status = None
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
    proc.returncode = 0  # reaped by wait4; keep Popen from waiting again
    with open(os.path.join(work, "stderr"), "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    code = None if status is None else os.waitstatus_to_exitcode(status)
    return code, stderr, seconds, rusage.ru_maxrss if rusage else 0


def check_pdf(path):
    p = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True, errors="replace")
    if p.returncode == 0:
        return None
    lines = [l for l in (p.stdout + p.stderr).splitlines() if "WARNING" in l or "error" in l.lower()]
    return "qpdf --check exit {}: {}".format(p.returncode, " | ".join(lines[:3]) or "(no message)")


def looks_like_xml(name, content_types):
    lower = name.lower()
    if lower.endswith((".xml", ".rels", ".vml")):
        return True
    ct = content_types.get("/" + name.lower())
    return bool(ct) and (ct.endswith("+xml") or ct.endswith("/xml"))


def content_types_of(z):
    """Part name (lower case, with leading /) -> content type, from the overrides and defaults."""
    out = {}
    try:
        root = ET.fromstring(z.read("[Content_Types].xml"))
    except Exception:
        return out
    defaults = {}
    for e in root:
        tag = e.tag.rsplit("}", 1)[-1]
        if tag == "Default":
            defaults[e.get("Extension", "").lower()] = e.get("ContentType", "")
        elif tag == "Override":
            out[e.get("PartName", "").lower()] = e.get("ContentType", "")
    for name in z.namelist():
        key = "/" + name.lower()
        if key not in out:
            out[key] = defaults.get(extension(name), "")
    return out


def check_ooxml(path, libreoffice):
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                return "zip entry {} has a bad CRC".format(bad)
            if "[Content_Types].xml" not in z.namelist():
                return "no [Content_Types].xml"
            types = content_types_of(z)
            for info in z.infolist():
                if info.is_dir() or not looks_like_xml(info.filename, types):
                    continue
                try:
                    ET.fromstring(z.read(info))
                except ET.ParseError as e:
                    return "{} is not well-formed XML: {}".format(info.filename, e)
    except zipfile.BadZipFile as e:
        return "not a zip: {}".format(e)
    except Exception as e:  # anything else zipfile raises on a broken file
        return "zip cannot be read: {}: {}".format(type(e).__name__, e)
    if libreoffice:
        return check_libreoffice(path)
    return None


def check_libreoffice(path):
    with tempfile.TemporaryDirectory(prefix="lak-lo-") as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        try:
            p = subprocess.run(
                ["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf",
                 "--outdir", tmp, path],
                capture_output=True, text=True, errors="replace", timeout=180,
            )
        except subprocess.TimeoutExpired:
            return "LibreOffice did not convert it within 180 s"
        pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        if p.returncode != 0 or not os.path.exists(pdf):
            return "LibreOffice could not convert it: {}".format((p.stderr or p.stdout).strip()[:200])
    return None


def check_text(path):
    try:
        with open(path, "rb") as f:
            f.read().decode("utf-8")
    except UnicodeDecodeError as e:
        return "not UTF-8: {}".format(e)
    return None


def check_message(data):
    import email
    import email.policy
    m = email.message_from_bytes(data, policy=email.policy.default)
    defects = list(m.defects) + [d for p in m.walk() for d in p.defects]
    if defects:
        return "python's email package found defects: {}".format(", ".join(type(d).__name__ for d in defects[:3]))
    for p in m.walk():
        if not p.is_multipart():
            p.get_payload(decode=True)
    return None


def check_email(path):
    with open(path, "rb") as f:
        return check_message(f.read())


def check_mbox(path):
    import mailbox
    for i, m in enumerate(mailbox.mbox(path, create=False)):
        why = check_message(m.as_bytes())
        if why:
            return "message {}: {}".format(i + 1, why)
    return None


def check_zip(path):
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError) as e:
        return "zip does not open: {}".format(e)
    return "CRC mismatch in {}".format(bad) if bad else None


def check_picture(path):
    with open(path, "rb") as f:
        head = f.read(8)
    magics = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\0", b"MM\0*", b"GIF87a", b"GIF89a", b"BM")
    if not head.startswith(magics):
        return "not a PNG, JPEG, TIFF, GIF or BMP"
    try:
        from PIL import Image
    except ImportError:
        return None
    try:
        with Image.open(path) as im:
            for frame in range(getattr(im, "n_frames", 1)):
                im.seek(frame)
                im.load()
    except Exception as e:
        return "Pillow cannot decode it: {}".format(e)
    return None


def check_output(path, libreoffice):
    ext = extension(path)
    if ext == "pdf":
        return check_pdf(path)
    if ext in OOXML:
        return check_ooxml(path, libreoffice)
    if ext == "eml":
        return check_email(path)
    if ext == "mbox":
        return check_mbox(path)
    if ext == "zip":
        return check_zip(path)
    if ext in PICTURES:
        return check_picture(path)
    return check_text(path)


def process(args, corpus, source):
    row = {
        "corpus": corpus, "file": os.path.relpath(source, corpus), "ext": extension(source),
        "bytes": os.path.getsize(source), "exit": "", "seconds": "", "maxrss_mib": "",
        "outcome": "", "status": "", "reason_code": "", "detail": "",
    }
    with tempfile.TemporaryDirectory(prefix="lak-corpus-") as work:
        code, stderr, seconds, maxrss = run_lak(args.lak, source, work, args.timeout, args.mem_mib << 20)
        row["exit"] = "" if code is None else code
        row["seconds"] = "{:.2f}".format(seconds)
        row["maxrss_mib"] = "{:.0f}".format(maxrss / 1024)
        doc = None
        try:
            with open(os.path.join(work, "review", "lak-report.json"), encoding="utf-8") as f:
                docs = json.load(f).get("documents", [])
                doc = docs[0] if docs else None
        except (OSError, ValueError):
            pass
        if doc:
            row["status"] = doc.get("status", "")
            reason = doc.get("reason") or {}
            row["reason_code"] = reason.get("code", "")
            row["detail"] = reason.get("reason", "")[:300]
        panicked = "panicked" in stderr or row["reason_code"] == "internal_error"
        if code is None:
            row["outcome"] = "timeout"
        elif code == 101 or panicked:
            row["outcome"] = "panic"
            row["detail"] = (row["detail"] or stderr.strip())[:300]
        elif code < 0 or "memory allocation of" in stderr or "out of memory" in stderr.lower():
            row["outcome"] = "memory"
            row["detail"] = "signal {}; {}".format(-code if code < 0 else "-", stderr.strip()[:200])
        elif doc is None:
            row["outcome"] = "error"
            row["detail"] = stderr.strip()[:300]
        elif row["status"] == "needs_manual":
            row["outcome"] = "withheld"
        else:
            # The report names the output: lak redacts personal data in file names too.
            out = os.path.join(work, "out", doc.get("output") or os.path.basename(source))
            if not os.path.exists(out):
                row["outcome"] = "error"
                row["detail"] = "status {} but no output".format(row["status"])
            else:
                problem = check_output(out, args.libreoffice)
                if problem:
                    row["outcome"] = "invalid"
                    row["detail"] = problem.replace(out, os.path.basename(out))[:300]
                    if args.keep_invalid:
                        os.makedirs(args.keep_invalid, exist_ok=True)
                        shutil.copy(out, os.path.join(args.keep_invalid, row["file"].replace("/", "__")))
                else:
                    row["outcome"] = row["status"]  # redacted | clean
    return row


def table(rows, title):
    outcomes = collections.Counter(r["outcome"] for r in rows)
    reasons = collections.Counter(r["reason_code"] for r in rows if r["outcome"] == "withheld")
    by_ext = collections.Counter((r["reason_code"], r["ext"]) for r in rows if r["outcome"] == "withheld")
    lines = ["== {} ==".format(title)]
    for key in ["files", "redacted", "clean", "withheld", "panic", "timeout", "memory", "invalid", "error"]:
        n = len(rows) if key == "files" else outcomes.get(key, 0)
        lines.append("  {:<28}{:>7}".format(key, n))
    if reasons:
        lines.append("  withheld by reason:")
        for code, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            exts = ", ".join(
                "{} {}".format(c, e) for (rc, e), c in sorted(by_ext.items(), key=lambda kv: (-kv[1], kv[0])) if rc == code
            )
            lines.append("    {:<36}{:>5}   ({})".format(code, n, exts))
    for key in ["panic", "timeout", "memory", "invalid", "error"]:
        for r in rows:
            if r["outcome"] == key:
                lines.append("  {}: {}/{}: {}".format(key, os.path.basename(r["corpus"]), r["file"], r["detail"][:160]))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", help="corpus folders; each is tallied on its own and in total")
    ap.add_argument("--lak", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "lak"),
                    help="the lak binary (default: target/release/lak)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per file (default 120)")
    ap.add_argument("--mem-mib", type=int, default=4096, help="address-space cap per lak process (default 4096)")
    ap.add_argument("--jobs", type=int, default=2, help="files processed at once (each lak runs one thread)")
    ap.add_argument("--csv", help="write one row per file here")
    ap.add_argument("--all", action="store_true", help="also run files whose extension lak does not handle")
    ap.add_argument("--libreoffice", action="store_true", help="also convert Office outputs with LibreOffice")
    ap.add_argument("--keep-invalid", help="copy outputs that fail a check into this folder")
    args = ap.parse_args()
    args.lak = os.path.abspath(args.lak)
    if not os.access(args.lak, os.X_OK):
        sys.exit("no lak binary at {} (cargo build --release, or --lak PATH)".format(args.lak))
    if shutil.which("qpdf") is None:
        sys.exit("qpdf is needed for the PDF check")

    work = []
    for folder in args.folders:
        folder = os.path.abspath(folder)
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                if os.path.isfile(path) and not os.path.islink(path) and (args.all or extension(name) in LAK_EXTENSIONS):
                    work.append((folder, path))
    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(process, args, corpus, path) for corpus, path in work]
        for i, fut in enumerate(futures, 1):
            rows.append(fut.result())
            if sys.stderr.isatty():
                print("\r{}/{}".format(i, len(work)), end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else ["file"])
            w.writeheader()
            w.writerows(rows)
    corpora = sorted({r["corpus"] for r in rows})
    for c in corpora:
        print(table([r for r in rows if r["corpus"] == c], os.path.basename(c)))
    if len(corpora) > 1:
        print(table(rows, "all"))
    bad = sum(1 for r in rows if r["outcome"] in ("panic", "timeout", "memory", "invalid", "error"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
