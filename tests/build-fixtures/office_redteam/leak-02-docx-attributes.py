"""leak-02: Word attributes outside lak's allow-list are never read (vocab.rs attribute() -> AttrRule::Keep,
docx.rs attribute()). Realistic producers: Word 2003/2007 person-name smart tags, legacy form-field
drop-downs (the selected entry is SHOWN), VML WordArt / watermarks (v:textpath/@string), list-level text,
style names, custom XML markup attributes, building-block placeholders."""
from common_repro import *
cases = {}
cases["smarttag_personname.docx"] = docx_body('<w:p><w:r><w:t xml:space="preserve">Aan </w:t></w:r><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName"><w:smartTagPr><w:attr w:name="ProductID" w:val="de heer Jan Jansen"/></w:smartTagPr><w:r><w:t>de heer Jan Jansen</w:t></w:r></w:smartTag></w:p>')
cases["formdropdown_listentry.docx"] = docx_body('<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Keuze1"/><w:enabled/><w:calcOnExit w:val="0"/><w:ddList><w:result w:val="0"/><w:listEntry w:val="piet.bakker@example.nl"/><w:listEntry w:val="BSN 123456782"/></w:ddList></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
cases["vml_textpath_watermark.docx"] = docx_body('<w:p><w:r><w:pict><v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" style="position:absolute;width:400pt;height:100pt" fillcolor="silver" stroked="f"><v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string="BSN 111222333 piet.bakker@example.nl"/></v:shape></w:pict></w:r></w:p>')
cases["customxml_markup_attr.docx"] = docx_body('<w:customXml w:uri="urn:dossier" w:element="persoon"><w:customXmlPr><w:attr w:name="bsn" w:val="BSN 111222333"/></w:customXmlPr><w:p><w:r><w:t>BSN 111222333</w:t></w:r></w:p></w:customXml>')
cases["sdt_docpart_textinput_format.docx"] = docx_body('<w:sdt><w:sdtPr><w:placeholder><w:docPart w:val="piet.bakker@example.nl"/></w:placeholder></w:sdtPr><w:sdtContent><w:p><w:r><w:t>x</w:t></w:r></w:p></w:sdtContent></w:sdt><w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Tekst1"/><w:enabled/><w:textInput><w:format w:val="BSN 111222333"/></w:textInput></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
import re
p = base_docx(); p["word/numbering.xml"] = re.sub(r'(<w:lvlText w:val=")[^"]*(")', r'\1BSN 111222333 %1\2', s(p, "word/numbering.xml"), count=1)
cases["numbering_lvltext.docx"] = p
p = base_docx(); p["word/styles.xml"] = s(p, "word/styles.xml").replace("</w:styles>", '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Piet"><w:name w:val="piet.bakker@example.nl BSN 111222333"/><w:basedOn w:val="Normal"/></w:style></w:styles>')
cases["style_name.docx"] = p
run_cases("leak-02", cases, render=["formdropdown_listentry.docx"])
