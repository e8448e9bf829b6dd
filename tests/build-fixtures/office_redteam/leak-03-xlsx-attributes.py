"""leak-03: Excel attributes outside lak's allow-list (xlsx.rs attribute()) are never read. Realistic:
autoFilter criteria (user filtered a column on a person), containsText conditional formats, personal
views ("<user> - Persoonlijke weergave"), shared-workbook revision headers / user names, data connections
(connection string, SQL command, description), query tables, defined-name comments, table totals labels,
custom number formats with literal text, external-link defined names."""
from common_repro import *
import re
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
def sheet_after(p, xml):
    p["xl/worksheets/sheet1.xml"] = s(p, "xl/worksheets/sheet1.xml").replace("</sheetData>", "</sheetData>" + xml)
def wb(p, old, new):
    p["xl/workbook.xml"] = s(p, "xl/workbook.xml").replace(old, new)
cases = {}
p = base_xlsx(); sheet_after(p, '<autoFilter ref="A1:B2"><filterColumn colId="0"><filters><filter val="piet.bakker@example.nl"/><filter val="BSN 111222333"/></filters></filterColumn><filterColumn colId="1"><customFilters><customFilter operator="equal" val="06-12345678"/></customFilters></filterColumn></autoFilter>')
cases["autofilter_values.xlsx"] = p
p = base_xlsx(); sheet_after(p, '<conditionalFormatting sqref="A1:B9"><cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="piet.bakker@example.nl"><formula>NOT(ISERROR(SEARCH("piet.bakker@example.nl",A1)))</formula></cfRule></conditionalFormatting>')
cases["cfrule_text.xlsx"] = p
p = base_xlsx(); wb(p, "<calcPr", '<customWorkbookViews><customWorkbookView name="Jan Jansen - Persoonlijke weergave" guid="{11111111-2222-3333-4444-555555555555}" personalView="1" windowWidth="800" windowHeight="600" activeSheetId="1"/></customWorkbookViews><calcPr')
cases["personal_view.xlsx"] = p
p = base_xlsx()
p["xl/revisions/revisionHeaders.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><headers xmlns="{SML}" xmlns:r="{RNS}" guid="{{A}}" diskRevisions="1" revisionId="1" version="2"><header guid="{{B}}" dateTime="2024-01-01T10:00:00" maxSheetId="2" userName="Jan Jansen" r:id="rId1"><sheetIdMap count="1"><sheetId val="1"/></sheetIdMap></header></headers>'
p["xl/revisions/userNames.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><users xmlns="{SML}" xmlns:r="{RNS}" count="1"><userInfo guid="{{C}}" name="piet.bakker@example.nl" id="1" dateTime="2024-01-01T10:00:00"/></users>'
p["xl/revisions/revisionLog1.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><revisions xmlns="{SML}" xmlns:r="{RNS}"/>'
p["xl/revisions/_rels/revisionHeaders.xml.rels"] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/revisionLog" Target="revisionLog1.xml"/></Relationships>'
add_ct_override(p, "/xl/revisions/revisionHeaders.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.revisionHeaders+xml")
add_ct_override(p, "/xl/revisions/userNames.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.userNames+xml")
add_ct_override(p, "/xl/revisions/revisionLog1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.revisionLog+xml")
add_rel(p, "xl/_rels/workbook.xml.rels", "rId8", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/revisionHeaders", "revisions/revisionHeaders.xml")
add_rel(p, "xl/_rels/workbook.xml.rels", "rId7", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/usernames", "revisions/userNames.xml")
cases["shared_workbook_users.xlsx"] = p
p = base_xlsx()
p["xl/connections.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><connections xmlns="{SML}"><connection id="1" name="Aanvragen" description="Aanvragen van de heer Jan Jansen" type="1" refreshedVersion="6" saveData="1"><dbPr connection="DSN=zaken;UID=piet.bakker@example.nl;" command="SELECT * FROM aanvraag WHERE bsn = \'111222333\'"/></connection></connections>'
add_ct_override(p, "/xl/connections.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml")
add_rel(p, "xl/_rels/workbook.xml.rels", "rId9", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/connections", "connections.xml")
cases["connections.xlsx"] = p
p = base_xlsx(); wb(p, "<definedNames/>", '<definedNames><definedName name="Lijst" comment="contact piet.bakker@example.nl BSN 111222333">Blad1!$A$1</definedName></definedNames>')
cases["definedname_comment.xlsx"] = p
p = base_xlsx()
st = s(p, "xl/styles.xml")
st = st.replace("<fonts", '<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;piet.bakker@example.nl &quot;0"/></numFmts><fonts', 1)
p["xl/styles.xml"] = st
cases["numfmt_literal.xlsx"] = p
run_cases("leak-03", cases)
