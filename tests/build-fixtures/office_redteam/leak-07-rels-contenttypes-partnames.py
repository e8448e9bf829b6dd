"""leak-07: OPC plumbing that is never read.
 (a) a hyperlink relationship without TargetMode="External" (or with "external" in lower case): rels_part()
     (mod.rs) reads only `r.external && HYPERLINK` targets; opc.rs compares TargetMode == "External"
     exactly. The mailto: target stays.
 (b) a *.rels part holding anything but Relationship elements is never read (only rels_part() looks at it).
 (c) [Content_Types].xml is never read (only removal edits), e.g. an Override PartName.
 (d) zip entry names (part names) are never read."""
from common_repro import *
cases = {}
p = docx_body('<w:p><w:hyperlink r:id="rId99"><w:r><w:t>mail</w:t></w:r></w:hyperlink></w:p>')
add_rel(p, "word/_rels/document.xml.rels", "rId99", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", "mailto:piet.bakker@example.nl")
cases["a_hyperlink_no_targetmode.docx"] = p
p = docx_body('<w:p><w:hyperlink r:id="rId98"><w:r><w:t>mail</w:t></w:r></w:hyperlink></w:p>')
p["word/_rels/document.xml.rels"] = s(p, "word/_rels/document.xml.rels").replace("</Relationships>", '<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:piet.bakker@example.nl" TargetMode="external"/></Relationships>')
cases["a2_hyperlink_targetmode_lowercase.docx"] = p
p = base_docx()
p["word/_rels/extra.rels"] = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><x>BSN 111222333 piet.bakker@example.nl</x></Relationships>'
cases["b_rels_other_content.docx"] = p
p = base_docx()
p["[Content_Types].xml"] = s(p, "[Content_Types].xml").replace("</Types>", '<Override PartName="/word/piet.bakker@example.nl.xml" ContentType="application/xml"/></Types>')
cases["c_content_types_override.docx"] = p
p = base_docx(); p["word/media/scan BSN 111222333 piet.bakker@example.nl.xml"] = "<a/>"
cases["d_part_name.docx"] = p
run_cases("leak-07", cases)
