//! The inventory (*inventarislijst*, the platforms' *productierapport*): one row per document, in the
//! column set Woo publication platforms import.
//!
//! The inventory is published with the documents, so it holds no personal data: `Document` is the
//! redacted name, a withheld document's reason is the description of its manual-handling code (never
//! the free-text reason, which may quote a part or a file name), and counts say how many boxes carry
//! which ground. `Beoordeling` is exactly `Openbaar` (nothing redacted), `Deels openbaar` (something
//! redacted, in the text or in the file name) or `Niet openbaar` (withheld); importers read any other
//! spelling as niet openbaar. Duplicates are linked: a copy's `Gerelateerd ID` is the document it
//! equals (and its `Toelichting` ends in `gelijk aan 0007`), that document's lists its copies; a copy
//! not published (`--skip-duplicates`) is `Niet openbaar` with `Toelichting` `dubbel; gelijk aan 0007`.

use super::table::Table;
use crate::model::Code;
use crate::report::{DocumentReport, Report, Status};

/// The columns, exactly as platforms import them.
pub const COLUMNS: [&str; 14] = [
    "ID",
    "Matter",
    "Family ID",
    "Email Thread ID",
    "Document",
    "File type",
    "Datum",
    "Beoordeling",
    "Opgeschort",
    "Beoordelingsgrond",
    "Toelichting",
    "Publieke link",
    "Gerelateerd ID",
    "Zaaknummer",
];

/// What the command line adds to every row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// `Matter` (`--matter`): the Woo request the package answers.
    pub matter: Option<String>,
    /// `Zaaknummer` (`--zaaknummer`): the case number.
    pub zaaknummer: Option<String>,
}

/// The inventory of a redact run's report.
pub fn inventory(report: &Report, meta: &Meta) -> Table {
    let rows = report.documents.iter().map(|d| row(d, &copies(report, &d.id), meta)).collect();
    Table { header: COLUMNS.to_vec(), rows }
}

/// The numbers of the documents that duplicate document `id`.
fn copies(report: &Report, id: &str) -> Vec<String> {
    let of = |d: &&DocumentReport| d.duplicate.as_ref().is_some_and(|x| x.of == id);
    report.documents.iter().filter(of).map(|d| d.id.clone()).collect()
}

fn row(d: &DocumentReport, copies: &[String], meta: &Meta) -> Vec<String> {
    let grounds = d.grounds();
    let (beoordeling, grond, mut toelichting) = match (&d.status, &d.reason) {
        (Status::Duplicate, _) => ("Niet openbaar", String::new(), "dubbel".to_string()),
        (Status::NeedsManual, reason) => {
            let (words, code) = reason
                .as_ref()
                .map_or(("handmatige beoordeling nodig", ""), |r| (reason_in_words(r.code), r.code.as_str()));
            ("Niet openbaar", String::new(), format!("Handmatig te beoordelen: {words} ({code})"))
        }
        _ if grounds.is_empty() => ("Openbaar", String::new(), String::new()),
        _ => {
            let names: Vec<&str> = grounds.iter().map(|(g, _)| g.as_str()).collect();
            let counts: Vec<String> = grounds.iter().map(|(g, n)| format!("{n}× {g}")).collect();
            ("Deels openbaar", names.join("; "), counts.join(", "))
        }
    };
    // An Outlook message is published as a MIME message: the row says so (see formats/msg).
    if d.format == Some("msg") && d.output.as_deref().is_some_and(|o| o.ends_with(".eml")) {
        toelichting = [toelichting, "Outlook-bericht (.msg) gepubliceerd als .eml".to_string()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
    }
    // Copies are linked both ways: a copy names the document it equals, that document its copies.
    let related = match &d.duplicate {
        Some(dup) => {
            toelichting = [toelichting, format!("gelijk aan {}", dup.of)]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            dup.of.clone()
        }
        None => copies.join("; "),
    };
    let mut cells = vec![String::new(); COLUMNS.len()];
    cells[0] = d.id.clone();
    cells[1] = meta.matter.clone().unwrap_or_default();
    cells[4] = d.name.clone();
    // A message of a mailbox (`postvak.mbox/0003`) has no extension of its own: its adapter says it is one.
    cells[5] = match (file_type(&d.name), d.format) {
        ("other", Some("eml")) => "email",
        (t, _) => t,
    }
    .to_string();
    cells[6] = d.date.clone().unwrap_or_default();
    cells[7] = beoordeling.to_string();
    cells[9] = grond;
    cells[10] = toelichting;
    cells[12] = related;
    cells[13] = meta.zaaknummer.clone().unwrap_or_default();
    cells
}

/// The platforms' file type for a document, from a fixed vocabulary (never text from the name).
pub fn file_type(name: &str) -> &'static str {
    let file = name.rsplit('/').next().unwrap_or(name);
    let ext = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "pdf",
        "doc" | "docx" | "docm" | "dotx" | "dotm" | "odt" | "rtf" | "txt" | "text" | "md" => "doc",
        "xls" | "xlsx" | "xlsm" | "xltx" | "xltm" | "ods" | "csv" => "spreadsheet",
        "ppt" | "pptx" | "pptm" | "ppsx" | "ppsm" | "potx" | "potm" | "odp" => "presentation",
        "eml" | "msg" | "mbox" => "email",
        "jpg" | "jpeg" | "png" | "gif" | "tif" | "tiff" | "bmp" | "heic" | "webp" => "image",
        "mp3" | "wav" | "m4a" => "audio",
        "mp4" | "mov" | "avi" => "video",
        "zip" | "7z" | "rar" => "archive",
        _ => "other",
    }
}

/// Why a document was withheld, in words that hold no value: one description per manual-handling
/// code (the list in docs/reference.md).
pub fn reason_in_words(code: Code) -> &'static str {
    match code {
        Code::UnsupportedFormat => "bestandsformaat dat lak niet verwerkt",
        Code::Binary => "binair bestand met de extensie van een tekstbestand",
        Code::NotUtf8 => "tekst in een codering die lak niet leest (geen UTF-8)",
        Code::TooLarge => "groter of omvangrijker dan lak verwerkt",
        Code::Unreadable => "bestand kon niet worden gelezen",
        Code::NotAFile => "geen gewoon bestand (snelkoppeling of speciaal bestand)",
        Code::ResidualAfterRedaction => "na het lakken vonden de regels nog gegevens; niet gepubliceerd",
        Code::ResidualBytesAfterRedaction => "een weggelakte waarde stond nog elders in het bestand; niet gepubliceerd",
        Code::OutputUnreadable => "de gelakte versie kon niet worden gecontroleerd",
        Code::WriteFailed => "de gelakte versie kon niet worden weggeschreven",
        Code::InternalError => "verwerkingsfout in lak",
        Code::Encrypted => "versleuteld of met een wachtwoord beveiligd",
        Code::Corrupt => "beschadigd of geen geldig Office-bestand",
        Code::ZipLimit => "overschrijdt de veiligheidsgrenzen voor ingepakte bestanden",
        Code::UnsafePath => "bevat onderdelen met onveilige namen",
        Code::DuplicateEntry => "bevat dubbele onderdelen",
        Code::XmlDtd => "bevat XML met een DTD",
        Code::EmbeddedObject => "bevat ingesloten objecten die lak niet kan controleren",
        Code::UnsupportedContent => "bevat inhoud die lak niet kan controleren",
        Code::PdfImageOnly => "PDF met alleen afbeeldingen (scan zonder tekstlaag)",
        Code::PdfUndecodableText => "PDF met tekst die niet te ontcijferen is",
        Code::PdfUnreadable => "PDF die niet te lezen is",
        Code::PdfTooComplex => "PDF die te complex is om automatisch te verwerken",
        Code::PdfUnsupported => "PDF met onderdelen die lak niet verwerkt",
        Code::Signed => "ondertekend bericht: lakken zou de handtekening breken",
        Code::UnknownCharset => "tekst in een tekenset die lak niet kent of die niet klopt",
        Code::BadTransferEncoding => "e-maildeel in een codering die lak niet kan ontcijferen",
        Code::MailTooComplex => "e-mail met te veel of te diep geneste onderdelen",
        Code::OcrUnavailable => "afbeelding; tekstherkenning (OCR) is niet geïnstalleerd",
        Code::OcrLowConfidence => "afbeelding waarvan de tekst niet betrouwbaar te herkennen is",
        Code::OcrFailed => "afbeelding waarop de tekstherkenning is mislukt",
        Code::PictureWithoutText => "afbeelding zonder tekst; beoordeling door een medewerker nodig",
        Code::MsgUnsupported => {
            "Outlook-item dat lak niet getrouw kan omzetten (geen gewoon bericht of alleen opgemaakte RTF-tekst)"
        }
        Code::DuplicateDiffers => {
            "een document met dezelfde tekst is verder gelakt; deze versie wordt niet gepubliceerd"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code has its own description (the match is exhaustive; this checks they differ).
    #[test]
    fn every_manual_handling_code_has_its_own_description() {
        let words: std::collections::BTreeSet<_> = Code::ALL.iter().map(|&c| reason_in_words(c)).collect();
        assert_eq!(words.len(), Code::ALL.len());
    }

    #[test]
    fn file_types_come_from_a_fixed_vocabulary() {
        assert_eq!(file_type("a/Brief aan [5.1.2e].docx"), "doc");
        assert_eq!(file_type("WOO-0001.PDF"), "pdf");
        assert_eq!(file_type("Gesprek met J. de Vries"), "other");
    }
}
