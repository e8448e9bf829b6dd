"""bug-13: no leak, but wrong results.
 (a) w:t with the legal xml:space="default": rewrite.rs text_unit() adds xml:space="preserve" because
     Holder.preserve is only true for "preserve" -> duplicated attribute -> output_unreadable (refused).
 (b) a redacted attribute in a start tag that also loses an attribute (w:rsid*, w:author, r:id to a removed
     part): the strip edit (built from the ORIGINAL tag bytes) and the attribute patch nest;
     apply_patches() keeps the outer one, so the redaction is dropped; the re-scan catches it
     (residual_after_redaction) -> refused instead of redacted.
 (c) every chart cache <c:formatCode>General</c:formatCode> is reported as a person name and rewritten to
     <c:formatCode>[5.1.2e]</c:formatCode>, also in charts without personal data (python-pptx chart)."""
from common_repro import *
import pptx
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches
cases = {}
cases["a_xmlspace_default.docx"] = docx_body('<w:p><w:r><w:t xml:space="default">BSN 111222333 en meer</w:t></w:r></w:p>')
cases["b_hyperlink_tooltip_and_author.docx"] = p = docx_body('<w:p><w:hyperlink r:id="rId83" w:tooltip="mail piet.bakker@example.nl" w:author="X"><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>')
add_rel(p, "word/_rels/document.xml.rels", "rId83", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", "https://example.org/", True)
prs = pptx.Presentation(); sl = prs.slides.add_slide(prs.slide_layouts[6])
cd = CategoryChartData(); cd.categories = ["Noord", "Zuid"]; cd.add_series("Aantal", (1, 2))
sl.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(5), Inches(4), cd)
prs.save("/tmp/_chart.pptx"); cases["c_chart_general.pptx"] = "/tmp/_chart.pptx"
res = run_cases("bug-13", cases)
rep = json.load(open(sorted(glob.glob(ROOT + "/runs/bug-13-*"), key=os.path.getmtime)[-1] + "/out-review/lak-report.json"))
for d in rep["documents"]:
    print(d["path"].split("/")[-1], d.get("reason"), [(f["text"], f["location"].get("part"), f["why"]) for f in d["findings"]][:2])
out = res["c_chart_general.pptx"]["output"]
print(re.findall(r"<c:formatCode>[^<]*</c:formatCode>", zipfile.ZipFile(out).read("ppt/charts/chart1.xml").decode()))
