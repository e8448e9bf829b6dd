"""leak-08: the value is shown by LibreOffice in the REDACTED output, but lak's unit text differs from
what is displayed, so the detector never sees it (no contiguous bytes; check is on the rendered PDF).
 (a) a digit written as w:sym (w:sym is not a Char element in docx.rs element(); the unit lacks it);
 (b) run-level mc:AlternateContent: both the Choice and the Fallback runs are concatenated into one
     paragraph unit ("BSN 111222222333"), while a consumer shows only one branch ("BSN 111222333")."""
from common_repro import *
cases = {}
cases["a_wsym_digit.docx"] = docx_body('<w:p><w:r><w:t xml:space="preserve">BSN 11122233</w:t></w:r><w:r><w:sym w:font="Calibri" w:char="0033"/></w:r></w:p>')
cases["b_mc_alternatecontent_runs.docx"] = docx_body('<w:p><w:r><w:t xml:space="preserve">BSN 111</w:t></w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>222</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>222</w:t></w:r></mc:Fallback></mc:AlternateContent><w:r><w:t>333</w:t></w:r></w:p>')
run_cases("leak-08", cases, render=list(cases))
