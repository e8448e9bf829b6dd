//! Entry points for the fuzz targets: **not an API**, hidden from the docs, and free to change with any
//! commit.
//!
//! Every hand-written parser of untrusted bytes has one function here that takes `&[u8]`, reads the
//! bytes the way an adapter does, and then, where the format has one, drives the write path over what it
//! read (redact every text, strip a picture again, write a CMap again). None may panic on any input;
//! the invariants that are cheap to check are `assert!`ed, so a coverage-guided fuzzer (`fuzz/`, AFL++)
//! reports a violation as a crash, and `tests/fuzz_smoke.rs` runs every function on the seeds, on
//! mutations of them and on every kept crash (`fuzz/regressions/<target>/`).
//!
//! [`TARGETS`] lists them by the name of their fuzz binary and of their seed and regression folders.

use std::collections::HashSet;

use lopdf::{Dictionary, Object, Stream, dictionary};

use crate::formats::office::vocab::{Ctx, Role};
use crate::formats::office::{fonts, images, metafile, package, rewrite, xml_text};
use crate::formats::pdf::fonts::{cmap::CMap, program};
use crate::formats::{Csv, Document, Format, Mail, Msg, Office, Options, Pdf, Redaction};

/// A fuzz entry point.
pub type Target = fn(&[u8]);

/// Every target: `(name, entry point)`. The name is the fuzz binary's and the seed folder's.
pub const TARGETS: &[(&str, Target)] = &[
    ("package", package),
    ("office", office),
    ("xml_text", xml_text),
    ("metafile", metafile),
    ("picture", picture),
    ("font", font),
    ("cmap", cmap),
    ("font_program", font_program),
    ("pdf_content", pdf_content),
    ("pdf", pdf),
    ("csv", csv),
    ("mail", mail),
    ("msg", msg),
    ("mbox", mbox),
];

/// The label every fuzz redaction carries.
const LABEL: &str = "5.1.2e";

/// Redacts every non-empty unit of an opened document whole, then checks that the output opens again
/// with `format` (an adapter's output must be readable by the same adapter: the pipeline re-checks it).
fn redact_everything(format: &dyn Format, doc: &dyn Document) {
    let units = doc.units();
    for (unit, text) in units.iter().enumerate() {
        let _ = doc.locate(unit, 0, text.len());
        let _ = doc.header(unit);
    }
    let _ = doc.byte_views();
    let _ = doc.date();
    let all: Vec<Redaction> = units
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(unit, t)| Redaction { unit, start: 0, end: t.len(), label: LABEL.into() })
        .collect();
    // Reopened as readable bytes, not checked pictures: a PDF page whose text is all redacted and that
    // holds an image is a scan when read back, which needs OCR (docs/formats.md, PDF, known limits).
    let reopen = Options { allow_unchecked_images: true, ..Options::default() };
    for redactions in [&[][..], &all[..]] {
        if let Ok(out) = doc.redact(redactions) {
            let again = format.open(out.bytes, &reopen);
            assert!(again.is_ok(), "{} output does not open again: {}", format.name(), again.err().unwrap());
        }
    }
}

/// OOXML package reading: the zip container with its limits. What it reads, written back with every
/// entry copied raw, reads again to the same parts.
pub fn package(data: &[u8]) {
    let Ok(entries) = package::read(data) else { return };
    let out: Vec<package::Out<'_>> = entries.iter().map(|_| package::Out::Raw).collect();
    let Ok(written) = package::write(data, &entries, &out) else { return };
    let again = package::read(&written).expect("a package lak wrote reads again");
    assert_eq!(again.len(), entries.len(), "entries lost in a raw copy");
    for (a, b) in entries.iter().zip(&again) {
        assert_eq!(a.name, b.name);
        assert!(a.data == b.data, "part {} changed in a raw copy", a.name);
    }
}

/// A whole Office document through the public adapter: open, then redact every unit.
pub fn office(data: &[u8]) {
    let format = &Office::WORD;
    if let Ok(doc) = format.open(data.to_vec(), &Options::default()) {
        redact_everything(format, doc.as_ref());
    }
}

/// XML text scanning of one part with a default context, then rewriting it with every unit cut whole:
/// the rewritten part scans again.
pub fn xml_text(data: &[u8]) {
    let none = HashSet::new();
    let ctx = Ctx { part: "word/document.xml", role: Role::Generic, removed_rels: &none, slide_size: None };
    let Ok(scanned) = xml_text::scan(data, &ctx) else { return };
    let cuts: Vec<rewrite::Cut> = scanned
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.text.is_empty())
        .map(|(unit, u)| rewrite::Cut { unit, start: 0, end: u.text.len(), with: "[X]".into() })
        .collect();
    for cuts in [&[][..], &cuts[..]] {
        if let Ok(out) = rewrite::rewrite(ctx.part, data, &scanned, cuts) {
            let again = xml_text::scan(&out, &ctx);
            assert!(again.is_ok(), "rewritten XML does not scan again: {}", again.err().unwrap().reason);
        }
    }
}

/// EMF/WMF: read, then redact every text whole. The redacted picture reads again with as many texts,
/// and nothing is left to zero in it. The bitmaps it draws, taken out for OCR, are picture files.
pub fn metafile(data: &[u8]) {
    let Ok(mf) = metafile::read(data) else { return };
    let cuts: Vec<(usize, usize, usize)> = mf.texts.iter().enumerate().map(|(i, t)| (i, 0, t.text.len())).collect();
    for cuts in [&[][..], &cuts[..]] {
        let Ok(out) = metafile::redact(data, &mf, cuts) else { continue };
        assert_eq!(out.len(), data.len(), "redaction in place changed the size");
        let again = metafile::read(&out).expect("a redacted metafile reads again");
        assert_eq!(again.texts.len(), mf.texts.len(), "texts lost in redaction");
        assert!(again.zero.is_empty(), "bytes left to zero after zeroing");
    }
    // Every bitmap it draws is taken out as a picture file the picture adapter reads (or refused with a
    // reason): OCR gets what lak wrote, never bytes no decoder takes for a picture.
    for bitmap in mf.bitmaps.iter().flatten() {
        assert!(crate::formats::picture::readable(bitmap), "a metafile bitmap taken out is no picture file");
        check_pages(bitmap);
    }
}

/// Decodes a picture file's pages as the picture adapter does: within its limits, or refused.
fn check_pages(data: &[u8]) {
    if let Ok(pages) = crate::formats::picture::pages(data) {
        assert!(!pages.is_empty(), "a picture decoded to no page");
        assert!(pages.len() <= crate::limits::PICTURE_MAX_PAGES, "more pages than the limit");
        let pixels: u64 = pages.iter().map(|p| u64::from(p.width()) * u64::from(p.height())).sum();
        assert!(pixels <= crate::limits::PICTURE_MAX_PIXELS, "more pixels than the limit");
    }
}

/// Pictures (JPEG, PNG, GIF, WebP, BMP, TIFF): sniffed and stripped; stripping what lak keeps keeps it
/// as it is, and it is still the same kind of picture. The shared JPEG stripper is run on its own too,
/// and the pages are decoded as the picture adapter decodes them for OCR (TIFF pages, GIF canvases).
pub fn picture(data: &[u8]) {
    if let Ok(once) = crate::formats::media::jpeg::strip(data) {
        let twice = crate::formats::media::jpeg::strip(&once).expect("a stripped JPEG strips again");
        assert!(once == twice, "JPEG stripping is not idempotent");
    }
    let Some(kind) = images::sniff(data) else { return };
    let Ok(stripped) = images::strip(kind, data) else { return };
    let kept = stripped.as_deref().unwrap_or(data);
    assert_eq!(images::sniff(kept), Some(kind), "a stripped picture changed kind");
    let again = images::strip(kind, kept).expect("a stripped picture strips again");
    if kind != images::ImageFormat::Tiff {
        assert!(again.is_none(), "{kind:?} stripping is not idempotent");
    }
    check_pages(data);
}

/// Font containers (TrueType/OpenType, collections, WOFF, WOFF2, EOT, obfuscated `.odttf`): a font must
/// end where its last table ends, so a byte appended to one makes it no font.
pub fn font(data: &[u8]) {
    for file in ["font1.odttf", "font1.fntdata"] {
        if fonts::is_font(file, data) {
            let mut longer = data.to_vec();
            longer.extend_from_slice(b"Jansen");
            assert!(!fonts::is_font(file, &longer), "bytes appended to a font pass as a font");
        }
    }
}

/// CMaps (`/ToUnicode`, Type0 encodings): parse, write, parse again; the second writing is the first
/// (lak writes back exactly what it read).
pub fn cmap(data: &[u8]) {
    let Ok(map) = CMap::parse(data) else { return };
    let _ = map.has_codespace();
    for len in 1..=4u8 {
        let code = data.iter().take(usize::from(len)).fold(0u32, |c, &b| c << 8 | u32::from(b));
        let _ = map.code_len(data);
        let _ = map.cid(len, code);
        let _ = map.unicode_into(len, code, &mut String::new());
    }
    let written = map.write();
    let again = CMap::parse(&written).expect("a CMap lak wrote parses again");
    assert!(again.write() == written, "writing a CMap again changes it");
}

/// The built-in encodings of embedded font programs: the same bytes read as a Type1 clear-text part and
/// as a CFF program.
pub fn font_program(data: &[u8]) {
    let _ = program::type1(data);
    let _ = program::cff(data);
}

/// The PDF content interpreter and rewriter: `data` is the content stream of a one-page PDF with a
/// standard font and a Type0 font, opened and redacted through the public adapter.
pub fn pdf_content(data: &[u8]) {
    let Some(file) = one_page_pdf(data) else { return };
    if let Ok(doc) = Pdf.open(file, &Options::default()) {
        redact_everything(&Pdf, doc.as_ref());
    }
}

/// A whole PDF through the public adapter: open, then redact every unit.
pub fn pdf(data: &[u8]) {
    if let Ok(doc) = Pdf.open(data.to_vec(), &Options::default()) {
        redact_everything(&Pdf, doc.as_ref());
    }
}

/// CSV through the public adapter: open, then redact every cell.
pub fn csv(data: &[u8]) {
    if let Ok(doc) = Csv.open(data.to_vec(), &Options::default()) {
        redact_everything(&Csv, doc.as_ref());
    }
}

/// E-mail through the public adapter: MIME structure, header fields, transfer encodings, charsets, HTML
/// and attachments; open, then redact every unit whole.
pub fn mail(data: &[u8]) {
    if let Ok(doc) = Mail.open(data.to_vec(), &Options::default()) {
        redact_everything(&Mail, doc.as_ref());
    }
}

/// An Outlook message: the CFB container, the property streams, compressed RTF and the conversion to
/// MIME, then the e-mail adapter over what the conversion gave. The output is an `.eml`: it must open
/// again as one.
pub fn msg(data: &[u8]) {
    if let Ok(doc) = Msg.open(data.to_vec(), &Options::default()) {
        redact_everything(&Mail, doc.as_ref());
    }
}

/// Mailboxes (`mail/mbox.rs`): split into messages, each unquoted, written back; the written mailbox
/// splits into the same messages (each ending in a line break).
pub fn mbox(data: &[u8]) {
    use crate::formats::mail::mbox;
    let Some(ranges) = mbox::split(data) else { return };
    let messages: Vec<Vec<u8>> = ranges
        .into_iter()
        .map(|r| {
            assert!(r.start <= r.end && r.end <= data.len(), "range {r:?} of {}", data.len());
            mbox::message(data, r)
        })
        .collect();
    let written = mbox::write(messages.iter().map(Vec::as_slice));
    let again = mbox::split(&written).expect("a written mailbox starts with a separator");
    assert_eq!(again.len(), messages.len(), "the written mailbox splits into another number of messages");
    for (r, m) in again.into_iter().zip(&messages) {
        let mut expected = m.clone();
        if !expected.ends_with(b"\n") {
            expected.push(b'\n');
        }
        assert!(mbox::message(&written, r) == expected, "a message changed in the round trip");
    }
}

/// A one-page PDF whose page content is `content`, with `/F1` (Helvetica, WinAnsi) and `/F2` (a Type0
/// font with an identity encoding and a `/ToUnicode` CMap) as resources.
fn one_page_pdf(content: &[u8]) -> Option<Vec<u8>> {
    let mut doc = lopdf::Document::with_version("1.7");
    let pages = doc.new_object_id();
    let helvetica = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let to_unicode = doc.add_object(Stream::new(
        Dictionary::new(),
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> \
          endcodespacerange 1 beginbfrange <0020> <007E> <0020> endbfrange endcmap end end"
            .to_vec(),
    ));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Arial",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 500,
    });
    let type0 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Arial", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()], "ToUnicode" => to_unicode,
    });
    let contents = doc.add_object(Stream::new(Dictionary::new(), content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => helvetica, "F2" => type0 } },
        "Contents" => contents,
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).ok()?;
    Some(out)
}

/// Seeds for the targets that take pieces of a PDF: its decoded content streams (`pdf_content`),
/// CMaps (`cmap`) and embedded font programs (`font_program`, `font`), as `(target, bytes)`.
pub fn pdf_seeds(data: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let Ok(doc) = lopdf::Document::load_mem(data) else { return Vec::new() };
    let mut out = Vec::new();
    for page in doc.get_pages().values() {
        out.push(("pdf_content", doc.get_page_content(*page)));
    }
    let decoded = |o: &Object| -> Option<Vec<u8>> {
        let s = doc.get_object(o.as_reference().ok()?).ok()?.as_stream().ok()?;
        Some(s.decompressed_content().unwrap_or_else(|_| s.content.clone()))
    };
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if let Some(d) = dict.get(b"ToUnicode").ok().and_then(decoded) {
            out.push(("cmap", d));
        }
        for (key, target) in
            [(&b"FontFile"[..], "font_program"), (b"FontFile3", "font_program"), (b"FontFile2", "font")]
        {
            if let Some(d) = dict.get(key).ok().and_then(decoded) {
                out.push((target, d));
            }
        }
    }
    out
}

/// Seeds for every target from the files under `roots` (the repository's `fixtures/` and `examples/`):
/// whole Office files, PDFs, CSVs, mail, pictures and metafiles, the parts of the Office files (XML,
/// metafiles, pictures, fonts) and the pieces of the PDFs ([`pdf_seeds`]), as `(target, name, bytes)`, at
/// most `per_target` of the smallest for each target (AFL starts faster from few, small seeds).
pub fn seeds(roots: &[&std::path::Path], per_target: usize) -> Vec<(&'static str, String, Vec<u8>)> {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for root in roots {
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(read) = std::fs::read_dir(&dir) else { continue };
            for entry in read.flatten() {
                let path = entry.path();
                if path.is_dir() { stack.push(path) } else { files.push(path) }
            }
        }
    }
    files.sort();
    let mut out: Vec<(&'static str, String, Vec<u8>)> = Vec::new();
    for path in &files {
        let Ok(data) = std::fs::read(path) else { continue };
        let name = path.file_name().unwrap_or_default().to_string_lossy().replace(' ', "_");
        let ext = path.extension().unwrap_or_default().to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "docx" | "docm" | "xlsx" | "xlsm" | "pptx" | "pptm" => {
                for (i, (target, bytes)) in office_parts(&data).into_iter().enumerate() {
                    out.push((target, format!("{name}-{i}"), bytes));
                }
                out.push(("office", name.clone(), data.clone()));
                out.push(("package", name, data));
            }
            "pdf" => {
                for (i, (target, bytes)) in pdf_seeds(&data).into_iter().enumerate() {
                    out.push((target, format!("{name}-{i}"), bytes));
                }
                out.push(("pdf", name, data));
            }
            "csv" => out.push(("csv", name, data)),
            "eml" => out.push(("mail", name, data)),
            "msg" => out.push(("msg", name, data)),
            "mbox" => out.push(("mbox", name, data)),
            "zip" => out.push(("package", name, data)),
            // Pictures and metafiles standing on their own (XML and fonts are seeds only as parts).
            ext => {
                if let Some(target @ ("picture" | "metafile")) = part_target(ext) {
                    out.push((target, name, data));
                }
            }
        }
    }
    out.retain(|(_, _, bytes)| !bytes.is_empty() && bytes.len() <= 1 << 20);
    out.sort_by(|a, b| (a.0, a.2.len(), &a.1).cmp(&(b.0, b.2.len(), &b.1)));
    out.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
    let mut kept: Vec<(&'static str, String, Vec<u8>)> = Vec::new();
    for seed in out {
        if kept.iter().filter(|k| k.0 == seed.0).count() < per_target {
            kept.push(seed);
        }
    }
    kept
}

/// The target of a file or package part with extension `ext` (lower case) that has one of its own.
fn part_target(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "xml" | "rels" | "vml" => "xml_text",
        "emf" | "wmf" => "metafile",
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "bmp" | "tif" | "tiff" => "picture",
        "odttf" | "fntdata" | "ttf" | "otf" | "woff" => "font",
        _ => return None,
    })
}

/// The parts of an Office package that have a target of their own.
fn office_parts(data: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(data)) else { return Vec::new() };
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let Ok(name) = entry.name().map(|n| n.to_ascii_lowercase()) else { continue };
        let ext = name.rsplit('.').next().unwrap_or("");
        let Some(target) = part_target(ext) else { continue };
        let mut bytes = Vec::new();
        if entry.take(1 << 20).read_to_end(&mut bytes).is_ok() {
            out.push((target, bytes));
        }
    }
    out
}
