"""Renderers: one abstract document -> txt / csv / docx / xlsx / pptx / pdf (reportlab) / docx for LibreOffice."""
import csv
import datetime as dt
import io
import os
import re

from core import Collector, segments, strip, MRX

FIXED_DT = dt.datetime(2024, 1, 1, 9, 0, 0)


class Num:
    def __init__(self, v, cat=None, kind=None, note=""):
        self.v, self.cat, self.kind, self.note = v, cat, kind, note

    def display(self):
        return str(self.v)


class XDate:
    def __init__(self, d, cat=None, kind=None, note="", csvfmt="%d-%m-%Y"):
        self.d, self.cat, self.kind, self.note, self.csvfmt = d, cat, kind, note, csvfmt


def tidy(x):
    """Remove a doubled full stop after an abbreviation that ends a marked span ('B.V.' + '.')."""
    if isinstance(x, str):
        return re.sub(r"\.(\x03)\.", r".\1", x)
    if isinstance(x, (list, tuple)):
        return type(x)(tidy(i) for i in x)
    return x


class FlowDoc:
    def __init__(self, blocks=None, header=None, footer=None, letterhead=None, wrap=None, title=None):
        blocks = [tidy(b) for b in (blocks or [])]
        header, footer, letterhead = tidy(header), tidy(footer), tidy(letterhead)
        self.blocks = blocks
        self.header, self.footer, self.letterhead = header, footer, letterhead
        self.wrap = wrap
        self.title = title
        self.kind = "flow"

    def add(self, *b):
        self.blocks.append(b)
        return self


class Sheet:
    def __init__(self, name, header, rows, hidden=False, widths=None):
        self.name, self.header, self.rows, self.hidden, self.widths = name, header, rows, hidden, widths


class TableDoc:
    def __init__(self, sheets, delimiter=";", title_rows=None):
        self.sheets = sheets
        self.delimiter = delimiter
        self.title_rows = title_rows or []  # marked strings placed above the header (xlsx only)
        self.kind = "table"


class SlidesDoc:
    def __init__(self, slides):
        self.slides = slides
        self.kind = "slides"


# ---------------------------------------------------------------------------------------------- wrapping
def tokens(s):
    """Split marked text at spaces outside markup."""
    out, cur, depth = [], "", 0
    for ch in s:
        if ch in "\x01\x04":
            depth += 1
        elif ch == "\x03":
            depth -= 1
        if ch == " " and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def wrap_marked(s, maxw, width=lambda t: len(t)):
    lines, cur = [], ""
    for t in tokens(s):
        cand = (cur + " " + t) if cur else t
        if cur and width(strip(cand)) > maxw:
            lines.append(cur)
            cur = t
        else:
            cur = cand
    lines.append(cur)
    return lines


# ---------------------------------------------------------------------------------------------- txt
def render_txt(doc, path, col):
    out = []
    W = doc.wrap

    def para(s, indent=""):
        if W:
            for l in wrap_marked(s, W - len(indent)):
                out.append(indent + col.take(l))
        else:
            out.append(indent + col.take(s))

    if doc.letterhead:
        for l in doc.letterhead:
            out.append(col.take(l))
        out.append("")
    if doc.header:
        out.append(col.take(doc.header))
        out.append("")
    for b in doc.blocks:
        t = b[0]
        if t == "title":
            p = col.take(b[1])
            out += [p, "=" * min(len(p), 70), ""]
        elif t == "h":
            if out and out[-1] != "":
                out.append("")
            out += [col.take(b[1])]
        elif t == "p":
            para(b[1])
            out.append("")
        elif t == "pc":  # paragraph without blank line after
            para(b[1])
        elif t == "lines":
            for l in b[1]:
                out.append(col.take(l))
        elif t == "quote":
            for l in b[1]:
                if W:
                    for w in wrap_marked(l, W - 2):
                        out.append("> " + col.take(w))
                else:
                    out.append("> " + col.take(l) if l else ">")
        elif t == "kv":
            pairs = b[1]
            lw = max(len(strip(k)) for k, _ in pairs) + 2
            for k, v in pairs:
                kk = col.take(k)
                out.append((kk + ":").ljust(lw) + " " + col.take(v))
        elif t == "table":
            rows = b[1]
            plain = [[strip(c) if isinstance(c, str) else str(c) for c in r] for r in rows]
            ws = [max(len(r[i]) for r in plain if i < len(r)) for i in range(len(rows[0]))]
            for ri, r in enumerate(rows):
                cells = [col.take(c) for c in r]
                out.append(" | ".join(c.ljust(ws[i]) for i, c in enumerate(cells)).rstrip())
                if ri == 0 and b[2].get("header", True):
                    out.append("-+-".join("-" * w for w in ws))
            out.append("")
        elif t == "bullets":
            for it in b[1]:
                para("- " + it)
            out.append("")
        elif t == "space":
            out.append("")
        elif t == "pagebreak":
            out.append("")
            out.append("")
    if doc.footer:
        out.append("")
        out.append(col.take(doc.footer))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out).rstrip() + "\n")


# ---------------------------------------------------------------------------------------------- csv
def render_csv(doc, path, col):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=doc.delimiter, lineterminator="\r\n" if doc.delimiter == ";" else "\n",
                   quoting=csv.QUOTE_MINIMAL)
    sh = doc.sheets[0]
    w.writerow([col.take(h) for h in sh.header])
    for r in sh.rows:
        row = []
        for c in r:
            if isinstance(c, XDate):
                s = c.d.strftime(c.csvfmt)
                _ann(col, c, s)
                row.append(s)
            elif isinstance(c, Num):
                s = c.display()
                _ann(col, c, s)
                row.append(s)
            elif c is None:
                row.append("")
            else:
                row.append(col.take(c))
        w.writerow(row)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def _ann(col, c, s):
    if c.cat:
        col.add(s, ("v", c.cat, ""))
    elif c.kind:
        col.add(s, ("k", c.kind, c.note))
    col.plain_parts.append("\u2588" * len(s))


# ---------------------------------------------------------------------------------------------- xlsx
def render_xlsx(doc, path, col):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    wb = Workbook()
    wb.remove(wb.active)
    for si, sh in enumerate(doc.sheets):
        ws = wb.create_sheet(sh.name)
        r0 = 1
        if si == 0 and doc.title_rows:
            for tr in doc.title_rows:
                ws.cell(row=r0, column=1, value=col.take(tr)).font = Font(bold=True)
                r0 += 1
            r0 += 1
        for ci, h in enumerate(sh.header, 1):
            c = ws.cell(row=r0, column=ci, value=col.take(h))
            c.font = Font(bold=True)
        for ri, r in enumerate(sh.rows, r0 + 1):
            for ci, v in enumerate(r, 1):
                cell = ws.cell(row=ri, column=ci)
                if isinstance(v, XDate):
                    cell.value = v.d
                    cell.number_format = "DD-MM-YYYY"
                    _ann(col, v, v.d.strftime("%d-%m-%Y"))
                elif isinstance(v, Num):
                    cell.value = v.v
                    if isinstance(v.v, float):
                        cell.number_format = "0.00"
                    else:
                        cell.number_format = "0"
                    _ann(col, v, v.display())
                elif v is None:
                    pass
                else:
                    cell.value = col.take(v)
        for ci in range(1, len(sh.header) + 1):
            letter = ws.cell(row=1, column=ci).column_letter
            ws.column_dimensions[letter].width = (sh.widths[ci - 1] if sh.widths and ci <= len(sh.widths) else 18)
        if sh.hidden:
            ws.sheet_state = "hidden"
    p = wb.properties
    p.creator, p.lastModifiedBy, p.title = "", "", ""
    p.created = p.modified = FIXED_DT
    wb.save(path)
    _fix_zip_times(path)


# ---------------------------------------------------------------------------------------------- docx
def _docx_runs(par, s, col, rng, brk=(), split_runs=True, bold=False):
    for text, ann in segments(s):
        if ann:
            col.add(text, ann)
            if text in brk:
                par.add_run().add_break()
            if ann[0] == "v" and split_runs and rng is not None and len(text) > 6 and rng.random() < 0.2:
                k = rng.randint(1, len(text) - 1)
                r1 = par.add_run(text[:k])
                r2 = par.add_run(text[k:])
                r1.bold = r2.bold = bold or None
                col.plain_parts.append("\u2588" * len(text))
                continue
            run = par.add_run(text)
            col.plain_parts.append("\u2588" * len(text))
        else:
            run = par.add_run(text)
            col.plain_parts.append(text)
        if bold:
            run.bold = True


def render_docx(doc, path, col, rng=None, font="Arial", brk=(), for_pdf=False):
    from docx import Document
    from docx.shared import Pt, Cm
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = Document()
    st = d.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(10)
    st.paragraph_format.space_after = Pt(4)
    sec = d.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.2)
    n0, k0 = len(col.values), len(col.keep)
    if doc.header:
        hp = sec.header.paragraphs[0]
        _docx_runs(hp, doc.header, col, None, brk)
        hp.runs and setattr(hp.runs[0].font, "size", Pt(8))
    if doc.footer:
        fp = sec.footer.paragraphs[0]
        _docx_runs(fp, doc.footer, col, None, brk)
    col.hf_values = col.values[n0:]
    col.hf_keep = col.keep[k0:]
    if doc.letterhead:
        for l in doc.letterhead:
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.space_after = Pt(0)
            _docx_runs(p, l, col, rng, brk)
        d.add_paragraph()

    def tight(p):
        p.paragraph_format.space_after = Pt(0)

    for b in doc.blocks:
        t = b[0]
        if t == "title":
            p = d.add_paragraph()
            _docx_runs(p, b[1], col, rng, brk, bold=True)
            for r in p.runs:
                r.font.size = Pt(14)
        elif t == "h":
            p = d.add_paragraph()
            _docx_runs(p, b[1], col, rng, brk, bold=True)
        elif t in ("p", "pc"):
            p = d.add_paragraph()
            _docx_runs(p, b[1], col, rng, brk)
            if t == "pc":
                tight(p)
        elif t == "lines":
            for l in b[1]:
                p = d.add_paragraph()
                tight(p)
                _docx_runs(p, l, col, rng, brk)
        elif t == "quote":
            for l in b[1]:
                p = d.add_paragraph()
                tight(p)
                p.paragraph_format.left_indent = Cm(0.8)
                _docx_runs(p, l, col, rng, brk)
                for r in p.runs:
                    r.font.color.rgb = None
        elif t == "kv":
            opts = b[2] if len(b) > 2 else {}
            if opts.get("as_table", True):
                tb = d.add_table(rows=0, cols=2)
                tb.style = "Table Grid"
                for k, v in b[1]:
                    cells = tb.add_row().cells
                    _docx_runs(cells[0].paragraphs[0], k, col, None, brk)
                    _docx_runs(cells[1].paragraphs[0], v, col, rng, brk)
                    cells[0].width, cells[1].width = Cm(5.5), Cm(11)
                d.add_paragraph()
            else:
                for k, v in b[1]:
                    p = d.add_paragraph()
                    tight(p)
                    _docx_runs(p, k + ": ", col, None, brk, bold=True)
                    _docx_runs(p, v, col, rng, brk)
        elif t == "table":
            rows = b[1]
            opts = b[2] if len(b) > 2 else {}
            tb = d.add_table(rows=0, cols=len(rows[0]))
            tb.style = "Table Grid"
            for ri, r in enumerate(rows):
                cells = tb.add_row().cells
                for ci, c in enumerate(r):
                    _docx_runs(cells[ci].paragraphs[0], c, col, rng, brk,
                               bold=(ri == 0 and opts.get("header", True)))
                    for rr in cells[ci].paragraphs[0].runs:
                        rr.font.size = Pt(8 if len(r) > 4 else 9)
            if opts.get("widths"):
                for r in tb.rows:
                    for ci, w in enumerate(opts["widths"]):
                        r.cells[ci].width = Cm(w)
            d.add_paragraph()
        elif t == "bullets":
            for it in b[1]:
                p = d.add_paragraph(style="List Bullet")
                _docx_runs(p, it, col, rng, brk)
        elif t == "space":
            d.add_paragraph()
        elif t == "pagebreak":
            d.add_page_break()
    cp = d.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.title = ""
    cp.comments = ""
    cp.created = cp.modified = FIXED_DT
    cp.last_printed = FIXED_DT
    cp.revision = 1
    d.save(path)
    _fix_zip_times(path)


# ---------------------------------------------------------------------------------------------- pptx
def render_pptx(doc, path, col):
    from pptx import Presentation
    from pptx.util import Pt, Cm
    prs = Presentation()
    for i, s in enumerate(doc.slides):
        if s.get("layout") == "title":
            sl = prs.slides.add_slide(prs.slide_layouts[0])
            sl.shapes.title.text = col.take(s["title"])
            if s.get("subtitle"):
                tf = sl.placeholders[1].text_frame
                lines = s["subtitle"] if isinstance(s["subtitle"], list) else [s["subtitle"]]
                tf.text = col.take(lines[0])
                for l in lines[1:]:
                    tf.add_paragraph().text = col.take(l)
        elif s.get("table"):
            sl = prs.slides.add_slide(prs.slide_layouts[5])
            sl.shapes.title.text = col.take(s["title"])
            rows = s["table"]
            shp = sl.shapes.add_table(len(rows), len(rows[0]), Cm(1), Cm(4), Cm(23.4), Cm(1) * len(rows))
            tb = shp.table
            for ri, r in enumerate(rows):
                for ci, c in enumerate(r):
                    cell = tb.cell(ri, ci)
                    cell.text = col.take(c)
                    for p in cell.text_frame.paragraphs:
                        for rr in p.runs:
                            rr.font.size = Pt(11 if len(r) < 4 else 9)
        else:
            sl = prs.slides.add_slide(prs.slide_layouts[1])
            sl.shapes.title.text = col.take(s["title"])
            tf = sl.placeholders[1].text_frame
            bl = s.get("bullets", [])
            for j, b in enumerate(bl):
                p = tf.paragraphs[0] if j == 0 else tf.add_paragraph()
                lvl = 0
                if b.startswith("  "):
                    lvl, b = 1, b.strip()
                p.text = col.take(b)
                p.level = lvl
                for rr in p.runs:
                    rr.font.size = Pt(18 if len(bl) < 6 else 14)
        if s.get("notes"):
            sl.notes_slide.notes_text_frame.text = col.take(s["notes"])
    cp = prs.core_properties
    cp.comments = ""
    cp.subject = ""
    cp.keywords = ""
    cp.author = ""
    cp.last_modified_by = ""
    cp.title = ""
    cp.created = cp.modified = FIXED_DT
    cp.revision = 1
    prs.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path):
    """Rewrite the zip with fixed member timestamps so that output is byte-stable; drop the template's
    thumbnail image and (docx) the redundant stylesWithEffects part and latent-style table to keep files small."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    drop = {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"}
    out = []
    for i, data in items:
        if i.filename in drop:
            continue
        if i.filename.endswith(".rels") or i.filename == "[Content_Types].xml":
            s = data.decode("utf-8")
            s = re.sub(r'<Relationship [^>]*Target="[^"]*(thumbnail\.jpeg|stylesWithEffects\.xml)"[^>]*/>', "", s)
            s = re.sub(r'<Override [^>]*PartName="/(docProps/thumbnail\.jpeg|word/stylesWithEffects\.xml)"[^>]*/>', "", s)
            data = s.encode("utf-8")
        if i.filename == "docProps/core.xml":
            s = data.decode("utf-8")
            s = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", r"\g<1>2024-01-01T09:00:00Z\g<3>", s)
            data = s.encode("utf-8")
        if i.filename == "word/styles.xml":
            s = data.decode("utf-8")
            s = re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", s, flags=re.S)
            data = s.encode("utf-8")
        out.append((i, data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i, data in out:
            zi = zipfile.ZipInfo(i.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# ---------------------------------------------------------------------------------------------- reportlab
_FONTS = False


def _fonts():
    global _FONTS
    if _FONTS:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pdfmetrics.registerFont(TTFont("DV", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DVB", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    _FONTS = True


def _all_text(doc):
    parts = [doc.header or "", doc.footer or ""] + list(doc.letterhead or [])

    def walk(x):
        if isinstance(x, str):
            parts.append(x)
        elif isinstance(x, (list, tuple)):
            for i in x:
                walk(i)
    walk(doc.blocks)
    return strip("\n".join(parts))


def render_pdf_rl(doc, path, col, rng=None, kv_x=170):
    _fonts()
    try:
        _all_text(doc).encode("cp1252")
        REG, BOLD = "Helvetica", "Helvetica-Bold"
    except UnicodeEncodeError:
        REG, BOLD = "DV", "DVB"
    from reportlab.pdfgen import canvas
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    W, H = A4
    L, R, T, B = 62, W - 62, H - 60, 70
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setAuthor("")
    c.setCreator("")
    c.setProducer("ReportLab")
    st = {"y": T, "page": 1}
    FS = 9.5
    LH = 13

    def sw(t, font=REG, fs=FS):
        return stringWidth(t, font, fs)

    def decorate():
        if doc.header:
            c.setFont(REG, 7.5)
            c.drawString(L, H - 35, col.take(doc.header))
        if doc.footer:
            c.setFont(REG, 7.5)
            for i, l in enumerate(wrap_marked(doc.footer, R - L, lambda t: sw(t, fs=7.5))):
                c.drawString(L, 42 - i * 9, col.take(l))
        c.setFont(REG, 7.5)
        c.drawRightString(R, 30, f"pagina {st['page']}")

    def newpage():
        c.showPage()
        st["page"] += 1
        st["y"] = T
        decorate()

    def need(h):
        if st["y"] - h < B:
            newpage()

    def line(s, x=L, font=REG, fs=FS, right=False):
        need(LH)
        c.setFont(font, fs)
        p = col.take(s)
        if right:
            c.drawRightString(R, st["y"], p)
        else:
            c.drawString(x, st["y"], p)
        st["y"] -= LH if fs <= 10 else fs + 5

    def para(s, x=L, font=REG, fs=FS, maxw=None):
        maxw = maxw or (R - x)
        for l in wrap_marked(s, maxw, lambda t: sw(t, font, fs)):
            line(l, x, font, fs)

    decorate()
    if doc.letterhead:
        for l in doc.letterhead:
            line(l, right=True, fs=8.5)
        st["y"] -= 10
    for b in doc.blocks:
        t = b[0]
        if t == "title":
            st["y"] -= 4
            para(b[1], font=BOLD, fs=13)
            st["y"] -= 4
        elif t == "h":
            st["y"] -= 3
            para(b[1], font=BOLD)
        elif t in ("p", "pc"):
            para(b[1])
            if t == "p":
                st["y"] -= 5
        elif t == "lines":
            for l in b[1]:
                para(l)
        elif t == "quote":
            for l in b[1]:
                para(l, x=L + 18)
        elif t == "kv":
            opts = b[2] if len(b) > 2 else {}
            kx = opts.get("kv_x", kv_x)
            for k, v in b[1]:
                vlines = wrap_marked(v, R - L - kx, lambda t: sw(t)) if v else [""]
                klines = wrap_marked(k, kx - 10, lambda t: sw(t))
                n = max(len(vlines), len(klines))
                need(LH * n)
                c.setFont(REG, FS)
                y0 = st["y"]
                for i, kl in enumerate(klines):
                    c.drawString(L, y0 - i * LH, col.take(kl))
                for i, vl in enumerate(vlines):
                    c.drawString(L + kx, y0 - i * LH, col.take(vl))
                st["y"] = y0 - n * LH
                if opts.get("ruled"):
                    c.setLineWidth(0.3)
                    c.line(L + kx - 4, st["y"] + LH - 3, R, st["y"] + LH - 3)
            st["y"] -= 5
        elif t == "table":
            rows = b[1]
            opts = b[2] if len(b) > 2 else {}
            n = len(rows[0])
            fs = 8 if n > 4 else 8.5
            natural = [max(sw(strip(r[i]), REG, fs) for r in rows) + 8 for i in range(n)]
            tot = sum(natural)
            avail = R - L
            if tot > avail:
                # shrink widest columns first, but never below the widest single value in that column
                minw = []
                for i in range(n):
                    m = 30
                    for r in rows:
                        for text, ann in segments(r[i]):
                            if ann:
                                m = max(m, sw(text, REG, fs) + 8)
                    minw.append(m)
                ws = list(natural)
                while sum(ws) > avail:
                    i = max(range(n), key=lambda k: ws[k] - minw[k])
                    if ws[i] - minw[i] <= 1:
                        break
                    ws[i] -= min(ws[i] - minw[i], sum(ws) - avail)
            else:
                ws = [w * avail / tot for w in natural] if opts.get("full", True) else natural
            for ri, r in enumerate(rows):
                cells = [wrap_marked(r[i], ws[i] - 6, lambda t: sw(t, REG, fs)) for i in range(n)]
                h = max(len(x) for x in cells) * (fs + 3) + 4
                need(h)
                x = L
                top = st["y"] + fs + 2
                for i in range(n):
                    c.setFont(BOLD if ri == 0 and opts.get("header", True) else REG, fs)
                    for li, l in enumerate(cells[i]):
                        c.drawString(x + 3, st["y"] - li * (fs + 3), col.take(l))
                    c.setLineWidth(0.4)
                    c.rect(x, top - h, ws[i], h)
                    x += ws[i]
                st["y"] -= h
            st["y"] -= 8
        elif t == "bullets":
            for it in b[1]:
                need(LH)
                c.setFont(REG, FS)
                c.drawString(L + 4, st["y"], "•")
                para(it, x=L + 16)
            st["y"] -= 4
        elif t == "space":
            st["y"] -= LH
        elif t == "pagebreak":
            newpage()
    c.save()


def pdf_line_split_values(pdf_path, values, keep=()):
    """Return the set of value (and keep) texts that do not occur on a single line of `pdftotext` output."""
    import subprocess
    out = subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True).stdout
    lines = [re.sub(r"\s+", " ", l).strip() for l in out.splitlines()]
    bad = set()
    for v in list(values) + [k for k in keep if len(k["text"]) < 40]:
        t = re.sub(r"\s+", " ", v["text"])
        if not any(t in l for l in lines):
            bad.add(v["text"])
    return bad
