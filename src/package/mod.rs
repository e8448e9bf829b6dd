//! The publication package: what a Woo decision publishes besides the redacted documents.
//!
//! A dossier is published as a package: the documents, under names that identify no one, an inventory
//! and a redaction log. Everything here works on what the pipeline already
//! learned about each document and renders names, rows and bytes; the pipeline owns the file system and
//! writes them (atomically, like the documents).
//!
//! - [`names`]: file and folder names are content. They are scanned with the run's rules and policy,
//!   written with markers in place of the values, numbered on request (`--number PREFIX`), and made
//!   unique so that no output overwrites another.
//! - [`inventory`]: the *inventarislijst* (the platforms' *productierapport*), one row per document, as
//!   a [`table::Table`] rendered to CSV ([`table`]) and to a minimal workbook ([`xlsx`]).
//! - [`redaction_log`]: the *lakregister*, one row per box (document, place, category, ground, rule,
//!   source), as CSV written row by row.
//!
//! Nothing in this module may put a value lak removed into a published byte: names are built only from
//! redacted components, and rows only from redacted names, rule data and fixed vocabularies.

pub mod inventory;
pub mod names;
pub mod redaction_log;
pub mod table;
pub mod xlsx;

/// The inventory as CSV, in the output folder's root.
pub const INVENTORY_CSV: &str = "inventarislijst.csv";
/// The inventory as a workbook, in the output folder's root.
pub const INVENTORY_XLSX: &str = "inventarislijst.xlsx";
/// The redaction log, in the output folder's root.
pub const REDACTION_LOG_CSV: &str = "lakregister.csv";

/// What a redact run publishes besides the documents, as the command line asks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Name every output by its document number, `PREFIX-0001.pdf`, flat in the output folder
    /// (`--number PREFIX`); the original name is only in the review report.
    pub number: Option<String>,
    /// `Matter` and `Zaaknummer` for every row of the inventory.
    pub meta: inventory::Meta,
    /// Publish only the first of documents with the same bytes or text (`--skip-duplicates`); the
    /// others are listed as `Niet openbaar`, `dubbel`.
    pub skip_duplicates: bool,
}

/// A file of the package besides the documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum File {
    /// `inventarislijst.csv`.
    InventoryCsv,
    /// `inventarislijst.xlsx`.
    InventoryXlsx,
    /// `lakregister.csv`.
    RedactionLog,
}

impl File {
    /// Every file, in the order they are written.
    pub const ALL: [File; 3] = [File::InventoryCsv, File::InventoryXlsx, File::RedactionLog];

    /// Its name in the output folder's root.
    pub fn name(self) -> &'static str {
        match self {
            File::InventoryCsv => INVENTORY_CSV,
            File::InventoryXlsx => INVENTORY_XLSX,
            File::RedactionLog => REDACTION_LOG_CSV,
        }
    }
}

/// The package's files of a redact run's report, rendered to the writers the pipeline gives: the
/// inventory (a row per document) is built once, the redaction log (a row per box: 200,000 at 10,000
/// documents) row by row as it is written.
pub struct Files<'a> {
    report: &'a crate::report::Report,
    /// The spool the report's findings wait in (see [`crate::report::spool`]).
    store: Option<&'a dyn crate::report::spool::Store>,
    inventory: table::Table,
}

impl<'a> Files<'a> {
    /// The files of `report` (its findings spooled in `store`), with what the command line adds.
    pub fn new(
        report: &'a crate::report::Report,
        options: &Options,
        store: Option<&'a dyn crate::report::spool::Store>,
    ) -> Files<'a> {
        Files { report, store, inventory: inventory::inventory(report, &options.meta) }
    }

    /// Writes `file` to `w`.
    pub fn write(&self, file: File, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        match file {
            File::InventoryCsv => self.inventory.write_csv(w),
            File::InventoryXlsx => w.write_all(&xlsx::workbook("Inventarislijst", &self.inventory)),
            File::RedactionLog => redaction_log::write(self.report, self.store, w),
        }
    }
}
