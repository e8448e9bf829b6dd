//! The properties of one object of a `.msg` (the message, a recipient, an attachment), MS-OXMSG 2.4.
//!
//! Fixed-size values stand in the object's `__properties_version1.0` stream (16 bytes a property: tag,
//! flags, value); variable-size ones (strings, binary, embedded objects) each in a stream of their own,
//! `__substg1.0_` + the tag in hex (`0037001F`: the subject, in UTF-16LE). A [`Props`] holds both, by
//! tag, and remembers which tags were asked for: whatever the converter never asks for is not carried
//! into the output, and [`Props::unread`] says what that was, for the report.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::cfb::Storage;
use crate::model::{Code, Manual};

/// Property types (the low 16 bits of a tag).
pub(super) const PT_LONG: u16 = 0x0003;
pub(super) const PT_SYSTIME: u16 = 0x0040;
pub(super) const PT_STRING8: u16 = 0x001E;
pub(super) const PT_UNICODE: u16 = 0x001F;
pub(super) const PT_BINARY: u16 = 0x0102;
pub(super) const PT_OBJECT: u16 = 0x000D;

/// One value, as stored.
#[derive(Debug, Clone)]
pub(super) enum Value {
    /// The 8 value bytes of a fixed-size property (integers, booleans, times), little-endian.
    Fixed(u64),
    /// The bytes of a variable-size property's stream.
    Bytes(Vec<u8>),
}

/// The properties of one object.
#[derive(Debug, Default)]
pub(super) struct Props {
    values: BTreeMap<u32, Value>,
    asked: RefCell<Vec<u32>>,
}

/// Where an object's property stream begins: the message has a longer header than the others.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Object {
    TopMessage,
    EmbeddedMessage,
    Other,
}

impl Props {
    /// Reads the properties of the object in `storage`.
    pub(super) fn read(storage: &Storage, object: Object) -> Result<Props, Manual> {
        let mut values = BTreeMap::new();
        let stream = storage
            .stream("__properties_version1.0")
            .ok_or_else(|| Manual::new(Code::Corrupt, "an Outlook message object without its property stream"))?;
        let header = match object {
            Object::TopMessage => 32,
            Object::EmbeddedMessage => 24,
            Object::Other => 8,
        };
        let body = stream.get(header..).ok_or_else(|| Manual::new(Code::Corrupt, "a property stream cut short"))?;
        if body.len() % 16 != 0 {
            return Err(Manual::new(Code::Corrupt, "a property stream that is not whole 16-byte entries"));
        }
        for e in body.chunks_exact(16) {
            let tag = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
            let kind = (tag & 0xFFFF) as u16;
            if is_fixed(kind) {
                let v = u64::from_le_bytes([e[8], e[9], e[10], e[11], e[12], e[13], e[14], e[15]]);
                values.insert(tag, Value::Fixed(v));
            }
        }
        for (name, data) in &storage.streams {
            let Some(hex) = name.strip_prefix("__substg1.0_") else { continue };
            let Some(tag) = (hex.len() == 8).then(|| u32::from_str_radix(hex, 16).ok()).flatten() else {
                continue;
            };
            values.insert(tag, Value::Bytes(data.clone()));
        }
        Ok(Props { values, asked: RefCell::new(Vec::new()) })
    }

    fn get(&self, tag: u32) -> Option<&Value> {
        self.asked.borrow_mut().push(tag);
        self.values.get(&tag)
    }

    /// A 32-bit integer property (`id`, type PT_LONG).
    pub(super) fn long(&self, id: u16) -> Option<u32> {
        match self.get(tag(id, PT_LONG))? {
            Value::Fixed(v) => Some(*v as u32),
            Value::Bytes(_) => None,
        }
    }

    /// A time property (FILETIME: 100 ns since 1601).
    pub(super) fn time(&self, id: u16) -> Option<u64> {
        match self.get(tag(id, PT_SYSTIME))? {
            Value::Fixed(v) => Some(*v),
            Value::Bytes(_) => None,
        }
    }

    /// A binary property.
    pub(super) fn binary(&self, id: u16) -> Option<&[u8]> {
        match self.get(tag(id, PT_BINARY))? {
            Value::Bytes(b) => Some(b),
            Value::Fixed(_) => None,
        }
    }

    /// A string property, PT_UNICODE or PT_STRING8 (in `codepage`), up to its first NUL. Bytes that are
    /// not valid in their encoding are a reason for manual handling, never a guess.
    pub(super) fn string(&self, id: u16, codepage: Option<u32>) -> Result<Option<String>, Manual> {
        if let Some(Value::Bytes(b)) = self.get(tag(id, PT_UNICODE)) {
            let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let end = units.iter().position(|&u| u == 0).unwrap_or(units.len());
            let text = String::from_utf16(&units[..end]).map_err(|_| {
                Manual::new(Code::UnknownCharset, format!("Outlook property {id:04X} is not valid UTF-16"))
            })?;
            return Ok(Some(text));
        }
        if let Some(Value::Bytes(b)) = self.get(tag(id, PT_STRING8)) {
            let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
            let encoding = encoding(codepage.unwrap_or(1252))?;
            let text = encoding.decode_without_bom_handling_and_without_replacement(&b[..end]).ok_or_else(|| {
                Manual::new(
                    Code::UnknownCharset,
                    format!("Outlook property {id:04X} is not valid {}: lak does not guess", encoding.name()),
                )
            })?;
            return Ok(Some(text.into_owned()));
        }
        Ok(None)
    }

    /// The tags that were stored but never asked for.
    pub(super) fn unread(&self) -> Vec<u32> {
        let asked = self.asked.borrow();
        self.values.keys().filter(|t| !asked.contains(t)).copied().collect()
    }
}

/// A tag from a property id and type.
pub(super) fn tag(id: u16, kind: u16) -> u32 {
    (u32::from(id) << 16) | u32::from(kind)
}

/// Whether a type's value stands in the property stream itself.
fn is_fixed(kind: u16) -> bool {
    matches!(kind, 0x0002 | 0x0003 | 0x0004 | 0x0005 | 0x0006 | 0x0007 | 0x000A | 0x000B | 0x0014 | 0x0040)
}

/// The encoding of a Windows code page, for the ones mail in Dutch archives is written in; any other
/// is a reason for manual handling.
pub(super) fn encoding(codepage: u32) -> Result<&'static encoding_rs::Encoding, Manual> {
    use encoding_rs::*;
    Ok(match codepage {
        1252 | 20127 | 28591 => WINDOWS_1252,
        65001 => UTF_8,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1253 => WINDOWS_1253,
        1254 | 28599 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        874 => WINDOWS_874,
        28592 => ISO_8859_2,
        28593 => ISO_8859_3,
        28594 => ISO_8859_4,
        28595 => ISO_8859_5,
        28596 => ISO_8859_6,
        28597 => ISO_8859_7,
        28598 => ISO_8859_8,
        28605 => ISO_8859_15,
        866 => IBM866,
        20866 => KOI8_R,
        21866 => KOI8_U,
        932 => SHIFT_JIS,
        936 => GBK,
        54936 => GB18030,
        949 => EUC_KR,
        950 => BIG5,
        50220 => ISO_2022_JP,
        51932 => EUC_JP,
        _ => {
            return Err(Manual::new(
                Code::UnknownCharset,
                format!("an Outlook message in code page {codepage}, which lak does not know"),
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage(entries: &[(u32, u64)], streams: &[(&str, &[u8])], header: usize) -> Storage {
        let mut p = vec![0u8; header];
        for &(tag, v) in entries {
            p.extend_from_slice(&tag.to_le_bytes());
            p.extend_from_slice(&6u32.to_le_bytes());
            p.extend_from_slice(&v.to_le_bytes());
        }
        let mut s = Storage::default();
        s.streams.push(("__properties_version1.0".into(), p));
        for (n, d) in streams {
            s.streams.push((n.to_string(), d.to_vec()));
        }
        s
    }

    #[test]
    fn fixed_values_come_from_the_property_stream_and_strings_from_their_streams() {
        let subject: Vec<u8> = "Zo\u{eb}\0".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let s = storage(
            &[(0x3FFD_0003, 1252), (0x0E06_0040, 0x01D0_0000_0000_0000), (0x0037_001F, 8)],
            &[("__substg1.0_0037001F", &subject), ("__substg1.0_0C1A001E", b"Caf\xe9\0junk")],
            32,
        );
        let p = Props::read(&s, Object::TopMessage).unwrap();
        assert_eq!(p.long(0x3FFD), Some(1252));
        assert_eq!(p.time(0x0E06), Some(0x01D0_0000_0000_0000));
        assert_eq!(p.string(0x0037, None).unwrap().as_deref(), Some("Zo\u{eb}"));
        assert_eq!(p.string(0x0C1A, Some(1252)).unwrap().as_deref(), Some("Caf\u{e9}"));
        assert_eq!(p.string(0x0C1A, Some(65001)).unwrap_err().code, "unknown_charset");
        assert_eq!(p.string(0x0C1A, Some(37)).unwrap_err().code, "unknown_charset");
        assert_eq!(p.string(0x1000, None).unwrap(), None);
        assert!(p.unread().is_empty());
    }

    #[test]
    fn what_is_not_asked_for_is_listed_and_bad_streams_refused() {
        let s = storage(&[(0x8001_0003, 7)], &[("__substg1.0_8002001F", b"x\0")], 24);
        let p = Props::read(&s, Object::EmbeddedMessage).unwrap();
        assert_eq!(p.unread(), vec![0x8001_0003, 0x8002_001F]);
        let mut bad = storage(&[], &[], 8);
        bad.streams[0].1.push(1);
        assert_eq!(Props::read(&bad, Object::Other).unwrap_err().code, "corrupt");
        assert_eq!(Props::read(&Storage::default(), Object::Other).unwrap_err().code, "corrupt");
    }
}
