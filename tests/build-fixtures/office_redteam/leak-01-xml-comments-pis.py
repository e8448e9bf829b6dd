"""leak-01: XML comments and processing instructions are never read, and copied verbatim.
xml_text.rs scan(): `Event::Comment(_) | Event::PI(_) => {}`; same for opc.rs elements() ([Content_Types].xml, .rels)."""
from common_repro import *
cases = {}
cases["comment_docx_body.docx"] = docx_body('<!-- BSN 111222333, piet.bakker@example.nl --><w:p><w:r><w:t>x</w:t></w:r></w:p>')
cases["pi_docx_body.docx"] = docx_body('<?lak-note BSN 111222333 piet.bakker@example.nl?><w:p><w:r><w:t>x</w:t></w:r></w:p>')
p = base_xlsx(); p["xl/worksheets/sheet1.xml"] = s(p, "xl/worksheets/sheet1.xml").replace("</sheetData>", "<!-- BSN 111222333 piet.bakker@example.nl --></sheetData>")
cases["comment_xlsx_sheet.xlsx"] = p
p = base_pptx(); p["ppt/slides/slide1.xml"] = s(p, "ppt/slides/slide1.xml").replace("</p:spTree>", "<!-- BSN 111222333 piet.bakker@example.nl --></p:spTree>")
cases["comment_pptx_slide.pptx"] = p
p = base_docx(); p["[Content_Types].xml"] = s(p, "[Content_Types].xml").replace("</Types>", "<!-- BSN 111222333 piet.bakker@example.nl --></Types>")
cases["comment_content_types.docx"] = p
p = base_docx(); p["word/_rels/document.xml.rels"] = s(p, "word/_rels/document.xml.rels").replace("</Relationships>", "<!-- BSN 111222333 piet.bakker@example.nl --></Relationships>")
cases["comment_rels.docx"] = p
run_cases("leak-01", cases)
