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
