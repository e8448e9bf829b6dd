"""leak-04: more unread attributes: PowerPoint section names (p14:section/@name, user-typed), SmartArt
placeholder text (dgm:prSet/@phldrT), sound names (a:snd/@name), theme names; Word altChunk XHTML
(href="mailto:...", alt="..."); a custom XML data part whose name is not customXml/item*.xml (the
AllAttributes role is chosen by part name in scrub.rs classify(), not by relationship/content type)."""
from common_repro import *
import re
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
cases = {}
p = base_pptx()
p["ppt/presentation.xml"] = s(p, "ppt/presentation.xml").replace("</p:presentation>", '<p:extLst><p:ext uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"><p14:section name="Zaak mevrouw A. de Vries BSN 111222333" id="{11111111-2222-3333-4444-555555555555}"><p14:sldIdLst><p14:sldId id="256"/></p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst></p:presentation>')
cases["pptx_section_name.pptx"] = p
p = base_pptx()
p["ppt/diagrams/data1.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="{A}"><dgm:ptLst><dgm:pt modelId="{{1}}" type="doc"><dgm:prSet phldrT="piet.bakker@example.nl"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>x</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst><dgm:cxnLst/></dgm:dataModel>'
add_ct_override(p, "/ppt/diagrams/data1.xml", "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml")
cases["pptx_smartart_phldrT.pptx"] = p
p = base_pptx()
p["ppt/slides/slide1.xml"] = s(p, "ppt/slides/slide1.xml").replace("</p:spTree>", '<p:sp><p:nvSpPr><p:cNvPr id="10" name="x"><a:hlinkClick r:id="" action="ppaction://noaction"><a:snd r:embed="" name="gesprek piet.bakker@example.nl"/></a:hlinkClick></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/></p:sp></p:spTree>')
cases["pptx_sound_name.pptx"] = p
p = base_pptx()
p["ppt/theme/theme1.xml"] = re.sub(r'<a:theme ([^>]*)name="[^"]*"', r'<a:theme \1name="Huisstijl piet.bakker@example.nl"', s(p, "ppt/theme/theme1.xml"), count=1)
cases["pptx_theme_name.pptx"] = p
p = docx_body('<w:altChunk r:id="rId80"/>')
p["word/afchunk1.xhtml"] = '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><p>Contact: <a href="mailto:piet.bakker@example.nl">mail de behandelaar</a></p><p><img src="x.png" alt="BSN 111222333"/></p></body></html>'
add_ct_default(p, "xhtml", "application/xhtml+xml")
add_rel(p, "word/_rels/document.xml.rels", "rId80", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk", "afchunk1.xhtml")
cases["docx_altchunk_xhtml.docx"] = p
p = base_docx()
p["customXml/dossier.xml"] = '<?xml version="1.0"?><d:dossier xmlns:d="urn:x"><d:p bsn="111222333" mail="piet.bakker@example.nl"/></d:dossier>'
add_rel(p, "word/_rels/document.xml.rels", "rId96", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml", "../customXml/dossier.xml")
cases["docx_customxml_other_name.docx"] = p
p = base_docx()
p["customXml/item1.xml"] = '<?xml version="1.0"?><d:dossier xmlns:d="urn:x"><d:p bsn="111222333" mail="piet.bakker@example.nl"/></d:dossier>'
cases["CONTROL_customxml_item1.docx"] = p
run_cases("leak-04", cases)
