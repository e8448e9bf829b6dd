//! Reading and writing the zip container of an Office file, safely.
//!
//! An Office file (OOXML: DOCX, XLSX, PPTX) is a zip of *parts*, and a `.zip` in a dossier is a zip of
//! documents (`pipeline/containers.rs`). This module is the only place that touches the zip format, so
//! both are held to the same limits. Reading refuses, with a [`Manual`] reason, everything a hostile or damaged
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
//! lak did not change are copied as raw compressed bytes — but only when those bytes are exactly the
//! part: stored, or one deflate stream that ends where the entry ends, with no extra fields and no entry
//! comment. Anything else (bytes after the end of a deflate stream, extra fields, comments) could carry
//! data no reader of the part sees, so such a part is written again from its decompressed content. The
//! zip comment and whatever lies between entries are never copied: the writer builds a new archive.

use std::io::{Cursor, Read, Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::limits;
use crate::model::{Code, Manual};

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
    /// Its compressed bytes are exactly its content: a raw copy carries nothing else (see the module docs).
    pub raw_ok: bool,
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
            Code::Encrypted,
            "an OLE2/CFB container, not a zip: a password-protected Office file (or a legacy binary \
             file with an Office extension); remove the password or convert it, then run lak again",
        ));
    }
    let mut archive = open(Cursor::new(bytes))?;
    let listed = list(&mut archive)?;
    let mut entries = Vec::with_capacity(listed.len());
    let mut total_actual: u64 = 0;
    for item in listed {
        let item = item?;
        let data = if item.is_dir { Vec::new() } else { read_listed(&mut archive, &item)? };
        total_actual += data.len() as u64;
        if total_actual > limits::MAX_OFFICE_TOTAL_BYTES {
            return Err(total_too_big());
        }
        let Listed { name, index, declared, compressed, method, modified, is_dir, no_extras } = item;
        let raw_ok = no_extras && !is_dir && raw_is_exact(&mut archive, index, method, declared, compressed);
        entries.push(Entry { name, data, index, method, modified, is_dir, raw_ok });
    }
    Ok(entries)
}

/// One entry of a zip as its central directory describes it, checked against the limits that do not
/// need its content.
#[derive(Clone, Debug)]
pub(crate) struct Listed {
    /// The name as stored.
    pub name: String,
    /// Index in the archive.
    pub index: usize,
    /// Declared uncompressed size.
    pub declared: u64,
    compressed: u64,
    method: CompressionMethod,
    modified: DateTime,
    /// A folder entry.
    pub is_dir: bool,
    no_extras: bool,
}

/// Opens a zip (an Office package, or a `.zip` in a dossier) and refuses one with more entries than
/// [`limits::MAX_OFFICE_ENTRIES`] before anything is decompressed.
pub(crate) fn open<R: Read + Seek>(reader: R) -> Result<ZipArchive<R>, Manual> {
    let archive =
        ZipArchive::new(reader).map_err(|e| Manual::new(Code::Corrupt, format!("not a readable zip: {e}")))?;
    if archive.len() > limits::MAX_OFFICE_ENTRIES {
        return Err(Manual::new(
            Code::ZipLimit,
            format!("{} zip entries; lak opens at most {}", archive.len(), limits::MAX_OFFICE_ENTRIES),
        ));
    }
    Ok(archive)
}

/// Lists the entries of an opened zip. What makes the whole archive unsafe (two entries with one name,
/// declared sizes adding up to a bomb) is the outer error; what is wrong with one entry (an unsafe
/// name, encryption, a part over the size or ratio limit) is that entry's error: an Office package
/// refuses both, a dossier zip withholds only that entry.
pub(crate) fn list<R: Read + Seek>(archive: &mut ZipArchive<R>) -> Result<Vec<Result<Listed, Manual>>, Manual> {
    if archive.has_duplicate_names() {
        return Err(duplicate(None));
    }
    let mut out = Vec::with_capacity(archive.len());
    let mut seen = std::collections::HashSet::new();
    let mut total_declared: u64 = 0;
    for index in 0..archive.len() {
        let listed = list_one(archive, index)?;
        if let Ok(item) = &listed {
            if !seen.insert(item.name.to_lowercase()) {
                return Err(duplicate(Some(&item.name)));
            }
            total_declared = total_declared.saturating_add(item.declared);
            if total_declared > limits::MAX_OFFICE_TOTAL_BYTES {
                return Err(total_too_big());
            }
        }
        out.push(listed);
    }
    Ok(out)
}

/// Entry `index` of an opened zip, with the checks that need no decompression (see [`list`]): the outer
/// error when the central directory cannot be read there, the inner when the entry is refused.
pub(crate) fn list_one<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    index: usize,
) -> Result<Result<Listed, Manual>, Manual> {
    let file =
        archive.by_index_raw(index).map_err(|e| Manual::new(Code::Corrupt, format!("zip entry {index}: {e}")))?;
    let Ok(name) = file.name().map(|n| n.into_owned()) else {
        return Ok(Err(Manual::new(Code::UnsafePath, format!("zip entry {index}: name is not valid"))));
    };
    let listed = Listed {
        declared: file.size(),
        compressed: file.compressed_size(),
        method: file.compression(),
        modified: file.last_modified().unwrap_or_default(),
        is_dir: file.is_dir(),
        no_extras: file.comment().is_empty() && file.extra_data_fields().next().is_none(),
        index,
        name,
    };
    let encrypted = file.encrypted();
    drop(file);
    Ok(check_entry(listed, encrypted))
}

/// The checks of one entry that need no decompression.
fn check_entry(listed: Listed, encrypted: bool) -> Result<Listed, Manual> {
    let Listed { name, declared, compressed, .. } = &listed;
    check_name(name)?;
    if encrypted {
        return Err(Manual::new(
            Code::Encrypted,
            format!("part {name} is encrypted; remove the password and run lak again"),
        ));
    }
    if *declared > limits::MAX_OFFICE_PART_BYTES {
        return Err(too_big(name, *declared));
    }
    if *declared > limits::OFFICE_RATIO_CHECK_BYTES
        && declared / (*compressed).max(1) > limits::MAX_OFFICE_COMPRESSION_RATIO
    {
        return Err(Manual::new(
            Code::ZipLimit,
            format!(
                "part {name} expands {}× ({compressed} → {declared} bytes): a zip bomb? lak \
                 accepts at most {}×",
                declared / (*compressed).max(1),
                limits::MAX_OFFICE_COMPRESSION_RATIO
            ),
        ));
    }
    Ok(listed)
}

/// Decompresses one listed entry: one byte more than declared is read, enough to see a lie, never
/// enough to be a bomb.
pub(crate) fn read_listed<R: Read + Seek>(archive: &mut ZipArchive<R>, item: &Listed) -> Result<Vec<u8>, Manual> {
    let (name, declared) = (&item.name, item.declared);
    let file = archive.by_index(item.index).map_err(|e| Manual::new(Code::Corrupt, format!("part {name}: {e}")))?;
    let mut data = Vec::new();
    file.take(declared + 1)
        .read_to_end(&mut data)
        .map_err(|e| Manual::new(Code::Corrupt, format!("part {name}: {e}")))?;
    if data.len() as u64 != declared {
        return Err(Manual::new(
            Code::ZipLimit,
            format!(
                "part {name} declares {declared} bytes but holds {}{}",
                data.len(),
                if data.len() as u64 > declared { " or more" } else { "" }
            ),
        ));
    }
    Ok(data)
}

/// Writes a new zip of `files` (name, content), in that order: deflated, every entry dated
/// 1980-01-01 00:00 (the zip epoch: no time of the run or of the input), no extra fields, no comments.
pub(crate) fn write_new(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, Manual> {
    let fail = |e: &dyn std::fmt::Display| Manual::new(Code::WriteFailed, format!("writing the zip failed: {e}"));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            .large_file(bytes.len() as u64 >= u32::MAX as u64);
        writer.start_file(name.as_str(), options).map_err(|e| fail(&e))?;
        writer.write_all(bytes).map_err(|e| fail(&e))?;
    }
    Ok(writer.finish().map_err(|e| fail(&e))?.into_inner())
}

/// Whether the compressed bytes of entry `index` are exactly its content: stored bytes of the declared
/// size, or one deflate stream that ends at the last compressed byte (a decompressor stops at the end of
/// the stream, so bytes after it are never seen by a reader, and would be copied by a raw copy).
fn raw_is_exact<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    index: usize,
    method: CompressionMethod,
    size: u64,
    compressed: u64,
) -> bool {
    let mut raw = Vec::new();
    let Ok(file) = archive.by_index_raw(index) else { return false };
    if file.take(compressed.saturating_add(1)).read_to_end(&mut raw).is_err() || raw.len() as u64 != compressed {
        return false;
    }
    match method {
        CompressionMethod::Stored => compressed == size,
        CompressionMethod::Deflated => {
            crate::formats::media::deflate::ends_exactly(&raw, false, limits::MAX_OFFICE_PART_BYTES as usize)
        }
        _ => false,
    }
}

fn duplicate(name: Option<&str>) -> Manual {
    let which = name.map(|n| format!(" named {n}")).unwrap_or_default();
    Manual::new(
        Code::DuplicateEntry,
        format!("the package holds two entries with the same name{which}: which one a program reads is undefined"),
    )
}

fn too_big(name: &str, size: u64) -> Manual {
    Manual::new(
        Code::ZipLimit,
        format!(
            "part {name} is {size} bytes uncompressed; lak reads at most {} per part",
            limits::MAX_OFFICE_PART_BYTES
        ),
    )
}

fn total_too_big() -> Manual {
    Manual::new(
        Code::ZipLimit,
        format!("the parts add up to more than {} bytes uncompressed", limits::MAX_OFFICE_TOTAL_BYTES),
    )
}

/// Refuses names that could escape the folder they are extracted into (zip-slip) or that no Office
/// producer writes.
pub(crate) fn check_name(name: &str) -> Result<(), Manual> {
    let bad = |why: &str| Err(Manual::new(Code::UnsafePath, format!("zip entry name {name:?} {why}")));
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
    let fail = |e: &dyn std::fmt::Display| {
        Manual::new(Code::InternalError, format!("writing the redacted package failed: {e}"))
    };
    let mut archive = ZipArchive::new(Cursor::new(source)).map_err(|e| fail(&e))?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(source.len())));
    for (entry, what) in entries.iter().zip(out) {
        match what {
            Out::Drop => {}
            Out::Raw if entry.raw_ok => {
                let file = archive.by_index_raw(entry.index).map_err(|e| fail(&e))?;
                writer.raw_copy_file(file).map_err(|e| fail(&e))?;
            }
            Out::Raw if entry.is_dir => {
                let options = SimpleFileOptions::default().last_modified_time(entry.modified);
                writer.add_directory(entry.name.as_str(), options).map_err(|e| fail(&e))?;
            }
            Out::Raw | Out::Data(_) => {
                let bytes: &[u8] = match what {
                    Out::Data(b) => b,
                    _ => &entry.data,
                };
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

    /// A one-entry zip written by hand: `raw` as the entry's compressed bytes.
    fn zip_by_hand(name: &str, method: u16, data: &[u8], raw: &[u8], comment: &[u8]) -> Vec<u8> {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let mut fixed = Vec::new();
        fixed.extend(20u16.to_le_bytes()); // version needed
        fixed.extend(0u16.to_le_bytes()); // flags
        fixed.extend(method.to_le_bytes());
        fixed.extend([0, 0, 0x21, 0]); // time, date
        fixed.extend(crc.sum().to_le_bytes());
        fixed.extend((raw.len() as u32).to_le_bytes());
        fixed.extend((data.len() as u32).to_le_bytes());
        fixed.extend((name.len() as u16).to_le_bytes());
        fixed.extend(0u16.to_le_bytes()); // extra length
        let mut z = b"PK\x03\x04".to_vec();
        z.extend(&fixed);
        z.extend(name.as_bytes());
        z.extend(raw);
        let cd = z.len();
        z.extend(b"PK\x01\x02");
        z.extend(20u16.to_le_bytes()); // version made by
        z.extend(&fixed);
        z.extend((comment.len() as u16).to_le_bytes());
        z.extend([0u8; 8]); // disk, internal and external attributes
        z.extend(0u32.to_le_bytes()); // local header offset
        z.extend(name.as_bytes());
        z.extend(comment);
        let cd_len = z.len() - cd;
        z.extend(b"PK\x05\x06");
        z.extend([0u8; 4]);
        z.extend(1u16.to_le_bytes());
        z.extend(1u16.to_le_bytes());
        z.extend((cd_len as u32).to_le_bytes());
        z.extend((cd as u32).to_le_bytes());
        z.extend(0u16.to_le_bytes());
        z
    }

    #[test]
    fn bytes_after_a_deflate_stream_or_in_comments_are_not_copied() {
        let data = b"<a>gewoon</a>";
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        let stream = enc.finish().unwrap();
        let with_trailer = [stream.as_slice(), b"BSN 111222333"].concat();
        for (raw, comment) in [(&with_trailer, &b""[..]), (&stream, &b"BSN 111222333"[..])] {
            let src = zip_by_hand("a.xml", 8, data, raw, comment);
            let entries = read(&src).unwrap();
            assert_eq!(entries[0].data, data);
            assert!(!entries[0].raw_ok);
            let out = write(&src, &entries, &[Out::Raw]).unwrap();
            assert!(!out.windows(9).any(|w| w == b"111222333"));
            assert_eq!(read(&out).unwrap()[0].data, data);
        }
        // A clean stream is copied as it was.
        let src = zip_by_hand("a.xml", 8, data, &stream, b"");
        let entries = read(&src).unwrap();
        assert!(entries[0].raw_ok);
        let out = write(&src, &entries, &[Out::Raw]).unwrap();
        assert!(out.windows(stream.len()).any(|w| w == stream.as_slice()));
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
