//! Reading the text of one XML part: units for the detector, with a map back to the bytes.
//!
//! An Office XML part is read once with quick-xml's `NsReader` (elements are matched by namespace URI and
//! local name, so both transitional and Strict OOXML and any prefix work). The scan produces:
//!
//! - **units**: the strings the detector reads. A paragraph (`w:p`, `a:p`), a shared or inline string
//!   (`si`, `is`) and a spreadsheet cell (`c`) are one unit each, however many runs, entities
//!   (`&amp;`), character references (`&#115;`) and CDATA sections the text is split into: a name set in
//!   two runs with different formatting is one string for the detector. Field codes (`w:instrText`) of a
//!   paragraph are a unit of their own. Every other piece of character data in the part (a chart's cached
//!   value, a property, a VML text box, a custom XML value) is a unit per element, and so are the
//!   attribute values that hold text (alt text, sheet names, hyperlink targets, pivot cache items, ...);
//!   nothing with text in it is left unread.
//! - for each unit, **pieces**: which bytes of the part hold which characters of the unit (see
//!   [`Piece`]), so that [`super::rewrite`] can replace exactly the redacted characters where they are.
//! - **edits** decided by the vocabulary of the format regardless of what the detector finds: tracked
//!   changes resolved, comment anchors and attributes with authors and dates removed, and so on (see
//!   `docx.rs`, `xlsx.rs`, `pptx.rs`, `scrub.rs`). Text inside content that an edit removes is not read:
//!   it will not be in the output.
//! - **notes** about hidden content that was found and processed (hidden text, rows, slides).
//!
//! Refused, as needing manual handling: a DTD or entity declaration (entity expansion attacks; OOXML
//! never uses them), references to undeclared entities, encodings other than UTF-8, malformed XML, and
//! nesting deeper than [`crate::limits::MAX_OFFICE_XML_DEPTH`].

use std::ops::Range;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::vocab::{self, AttrKind, AttrRule, Ctx, ElemRule, Fam, GroupKind, TextKind};
use super::{attrs, numfmt, views};
use crate::limits;
use crate::model::{Code, Manual};

/// A contiguous stretch of a unit's text and where it is in the part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Offset of the piece in the unit's text.
    pub at: usize,
    /// Length of the piece in the unit's text (bytes).
    pub len: usize,
    /// Where the piece is in the part.
    pub src: Range<usize>,
    /// What the bytes at `src` are.
    pub kind: PieceKind,
    /// The text element (`w:t`, `a:t`, `t`) holding the piece, if any: index into [`Scanned::holders`].
    pub holder: Option<usize>,
}

/// How a piece's characters are written in the part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PieceKind {
    /// Character data: the bytes are the text.
    Text,
    /// An entity or character reference (`&amp;`, `&#115;`) standing for the text.
    Ref,
    /// A CDATA section; the text is inside `<![CDATA[` … `]]>`.
    CData,
    /// An element shown as a character (`<w:tab/>` as a tab, `<w:br/>` as a line break): removed when
    /// a redaction covers it.
    Element,
    /// A whole attribute value (escaped): rewritten as a whole.
    Attr,
}

/// The element holding text pieces (`w:t`), so its start tag can get `xml:space="preserve"` and, in
/// Word, the marker can get a run of its own with black shading.
#[derive(Clone, Debug)]
pub(crate) struct Holder {
    /// The start tag.
    pub start_tag: Range<usize>,
    /// The qualified name of the element, e.g. `w:t`.
    pub qname: String,
    /// Its namespace family.
    pub fam: Fam,
    /// Whether the start tag already says `xml:space="preserve"`.
    pub preserve: bool,
    /// The value of an `xml:space` attribute other than `preserve` (`default`), to be replaced.
    pub space: Option<Range<usize>>,
    /// For `w:t` directly in a `w:r`: the run's qualified name and its `w:rPr` (range), to split the run.
    pub run: Option<RunInfo>,
}

/// The run around a `w:t`.
#[derive(Clone, Debug)]
pub(crate) struct RunInfo {
    /// Qualified name of the run element (`w:r`).
    pub qname: String,
    /// The run properties element, if present.
    pub rpr: Option<Range<usize>>,
}

/// What a unit is, which decides how a redaction in it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// Ordinary text: redacted characters are replaced inside their pieces.
    Text,
    /// An attribute value that names something (a bookmark): the marker is written as an identifier.
    Ident,
    /// A worksheet's name in `workbook.xml`: renamed, see `xlsx.rs`.
    SheetName,
    /// A defined name's name: cannot be renamed safely (manual handling when hit).
    DefinedName,
    /// A value in a pivot cache (`<s v=…>`, `<n v=…>`); a number becomes a string item.
    PivotValue {
        /// Start tag of the item element.
        tag: Range<usize>,
        /// Its qualified name.
        qname: String,
    },
    /// A spreadsheet cell's value.
    Cell(CellInfo),
    /// A cell formula (`<f>`): dropped when hit (the cell keeps its redacted cached value).
    Formula {
        /// The whole `<f>` element.
        elem: Range<usize>,
        /// A shared formula's master (has `ref`): other cells depend on it.
        shared_master: bool,
    },
    /// Another reading of unit `of` of the same part, as it is shown (see `views.rs`): a redaction in it
    /// is a redaction of the characters of `of` that `map` names.
    View {
        /// The unit this is a view of.
        of: usize,
        /// `(offset in this text, offset in the unit's text, length)` for each stretch; empty when the
        /// view is computed from the whole unit (a number as formatted): any redaction covers all of it.
        map: Vec<(usize, usize, usize)>,
    },
    /// Text lak cannot rewrite (a part name, a content type, an attribute it does not know): a redaction
    /// in it needs manual handling. The string says what it is.
    Fixed(String),
}

/// A spreadsheet cell, for rewriting it as an inline string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CellInfo {
    /// The whole `<c>` element.
    pub span: Range<usize>,
    /// The qualified name (`c`, `x:c`).
    pub qname: String,
    /// The cell reference (`B7`).
    pub r: Option<String>,
    /// The style index.
    pub s: Option<String>,
    /// The cell type (`n` when absent).
    pub t: String,
    /// The formula element inside the cell, if any.
    pub formula: Option<(Range<usize>, bool)>,
}

/// One unit of a part.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    /// The text the detector reads.
    pub text: String,
    /// Where each stretch of the text is, in order of `at`.
    pub pieces: Vec<Piece>,
    /// How to write a redaction.
    pub kind: UnitKind,
    /// For string items (`si`): the item's index in the part.
    pub seq: u32,
    /// Read through its views only: its own text is not what a reader sees (both alternatives of an
    /// `mc:AlternateContent` at once, a number format's code).
    pub hidden: bool,
}

/// An unconditional change to a part (scrubbing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Edit {
    /// The bytes replaced.
    pub range: Range<usize>,
    /// What replaces them.
    pub with: String,
}

/// The result of reading one part.
#[derive(Debug, Default)]
pub(crate) struct Scanned {
    /// The units, in document order.
    pub units: Vec<Unit>,
    /// Text-holding elements, see [`Piece::holder`].
    pub holders: Vec<Holder>,
    /// Changes made whatever the detector finds.
    pub edits: Vec<Edit>,
    /// What the edits removed: description → count.
    pub scrubbed: Vec<(&'static str, usize)>,
    /// Hidden content found and processed: description → count.
    pub notes: Vec<(&'static str, usize)>,
    /// Spreadsheet: cells of this sheet referring to shared strings, as (string index, cell reference).
    pub shared_refs: Vec<(u32, String)>,
    /// Spreadsheet: units that are the value of a cell (a number, a formula's string, an inline
    /// string), as (unit index, cell reference).
    pub cell_units: Vec<(usize, String)>,
    /// Word and PowerPoint tables: paragraphs in a table cell, as (unit index, table cell).
    pub table_units: Vec<(usize, TablePos)>,
}

/// Where a paragraph stands in a Word or PowerPoint table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TablePos {
    /// The table's number in the part (tables nested in cells get their own).
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

impl Scanned {
    fn count(list: &mut Vec<(&'static str, usize)>, what: &'static str) {
        match list.iter_mut().find(|(w, _)| *w == what) {
            Some((_, n)) => *n += 1,
            None => list.push((what, 1)),
        }
    }
}

/// A unit under construction.
#[derive(Default)]
struct Builder {
    text: String,
    pieces: Vec<Piece>,
    /// Per piece: the `mc:Choice`/`mc:Fallback` branch it is in, if any (see `views.rs`).
    branches: Vec<Option<usize>>,
}

impl Builder {
    fn push(&mut self, s: &str, src: Range<usize>, kind: PieceKind, holder: Option<usize>) {
        self.push_in(s, src, kind, holder, None);
    }

    fn push_in(&mut self, s: &str, src: Range<usize>, kind: PieceKind, holder: Option<usize>, branch: Option<usize>) {
        if s.is_empty() {
            return;
        }
        self.pieces.push(Piece { at: self.text.len(), len: s.len(), src, kind, holder });
        self.branches.push(branch);
        self.text.push_str(s);
    }

    fn finish(self, kind: UnitKind, out: &mut Vec<Unit>) {
        self.finish_seq(kind, 0, out, &views::Branches::default());
    }

    /// Adds the unit; a unit with pieces in alternative branches is hidden and read through one view
    /// per alternative.
    fn finish_seq(self, kind: UnitKind, seq: u32, out: &mut Vec<Unit>, branches: &views::Branches) {
        if self.text.trim().is_empty() {
            return;
        }
        let alternatives = if self.branches.iter().any(Option::is_some) {
            branches.views(&self.text, &self.pieces, &self.branches)
        } else {
            Vec::new()
        };
        let of = out.len();
        out.push(Unit { text: self.text, pieces: self.pieces, kind, seq, hidden: !alternatives.is_empty() });
        for (text, map) in alternatives {
            out.push(Unit { text, pieces: Vec::new(), kind: UnitKind::View { of, map }, seq, hidden: false });
        }
    }
}

/// The local names the scanner itself needs to tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    /// `w:r`
    Run,
    /// `w:rPr`
    RunProps,
    /// `a:xfrm`, `p:xfrm`
    Xfrm,
    /// `p:grpSp`
    GroupShape,
    /// `w:tbl`, `a:tbl`
    Table,
    /// `w:tr`, `a:tr`
    Row,
    /// `w:tc`, `a:tc`
    TableCell,
    Other,
}

fn tag(fam: Fam, local: &str) -> Tag {
    match (fam, local) {
        (Fam::W, "r") => Tag::Run,
        (Fam::W, "rPr") => Tag::RunProps,
        (Fam::A | Fam::P, "xfrm") => Tag::Xfrm,
        (Fam::P, "grpSp") => Tag::GroupShape,
        (Fam::W | Fam::A, "tbl") => Tag::Table,
        (Fam::W | Fam::A, "tr") => Tag::Row,
        (Fam::W | Fam::A, "tc") => Tag::TableCell,
        _ => Tag::Other,
    }
}

/// An open element.
struct Frame {
    tag: Tag,
    start: usize,
    rule: ElemRule,
    /// Inside content that is removed: nothing below is read.
    removed: bool,
    /// The group this element opened.
    group: bool,
    /// The holder of this text element.
    holder: Option<usize>,
    /// Character data directly in this element that belongs to no group.
    loose: Option<Builder>,
    /// For `w:r`: its rPr.
    rpr: Option<Range<usize>>,
    /// For `xfrm`: the offset seen, for the off-slide check.
    off: Option<(i64, i64)>,
    /// For `f`: a shared formula's master.
    shared_master: bool,
    /// For a removed element: whether it held text.
    had_text: bool,
    /// For `mc:AlternateContent` inside a text group: its id in [`views::Branches`].
    alternatives: Option<usize>,
    /// For `mc:Choice`/`mc:Fallback` inside a text group: it pushed a branch on the group.
    alternative: bool,
}

impl Frame {
    fn new(start: usize, rule: ElemRule, tag: Tag) -> Frame {
        Frame {
            tag,
            start,
            rule,
            removed: false,
            group: false,
            holder: None,
            loose: None,
            rpr: None,
            off: None,
            shared_master: false,
            had_text: false,
            alternatives: None,
            alternative: false,
        }
    }
}

/// A group (paragraph, string item, cell) under construction.
struct Group {
    kind: GroupKind,
    seq: u32,
    main: Builder,
    field: Builder,
    cell: Option<CellInfo>,
    /// The alternative branches the scanner is in, innermost last.
    branch_stack: Vec<usize>,
}

/// The scanner's state for one part.
struct Scan<'x, 'c> {
    xml: &'x [u8],
    ctx: &'c Ctx<'c>,
    stack: Vec<Frame>,
    groups: Vec<Group>,
    out: Scanned,
    /// String items seen so far (the index of the next `si`).
    strings: u32,
    /// Alternatives (`mc:AlternateContent`) inside text groups.
    branches: views::Branches,
    /// Root elements seen: XML has exactly one.
    roots: usize,
    /// Every attribute is text: a part in a namespace no Office vocabulary uses (custom XML, XHTML, SVG).
    all_attrs: bool,
    /// The open tables, innermost last: (number, rows begun, cells begun in the current row).
    tables: Vec<(u32, u32, u32)>,
    /// Tables seen so far.
    table_count: u32,
}

/// Reads one part. `ctx` says what the part is (for the rules that depend on it).
pub(crate) fn scan(xml: &[u8], ctx: &Ctx<'_>) -> Result<Scanned, Manual> {
    if xml.starts_with(&[0xFF, 0xFE]) || xml.starts_with(&[0xFE, 0xFF]) {
        return Err(unsupported(ctx, "is UTF-16 XML; lak reads UTF-8 parts only"));
    }
    let mut reader = NsReader::from_reader(xml);
    let mut st = Scan {
        xml,
        ctx,
        stack: Vec::new(),
        groups: Vec::new(),
        out: Scanned::default(),
        strings: 0,
        branches: views::Branches::default(),
        roots: 0,
        all_attrs: ctx.role == vocab::Role::AllAttributes,
        tables: Vec::new(),
        table_count: 0,
    };
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| corrupt(ctx, before, &e))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Eof => break,
            Event::DocType(_) => {
                return Err(Manual::new(
                    Code::XmlDtd,
                    format!(
                        "part {} declares a DTD (its entities could expand without bound); lak refuses DTDs",
                        ctx.part
                    ),
                ));
            }
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding()
                    && !enc.eq_ignore_ascii_case("utf-8")
                    && !enc.eq_ignore_ascii_case("utf8")
                {
                    return Err(unsupported(ctx, &format!("declares encoding {enc}; lak reads UTF-8 parts only")));
                }
            }
            Event::Start(s) => {
                if st.stack.len() >= limits::MAX_OFFICE_XML_DEPTH {
                    return Err(unsupported(ctx, "nests elements too deeply"));
                }
                st.root(&reader, &s, before)?;
                let frame = st.open(&reader, &s, before, after, false)?;
                st.stack.push(frame);
            }
            Event::Empty(s) => {
                st.root(&reader, &s, before)?;
                let frame = st.open(&reader, &s, before, after, true)?;
                st.close(frame, after..after, after)?;
            }
            Event::End(_) => {
                let frame = st.stack.pop().ok_or_else(|| corrupt(ctx, before, &"unbalanced end tag"))?;
                st.close(frame, before..after, after)?;
            }
            Event::Text(t) => {
                let text: &str = &t;
                st.outside_root(text, before)?;
                st.character_data(text, before..after, PieceKind::Text);
            }
            Event::CData(c) => {
                let inner = c.into_inner();
                st.outside_root("<![CDATA[", before)?;
                st.character_data(&inner, before..after, PieceKind::CData);
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(Manual::new(
                                Code::XmlDtd,
                                format!("part {} refers to an undeclared entity &{other};", ctx.part),
                            ));
                        }
                    },
                    Err(e) => return Err(corrupt(ctx, before, &e)),
                };
                let mut buf = [0u8; 4];
                let s = ch.encode_utf8(&mut buf);
                st.outside_root(s, before)?;
                st.character_data(s, before..after, PieceKind::Ref);
            }
            // Comments and processing instructions are never shown: removed, whatever they hold. The
            // `mso-application` instruction (which application opens a flat XML file) is the only one kept.
            Event::Comment(_) => {
                st.out.edits.push(Edit { range: before..after, with: String::new() });
                st.count_scrub("XML comments removed");
            }
            Event::PI(pi) => {
                let content: &str = &pi;
                if !known_instruction(content.as_bytes()) {
                    st.out.edits.push(Edit { range: before..after, with: String::new() });
                    st.count_scrub("XML processing instructions removed");
                }
            }
        }
    }
    if !st.stack.is_empty() {
        return Err(corrupt(ctx, xml.len(), &"the part ends inside an element"));
    }
    Ok(st.out)
}

/// `<?mso-application progid="Word.Document"?>` and its Excel and PowerPoint siblings.
fn known_instruction(content: &[u8]) -> bool {
    matches!(
        content,
        b"mso-application progid=\"Word.Document\""
            | b"mso-application progid=\"Excel.Sheet\""
            | b"mso-application progid=\"PowerPoint.Show\""
    )
}

/// Whether a namespace URI belongs to an Office vocabulary (OOXML transitional or Strict, Microsoft's
/// extensions, VML). Attributes of a part whose root is in any other namespace are all text.
fn office_namespace(uri: &[u8]) -> bool {
    let uri = String::from_utf8_lossy(uri);
    uri.starts_with("http://schemas.openxmlformats.org/")
        || uri.starts_with("http://purl.oclc.org/ooxml/")
        || uri.starts_with("http://schemas.microsoft.com/office/")
        || uri.starts_with("urn:schemas-microsoft-com:")
}

fn corrupt(ctx: &Ctx<'_>, at: usize, e: &dyn std::fmt::Display) -> Manual {
    Manual::new(Code::Corrupt, format!("part {} is not well-formed XML (byte {at}): {e}", ctx.part))
}

fn unsupported(ctx: &Ctx<'_>, why: &str) -> Manual {
    Manual::new(Code::UnsupportedContent, format!("part {} {why}", ctx.part))
}

fn internal(ctx: &Ctx<'_>) -> Manual {
    Manual::new(Code::InternalError, format!("lak lost track of a position in part {}", ctx.part))
}

/// Where `sub` (a slice borrowed from `base`) starts in `base`.
pub(crate) fn offset_in(base: &[u8], sub: &str) -> Option<usize> {
    let b = base.as_ptr() as usize;
    let s = sub.as_ptr() as usize;
    (s >= b && s + sub.len() <= b + base.len()).then(|| s - b)
}

/// The span of ` name="value"` given the value's offset, for removing an attribute from a tag.
fn attr_span(xml: &[u8], tag_start: usize, value: usize, len: usize) -> Range<usize> {
    let end = value + len + 1; // the closing quote
    let mut i = value.saturating_sub(1); // the opening quote
    while i > tag_start && xml[i - 1] != b'=' {
        i -= 1;
    }
    i = i.saturating_sub(1); // '='
    while i > tag_start && xml[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    while i > tag_start && !xml[i - 1].is_ascii_whitespace() {
        i -= 1; // the name
    }
    while i > tag_start && xml[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    i..end
}

fn qname(s: &BytesStart<'_>) -> String {
    s.name().as_ref().to_string()
}

/// The qualified name of the element starting at `start` (`<w:r ...`).
fn qname_at(xml: &[u8], start: usize) -> String {
    let rest = xml.get(start + 1..).unwrap_or_default();
    let end = rest.iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/').unwrap_or(rest.len());
    String::from_utf8_lossy(&rest[..end]).into_owned()
}

impl Scan<'_, '_> {
    fn count_scrub(&mut self, what: &'static str) {
        Scanned::count(&mut self.out.scrubbed, what);
    }

    /// A well-formed part has exactly one root element; the namespace of the root decides whether the
    /// part speaks an Office vocabulary.
    fn root(&mut self, reader: &NsReader<&[u8]>, s: &BytesStart<'_>, before: usize) -> Result<(), Manual> {
        if !self.stack.is_empty() {
            return Ok(());
        }
        self.roots += 1;
        if self.roots > 1 {
            return Err(corrupt(self.ctx, before, &"a second root element"));
        }
        let (ns, _) = reader.resolver().resolve_element(s.name());
        let office = match ns {
            ResolveResult::Bound(n) => office_namespace(n.as_ref().as_bytes()),
            _ => false,
        };
        if !office {
            self.all_attrs = true;
        }
        Ok(())
    }

    /// A number format code shows only its literal text: the code itself (`General`, `0.00`) is hidden
    /// from the detector, which reads the literals (`"Tel. "`, `\x`) as a view of it.
    fn format_code_view(&mut self, of: usize) -> Result<(), Manual> {
        // A chart shows its cached numbers through the code, and lak does not render chart labels: a
        // code that can assemble an identifier out of a number (literal digits, literals between digit
        // placeholders) refuses the document. Workbook styles are rendered per cell (`numfmt.rs`).
        if self.ctx.part.to_ascii_lowercase().contains("/charts/") && numfmt::assembles(&self.out.units[of].text) {
            return Err(unsupported(
                self.ctx,
                &format!(
                    "shows chart numbers through the format {:?}, which can assemble an identifier out of a \
                     number; lak does not render chart labels",
                    self.out.units[of].text
                ),
            ));
        }
        let unit = &mut self.out.units[of];
        unit.hidden = true;
        if let Some((text, map)) = views::format_literals(&unit.text) {
            let seq = unit.seq;
            self.out.units.push(Unit {
                text,
                pieces: Vec::new(),
                kind: UnitKind::View { of, map },
                seq,
                hidden: false,
            });
        }
        Ok(())
    }

    /// A formula's string literals joined (`CONCATENATE("1234","56782")` shows `123456782`): a view of
    /// the formula, with the cell's column header; a redaction in it removes the formula.
    fn formula_view(&mut self, of: usize) {
        let Some(text) = views::formula_literals(&self.out.units[of].text) else { return };
        let r = self.innermost_group().and_then(|g| self.groups[g].cell.as_ref()).and_then(|c| c.r.clone());
        let n = self.out.units.len();
        self.out.units.push(Unit {
            text,
            pieces: Vec::new(),
            kind: UnitKind::View { of, map: Vec::new() },
            seq: 0,
            hidden: false,
        });
        if let Some(r) = r {
            self.out.cell_units.push((n, r));
        }
    }

    /// Character data outside the root element: only whitespace is allowed there.
    fn outside_root(&self, s: &str, at: usize) -> Result<(), Manual> {
        if self.stack.is_empty() && !s.trim().is_empty() {
            return Err(corrupt(self.ctx, at, &"text outside the root element"));
        }
        Ok(())
    }

    /// Handles a start tag (or an empty element): decides the element's rule, reads its attributes.
    fn open(
        &mut self,
        reader: &NsReader<&[u8]>,
        s: &BytesStart<'_>,
        before: usize,
        after: usize,
        empty: bool,
    ) -> Result<Frame, Manual> {
        let ctx = self.ctx;
        if self.stack.last().is_some_and(|f| f.removed) {
            let mut f = Frame::new(before, ElemRule::Normal, Tag::Other);
            f.removed = true;
            return Ok(f);
        }
        let (ns, local) = reader.resolver().resolve_element(s.name());
        let fam = match ns {
            ResolveResult::Bound(n) => vocab::family(n.as_ref().as_bytes()),
            _ => Fam::None,
        };
        let local = {
            let v: &str = local.as_ref();
            v
        };
        let mut rule = vocab::element(fam, local, empty);
        let mut frame = Frame::new(before, rule, tag(fam, local));
        match frame.tag {
            Tag::Table if !empty => {
                self.tables.push((self.table_count, 0, 0));
                self.table_count += 1;
            }
            Tag::Row => {
                if let Some(t) = self.tables.last_mut() {
                    t.1 += 1;
                    t.2 = 0;
                }
            }
            Tag::TableCell => {
                if let Some(t) = self.tables.last_mut() {
                    t.2 += 1;
                }
            }
            _ => {}
        }

        // Attributes: strip, scan as text, or note.
        let mut strip: Vec<Range<usize>> = Vec::new();
        let mut rel_strip: Vec<Range<usize>> = Vec::new();
        let mut attr_units: Vec<(String, Range<usize>, AttrKind, String)> = Vec::new();
        let mut unknown: Vec<(String, Range<usize>, String)> = Vec::new();
        let mut space: Option<Range<usize>> = None;
        let mut facts = vocab::Facts::default();
        for attr in s.attributes() {
            let attr = attr.map_err(|e| corrupt(ctx, before, &e))?;
            let raw_name = {
                let v: &str = attr.key.as_ref();
                v
            };
            if raw_name == "xmlns" || raw_name.starts_with("xmlns:") {
                continue;
            }
            let (ans, alocal) = reader.resolver().resolve_attribute(attr.key);
            let afam = match ans {
                ResolveResult::Bound(n) => vocab::family(n.as_ref().as_bytes()),
                _ => Fam::None,
            };
            let alocal = {
                let v: &str = alocal.as_ref();
                v
            };
            let value: &str = &attr.value;
            facts.see(raw_name, afam, alocal, value);
            let at = || offset_in(self.xml, value).ok_or_else(|| internal(ctx));
            if afam == Fam::R && ctx.removed_rels.contains(value) {
                rel_strip.push(attr_span(self.xml, before, at()?, value.len()));
                continue;
            }
            if raw_name == "xml:space" {
                let v = at()?;
                space = Some(v..v + value.len());
            }
            let rule = if self.all_attrs {
                AttrRule::Scan(AttrKind::Text)
            } else {
                vocab::attribute(fam, local, afam, alocal, ctx)
            };
            let decode = || -> Result<String, Manual> {
                Ok(quick_xml::escape::unescape(value).map_err(|e| corrupt(ctx, before, &e))?.into_owned())
            };
            match rule {
                // An id or URI is structure by its name, but only a value of an id's or a URI's shape is
                // taken on trust: `w:id="Jan Jansen"` is read like an unknown attribute.
                AttrRule::Structural if matches!(alocal, "id" | "Id" | "ID" | "guid" | "uri") => {
                    let decoded = decode()?;
                    if !attrs::structural_value(&decoded) && !attrs::uri_like(&decoded) {
                        let v = at()?;
                        unknown.push((decoded, v..v + value.len(), raw_name.to_string()));
                    }
                }
                AttrRule::Structural => {}
                AttrRule::Strip(what) => {
                    strip.push(attr_span(self.xml, before, at()?, value.len()));
                    Scanned::count(&mut self.out.scrubbed, what);
                }
                AttrRule::Scan(kind) => {
                    let v = at()?;
                    attr_units.push((decode()?, v..v + value.len(), kind, raw_name.to_string()));
                }
                AttrRule::Name => {
                    let decoded = decode()?;
                    if !attrs::name_like(&decoded) {
                        let v = at()?;
                        attr_units.push((decoded, v..v + value.len(), AttrKind::Text, raw_name.to_string()));
                    }
                }
                AttrRule::Unknown => {
                    let decoded = decode()?;
                    if !attrs::structural_value(&decoded) {
                        let v = at()?;
                        unknown.push((decoded, v..v + value.len(), raw_name.to_string()));
                    }
                }
            }
        }
        if !rel_strip.is_empty() {
            if vocab::remove_with_relationship(fam, local) {
                rule = ElemRule::Remove("references to removed parts");
            } else {
                strip.extend(rel_strip);
            }
        }
        if let Some(n) = vocab::note(fam, local, &facts) {
            Scanned::count(&mut self.out.notes, n);
        }
        frame.rule = rule;
        match rule {
            ElemRule::Remove(what) => {
                self.count_scrub(what);
                frame.removed = true;
                return Ok(frame);
            }
            // Counted when closed, and only if it held a value.
            ElemRule::RemoveValue(_) => {
                frame.removed = true;
                return Ok(frame);
            }
            _ => {}
        }
        self.off_slide_check(fam, local, &facts, &mut frame);
        // Remove the stripped attributes one by one (an unwrapped tag goes entirely): a redaction in
        // another attribute of the same tag is an edit of its own next to them.
        for r in strip {
            self.out.edits.push(Edit { range: r, with: String::new() });
        }
        for (decoded, range, kind, name) in attr_units {
            let what = || format!("the attribute {name} of <{}>", qname(s));
            let format_code = kind == AttrKind::FormatCode;
            let kind = match kind {
                AttrKind::Text => UnitKind::Text,
                AttrKind::Ident => UnitKind::Ident,
                AttrKind::SheetName => UnitKind::SheetName,
                AttrKind::DefinedName => UnitKind::DefinedName,
                AttrKind::PivotValue => UnitKind::PivotValue { tag: before..after, qname: qname(s) },
                AttrKind::FormatCode => UnitKind::Text,
                AttrKind::Target => {
                    let external = facts.target_mode.as_deref().is_some_and(|m| m.eq_ignore_ascii_case("External"));
                    let hyperlink = facts.rel_type.as_deref().is_some_and(|t| t.ends_with("/hyperlink"));
                    if external || hyperlink {
                        UnitKind::Text
                    } else {
                        UnitKind::Fixed("the target of an internal relationship (a part name)".into())
                    }
                }
                AttrKind::Fixed => UnitKind::Fixed(what()),
            };
            // A bookmark name joins its words with `_`: the detector reads them as words.
            let text = if kind == UnitKind::Ident { decoded.replace('_', " ") } else { decoded };
            let n = self.out.units.len();
            let mut b = Builder::default();
            b.push(&text, range, PieceKind::Attr, None);
            b.finish(kind, &mut self.out.units);
            if format_code && self.out.units.len() > n {
                self.format_code_view(n)?;
            }
        }
        for (decoded, range, name) in unknown {
            let mut b = Builder::default();
            b.push(&decoded, range, PieceKind::Attr, None);
            let what = format!("the attribute {name} of <{}>, which lak does not know", qname(s));
            b.finish(UnitKind::Fixed(what), &mut self.out.units);
        }
        match rule {
            ElemRule::Unwrap(what) => {
                self.count_scrub(what);
                self.out.edits.push(Edit { range: before..after, with: String::new() });
            }
            ElemRule::Group(kind) if !empty => {
                let cell = (kind == GroupKind::Cell).then(|| CellInfo {
                    span: before..after,
                    qname: qname(s),
                    r: facts.r.clone(),
                    s: facts.s.clone(),
                    t: facts.t.clone().unwrap_or_else(|| "n".into()),
                    formula: None,
                });
                let seq = self.strings;
                if kind == GroupKind::Str {
                    self.strings += 1;
                }
                self.groups.push(Group {
                    kind,
                    seq,
                    main: Builder::default(),
                    field: Builder::default(),
                    cell,
                    branch_stack: Vec::new(),
                });
                frame.group = true;
            }
            ElemRule::Group(GroupKind::Str) => self.strings += 1,
            ElemRule::Text(_) if !empty => {
                let run = match (fam, self.stack.last()) {
                    (Fam::W, Some(rf)) if rf.tag == Tag::Run => {
                        Some(RunInfo { qname: qname_at(self.xml, rf.start), rpr: rf.rpr.clone() })
                    }
                    _ => None,
                };
                self.out.holders.push(Holder {
                    start_tag: before..after,
                    qname: qname(s),
                    fam,
                    preserve: facts.preserve,
                    space: space.filter(|_| !facts.preserve),
                    run,
                });
                frame.holder = Some(self.out.holders.len() - 1);
            }
            ElemRule::Char(c) => self.element_char(c, before..after),
            ElemRule::Sym => {
                // A symbol shows the character `w:char` names (a digit of a BSN can be one).
                if let Some(c) = facts.sym {
                    let mut buf = [0u8; 4];
                    self.element_char(c.encode_utf8(&mut buf), before..after);
                }
            }
            ElemRule::Alternatives => {
                if let Some(g) = self.innermost_group() {
                    let parent = self.groups[g].branch_stack.last().copied();
                    frame.alternatives = Some(self.branches.open_alternatives(parent));
                }
            }
            ElemRule::Alternative => {
                if let (Some(ac), Some(g)) = (self.stack.last().and_then(|f| f.alternatives), self.innermost_group()) {
                    let b = self.branches.open_branch(ac);
                    self.groups[g].branch_stack.push(b);
                    frame.alternative = true;
                }
            }
            ElemRule::Formula => frame.shared_master = facts.has_ref && facts.t.as_deref() == Some("shared"),
            _ => {}
        }
        Ok(frame)
    }

    /// Notes shapes placed outside the slide (`a:off` beyond the slide size, outside group shapes).
    fn off_slide_check(&mut self, fam: Fam, local: &str, facts: &vocab::Facts, _frame: &mut Frame) {
        let Some((w, h)) = self.ctx.slide_size else {
            return;
        };
        if fam != Fam::A || self.stack.iter().any(|f| f.tag == Tag::GroupShape) {
            return;
        }
        let Some(xfrm) = self.stack.last_mut().filter(|f| f.tag == Tag::Xfrm) else {
            return;
        };
        match (local, facts.x, facts.y, facts.cx, facts.cy) {
            ("off", Some(x), Some(y), _, _) => xfrm.off = Some((x, y)),
            ("ext", _, _, Some(cx), Some(cy)) => {
                if let Some((x, y)) = xfrm.off
                    && (x >= w || y >= h || x.saturating_add(cx) <= 0 || y.saturating_add(cy) <= 0)
                {
                    Scanned::count(
                        &mut self.out.notes,
                        "shapes placed outside the visible slide (processed like visible ones)",
                    );
                }
            }
            _ => {}
        }
    }

    /// An element that stands for a character of the paragraph around it (a tab, a break, a symbol):
    /// removable as an element.
    fn element_char(&mut self, c: &str, src: Range<usize>) {
        if let Some(g) = self.innermost_group()
            && self.groups[g].kind == GroupKind::Para
        {
            let branch = self.groups[g].branch_stack.last().copied();
            self.groups[g].main.push_in(c, src, PieceKind::Element, None, branch);
        }
    }

    fn innermost_group(&self) -> Option<usize> {
        let n = self.stack.iter().filter(|f| f.group).count();
        n.checked_sub(1)
    }

    /// Handles the end of an element; `end_tag` is empty for an empty element.
    fn close(&mut self, mut frame: Frame, end_tag: Range<usize>, after: usize) -> Result<(), Manual> {
        let ctx = self.ctx;
        let span = frame.start..after;
        if frame.tag == Tag::Table && !end_tag.is_empty() {
            self.tables.pop();
        }
        if frame.removed {
            // Only the outermost removed element writes the edit; nested ones are inside it.
            match frame.rule {
                ElemRule::Remove(_) => {}
                ElemRule::RemoveValue(what) => {
                    if frame.had_text {
                        self.count_scrub(what);
                    }
                }
                _ => return Ok(()),
            }
            self.out.edits.push(Edit { range: span, with: String::new() });
            return Ok(());
        }
        if let ElemRule::Unwrap(_) = frame.rule
            && !end_tag.is_empty()
        {
            self.out.edits.push(Edit { range: end_tag, with: String::new() });
        }
        if frame.alternative
            && let Some(g) = self.innermost_group()
        {
            self.groups[g].branch_stack.pop();
        }
        // Remember a run's properties for the text that follows in the run.
        if frame.tag == Tag::RunProps
            && let Some(parent) = self.stack.last_mut()
            && parent.tag == Tag::Run
        {
            parent.rpr = Some(span.clone());
        }
        if let ElemRule::Formula = frame.rule
            && let Some(g) = self.innermost_group()
            && let Some(cell) = self.groups[g].cell.as_mut()
        {
            cell.formula = Some((span.clone(), frame.shared_master));
        }
        if let Some(loose) = frame.loose.take() {
            let kind = match frame.rule {
                ElemRule::Formula => UnitKind::Formula { elem: span.clone(), shared_master: frame.shared_master },
                _ => UnitKind::Text,
            };
            let n = self.out.units.len();
            loose.finish(kind, &mut self.out.units);
            if self.out.units.len() > n {
                match frame.rule {
                    ElemRule::Formula => self.formula_view(n),
                    ElemRule::FormatCode => self.format_code_view(n)?,
                    _ => {}
                }
            }
        }
        if frame.group {
            let mut group = self.groups.pop().ok_or_else(|| internal(ctx))?;
            match group.kind {
                GroupKind::Para | GroupKind::Str => {
                    let n = self.out.units.len();
                    std::mem::take(&mut group.main).finish_seq(
                        UnitKind::Text,
                        group.seq,
                        &mut self.out.units,
                        &self.branches,
                    );
                    if group.kind == GroupKind::Para
                        && self.out.units.len() > n
                        && let Some(&(table, row, col)) = self.tables.last()
                        && row > 0
                        && col > 0
                    {
                        self.out.table_units.push((n, TablePos { table, row: row - 1, col: col - 1 }));
                    }
                    // An inline string is the value of the cell around it.
                    if group.kind == GroupKind::Str
                        && self.out.units.len() > n
                        && let Some(r) = self.groups.last().and_then(|g| g.cell.as_ref()).and_then(|c| c.r.clone())
                    {
                        self.out.cell_units.push((n, r));
                    }
                    std::mem::take(&mut group.field).finish_seq(UnitKind::Text, 0, &mut self.out.units, &self.branches);
                }
                GroupKind::Cell => {
                    let mut cell = group.cell.take().ok_or_else(|| internal(ctx))?;
                    cell.span = span;
                    if cell.t == "s" {
                        // The value is an index into the shared strings, not text.
                        if let (Ok(i), Some(r)) = (group.main.text.trim().parse::<u32>(), &cell.r) {
                            self.out.shared_refs.push((i, r.clone()));
                        }
                    } else {
                        let n = self.out.units.len();
                        let r = cell.r.clone();
                        // A number is read in the form Excel shows it: `1.11222333E8` (as Apache POI writes
                        // it) is 111222333. A numeric cell is rewritten whole, so its text need not map to
                        // the bytes.
                        if cell.t == "n"
                            && let Some(int) = views::integral(&group.main.text)
                        {
                            group.main.text = int;
                        }
                        std::mem::take(&mut group.main).finish(UnitKind::Cell(cell), &mut self.out.units);
                        if let Some(r) = r.filter(|_| self.out.units.len() > n) {
                            self.out.cell_units.push((n, r));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Routes character data to the innermost text element's group, or to the element's own unit.
    fn character_data(&mut self, s: &str, src: Range<usize>, kind: PieceKind) {
        let Some(top) = self.stack.last() else {
            return; // outside the root element only whitespace is allowed
        };
        if top.removed {
            if !s.trim().is_empty()
                && let Some(outer) = self.stack.iter_mut().find(|f| f.removed)
            {
                outer.had_text = true;
            }
            return;
        }
        let holder = top.holder;
        let rule = top.rule;
        let group = self.innermost_group();
        match (rule, group) {
            (ElemRule::Text(tk), Some(g)) => {
                let group = &mut self.groups[g];
                let target = match (tk, group.kind) {
                    (TextKind::Field, GroupKind::Para) => &mut group.field,
                    _ => &mut group.main,
                };
                target.push_in(s, src, kind, holder, group.branch_stack.last().copied());
            }
            (ElemRule::CellValue, Some(g)) if self.groups[g].kind == GroupKind::Cell => {
                self.groups[g].main.push(s, src, kind, None);
            }
            _ => {
                if let Some(top) = self.stack.last_mut() {
                    top.loose.get_or_insert_with(Builder::default).push(s, src, kind, None);
                }
            }
        }
    }
}
