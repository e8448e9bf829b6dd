"""leak-06: character data outside the root element is silently ignored instead of refused as malformed
(xml_text.rs character_data(): `let Some(top) = self.stack.last() else { return; }` - quick-xml does not
enforce a single root). A plain-text .xml part, or text after the root's end tag, passes unread, the
document is written (status redacted/clean) although the part is not well-formed XML (README promises
`corrupt` for malformed XML)."""
from common_repro import *
cases = {}
p = base_docx(); p["customXml/item1.xml"] = s(p, "customXml/item1.xml") + "\nBSN 111222333 piet.bakker@example.nl\n"
cases["text_after_root.docx"] = p
p = base_docx(); p["customXml/notes.xml"] = "BSN 111222333\npiet.bakker@example.nl\n"
cases["plain_text_xml_part.docx"] = p
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
p = base_pptx()
p["ppt/slides/slide1.xml"] = s(p, "ppt/slides/slide1.xml") + "BSN 111222333"
cases["slide_trailing_text.pptx"] = p
run_cases("leak-06", cases, render=["slide_trailing_text.pptx"])
