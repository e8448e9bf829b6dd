//! Compressed RTF (MS-OXRTFCP), the form Outlook stores a message's RTF body in
//! (`PidTagRtfCompressed`).
//!
//! The stream is a 16-byte header (compressed size, raw size, `LZFu` or `MELA`, CRC) and then, for
//! `LZFu`, runs of eight items under a control byte: a literal byte, or a 12-bit offset and 4-bit length
//! into a 4096-byte ring that starts with a fixed RTF preamble. The CRC over the compressed bytes is
//! checked, the output may not grow past its declared raw size, and a reference to the ring's write
//! position ends the data; anything else is a damaged body.

use crate::limits;
use crate::model::{Code, Manual};

const PREBUF: &[u8] = b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

const LZFU: u32 = 0x7546_5A4C;
const MELA: u32 = 0x414C_454D;

fn damaged(why: &str) -> Manual {
    Manual::new(Code::Corrupt, format!("the compressed RTF body of an Outlook message is damaged: {why}"))
}

/// The RTF of a `PidTagRtfCompressed` value.
pub(super) fn decompress(data: &[u8]) -> Result<Vec<u8>, Manual> {
    let word = |at: usize| data.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    let (Some(comp), Some(raw), Some(kind), Some(crc)) = (word(0), word(4), word(8), word(12)) else {
        return Err(damaged("shorter than its header"));
    };
    if raw as usize > limits::MSG_MAX_RTF_BYTES {
        return Err(Manual::new(
            Code::TooLarge,
            format!("an RTF body of {raw} bytes; lak reads at most {}", limits::MSG_MAX_RTF_BYTES),
        ));
    }
    let end = (comp as usize).checked_add(4).filter(|&e| e >= 16 && e <= data.len());
    let Some(end) = end else { return Err(damaged("its declared size does not fit the stream")) };
    let body = &data[16..end];
    match kind {
        MELA => {
            // Stored uncompressed.
            return body.get(..raw as usize).map(<[u8]>::to_vec).ok_or_else(|| damaged("shorter than declared"));
        }
        LZFU => {}
        _ => return Err(damaged("an unknown compression type")),
    }
    if crc32(body) != crc {
        return Err(damaged("its checksum does not match"));
    }
    let mut ring = [0u8; 4096];
    ring[..PREBUF.len()].copy_from_slice(PREBUF);
    let mut write = PREBUF.len();
    let mut out = Vec::with_capacity(raw as usize);
    let mut at = 0;
    loop {
        let Some(&control) = body.get(at) else { return Err(damaged("it ends without its end marker")) };
        at += 1;
        for bit in 0..8 {
            if control & (1 << bit) == 0 {
                let Some(&b) = body.get(at) else { return Err(damaged("it ends without its end marker")) };
                at += 1;
                out.push(b);
                ring[write] = b;
                write = (write + 1) % 4096;
            } else {
                let Some(r) = body.get(at..at + 2) else { return Err(damaged("a reference is cut short")) };
                at += 2;
                let r = u16::from_be_bytes([r[0], r[1]]) as usize;
                let (offset, len) = (r >> 4, (r & 0xF) + 2);
                if offset == write {
                    return if out.len() == raw as usize { Ok(out) } else { Err(damaged("not its declared size")) };
                }
                for k in 0..len {
                    let b = ring[(offset + k) % 4096];
                    out.push(b);
                    ring[write] = b;
                    write = (write + 1) % 4096;
                }
            }
            if out.len() > raw as usize {
                return Err(damaged("longer than its declared size"));
            }
        }
    }
}

/// What an RTF body encapsulates (MS-OXRTFEX): HTML (`\fromhtml1`) or plain text (`\fromtext`).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Encapsulated {
    Html(String),
    Text(String),
}

/// Destinations whose content is not body text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "footer",
    "headerl",
    "headerr",
    "footerl",
    "footerr",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "filetbl",
    "revtbl",
    "fldinst",
    "mhtmltag",
];

/// The HTML or text an RTF body encapsulates; `None` for native RTF (which lak does not convert).
/// What is written is what lak reads: text hidden by `\htmlrtf`, ignorable destinations other than
/// `\htmltag` and the tables above are left out, never copied unread.
pub(super) fn encapsulated(rtf: &[u8]) -> Result<Option<Encapsulated>, Manual> {
    let head = &rtf[..rtf.len().min(1024)];
    let has = |w: &[u8]| head.windows(w.len()).any(|x| x == w);
    let html = if has(b"\\fromhtml1") {
        true
    } else if has(b"\\fromtext") {
        false
    } else {
        return Ok(None);
    };
    let mut out = Text::default();
    // Per group: skipped, suppressed by \htmlrtf, inside \htmltag; unicode skip count.
    let mut stack: Vec<(bool, bool, bool, usize)> = Vec::new();
    let (mut skip, mut suppressed, mut tag, mut uc) = (false, false, false, 1usize);
    let mut pending_skip = 0usize;
    let mut codepage = 1252u32;
    let mut i = 0;
    let mut first_in_group = false;
    while i < rtf.len() {
        let b = rtf[i];
        let emit = !skip && (tag || !suppressed);
        match b {
            b'{' => {
                if stack.len() >= 512 {
                    return Err(damaged("groups nested too deep"));
                }
                stack.push((skip, suppressed, tag, uc));
                first_in_group = true;
                i += 1;
                continue;
            }
            b'}' => {
                let Some(s) = stack.pop() else { return Err(damaged("a group closed that was never opened")) };
                (skip, suppressed, tag, uc) = s;
                i += 1;
            }
            b'\\' => {
                let start = i + 1;
                let Some(&c) = rtf.get(start) else { break };
                if c.is_ascii_alphabetic() {
                    let mut j = start;
                    while j < rtf.len() && rtf[j].is_ascii_alphabetic() && j - start < 32 {
                        j += 1;
                    }
                    let word = std::str::from_utf8(&rtf[start..j]).unwrap_or("");
                    let num_start = j;
                    if j < rtf.len() && rtf[j] == b'-' {
                        j += 1;
                    }
                    while j < rtf.len() && rtf[j].is_ascii_digit() && j - num_start < 11 {
                        j += 1;
                    }
                    let param: Option<i64> = std::str::from_utf8(&rtf[num_start..j]).ok().and_then(|t| t.parse().ok());
                    if j < rtf.len() && rtf[j] == b' ' {
                        j += 1;
                    }
                    i = j;
                    if pending_skip > 0 {
                        pending_skip -= 1;
                        continue;
                    }
                    let was_first = std::mem::take(&mut first_in_group);
                    match word {
                        "htmltag" if html && (was_first || tag) => tag = true,
                        _ if was_first && SKIPPED.contains(&word) => skip = true,
                        "htmlrtf" => suppressed = param != Some(0),
                        "ansicpg" => codepage = param.and_then(|p| u32::try_from(p).ok()).unwrap_or(1252),
                        "uc" => uc = param.and_then(|p| usize::try_from(p).ok()).unwrap_or(1).min(8),
                        "u" if emit => {
                            let v = param.unwrap_or(0);
                            let v = if v < 0 { v + 65536 } else { v };
                            out.unit(u16::try_from(v).map_err(|_| damaged("a \\u value out of range"))?, codepage)?;
                            pending_skip = uc;
                        }
                        "par" | "line" if emit => out.str("\r\n", codepage)?,
                        "tab" if emit => out.str("\t", codepage)?,
                        "lquote" if emit => out.str("\u{2018}", codepage)?,
                        "rquote" if emit => out.str("\u{2019}", codepage)?,
                        "ldblquote" if emit => out.str("\u{201c}", codepage)?,
                        "rdblquote" if emit => out.str("\u{201d}", codepage)?,
                        "bullet" if emit => out.str("\u{2022}", codepage)?,
                        "emdash" if emit => out.str("\u{2014}", codepage)?,
                        "endash" if emit => out.str("\u{2013}", codepage)?,
                        _ => {}
                    }
                    continue;
                }
                i = start + 1;
                if c == b'\'' {
                    let hex = rtf.get(start + 1..start + 3).and_then(|h| std::str::from_utf8(h).ok());
                    let byte =
                        hex.and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or_else(|| damaged("a bad \\' escape"))?;
                    i = start + 3;
                    if pending_skip > 0 {
                        pending_skip -= 1;
                    } else if emit {
                        out.byte(byte, codepage)?;
                    }
                    first_in_group = false;
                    continue;
                }
                let was_first = std::mem::take(&mut first_in_group);
                match c {
                    b'*' if was_first => {
                        // An ignorable destination: skipped unless it is an \htmltag of HTML.
                        let rest = &rtf[i..rtf.len().min(i + 12)];
                        let is_tag = html && rest.starts_with(b"\\htmltag");
                        if !is_tag {
                            skip = true;
                        }
                        // The word after `\*` is still the group's first.
                        first_in_group = is_tag;
                        continue;
                    }
                    b'\\' | b'{' | b'}' if emit => out.byte(c, codepage)?,
                    b'~' if emit => out.str("\u{a0}", codepage)?,
                    b'_' if emit => out.str("\u{2011}", codepage)?,
                    b'\r' | b'\n' if emit => out.str("\r\n", codepage)?,
                    _ => {}
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                i += 1;
                if pending_skip > 0 {
                    pending_skip -= 1;
                } else if emit {
                    out.byte(b, codepage)?;
                }
            }
        }
        first_in_group = false;
    }
    let text = out.finish(codepage)?;
    Ok(Some(if html { Encapsulated::Html(text) } else { Encapsulated::Text(text) }))
}

/// Text being assembled from bytes in a code page and UTF-16 units.
#[derive(Default)]
struct Text {
    out: String,
    bytes: Vec<u8>,
    units: Vec<u16>,
}

impl Text {
    fn flush(&mut self, codepage: u32) -> Result<(), Manual> {
        if !self.bytes.is_empty() {
            let enc = super::props::encoding(codepage)?;
            let t = enc.decode_without_bom_handling_and_without_replacement(&self.bytes).ok_or_else(|| {
                Manual::new(Code::UnknownCharset, format!("RTF text that is not valid {}", enc.name()))
            })?;
            self.out.push_str(&t);
            self.bytes.clear();
        }
        if !self.units.is_empty() {
            let t = String::from_utf16(&self.units).map_err(|_| damaged("a \\u sequence that is not UTF-16"))?;
            self.out.push_str(&t);
            self.units.clear();
        }
        Ok(())
    }

    fn byte(&mut self, b: u8, codepage: u32) -> Result<(), Manual> {
        if !self.units.is_empty() {
            self.flush(codepage)?;
        }
        self.bytes.push(b);
        Ok(())
    }

    fn unit(&mut self, u: u16, codepage: u32) -> Result<(), Manual> {
        if !self.bytes.is_empty() {
            self.flush(codepage)?;
        }
        self.units.push(u);
        Ok(())
    }

    fn str(&mut self, s: &str, codepage: u32) -> Result<(), Manual> {
        self.flush(codepage)?;
        self.out.push_str(s);
        Ok(())
    }

    fn finish(mut self, codepage: u32) -> Result<String, Manual> {
        self.flush(codepage)?;
        Ok(self.out)
    }
}

/// The CRC of MS-OXRTFCP 2.1.3.2: CRC-32's table, started at 0 and not inverted.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0u32;
    for &b in data {
        let mut c = (crc ^ u32::from(b)) & 0xFF;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        crc = c ^ (crc >> 8);
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// MS-OXRTFCP 3.1.1, example 1: simple compressed RTF.
    const EXAMPLE_1: &[u8] = &[
        0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7, 0x03, 0x00,
        0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09,
        0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0,
    ];

    /// MS-OXRTFCP 3.1.2, example 2: a reference that runs over the write position (repeated text).
    const EXAMPLE_2: &[u8] = &[
        0x1a, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xe2, 0xd4, 0x4b, 0x51, 0x41, 0x00,
        0x04, 0x20, 0x57, 0x58, 0x59, 0x5a, 0x0d, 0x6e, 0x7d, 0x01, 0x0e, 0xb0,
    ];

    #[test]
    fn the_specifications_examples_decompress() {
        assert_eq!(decompress(EXAMPLE_1).unwrap(), b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
        assert_eq!(decompress(EXAMPLE_2).unwrap(), b"{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}");
    }

    #[test]
    fn encapsulated_html_and_text_come_out_and_the_rest_stays_in() {
        let html = br"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0 Arial;}}{\*\htmltag19 <html>}{\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 Beste Zo\'eb,\htmlrtf\par\htmlrtf0}{\*\htmltag72 </p>}{\*\mhtmltag84 <img src=cid:x>}\htmlrtf hidden\htmlrtf0 caf\u233?{\*\htmltag27 </html>}}";
        assert_eq!(
            encapsulated(html).unwrap(),
            Some(Encapsulated::Html("<html><p>Beste Zo\u{eb},</p>caf\u{e9}</html>".into()))
        );
        let text = br"{\rtf1\ansi\ansicpg1252\fromtext \deff0{\fonttbl{\f0 Arial;}}{\*\generator x;}Geachte heer,\par Mijn BSN\tab is 1.\par}";
        assert_eq!(
            encapsulated(text).unwrap(),
            Some(Encapsulated::Text("Geachte heer,\r\nMijn BSN\tis 1.\r\n".into()))
        );
        assert_eq!(encapsulated(br"{\rtf1\ansi native}").unwrap(), None);
        assert_eq!(encapsulated(br"{\rtf1\fromtext }}").unwrap_err().code, "corrupt");
        assert_eq!(encapsulated(br"{\rtf1\ansicpg65001\fromtext \'ff}").unwrap_err().code, "unknown_charset");
    }

    #[test]
    fn damage_is_refused() {
        let mut bad_crc = EXAMPLE_1.to_vec();
        bad_crc[20] ^= 1;
        assert_eq!(decompress(&bad_crc).unwrap_err().code, "corrupt");
        assert_eq!(decompress(&EXAMPLE_1[..30]).unwrap_err().code, "corrupt");
        assert_eq!(decompress(&EXAMPLE_1[..10]).unwrap_err().code, "corrupt");
        let mut huge = EXAMPLE_1.to_vec();
        huge[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decompress(&huge).unwrap_err().code, "too_large");
        let mut short = EXAMPLE_1.to_vec();
        short[4] = 0x10;
        assert_eq!(decompress(&short).unwrap_err().code, "corrupt");
        let mut mela = vec![0u8; 16];
        mela[0] = 15;
        mela[4] = 3;
        mela[8..12].copy_from_slice(&MELA.to_le_bytes());
        mela.extend_from_slice(b"{x}");
        assert_eq!(decompress(&mela).unwrap(), b"{x}");
    }
}
