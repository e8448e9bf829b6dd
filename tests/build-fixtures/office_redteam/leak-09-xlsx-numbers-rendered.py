"""leak-09: Excel values that are displayed but never seen by the detector (rendered with LibreOffice).
 (a) Apache POI writes every numeric cell with Java's Double.toString: 111222333 is stored as
     <v>1.11222333E8</v>. lak reads the literal text, so a BSN column (header "BSN") is not redacted.
 (b) number formats are not applied: 612345678 with format "0"0"-"00000000 displays 06-12345678;
     12345672 with format 000000000 displays the valid BSN 012345672 (header without BSN context).
 (c) a formula without a cached value (openpyxl never writes one) is computed on open:
     =CONCATENATE("1234","56782") under header BSN shows 123456782."""
from common_repro import *
import openpyxl
cases = {}
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["Naam", "BSN", "Telefoon"]); ws.append(["mevrouw A. de Vries", 111222333, 612345678])
ws["B2"].number_format = "0"; ws["C2"].number_format = "0"
for c in "ABC": ws.column_dimensions[c].width = 25
wb.save("/tmp/_poi.xlsx"); p = read_parts("/tmp/_poi.xlsx")
p["xl/worksheets/sheet1.xml"] = s(p, "xl/worksheets/sheet1.xml").replace("<v>111222333</v>", "<v>1.11222333E8</v>").replace("<v>612345678</v>", "<v>6.12345678E8</v>")
cases["a_poi_doubles.xlsx"] = p
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["Klantnummer", "Telefoon"]); ws.append([12345672, 612345678])
ws["A2"].number_format = "000000000"; ws["B2"].number_format = '"0"0"-"00000000'
for c in "AB": ws.column_dimensions[c].width = 25
wb.save("/tmp/_fmt.xlsx"); cases["b_number_formats.xlsx"] = read_parts("/tmp/_fmt.xlsx")
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["Naam", "BSN"]); ws.append(["x", '=CONCATENATE("1234","56782")'])
ws.column_dimensions["B"].width = 25
wb.save("/tmp/_f.xlsx"); cases["c_formula_no_cache.xlsx"] = read_parts("/tmp/_f.xlsx")
run_cases("leak-09", cases, render=list(cases))
