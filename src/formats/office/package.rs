//! Reading and writing the zip container of an Office file, safely.
//!
//! An Office file (OOXML: DOCX, XLSX, PPTX) is a zip of *parts*. This module is the only place that
//! touches the zip format. Reading refuses, with a [`Manual`] reason, everything a hostile or damaged
//! file could use against lak or against the people who open the output:
//!
//! - a password-protected Office file, which is not a zip at all but a CFB (OLE2) container holding the
//!   encrypted package (`encrypted`), and zip entries with the encryption flag;
//! - zip bombs: too many entries, a part or a whole package larger than the limits in
//!   [`crate::limits`], a suspicious compression ratio, or a part whose actual size differs from the size
//!   it declares — every part is read through `take(limit)`, so a lying header costs nothing (`zip_limit`);
//! - part names that would escape a folder when extracted (`..`, absolute paths, drive letters,
//!   backslashes) (`unsafe_path`);
//! - two entries with the same name, compared case-insensitively as OPC requires: which one a consumer
//!   reads is undefined, so lak could check one and publish the other (`duplicate_entry`).
//!
//! Writing keeps the package as it was: entries in their original order, each with its compression method
//! and its modification time (so the output has no timestamp of its own and is deterministic), and parts
//! lak did not change are copied as raw compressed bytes.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::limits;
use crate::model::Manual;

/// The first bytes of a CFB (OLE2) compound file: how an encrypted Office file starts.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// One entry of the package, decompressed.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The part name as stored (no leading slash), e.g. `word/document.xml`.
    pub name: String,
    /// The decompressed bytes (empty for folders).
    pub data: Vec<u8>,
    /// Index in the source archive, for raw copies.
    pub index: usize,
    /// How the entry is compressed, kept for rewritten parts.
    pub method: CompressionMethod,
    /// The entry's modification time, copied to rewritten parts.
    pub modified: DateTime,
    /// A folder entry.
    pub is_dir: bool,
}

/// What to write for one entry.
pub(crate) enum Out<'a> {
    /// Copy the entry's compressed bytes unchanged.
    Raw,
    /// Write these bytes with the entry's compression method and time.
    Data(&'a [u8]),
    /// Leave the entry out.
    Drop,
}

/// Reads every entry of a package, enforcing the limits.
pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Entry>, Manual> {
    if bytes.starts_with(&CFB_MAGIC) {
        return Err(Manual::new(
            "encrypted",
            "an OLE2/CFB container, not a zip: a password-protected Office file (or a legacy binary \
             file with an Office extension); remove the password or convert it, then run lak again",
        ));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Manual::new("corrupt", format!("not a readable zip package: {e}")))?;
    if archive.len() > limits::MAX_OFFICE_ENTRIES {
        return Err(Manual::new(
            "zip_limit",
            format!("{} zip entries; lak opens at most {}", archive.len(), limits::MAX_OFFICE_ENTRIES),
        ));
    }
    if archive.has_duplicate_names() {
        return Err(duplicate(None));
    }
    let mut entries = Vec::with_capacity(archive.len());
    let mut seen = std::collections::HashSet::new();
    let mut total_declared: u64 = 0;
    let mut total_actual: u64 = 0;
    for index in 0..archive.len() {
        let file =
            archive.by_index_raw(index).map_err(|e| Manual::new("corrupt", format!("zip entry {index}: {e}")))?;
        let name = file
            .name()
            .map_err(|_| Manual::new("unsafe_path", format!("zip entry {index}: name is not valid")))?
            .into_owned();
        check_name(&name)?;
        if !seen.insert(name.to_lowercase()) {
            return Err(duplicate(Some(&name)));
        }
        if file.encrypted() {
            return Err(Manual::new(
                "encrypted",
                format!("part {name} is encrypted; remove the password and run lak again"),
            ));
        }
        let declared = file.size();
        let compressed = file.compressed_size();
        let method = file.compression();
        let modified = file.last_modified().unwrap_or_default();
        let is_dir = file.is_dir();
        drop(file);
        if declared > limits::MAX_OFFICE_PART_BYTES {
            return Err(too_big(&name, declared));
        }
        total_declared = total_declared.saturating_add(declared);
        if total_declared > limits::MAX_OFFICE_TOTAL_BYTES {
            return Err(total_too_big());
        }
        if declared > limits::OFFICE_RATIO_CHECK_BYTES
            && declared / compressed.max(1) > limits::MAX_OFFICE_COMPRESSION_RATIO
        {
            return Err(Manual::new(
                "zip_limit",
                format!(
                    "part {name} expands {}× ({compressed} → {declared} bytes): a zip bomb? lak \
                     accepts at most {}×",
                    declared / compressed.max(1),
                    limits::MAX_OFFICE_COMPRESSION_RATIO
                ),
            ));
        }
        let mut data = Vec::new();
        if !is_dir {
            let file = archive.by_index(index).map_err(|e| Manual::new("corrupt", format!("part {name}: {e}")))?;
            // One byte more than declared: enough to see a lie, never enough to be a bomb.
            file.take(declared + 1)
                .read_to_end(&mut data)
                .map_err(|e| Manual::new("corrupt", format!("part {name}: {e}")))?;
            if data.len() as u64 != declared {
                return Err(Manual::new(
                    "zip_limit",
                    format!(
                        "part {name} declares {declared} bytes but holds {}{}",
                        data.len(),
                        if data.len() as u64 > declared { " or more" } else { "" }
                    ),
                ));
            }
            total_actual += data.len() as u64;
            if total_actual > limits::MAX_OFFICE_TOTAL_BYTES {
                return Err(total_too_big());
            }
        }
        entries.push(Entry { name, data, index, method, modified, is_dir });
    }
    Ok(entries)
}

fn duplicate(name: Option<&str>) -> Manual {
    let which = name.map(|n| format!(" named {n}")).unwrap_or_default();
    Manual::new(
        "duplicate_entry",
        format!("the package holds two entries with the same name{which}: which one a program reads is undefined"),
    )
}

fn too_big(name: &str, size: u64) -> Manual {
    Manual::new(
        "zip_limit",
        format!(
            "part {name} is {size} bytes uncompressed; lak reads at most {} per part",
            limits::MAX_OFFICE_PART_BYTES
        ),
    )
}

fn total_too_big() -> Manual {
    Manual::new(
        "zip_limit",
        format!("the parts add up to more than {} bytes uncompressed", limits::MAX_OFFICE_TOTAL_BYTES),
    )
}

/// Refuses names that could escape the folder they are extracted into (zip-slip) or that no Office
/// producer writes.
fn check_name(name: &str) -> Result<(), Manual> {
    let bad = |why: &str| Err(Manual::new("unsafe_path", format!("zip entry name {name:?} {why}")));
    if name.is_empty() {
        return bad("is empty");
    }
    if name.starts_with('/') {
        return bad("is an absolute path");
    }
    if name.contains('\\') {
        return bad("holds a backslash");
    }
    if name.chars().any(char::is_control) {
        return bad("holds a control character");
    }
    let b = name.as_bytes();
    if b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic() {
        return bad("starts with a drive letter");
    }
    let trimmed = name.strip_suffix('/').unwrap_or(name);
    if trimmed.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..") {
        return bad("has an empty, `.` or `..` segment");
    }
    Ok(())
}

/// Writes the package: `out[i]` says what to write for `entries[i]`, in the original order.
pub(crate) fn write(source: &[u8], entries: &[Entry], out: &[Out<'_>]) -> Result<Vec<u8>, Manual> {
    let fail =
        |e: &dyn std::fmt::Display| Manual::new("internal_error", format!("writing the redacted package failed: {e}"));
    let mut archive = ZipArchive::new(Cursor::new(source)).map_err(|e| fail(&e))?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(source.len())));
    for (entry, what) in entries.iter().zip(out) {
        match what {
            Out::Drop => {}
            Out::Raw => {
                let file = archive.by_index_raw(entry.index).map_err(|e| fail(&e))?;
                writer.raw_copy_file(file).map_err(|e| fail(&e))?;
            }
            Out::Data(bytes) => {
                let method = match entry.method {
                    CompressionMethod::Stored => CompressionMethod::Stored,
                    _ => CompressionMethod::Deflated,
                };
                let options = SimpleFileOptions::default()
                    .compression_method(method)
                    .last_modified_time(entry.modified)
                    .large_file(bytes.len() as u64 >= u32::MAX as u64);
                writer.start_file(entry.name.as_str(), options).map_err(|e| fail(&e))?;
                writer.write_all(bytes).map_err(|e| fail(&e))?;
            }
        }
    }
    let cursor = writer.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(files: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, method) in files {
            w.start_file(*name, SimpleFileOptions::default().compression_method(*method)).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_and_round_trips_raw() {
        let src =
            zip_of(&[("a.xml", b"<a/>", CompressionMethod::Deflated), ("b/c.bin", b"123", CompressionMethod::Stored)]);
        let entries = read(&src).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].data, b"123");
        let out = write(&src, &entries, &[Out::Raw, Out::Data(b"456")]).unwrap();
        let again = read(&out).unwrap();
        assert_eq!(again[0].data, b"<a/>");
        assert_eq!(again[1].data, b"456");
        assert_eq!(again[1].method, CompressionMethod::Stored);
        // Deterministic.
        assert_eq!(out, write(&src, &entries, &[Out::Raw, Out::Data(b"456")]).unwrap());
    }

    #[test]
    fn refuses_cfb_and_garbage() {
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.extend([0; 504]);
        assert_eq!(read(&cfb).unwrap_err().code, "encrypted");
        assert_eq!(read(b"PK\x03\x04 not really").unwrap_err().code, "corrupt");
    }

    #[test]
    fn refuses_unsafe_names() {
        for name in ["../evil.xml", "word/../../x", "/etc/passwd", "C:/x", "a\\b", "a//b"] {
            let src = zip_of(&[(name, b"x", CompressionMethod::Stored)]);
            match read(&src) {
                Err(m) => assert!(m.code == "unsafe_path" || m.code == "corrupt", "{name}: {m}"),
                Ok(_) => panic!("{name} accepted"),
            }
        }
    }

    #[test]
    fn refuses_case_insensitive_duplicates() {
        let src = zip_of(&[
            ("word/document.xml", b"<a/>", CompressionMethod::Stored),
            ("Word/Document.xml", b"<b/>", CompressionMethod::Stored),
        ]);
        assert_eq!(read(&src).unwrap_err().code, "duplicate_entry");
    }

    #[test]
    fn refuses_a_bomb_by_ratio() {
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let src = zip_of(&[("bomb.xml", &zeros, CompressionMethod::Deflated)]);
        let err = read(&src).unwrap_err();
        assert_eq!(err.code, "zip_limit", "{err}");
    }

    #[test]
    fn refuses_a_lying_size() {
        let mut src = zip_of(&[("a.xml", b"<a>0123456789</a>", CompressionMethod::Stored)]);
        // Patch the declared uncompressed size in the central directory (offset 24 of the record) to 5.
        let cd = src.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        src[cd + 24..cd + 28].copy_from_slice(&5u32.to_le_bytes());
        let err = read(&src).unwrap_err();
        assert!(err.code == "zip_limit" || err.code == "corrupt", "{err}");
    }
}
