//! A strict reader of the Compound File Binary format (MS-CFB), the container of an Outlook `.msg`.
//!
//! lak reads CFB itself rather than through the `cfb` crate because the reader must refuse, not
//! repair: every sector chain is followed with a bound and a visited set (a cycle is a damaged file, not
//! a hang), every sector belongs to at most one chain (two streams sharing sectors would let a small
//! file declare gigabytes, and would let a value hide in bytes two readers see differently), a stream's
//! declared size must fit the chain that holds it, and the directory tree is walked once, each entry
//! at most once, within the limits of `limits.rs`. What it returns is a tree of storages holding their
//! streams' bytes, nothing else: the parts of the container lak has no use for (class ids, times,
//! state bits, free sectors) are never read into it.

use crate::limits;
use crate::model::{Code, Manual};

/// A storage (a folder of the container): its streams and its storages, by name, in directory order.
#[derive(Debug, Default)]
pub(super) struct Storage {
    pub streams: Vec<(String, Vec<u8>)>,
    pub storages: Vec<(String, Storage)>,
}

impl Storage {
    /// The stream named `name` (names compare case-insensitively, as in CFB).
    pub(super) fn stream(&self, name: &str) -> Option<&[u8]> {
        self.streams.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, d)| d.as_slice())
    }

    /// The storage named `name`.
    pub(super) fn storage(&self, name: &str) -> Option<&Storage> {
        self.storages.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, s)| s)
    }
}

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const NO_STREAM: u32 = 0xFFFF_FFFF;
const MINI_SECTOR: usize = 64;

fn corrupt(why: impl Into<String>) -> Manual {
    Manual::new(Code::Corrupt, format!("not a valid Outlook message container (CFB): {}", why.into()))
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from(u32_at(b, at)) | (u64::from(u32_at(b, at + 4)) << 32)
}

/// The file, cut into sectors, with which sectors a chain has claimed.
struct Sectors<'a> {
    file: &'a [u8],
    size: usize,
    count: usize,
    fat: Vec<u32>,
    claimed: Vec<bool>,
}

impl Sectors<'_> {
    /// Sector `n`. A sector the file cuts short is damage: reading it as zeros would be a guess.
    fn sector(&self, n: u32) -> Result<&[u8], Manual> {
        let start = (n as usize + 1) * self.size;
        self.file
            .get(start..start + self.size)
            .ok_or_else(|| corrupt(format!("sector {n} is past the end of the file")))
    }

    /// The sectors of the chain starting at `start`, each claimed (a sector in two chains, a loop, a
    /// chain longer than the file: damaged).
    fn chain(&mut self, start: u32, what: &str) -> Result<Vec<u32>, Manual> {
        let mut out = Vec::new();
        let mut at = start;
        while at != END_OF_CHAIN {
            let i = at as usize;
            if i >= self.count || i >= self.fat.len() {
                return Err(corrupt(format!("the {what} chain points past the end of the file")));
            }
            if self.claimed[i] {
                return Err(corrupt(format!("the {what} chain loops or shares a sector with another chain")));
            }
            self.claimed[i] = true;
            out.push(at);
            at = self.fat[i];
        }
        Ok(out)
    }

    /// The bytes of a chain, `len` of them (`None`: all).
    fn read(&mut self, start: u32, len: Option<u64>, what: &str) -> Result<Vec<u8>, Manual> {
        if start == END_OF_CHAIN || (start == FREE && len == Some(0)) {
            if len.unwrap_or(0) > 0 {
                return Err(corrupt(format!("the {what} is declared longer than its chain")));
            }
            return Ok(Vec::new());
        }
        let chain = self.chain(start, what)?;
        let have = chain.len() as u64 * self.size as u64;
        let len = len.unwrap_or(have);
        if len > have {
            return Err(corrupt(format!("the {what} is declared longer ({len} bytes) than its chain ({have})")));
        }
        let mut out = Vec::with_capacity(len as usize);
        for s in chain {
            out.extend_from_slice(self.sector(s)?);
        }
        out.truncate(len as usize);
        Ok(out)
    }
}

/// Reads one stream's bytes (from sectors or from the mini stream).
type ReadStream<'s> = dyn FnMut(&Entry, &mut Sectors<'_>) -> Result<Vec<u8>, Manual> + 's;

/// One directory entry, as much of it as lak uses.
struct Entry {
    name: String,
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

/// Reads a compound file into its tree of storages.
pub(super) fn read(file: &[u8]) -> Result<Storage, Manual> {
    if file.len() < 512 || file[..8] != SIGNATURE {
        return Err(corrupt("no compound-file signature"));
    }
    let major = u16_at(file, 0x1A);
    let shift = u16_at(file, 0x1E);
    let size = match (major, shift) {
        (3, 9) => 512usize,
        (4, 12) => 4096,
        _ => return Err(corrupt(format!("version {major} with sectors of 2^{shift} bytes"))),
    };
    if u16_at(file, 0x1C) != 0xFFFE || u16_at(file, 0x20) != 6 {
        return Err(corrupt("byte order or mini sector size"));
    }
    if u32_at(file, 0x38) != 4096 {
        return Err(corrupt("a mini stream cutoff other than 4096"));
    }
    let count = file.len().saturating_sub(size).div_ceil(size);
    let fat_sectors = u32_at(file, 0x2C) as usize;
    if fat_sectors > count {
        return Err(corrupt("more FAT sectors than the file has"));
    }
    // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
    let mut fat_at: Vec<u32> = (0..109).map(|i| u32_at(file, 0x4C + 4 * i)).take(fat_sectors).collect();
    let mut difat = u32_at(file, 0x44);
    let mut seen = vec![false; count];
    let per = size / 4 - 1;
    while fat_at.len() < fat_sectors {
        let i = difat as usize;
        if difat == END_OF_CHAIN || i >= count || seen[i] {
            return Err(corrupt("the DIFAT chain is broken or loops"));
        }
        seen[i] = true;
        let start = (i + 1) * size;
        let block = file.get(start..start + size).ok_or_else(|| corrupt("a DIFAT sector past the end of the file"))?;
        fat_at.extend((0..per).map(|k| u32_at(block, 4 * k)).take(fat_sectors - fat_at.len()));
        difat = u32_at(block, 4 * per);
    }
    let mut sectors = Sectors { file, size, count, fat: Vec::new(), claimed: seen };
    let mut fat = Vec::with_capacity(fat_sectors * size / 4);
    for &s in &fat_at {
        let i = s as usize;
        if i >= count || sectors.claimed[i] {
            return Err(corrupt("a FAT sector past the end of the file or listed twice"));
        }
        sectors.claimed[i] = true;
        let block = sectors.sector(s)?;
        fat.extend((0..size / 4).map(|k| u32_at(block, 4 * k)));
    }
    sectors.fat = fat;

    let dir = sectors.read(u32_at(file, 0x30), None, "directory")?;
    if dir.len() / 128 > limits::MSG_MAX_ENTRIES {
        return Err(Manual::new(
            Code::MailTooComplex,
            format!("a message container with more than {} entries", limits::MSG_MAX_ENTRIES),
        ));
    }
    let entries: Vec<Entry> = dir.chunks_exact(128).map(|e| entry(e, major)).collect::<Result<_, _>>()?;
    let root = entries.first().filter(|e| e.kind == 5).ok_or_else(|| corrupt("no root entry"))?;

    // The mini stream (the root's data) and its allocation table hold the streams under 4096 bytes.
    let mini_fat_bytes = sectors.read(u32_at(file, 0x3C), None, "mini FAT")?;
    let mini_fat: Vec<u32> = mini_fat_bytes.chunks_exact(4).map(|c| u32_at(c, 0)).collect();
    let mini = sectors.read(root.start, Some(root.size), "mini stream")?;
    let mut mini_claimed = vec![false; mini.len() / MINI_SECTOR];

    // The tree: each storage's children hang in a binary tree under its `child`; every entry is met at
    // most once.
    let mut visited = vec![false; entries.len()];
    visited[0] = true;
    let mut read_stream = |e: &Entry, sectors: &mut Sectors<'_>| -> Result<Vec<u8>, Manual> {
        if e.size > sectors.file.len() as u64 {
            return Err(corrupt(format!("a stream declares {} bytes, more than the whole file", e.size)));
        }
        if e.size >= 4096 {
            return sectors.read(e.start, Some(e.size), "stream");
        }
        let mut out = Vec::with_capacity(e.size as usize);
        let mut at = e.start;
        while (out.len() as u64) < e.size {
            let i = at as usize;
            if i >= mini_fat.len() || i >= mini_claimed.len() {
                return Err(corrupt("a stream is declared longer than its chain"));
            }
            if mini_claimed[i] {
                return Err(corrupt("a mini-stream chain loops or shares a sector with another"));
            }
            mini_claimed[i] = true;
            out.extend_from_slice(&mini[i * MINI_SECTOR..(i + 1) * MINI_SECTOR]);
            at = mini_fat[i];
        }
        if e.size > 0 && at != END_OF_CHAIN {
            return Err(corrupt("a stream's chain is longer than its size"));
        }
        out.truncate(e.size as usize);
        Ok(out)
    };
    // Depth-first over storages; (storage's first child, depth) on a stack, children collected in the
    // binary tree's order, so that the result is the same for the same file.
    fn collect(entries: &[Entry], visited: &mut [bool], first: u32) -> Result<Vec<usize>, Manual> {
        let mut out = Vec::new();
        let mut stack = vec![first];
        while let Some(at) = stack.pop() {
            if at == NO_STREAM {
                continue;
            }
            let i = at as usize;
            if i >= entries.len() || visited[i] {
                return Err(corrupt("the directory tree points outside itself or loops"));
            }
            visited[i] = true;
            out.push(i);
            stack.push(entries[i].right);
            stack.push(entries[i].left);
        }
        out.sort_by(|&a, &b| cfb_order(&entries[a].name, &entries[b].name));
        Ok(out)
    }
    fn build(
        entries: &[Entry],
        visited: &mut [bool],
        first: u32,
        depth: usize,
        sectors: &mut Sectors<'_>,
        read_stream: &mut ReadStream<'_>,
    ) -> Result<Storage, Manual> {
        if depth > limits::MSG_MAX_STORAGE_DEPTH {
            return Err(Manual::new(
                Code::MailTooComplex,
                format!("storages in the message container nested more than {} deep", limits::MSG_MAX_STORAGE_DEPTH),
            ));
        }
        let mut out = Storage::default();
        for i in collect(entries, visited, first)? {
            let e = &entries[i];
            match e.kind {
                1 => {
                    let s = build(entries, visited, e.child, depth + 1, sectors, read_stream)?;
                    out.storages.push((e.name.clone(), s));
                }
                2 => out.streams.push((e.name.clone(), read_stream(e, sectors)?)),
                _ => return Err(corrupt(format!("a directory entry of type {}", e.kind))),
            }
        }
        Ok(out)
    }
    build(&entries, &mut visited, entries[0].child, 0, &mut sectors, &mut read_stream)
}

/// CFB's order of names: shorter first, then by upper-case code units.
fn cfb_order(a: &str, b: &str) -> std::cmp::Ordering {
    let up =
        |s: &str| s.encode_utf16().map(|c| char::from_u32(c.into()).map_or(c, |ch| upper(ch, c))).collect::<Vec<_>>();
    a.encode_utf16().count().cmp(&b.encode_utf16().count()).then_with(|| up(a).cmp(&up(b)))
}

fn upper(ch: char, c: u16) -> u16 {
    let mut u = ch.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) if (x as u32) < 0x1_0000 => x as u16,
        _ => c,
    }
}

fn entry(e: &[u8], major: u16) -> Result<Entry, Manual> {
    let kind = e[0x42];
    let name_len = u16_at(e, 0x40) as usize;
    let name = if kind == 0 {
        String::new()
    } else {
        if !(2..=64).contains(&name_len) || !name_len.is_multiple_of(2) {
            return Err(corrupt("a directory entry with a bad name length"));
        }
        let units: Vec<u16> = (0..name_len / 2 - 1).map(|k| u16_at(e, 2 * k)).collect();
        String::from_utf16(&units).map_err(|_| corrupt("a directory entry name that is not UTF-16"))?
    };
    let mut size = u64_at(e, 0x78);
    if major == 3 {
        // Version 3 files may leave garbage in the high half (MS-CFB 2.6.3).
        size &= 0xFFFF_FFFF;
    }
    Ok(Entry {
        name,
        kind,
        left: u32_at(e, 0x44),
        right: u32_at(e, 0x48),
        child: u32_at(e, 0x4C),
        start: u32_at(e, 0x74),
        size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/fixtures/mail/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn a_message_reads_as_its_tree_of_storages() {
        let root = read(&fixture("outlook-attachments.msg")).unwrap();
        assert!(root.stream("__properties_version1.0").is_some());
        assert!(root.stream("__SUBSTG1.0_0037001F").is_some(), "names compare case-insensitively");
        let attached = root.storage("__attach_version1.0_#00000002").and_then(|a| a.storage("__substg1.0_3701000D"));
        assert!(attached.is_some_and(|m| m.stream("__properties_version1.0").is_some()));
        // The PDF (over 4096 bytes) comes from sectors of its own, whole.
        let pdf = root.storage("__attach_version1.0_#00000000").and_then(|a| a.stream("__substg1.0_37010102"));
        assert!(pdf.is_some_and(|p| p.starts_with(b"%PDF") && p.len() > 4096));
    }

    #[test]
    fn damaged_containers_are_refused_not_repaired() {
        let good = fixture("outlook-note.msg");
        for n in [0, 100, 511, 512, 1024, good.len() / 2, good.len() - 1] {
            assert!(read(&good[..n]).is_err(), "cut at {n}");
        }
        for name in ["cyclic-chain.msg", "huge-size.msg", "truncated.msg"] {
            assert_eq!(read(&fixture(name)).unwrap_err().code, "corrupt", "{name}");
        }
        let mut other_version = good.clone();
        other_version[0x1A] = 5;
        assert_eq!(read(&other_version).unwrap_err().code, "corrupt");
    }
}
