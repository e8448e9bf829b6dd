//! Resource limits, in one place.
//!
//! Every limit that protects lak from hostile or runaway input is a named constant here, and
//! docs/reference.md lists them. A document that hits a limit is not an error of the run: it is
//! withheld and reported as needing manual handling, with the limit named in the reason.

/// Largest input file lak reads (bytes). Larger files need manual handling.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// Largest single text unit handed to the detector (bytes). Offsets inside a unit are `u32`.
pub const MAX_UNIT_BYTES: usize = 256 * 1024 * 1024;

/// Largest rule file or word list (bytes).
pub const MAX_RULE_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Most regular-expression patterns across all rules.
pub const MAX_PATTERNS: usize = 4096;

/// Size limit for the compiled multi-pattern regex (bytes), see `regex_automata::meta::Config`.
pub const MAX_REGEX_BYTES: usize = 64 * 1024 * 1024;

/// Largest context window a rule may ask for (bytes on each side of a match).
pub const MAX_CONTEXT_WINDOW: usize = 400;

/// Most files one run walks. Beyond this the run stops with a usage error rather than exhaust memory.
pub const MAX_DOCUMENTS: usize = 2_000_000;

// Office packages

/// Most entries (parts and folders) in one Office package (DOCX, XLSX, PPTX). Real documents have tens to
/// a few thousand; a zip with more is refused before anything is decompressed.
pub const MAX_OFFICE_ENTRIES: usize = 20_000;

/// Largest uncompressed part in an Office package (bytes), declared or actual.
pub const MAX_OFFICE_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Largest total uncompressed size of all parts of one Office package (bytes), declared or actual.
pub const MAX_OFFICE_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;

/// Highest compression ratio (uncompressed / compressed) accepted for a part larger than
/// [`OFFICE_RATIO_CHECK_BYTES`]. Office XML compresses 5–30×; a zip bomb hundreds of times.
pub const MAX_OFFICE_COMPRESSION_RATIO: u64 = 200;

/// Parts at most this large (bytes) are not held to [`MAX_OFFICE_COMPRESSION_RATIO`]: small, highly
/// repetitive parts (empty sheets, style tables) legitimately compress very well.
pub const OFFICE_RATIO_CHECK_BYTES: u64 = 1024 * 1024;

/// Deepest element nesting in an Office XML part. Real documents stay well below 100.
pub const MAX_OFFICE_XML_DEPTH: usize = 1_000;

/// Most distinct column headers kept for one shared string of a workbook (a string shown in many
/// columns); the rest are not used as context.
pub const MAX_HEADERS_PER_SHARED_STRING: usize = 64;

/// How deep Office packages embedded in Office packages (a chart's workbook inside a DOCX) are opened.
pub const MAX_OFFICE_NESTING: usize = 2;

/// How deep containers in a dossier are opened: a `.zip` (or `.mbox`) in a `.zip` in a `.zip` is three
/// levels. The zip limits above apply to every level.
pub const MAX_ZIP_NESTING: usize = 3;

// EMF and WMF pictures

/// Most records in one EMF or WMF picture. Real pictures have hundreds to a few hundred thousand.
pub const MAX_METAFILE_RECORDS: usize = 4_000_000;

/// Most strings (text records and descriptions) read from one EMF or WMF picture; each becomes a unit.
pub const MAX_METAFILE_TEXTS: usize = 100_000;

/// Most GDI objects (fonts, pens, brushes, ...) one EMF or WMF picture may create and keep.
pub const MAX_METAFILE_OBJECTS: usize = 65_536;

// PDF

/// Most bytes one PDF stream may decode to (content, font, CMap, image). Larger: manual handling.
pub const PDF_MAX_STREAM_BYTES: usize = 128 * 1024 * 1024;

/// Most filters in one PDF stream's `/Filter` chain.
pub const PDF_MAX_FILTERS: usize = 8;

/// Most bytes all decoded streams of one PDF may add up to.
pub const PDF_MAX_DECODED_BYTES: usize = 1024 * 1024 * 1024;

/// Most objects in one PDF.
pub const PDF_MAX_OBJECTS: usize = 2_000_000;

/// Most pages in one PDF.
pub const PDF_MAX_PAGES: usize = 20_000;

/// Most kids visited while walking one PDF's page tree (every object is visited at most once).
pub const PDF_MAX_PAGE_TREE_VISITS: usize = 1_000_000;

/// Most content-stream operations interpreted for one PDF (forms count once per drawing).
pub const PDF_MAX_OPERATIONS: usize = 50_000_000;

/// Most glyphs read from one PDF (about 120 bytes of memory each).
pub const PDF_MAX_GLYPHS: usize = 4_000_000;

/// Deepest nesting followed: form XObjects in forms, page-tree inheritance, outline and name trees.
pub const PDF_MAX_DEPTH: usize = 32;

/// Most entries in one CMap (ToUnicode or encoding), and most widths in one `/W` array.
pub const PDF_MAX_CMAP_ENTRIES: usize = 200_000;

/// Largest `bfrange` (codes in one range, incrementing or with an array of destinations).
pub const PDF_MAX_CMAP_RANGE: u32 = 65_536;

/// Most codes all `bfchar` and `bfrange` entries of one CMap may map together: lak writes every CMap
/// again, so this bounds what it writes.
pub const PDF_MAX_CMAP_CODES: u64 = 1 << 20;

/// Most pixels of an image lak decodes to black out the part under a box; larger images are removed.
pub const PDF_MAX_IMAGE_PIXELS: u64 = 100_000_000;

/// Most text strings in one PDF's object graph (each is scanned as its own unit).
pub const PDF_MAX_STRINGS: usize = 500_000;

// Pictures

/// Most pixels of a picture lak reads (decodes, OCRs and writes back); of a TIFF, all its pages.
pub const PICTURE_MAX_PIXELS: u64 = 100_000_000;

/// Most pages of a multi-page TIFF.
pub const PICTURE_MAX_PAGES: usize = 500;

/// Longest OCR of one picture, in seconds; a picture that takes longer needs manual handling.
pub const OCR_SECONDS_PER_PICTURE: u64 = 300;

// E-mail

/// Largest header field of an e-mail message, unfolded (bytes). Real fields stay below a few KiB
/// (`References` of a long thread, `Received`).
pub const MAIL_MAX_FIELD_BYTES: usize = 64 * 1024;

/// Most header fields in one part of an e-mail message.
pub const MAIL_MAX_FIELDS: usize = 2_000;

/// Most MIME parts in one e-mail message (a nested message counts its own).
pub const MAIL_MAX_PARTS: usize = 1_000;

/// Deepest nesting of multipart parts, and of messages attached to messages.
pub const MAIL_MAX_DEPTH: usize = 16;

// Outlook messages

/// Most directory entries (storages and streams) in one `.msg` container. A message has a few dozen
/// per object (message, recipient, attachment).
pub const MSG_MAX_ENTRIES: usize = 100_000;

/// Deepest nesting of storages in one `.msg` container (an attached message is two levels).
pub const MSG_MAX_STORAGE_DEPTH: usize = 20;

/// Deepest nesting of Outlook messages attached to messages.
pub const MSG_MAX_DEPTH: usize = 8;

/// Largest RTF body of an Outlook message, decompressed (bytes).
pub const MSG_MAX_RTF_BYTES: usize = 64 * 1024 * 1024;

/// Redaction passes over one document: when the re-scan of a redacted output still finds values (a name
/// that reads as one only once its neighbour became a marker), the output is redacted again, at most
/// this many passes in all, before the document goes to manual handling.
pub const MAX_REDACTION_PASSES: usize = 3;

/// Rounds of dossier-wide consistency: after the first pass over a run, the documents where a value
/// redacted in another document may stand un-redacted are processed again with what the others
/// redacted; new redactions can make more documents need it, at most this many rounds.
pub const MAX_DOSSIER_ROUNDS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(n: u64) -> String {
        const MIB: u64 = 1024 * 1024;
        if n.is_multiple_of(1024 * MIB) {
            format!("{} GiB", n / (1024 * MIB))
        } else if n.is_multiple_of(MIB) {
            format!("{} MiB", n / MIB)
        } else {
            format!("{} KiB", n / 1024)
        }
    }

    fn count(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    /// The limits table of docs/reference.md holds exactly these rows, with the values of the constants:
    /// the table cannot drift from the code.
    #[test]
    fn the_reference_table_shows_the_constants() {
        let c = |n: usize| count(n as u64);
        let expected: Vec<(String, String)> = vec![
            ("input file size".into(), bytes(MAX_INPUT_BYTES)),
            ("one text unit".into(), bytes(MAX_UNIT_BYTES as u64)),
            ("rule file / word list".into(), bytes(MAX_RULE_FILE_BYTES)),
            ("regex patterns in all rules".into(), c(MAX_PATTERNS)),
            ("compiled pattern set".into(), bytes(MAX_REGEX_BYTES as u64)),
            ("context window".into(), format!("{MAX_CONTEXT_WINDOW} bytes each side")),
            ("files per run".into(), c(MAX_DOCUMENTS)),
            ("Office package or `.zip`: zip entries".into(), c(MAX_OFFICE_ENTRIES)),
            ("Office package or `.zip`: one part, uncompressed".into(), bytes(MAX_OFFICE_PART_BYTES)),
            ("Office package or `.zip`: all parts, uncompressed".into(), bytes(MAX_OFFICE_TOTAL_BYTES)),
            (
                format!(
                    "Office package or `.zip`: compression ratio of a part over {}",
                    bytes(OFFICE_RATIO_CHECK_BYTES)
                ),
                format!("{MAX_OFFICE_COMPRESSION_RATIO}×"),
            ),
            ("Office XML: element nesting".into(), c(MAX_OFFICE_XML_DEPTH)),
            ("Office packages inside Office packages".into(), format!("{MAX_OFFICE_NESTING} levels")),
            ("containers (`.zip`, `.mbox`) inside zips in a dossier".into(), format!("{MAX_ZIP_NESTING} levels")),
            ("EMF/WMF picture: records".into(), c(MAX_METAFILE_RECORDS)),
            ("EMF/WMF picture: strings read".into(), c(MAX_METAFILE_TEXTS)),
            ("EMF/WMF picture: GDI objects (fonts, pens, ...)".into(), c(MAX_METAFILE_OBJECTS)),
            ("Excel: distinct column headers used for one shared string".into(), c(MAX_HEADERS_PER_SHARED_STRING)),
            ("PDF: one decoded stream".into(), bytes(PDF_MAX_STREAM_BYTES as u64)),
            ("PDF: filters in one stream's chain".into(), c(PDF_MAX_FILTERS)),
            ("PDF: all decoded streams of one document".into(), bytes(PDF_MAX_DECODED_BYTES as u64)),
            ("PDF: objects".into(), c(PDF_MAX_OBJECTS)),
            ("PDF: pages".into(), c(PDF_MAX_PAGES)),
            ("PDF: kids visited in the page tree".into(), c(PDF_MAX_PAGE_TREE_VISITS)),
            ("PDF: content operations interpreted (forms count per drawing)".into(), c(PDF_MAX_OPERATIONS)),
            ("PDF: glyphs".into(), c(PDF_MAX_GLYPHS)),
            ("PDF: nesting (forms, page tree, name trees)".into(), c(PDF_MAX_DEPTH)),
            ("PDF: entries in one CMap or `/W` array".into(), c(PDF_MAX_CMAP_ENTRIES)),
            ("PDF: codes in one `bfrange` (array or incrementing)".into(), count(u64::from(PDF_MAX_CMAP_RANGE))),
            ("PDF: codes mapped by all `bfchar`/`bfrange` entries of one CMap".into(), count(PDF_MAX_CMAP_CODES)),
            (
                "PDF: pixels of an image edited under a box (larger: replaced by black)".into(),
                count(PDF_MAX_IMAGE_PIXELS),
            ),
            ("PDF: text strings in the object graph".into(), c(PDF_MAX_STRINGS)),
            ("picture: pixels (of a TIFF: all its pages)".into(), count(PICTURE_MAX_PIXELS)),
            ("picture: pages of a TIFF".into(), c(PICTURE_MAX_PAGES)),
            ("picture: OCR time".into(), format!("{OCR_SECONDS_PER_PICTURE} s")),
            ("e-mail: one header field, unfolded".into(), bytes(MAIL_MAX_FIELD_BYTES as u64)),
            ("e-mail: header fields in one part".into(), c(MAIL_MAX_FIELDS)),
            ("e-mail: MIME parts in one message".into(), c(MAIL_MAX_PARTS)),
            ("e-mail: nesting of parts and attached messages".into(), c(MAIL_MAX_DEPTH)),
            ("Outlook message: storages and streams in the container".into(), c(MSG_MAX_ENTRIES)),
            ("Outlook message: nesting of storages".into(), c(MSG_MAX_STORAGE_DEPTH)),
            ("Outlook message: messages attached to messages".into(), c(MSG_MAX_DEPTH)),
            ("Outlook message: RTF body, decompressed".into(), bytes(MSG_MAX_RTF_BYTES as u64)),
            ("redaction passes over one document".into(), c(MAX_REDACTION_PASSES)),
            ("rounds of dossier-wide consistency".into(), c(MAX_DOSSIER_ROUNDS)),
        ];
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
        let text = std::fs::read_to_string(path).unwrap();
        let table = &text[text.find("## Limits").expect("a Limits section")..];
        let rows: Vec<(String, String)> = table
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
                (cells[0].to_string(), cells[1].to_string())
            })
            .collect();
        assert_eq!(rows, expected);
    }
}
