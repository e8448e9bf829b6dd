"""leak-05: parts classified as "font" are copied raw and never read (scrub.rs classify(): the test
`ct.contains("font") || file.ends_with(".odttf") || file.ends_with(".fntdata")` comes before the XML
test; mod.rs maps PartKind::Font to Part::Raw).
 (a) Word's own word/fontTable.xml (content type ...wordprocessingml.fontTable+xml contains "font") is
     never read;
 (b) the MAIN DOCUMENT stored under a name ending in .odttf (part names are free in OPC; the package
     relationship + content-type override make it the main part) is copied unredacted and reported
     as processed. LibreOffice opens the output and shows the full text;
 (c) any XML part given a content type that contains "font"."""
from common_repro import *
cases = {}
p = base_docx()
p["word/fontTable.xml"] = s(p, "word/fontTable.xml").replace("</w:fonts>", '<w:font w:name="piet.bakker@example.nl"><w:altName w:val="BSN 111222333"/></w:font></w:fonts>')
cases["a_fonttable.docx"] = p
p = base_docx("Brief aan de heer Jan Jansen, BSN 111222333, piet.bakker@example.nl")
parts = {}
for k, v in p.items():
    if k == "word/document.xml": k = "word/document.odttf"
    if k == "word/_rels/document.xml.rels": k = "word/_rels/document.odttf.rels"
    parts[k] = v
parts["_rels/.rels"] = s(parts, "_rels/.rels").replace('Target="word/document.xml"', 'Target="word/document.odttf"')
parts["[Content_Types].xml"] = s(parts, "[Content_Types].xml").replace('PartName="/word/document.xml"', 'PartName="/word/document.odttf"')
cases["b_main_part_named_odttf.docx"] = parts
p = base_docx("Hallo")
p["customXml/item2.xml"] = '<?xml version="1.0"?><a>BSN 111222333 piet.bakker@example.nl</a>'
add_ct_override(p, "/customXml/item2.xml", "application/vnd.example.fontdata+xml")
cases["c_ct_contains_font.docx"] = p
run_cases("leak-05", cases, render=["b_main_part_named_odttf.docx"])
