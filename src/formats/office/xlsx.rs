//! SpreadsheetML (XLSX, XLSM, XLTX, XLTM): what the elements of an Excel part mean to lak.
//!
//! Text: each shared string (`si`, rich text runs included) and each inline string (`is`) is a unit,
//! and so is each cell's own value (`<c><v>`): numbers too, because a BSN typed into Excel is stored as
//! the number `111222333`. A redacted numeric cell cannot hold the marker as a number (LibreOffice and
//! Excel would show 0), so `rewrite.rs` turns it into an inline-string cell. A formula (`<f>`) is a unit
//! of its own; a cell with a redaction loses its formula and keeps its redacted value, so that a
//! recalculation cannot bring the value back. Header and footer texts, data-validation lists
//! (`formula1`), conditional formats and the cached values of external links and pivot caches are read
//! like any other character data.
//!
//! Names: a worksheet name is an attribute unit; `rewrite.rs` renames a sheet whose name holds personal
//! data to a name built from the marker (sheet names may not contain brackets). A defined name whose
//! *name* would need redaction cannot be renamed without breaking the formulas that use it: the document
//! then needs manual handling. Pivot cache items (`<s v=…>`, `<n v=…>`) are attribute units.
//!
//! Hidden sheets, rows and columns are read like visible ones and reported as notes.

use super::vocab::{AttrKind, AttrRule, ElemRule, Facts, GroupKind, Role, TextKind, truthy};

/// The rule for a SpreadsheetML element.
pub(crate) fn element(local: &str) -> ElemRule {
    match local {
        "si" | "is" => ElemRule::Group(GroupKind::Str),
        "c" => ElemRule::Group(GroupKind::Cell),
        "t" => ElemRule::Text(TextKind::Main),
        "v" => ElemRule::CellValue,
        "f" => ElemRule::Formula,
        _ => ElemRule::Normal,
    }
}

/// The rule for an attribute of a SpreadsheetML element; `None` when Excel's vocabulary says nothing
/// about it (then `vocab.rs` decides).
pub(crate) fn attribute(elocal: &str, alocal: &str, role: Role) -> Option<AttrRule> {
    Some(match (elocal, alocal) {
        ("sheet", "name") => AttrRule::Scan(AttrKind::SheetName),
        ("definedName", "name") => AttrRule::Scan(AttrKind::DefinedName),
        ("fileSharing", "userName") => AttrRule::Strip("user name of the file-sharing reservation removed"),
        ("hyperlink", "display" | "location") => AttrRule::Scan(AttrKind::Text),
        ("tableColumn", "name") | ("table", "displayName" | "name") => AttrRule::Scan(AttrKind::Ident),
        ("cacheField", "name" | "caption") | ("worksheetSource", "sheet" | "name") => AttrRule::Scan(AttrKind::Text),
        ("s" | "n" | "d" | "e" | "m", "v") if role == Role::PivotCache => AttrRule::Scan(AttrKind::PivotValue),
        // The range of a numeric field repeats its smallest and largest value (a BSN column's BSNs).
        ("sharedItems", "minValue" | "maxValue" | "minDate" | "maxDate") if role == Role::PivotCache => {
            AttrRule::Strip("pivot cache value ranges removed")
        }
        ("pivotCacheDefinition", "refreshedBy") => AttrRule::Strip("user names removed"),
        ("sheetName", "val") => AttrRule::Scan(AttrKind::Text),
        (
            "pivotTableDefinition",
            "name" | "dataCaption" | "grandTotalCaption" | "errorCaption" | "missingCaption" | "rowHeaderCaption"
            | "colHeaderCaption",
        )
        | ("dataField" | "pivotField" | "item", "name") => AttrRule::Scan(AttrKind::Text),
        ("item", "n") => AttrRule::Scan(AttrKind::Text),
        ("dataValidation", "prompt" | "promptTitle" | "error" | "errorTitle") => AttrRule::Scan(AttrKind::Text),
        ("userName" | "author", _) | (_, "userName") | ("userInfo", "name") => AttrRule::Strip("user names removed"),
        // Filters, conditional formats, views, connections, queries, names: text users typed.
        ("filter" | "customFilter", "val")
        | ("cfRule", "text")
        | (
            "customWorkbookView" | "customSheetView" | "queryTable" | "queryTableField" | "protectedRange" | "control",
            "name",
        )
        | ("connection", "name" | "description" | "odcFile" | "sourceFile")
        | ("dbPr", "connection" | "command")
        | ("webPr", "url" | "post" | "editPage")
        | ("textPr", "sourceFile")
        | ("parameter", "name" | "prompt" | "string")
        | ("definedName", "comment" | "description" | "help" | "statusBar" | "customMenu")
        | ("tableColumn", "totalsRowLabel")
        | ("table", "comment")
        | ("scenario", "name" | "comment")
        | ("webPublishItem", "destinationFile" | "title") => AttrRule::Scan(AttrKind::Text),
        ("scenario", "user") => AttrRule::Strip("user names removed"),
        ("numFmt", "formatCode") => AttrRule::Scan(AttrKind::FormatCode),
        // Fonts and styles.
        ("name" | "rFont", "val")
        | ("cellStyle" | "tableStyle" | "pivotTableStyleInfo" | "tableStyleInfo", "name")
        | ("tableStyles", "defaultTableStyle" | "defaultPivotStyle")
        | ("tableColumn", "dataCellStyle" | "headerRowCellStyle" | "totalsRowCellStyle")
        | ("sheetPr" | "workbookPr", "codeName") => AttrRule::Name,
        _ => return None,
    })
}

/// Hidden content worth a note.
pub(crate) fn note(local: &str, facts: &Facts) -> Option<&'static str> {
    match local {
        "sheet" if matches!(facts.state.as_deref(), Some("hidden" | "veryHidden")) => {
            Some("hidden sheets (processed like visible ones)")
        }
        "row" if truthy(&facts.hidden) => Some("hidden rows (processed like visible ones)"),
        "col" if truthy(&facts.hidden) => Some("hidden columns (processed like visible ones)"),
        _ => None,
    }
}
