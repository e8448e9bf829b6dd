"""Shared by leak-*.py: build cases, run lak once, check outputs independently."""
import os, sys, json, glob, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *

def run_cases(tag, cases, render=(), extra_args=()):
    d = f"{FIXTURES}/{tag}"
    shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    files = {}
    for name, parts in cases.items():
        path = f"{d}/{name}"
        if isinstance(parts, (bytes, bytearray)):
            open(path, "wb").write(parts)
        elif isinstance(parts, str):
            shutil.copy(parts, path)
        else:
            build_zip(path, parts)
        files[name] = path
    res = check(files, tag=tag, extra_args=extra_args)
    for n in render:
        if res.get(n, {}).get("output"):
            t, e = soffice_pdf(res[n]["output"])
            print(f"   LibreOffice PDF text of output {n}: {t!r}" if t is not None else f"   soffice failed: {e[:200]}")
    return res

CTX = '<w:p><w:r><w:t>Brief over de heer Jan Jansen.</w:t></w:r></w:p>'
def docx_body(xml, ctx=True, text="Hallo wereld."):
    p = base_docx(text)
    d = s(p, "word/document.xml")
    p["word/document.xml"] = d.replace("<w:body>", "<w:body>" + (CTX if ctx else "") + xml)
    return p
