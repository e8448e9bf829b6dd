//! A JPEG with nothing but what decoding needs, for pictures in Office packages and `/DCTDecode`
//! images in PDFs alike.
//!
//! Kept, each checked to be exactly as long as its structure defines: frame headers (`SOFn`, at least
//! one component), Huffman tables (`DHT`), quantisation tables (`DQT`, 8- or 16-bit), arithmetic
//! conditioning (`DAC`), the restart interval (`DRI`), a line count (`DNL`), scan headers (`SOS`, only
//! after a frame) with their entropy-coded data, a JFIF header written again without its thumbnail, and
//! Adobe's colour-transform marker in its fixed 12-byte form. Dropped: every other application segment
//! (EXIF, XMP, ICC profiles, IPTC, `JFXX` thumbnails, vendor blocks), comments, `TEM`, fill bytes, and
//! everything after the end marker. Refused (`Err`): bytes between segments, a segment lak does not know
//! (`JPGn`, `DHP`, `EXP`, reserved markers), a table with bytes after its tables, fill bytes inside
//! the entropy-coded data, a restart or start marker out of place, no frame or no scan, no end marker.
//! lak cannot tell what a JPEG it does not fully parse carries.

use super::bytes::u16_be;

/// The JPEG as lak keeps it. `Err` says why it does not parse, starting with `JPEG:`.
pub(crate) fn strip(d: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |why: &str| Err(format!("JPEG: {why}"));
    if !d.starts_with(&[0xFF, 0xD8]) {
        return bad("no start-of-image marker");
    }
    let mut out = Vec::with_capacity(d.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let (mut frame, mut scans) = (false, false);
    let mut i = 2;
    loop {
        if d.get(i) != Some(&0xFF) {
            return if i >= d.len() {
                bad("ends without an end-of-image marker")
            } else {
                bad("bytes between segments")
            };
        }
        // Fill bytes before a marker are dropped.
        while d.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let Some(&m) = d.get(i + 1) else {
            return bad("ends inside a marker");
        };
        match m {
            0xD9 => {
                if !(frame && scans) {
                    return bad("no frame or no scan");
                }
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Ok(out);
            }
            0x01 => {
                i += 2; // TEM: no content, not needed
                continue;
            }
            0x00 | 0xD0..=0xD8 => return bad("a restart or start marker outside a scan"),
            _ => {}
        }
        let Some(len) = u16_be(d, i + 2).map(usize::from) else {
            return bad("ends inside a segment header");
        };
        let end = i + 2 + len;
        if len < 2 || end > d.len() {
            return bad("a segment runs past the end");
        }
        let body = &d[i + 4..end];
        let seg = &d[i..end];
        match m {
            0xC4 => exact(dht_len(body), body, "Huffman table")?,
            0xDB => exact(dqt_len(body), body, "quantisation table")?,
            0xCC => exact(body.len().is_multiple_of(2).then_some(body.len()), body, "arithmetic conditioning")?,
            0xDD | 0xDC => exact(Some(2), body, "restart interval or line count")?,
            // SOFn: every 0xC0–0xCF but DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if m != 0xC8 => {
                let n = body.get(5).map_or(0, |&n| usize::from(n));
                if n == 0 {
                    return bad("a frame header without components");
                }
                exact(Some(6 + 3 * n), body, "frame header")?;
                frame = true;
            }
            0xDA => {
                let n = body.first().map_or(0, |&n| usize::from(n));
                if !frame || n == 0 {
                    return bad("a scan without a frame or components");
                }
                exact(Some(4 + 2 * n), body, "scan header")?;
                scans = true;
                out.extend_from_slice(seg);
                i = entropy_coded_end(d, end)?;
                out.extend_from_slice(&d[end..i]);
                continue;
            }
            0xE0 => {
                if let Some(header) = jfif(body) {
                    out.extend_from_slice(&[0xFF, 0xE0, 0, 16]);
                    out.extend_from_slice(header);
                    out.extend_from_slice(&[0, 0]);
                }
                i = end;
                continue;
            }
            0xEE => {
                if body.len() >= 12 && body.starts_with(b"Adobe") && body[11] <= 2 {
                    out.extend_from_slice(&[0xFF, 0xEE, 0, 14]);
                    out.extend_from_slice(&body[..12]);
                }
                i = end;
                continue;
            }
            0xE1..=0xEF | 0xFE => {
                i = end;
                continue;
            }
            _ => return Err(format!("JPEG: a segment lak does not know (marker {m:#04x})")),
        }
        out.extend_from_slice(seg);
        i = end;
    }
}

/// Where the entropy-coded data that starts at `from` ends: at the first marker that is not a stuffed
/// `FF00` or a restart marker `FFD0`–`FFD7` (both belong to the data). Fill bytes may precede the
/// marker that ends the data, never a stuffed byte or a restart marker.
fn entropy_coded_end(d: &[u8], from: usize) -> Result<usize, String> {
    let mut j = from;
    loop {
        match (d.get(j), d.get(j + 1)) {
            (Some(0xFF), Some(0x00 | 0xD0..=0xD7)) => j += 2,
            (Some(0xFF), Some(0xFF)) => {
                let mut k = j + 1;
                while d.get(k) == Some(&0xFF) {
                    k += 1;
                }
                if matches!(d.get(k), Some(0x00 | 0xD0..=0xD7)) {
                    return Err("JPEG: fill bytes inside the image data".into());
                }
                return Ok(j);
            }
            (Some(0xFF), Some(_)) => return Ok(j),
            (Some(_), _) => j += 1,
            (None, _) => return Err("JPEG: ends inside the image data (no end marker)".into()),
        }
    }
}

/// `Ok` when `body` is exactly `want` bytes long; `Err` otherwise: a table with extra bytes could hide data.
fn exact(want: Option<usize>, body: &[u8], what: &str) -> Result<(), String> {
    if want == Some(body.len()) { Ok(()) } else { Err(format!("JPEG: a {what} segment of the wrong length")) }
}

/// The 12 bytes of a JFIF header that are kept (identifier, version 1.x, units 0–2, densities), or
/// `None` when it is no JFIF header (then the segment goes). The thumbnail is never kept.
fn jfif(body: &[u8]) -> Option<&[u8]> {
    (body.len() >= 14 && body.starts_with(b"JFIF\0") && body[5] == 1 && body[7] <= 2).then(|| &body[..12])
}

fn dht_len(body: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < body.len() {
        let counts = body.get(i + 1..i + 17)?;
        i += 17 + counts.iter().map(|&c| usize::from(c)).sum::<usize>();
    }
    Some(i)
}

fn dqt_len(body: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < body.len() {
        let precision = body[i] >> 4;
        if precision > 1 {
            return None;
        }
        i += 1 + 64 * (usize::from(precision) + 1);
    }
    Some(i)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn seg(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, marker];
        v.extend(((body.len() + 2) as u16).to_be_bytes());
        v.extend(body);
        v
    }

    /// A progressive-looking JPEG skeleton: SOF2, DQT, DHT, two scans with metadata around them.
    pub(crate) fn with_metadata() -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        // JFIF with a 1×1 thumbnail holding "Jan".
        j.extend(seg(0xE0, b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x01\x01Jan"));
        j.extend(seg(0xE0, b"JFXX\0\x10Jansen"));
        j.extend(seg(0xEE, b"Adobe\0\x64\0\0\0\0\x01Jansen"));
        j.extend(seg(0xE1, b"Exif\0\0GPS Jan Jansen"));
        j.extend(seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x>Jansen</x>"));
        j.extend(seg(0xED, b"Photoshop 3.0\0Jansen"));
        j.extend(seg(0xE2, b"ICC_PROFILE\0\x01\x01icc"));
        j.extend(seg(0xFE, b"Jansen"));
        let mut dqt = vec![0];
        dqt.extend([1; 64]);
        j.extend(seg(0xDB, &dqt));
        j.extend(seg(0xC2, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        let mut dht = vec![0, 1];
        dht.extend([0; 15]);
        dht.push(0);
        j.extend(seg(0xC4, &dht));
        j.extend(seg(0xDA, &[1, 1, 0, 0, 63, 0]));
        j.extend([1, 0xFF, 0x00, 2, 0xFF, 0xD0, 3]);
        // Between the scans: a comment and an unknown application segment.
        j.extend(seg(0xFE, b"111222333"));
        j.extend(seg(0xE9, b"BSN"));
        j.extend(seg(0xDA, &[1, 1, 0, 0, 63, 0x10]));
        j.extend([4, 5, 0xFF, 0xFF, 0xD9]);
        j.extend(b"after the end: Jansen");
        j
    }

    #[test]
    fn keeps_only_what_decoding_needs() {
        let s = strip(&with_metadata()).unwrap();
        for gone in [&b"Exif"[..], b"Jan", b"ICC_", b"111222333", b"BSN", b"after", b"JFXX", b"http"] {
            assert!(!s.windows(gone.len()).any(|w| w == gone), "{gone:?} in {s:?}");
        }
        assert!(s.windows(4).any(|w| w == b"JFIF"), "the JFIF header stays");
        assert!(s.windows(16).any(|w| w == [0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1]));
        assert!(s.windows(5).any(|w| w == b"Adobe"), "the colour transform stays");
        assert!(s.windows(5).any(|w| w == [0xFF, 0x00, 2, 0xFF, 0xD0]), "stuffing and restarts stay");
        assert!(s.ends_with(&[4, 5, 0xFF, 0xD9]));
        assert_eq!(strip(&s).unwrap(), s, "stripping is idempotent");
    }

    #[test]
    fn what_does_not_parse_is_refused() {
        let j = with_metadata();
        let refuse = |d: &[u8], why: &str| assert!(strip(d).is_err(), "{why}");
        refuse(&j[..j.len() - 30], "no end marker");
        refuse(&j[2..], "no start marker");
        let mut garbage = j.clone();
        garbage.insert(2, b'x');
        refuse(&garbage, "bytes between segments");
        // A DQT segment with bytes after its table; a 16-bit one of the wrong size; precision 2.
        for (p, extra) in [(0u8, &b"Jan"[..]), (0x10, &b""[..]), (0x20, &b""[..])] {
            let mut dqt = vec![p];
            dqt.extend([1; 64]);
            dqt.extend(extra);
            let mut d = vec![0xFF, 0xD8];
            d.extend(seg(0xDB, &dqt));
            d.extend([0xFF, 0xD9]);
            refuse(&d, "a bad quantisation table");
        }
        // A marker lak does not know (JPG0), a scan before any frame, no scan at all.
        let mut unknown = vec![0xFF, 0xD8];
        unknown.extend(seg(0xF0, b"Jansen"));
        unknown.extend(&j[2..]);
        refuse(&unknown, "an unknown segment");
        let scan_first: Vec<u8> = [&[0xFF, 0xD8][..], &seg(0xDA, &[1, 1, 0, 0, 63, 0]), &[1, 0xFF, 0xD9]].concat();
        refuse(&scan_first, "a scan before the frame");
        let no_scan: Vec<u8> = [&[0xFF, 0xD8][..], &seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]), &[0xFF, 0xD9]].concat();
        refuse(&no_scan, "no scan");
        // Fill bytes before a restart marker inside the data.
        let data_start = j.len() - b"after the end: Jansen".len() - 5;
        let fill = [&j[..data_start], &[4, 0xFF, 0xFF, 0xD0, 5, 0xFF, 0xD9][..]].concat();
        assert!(strip(&[&j[..data_start], &[4, 0xFF, 0xD0, 5, 0xFF, 0xD9][..]].concat()).is_ok());
        refuse(&fill, "fill bytes inside the data");
    }

    #[test]
    fn truncations_are_errors_not_panics() {
        let j = with_metadata();
        for n in 0..j.len() {
            let _ = strip(&j[..n]);
        }
    }
}
