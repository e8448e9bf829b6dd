//! The model every stage shares: findings, their evidence, the action decided for them, and where they are.
//!
//! One model serves every format: formats differ only in how they map text back to their source
//! ([`Location`]), never in what a finding is.

use std::fmt;

use serde::Serialize;

/// Which label set a run uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Publication under the Wet open overheid: boxes carry Woo grounds such as `5.1.2e`.
    Woo,
    /// An AVG art. 15 access request: the requester's own data stays, other people's data is removed and the
    /// boxes carry the AVG basis (from the rule files).
    Inzage,
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Woo => "woo",
            Mode::Inzage => "inzage",
        })
    }
}

/// Index of a rule in its [`crate::rules::RuleSet`].
pub type RuleIndex = usize;

/// One piece of personal data found in a document's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Index of the text unit (see [`crate::formats::Extracted`]) the span lies in.
    pub unit: usize,
    /// Byte offset of the first byte of the span in the unit's text.
    pub start: usize,
    /// Byte offset one past the span's last byte.
    pub end: usize,
    /// The rule that fired.
    pub rule: RuleIndex,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
    /// Why the rule fired.
    pub evidence: Evidence,
}

impl Finding {
    /// The matched text, taken from the units the finding was made on.
    pub fn text<'a>(&self, units: &[&'a str]) -> &'a str {
        &units[self.unit][self.start..self.end]
    }

    /// Whether two findings share at least one byte.
    pub fn overlaps(&self, other: &Finding) -> bool {
        self.unit == other.unit && self.start < other.end && other.start < self.end
    }
}

/// How a finding was made.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A regular-expression pattern of the rule (index into the rule's `patterns`).
    Pattern {
        /// Index of the pattern within its rule.
        pattern: usize,
    },
    /// A term of a word list (a gazetteer rule or a `--deny` list).
    Term {
        /// The list the term came from.
        list: String,
    },
    /// The person-name recogniser.
    Name {
        /// The shape that was recognised, e.g. `initials + surname`.
        form: &'static str,
    },
    /// Another occurrence of a name confirmed elsewhere in the same document.
    Propagated {
        /// The confirmed name it was taken from.
        from: String,
    },
    /// A whole cell whose column header says what it holds (`Woonplaats` over the place of a person's
    /// address).
    Cell {
        /// The header, lower case.
        header: String,
    },
    /// A value or name redacted in another document of the same run: a value removed once is removed in
    /// every document of the dossier.
    Dossier {
        /// The value, or the confirmed name.
        of: String,
        /// The document it was redacted in (its input path).
        from: String,
    },
    /// Another occurrence of a value redacted elsewhere in the same document (the same characters as a
    /// whole word): a value removed once is removed everywhere.
    Repeated {
        /// The value.
        of: String,
    },
    /// In a file or folder name: a value redacted in another document (or name) of the same run.
    Elsewhere {
        /// The value.
        of: String,
    },
    /// Added by a reviewer's decision (`lak redact --decisions`): a value or passage no rule found.
    Reviewer {
        /// The reviewer's name.
        reviewer: String,
        /// When the reviewer decided (RFC 3339, UTC).
        time: String,
    },
}

/// Why a finding fired: the facts a reviewer needs to check it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// How it was found; `None` only while a finding is being built.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The validator that accepted the value (e.g. `bsn11`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validator: Option<&'static str>,
    /// The context word found near the match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Gazetteers the matched words were found in (`first_names`, `surnames`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gazetteers: Vec<&'static str>,
    /// Set when the value matches one of the rule's exceptions (e.g. an organisational mailbox): the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<String>,
    /// Set when a name stands next to the office of a public administrator (e.g. `wethouder`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub official: Option<String>,
    /// Set when a value that would have been kept is redacted because the same value is redacted
    /// elsewhere (conflicts resolve to redaction): why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    /// The parts of a person's name, for matching against a requester.
    #[serde(skip)]
    pub name: Option<NameParts>,
    /// The ground a reviewer gave for redacting it, in place of the rule's (see
    /// [`crate::rules::RuleSet::label`]).
    #[serde(skip)]
    pub ground: Option<String>,
}

impl Evidence {
    /// A one-line explanation for people, e.g. `pattern 1 + validator bsn11 + context "bsn"`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match &self.source {
            Some(Source::Pattern { pattern }) => parts.push(format!("pattern {pattern}")),
            Some(Source::Term { list }) => parts.push(format!("term of {list}")),
            Some(Source::Name { form }) => parts.push(format!("name: {form}")),
            Some(Source::Propagated { from }) => {
                parts.push(format!("same name as \"{from}\" elsewhere in the document"))
            }
            Some(Source::Cell { header }) => parts.push(format!("the whole cell under \"{header}\"")),
            Some(Source::Dossier { of, from }) => parts.push(format!("\"{of}\" is redacted in {from}")),
            Some(Source::Repeated { of }) => parts.push(format!("\"{of}\" is redacted elsewhere in the document")),
            Some(Source::Elsewhere { of }) => {
                parts.push(format!("\"{of}\" is redacted in another document of the run"))
            }
            Some(Source::Reviewer { reviewer, time }) => parts.push(format!("reviewer {reviewer} decided on {time}")),
            None => {}
        }
        if let Some(v) = self.validator {
            parts.push(format!("validator {v}"));
        }
        if !self.gazetteers.is_empty() {
            parts.push(format!("gazetteer {}", self.gazetteers.join("+")));
        }
        if let Some(c) = &self.context {
            parts.push(format!("context \"{c}\""));
        }
        if let Some(o) = &self.official {
            parts.push(format!("office \"{o}\""));
        }
        if let Some(e) = &self.exception {
            parts.push(format!("exception: {e}"));
        }
        if let Some(c) = &self.conflict {
            parts.push(format!("redacted: {c}"));
        }
        parts.join(" + ")
    }
}

/// A person's name split into its parts, lower-cased.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    /// Given names (`jan`, `piet`), including a nickname in brackets.
    pub given: Vec<String>,
    /// Initials as letters (`jp` for `J.P.`).
    pub initials: String,
    /// Surname cores without tussenvoegsels (`vries` for `de Vries`; two for a double name).
    pub surnames: Vec<String>,
}

/// What happens to a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Removed from the output and marked with the rule's ground.
    Redact,
    /// Left in place, for the reason given (reported so a reviewer can check it).
    Keep {
        /// Why the value stays, e.g. `public official acting in office ("wethouder")`.
        reason: String,
    },
}

/// A finding with the action decided for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    /// The finding.
    pub finding: Finding,
    /// What happens to it.
    pub action: Action,
    /// Who decided it: the rules, or a reviewer's decision.
    pub by: DecidedBy,
    /// The finding's stable id ([`crate::report::finding_id`]), once computed: the decision step
    /// computes it when a reviewer addresses findings by id, the report otherwise.
    pub id: Option<String>,
}

/// Who decided a finding's action, as the report gives it (`decided_by`): `{"by": "rule"}` or `{"by":
/// "reviewer", "reviewer": …, "time": …, "decision": …, "note": …}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DecidedBy {
    /// The rules and the run's policy (keep lists, officials, the requester).
    #[default]
    Rule,
    /// A reviewer's decision from the decisions file.
    Reviewer(std::sync::Arc<Reviewed>),
}

impl Serialize for DecidedBy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct By<'a> {
            by: &'static str,
            #[serde(flatten, skip_serializing_if = "Option::is_none")]
            reviewed: Option<&'a Reviewed>,
        }
        match self {
            DecidedBy::Rule => By { by: "rule", reviewed: None },
            DecidedBy::Reviewer(r) => By { by: "reviewer", reviewed: Some(r) },
        }
        .serialize(s)
    }
}

/// The reviewer's decision that decided a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reviewed {
    /// The reviewer's name.
    pub reviewer: String,
    /// When (RFC 3339, UTC).
    pub time: String,
    /// The kind of decision: `finding`, `value` or `passage`.
    pub decision: &'static str,
    /// The reviewer's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Decided {
    /// A finding decided by the rules.
    pub fn by_rule(finding: Finding, action: Action) -> Decided {
        Decided { finding, action, by: DecidedBy::Rule, id: None }
    }

    /// Whether the finding is removed from the output.
    pub fn is_redacted(&self) -> bool {
        self.action == Action::Redact
    }
}

/// Where a finding is in its document, as precise as the format allows. Fields that do not apply to a
/// format are absent from the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Location {
    /// The part of a container format (e.g. `word/document.xml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// 1-based page (PDF) or slide (PPTX).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Area on the page (PDF): `[x0, y0, x1, y1]` in points from the bottom-left corner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    /// Sheet name (XLSX).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Cell reference (XLSX), e.g. `B7`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// 1-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// Byte offset of the match in the text the format extracted (for plain text: in the file).
    pub offset: usize,
    /// Length of the match in bytes.
    pub length: usize,
}

impl Location {
    /// Where, in words: `page 3`, `word/document.xml`, `sheet Blad1, cell B7`, `line 4:12` (the byte
    /// offset where nothing finer is known). The HTML report and the review page show this.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.part {
            parts.push(p.clone());
        }
        if let Some(p) = self.page {
            parts.push(format!("page {p}"));
        }
        if let Some(s) = &self.sheet {
            parts.push(format!("sheet {s}"));
        }
        if let Some(c) = &self.cell {
            parts.push(format!("cell {c}"));
        }
        match (self.line, self.column) {
            (Some(l), Some(c)) => parts.push(format!("line {l}:{c}")),
            (Some(l), None) => parts.push(format!("line {l}")),
            _ => {}
        }
        if parts.is_empty() || (self.line.is_none() && self.cell.is_none()) {
            parts.push(format!("offset {}", self.offset));
        }
        parts.join(", ")
    }
}

/// Defines [`Code`] and its report names from one list.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal,)*) => {
        /// Why a document needs manual handling, as a machine reads it: snake_case in the report and
        /// the inventory. docs/reference.md lists the same codes (a test checks it).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of docs/reference.md.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The code as written in the report.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    /// A file type lak does not read.
    UnsupportedFormat => "unsupported_format",
    /// Binary bytes in a file named as text.
    Binary => "binary",
    /// Text that is not UTF-8.
    NotUtf8 => "not_utf8",
    /// Over a size limit of `src/limits.rs` (the file, a text unit, a part).
    TooLarge => "too_large",
    /// The file could not be read.
    Unreadable => "unreadable",
    /// Not a regular file (symbolic links are not followed).
    NotAFile => "not_a_file",
    /// The re-scan of the output still found something; the output is withheld.
    ResidualAfterRedaction => "residual_after_redaction",
    /// A removed value still occurs in the output's bytes or decoded parts.
    ResidualBytesAfterRedaction => "residual_bytes_after_redaction",
    /// The redacted output could not be read back.
    OutputUnreadable => "output_unreadable",
    /// The redacted output could not be written.
    WriteFailed => "write_failed",
    /// A fault in lak (a caught panic, or a state it should never reach).
    InternalError => "internal_error",
    /// A document with the same text hides more: this one is withheld.
    DuplicateDiffers => "duplicate_differs",
    /// Encrypted or password-protected.
    Encrypted => "encrypted",
    /// Damaged, or not a valid file of its format.
    Corrupt => "corrupt",
    /// A zip container over the limits that protect the reader (bombs, entry counts, nesting).
    ZipLimit => "zip_limit",
    /// A part or entry with an unsafe name (zip-slip).
    UnsafePath => "unsafe_path",
    /// Two zip entries with the same name.
    DuplicateEntry => "duplicate_entry",
    /// XML with a document type declaration.
    XmlDtd => "xml_dtd",
    /// An embedded object lak cannot check.
    EmbeddedObject => "embedded_object",
    /// Content lak cannot read completely.
    UnsupportedContent => "unsupported_content",
    /// A PDF page that is only an image (a scan without text).
    PdfImageOnly => "pdf_image_only",
    /// PDF text lak cannot map to characters.
    PdfUndecodableText => "pdf_undecodable_text",
    /// A PDF that cannot be parsed.
    PdfUnreadable => "pdf_unreadable",
    /// A PDF over an interpretation limit.
    PdfTooComplex => "pdf_too_complex",
    /// A PDF construct lak does not handle.
    PdfUnsupported => "pdf_unsupported",
    /// A signed e-mail message or part (S/MIME, PGP): redacting it would break the signature.
    Signed => "signed",
    /// Text in a charset lak does not know, or bytes invalid in their charset.
    UnknownCharset => "unknown_charset",
    /// An e-mail part in a transfer encoding lak does not know, or that does not decode.
    BadTransferEncoding => "bad_transfer_encoding",
    /// An e-mail message over a structure limit (parts, nesting).
    MailTooComplex => "mail_too_complex",
    /// A picture, and no OCR engine to read it.
    OcrUnavailable => "ocr_unavailable",
    /// A picture OCR reads too unsure to check (handwriting, a blurred photo).
    OcrLowConfidence => "ocr_low_confidence",
    /// Tesseract failed on a picture (it crashed, timed out, or answered what lak cannot parse).
    OcrFailed => "ocr_failed",
    /// A picture in which OCR reads no text: lak does not judge what a photo shows.
    PictureWithoutText => "picture_without_text",
    /// An Outlook message lak cannot convert faithfully: not a plain message (appointments, contacts,
    /// tasks), a native RTF body as its only body, a recipient of an unknown type.
    MsgUnsupported => "msg_unsupported",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Compares with the name in the report (tests read codes as the report writes them).
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a document cannot be processed automatically and must be handled by a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Manual {
    /// What kind of problem, for machines.
    pub code: Code,
    /// A sentence for people.
    pub reason: String,
}

impl Manual {
    /// A reason with its code.
    pub fn new(code: Code, reason: impl Into<String>) -> Self {
        Manual { code, reason: reason.into() }
    }
}

impl fmt::Display for Manual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.reason, self.code)
    }
}

/// What the other documents of a run redacted, applied to one document so that a value redacted in one
/// document of a dossier is redacted in every other one (see `pipeline/dossier.rs`).
#[derive(Clone, Debug, Default)]
pub struct Dossier {
    /// Confirmed names, to be found again the way a name confirmed in the same document is.
    pub names: Vec<DossierName>,
    /// Other redacted values (four letters or digits or more): every whole-word copy is redacted.
    pub values: Vec<DossierValue>,
    /// Names redacted for a person somewhere in the dossier, as written (lower case), with the document:
    /// a name kept only for its office is redacted when it is written the same (the same value, kept in
    /// one document and redacted in another).
    pub redacted_names: Vec<(String, std::sync::Arc<str>)>,
}

/// A value redacted in a document of the dossier.
#[derive(Clone, Debug)]
pub struct DossierValue {
    /// The value as it was redacted.
    pub value: String,
    /// The rule that found it.
    pub rule: RuleIndex,
    /// The ground a reviewer gave it, if a reviewer decided to redact it.
    pub ground: Option<String>,
    /// The document it was redacted in (shared by every entry of that document).
    pub from: std::sync::Arc<str>,
}

/// A name confirmed in a document of the dossier.
#[derive(Clone, Debug)]
pub struct DossierName {
    /// As written where it was confirmed.
    pub text: String,
    /// Its parts.
    pub parts: NameParts,
    /// The office next to it, when it was kept as an official's.
    pub official: Option<String>,
    /// The document it was confirmed in (shared by every entry of that document).
    pub from: std::sync::Arc<str>,
}

impl Dossier {
    /// Whether nothing is known from other documents.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.values.is_empty() && self.redacted_names.is_empty()
    }
}

#[cfg(test)]
mod code_tests {
    use super::Code;
    use std::collections::BTreeSet;

    /// docs/reference.md lists exactly the codes lak gives: the paragraph that starts "Reason codes".
    #[test]
    fn the_reference_lists_every_manual_handling_code() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
        let text = std::fs::read_to_string(path).unwrap();
        let start = text.find("Reason codes for `needs_manual`").expect("the paragraph of reason codes");
        let para = &text[start..text[start..].find("\n\n").map_or(text.len(), |e| start + e)];
        let listed: BTreeSet<&str> = para
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
            .filter(|w| *w != "needs_manual")
            .collect();
        let codes: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, codes);
    }

    #[test]
    fn codes_serialise_as_their_names() {
        for &c in Code::ALL {
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{c}\""));
        }
    }
}
