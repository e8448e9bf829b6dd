//! Inflating deflate data (raw, or zlib-wrapped as PNG and PDF store it) with a limit, and saying
//! exactly where the compressed stream ended: a stream that ends before its data does leaves bytes
//! nobody reads, which could hold anything; one that does not end at all is damaged.
//!
//! Used by Office packages (a part is copied raw only when its deflate stream is exactly its bytes),
//! PNG pictures (the image data is one zlib stream that ends where the data ends) and the PDF
//! `/FlateDecode` filter.

use flate2::{Decompress, FlushDecompress, Status};

/// Why a stream could not be inflated.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum InflateError {
    /// More output than the limit allows.
    TooLarge,
    /// The input ends before the end of the compressed stream.
    Truncated,
    /// Not valid deflate (or zlib) data: the decoder's message.
    Corrupt(String),
}

impl std::fmt::Display for InflateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InflateError::TooLarge => f.write_str("more data than the limit allows"),
            InflateError::Truncated => f.write_str("the data ends before the end of the compressed stream"),
            InflateError::Corrupt(e) => write!(f, "{e}"),
        }
    }
}

/// The inflated data and how many input bytes the compressed stream took (for zlib: header, data and
/// checksum).
#[derive(Debug)]
pub(crate) struct Inflated {
    pub data: Vec<u8>,
    pub consumed: usize,
}

/// Inflates `input` (zlib-wrapped when `zlib`) up to `limit` output bytes. Bytes after the end of the
/// stream are not read; `consumed` says where it ended.
pub(crate) fn inflate(input: &[u8], zlib: bool, limit: usize) -> Result<Inflated, InflateError> {
    let mut data = Vec::with_capacity(input.len().saturating_mul(4).min(limit).max(64));
    let consumed = inflate_with(input, zlib, limit, |chunk| data.extend_from_slice(chunk))?;
    Ok(Inflated { data, consumed })
}

/// Inflates `input` chunk by chunk into `sink` (nothing is kept), up to `limit` output bytes; returns
/// how many input bytes the stream took.
pub(crate) fn inflate_with(
    input: &[u8],
    zlib: bool,
    limit: usize,
    mut sink: impl FnMut(&[u8]),
) -> Result<usize, InflateError> {
    let mut d = Decompress::new(zlib);
    let mut scratch = vec![0u8; 64 * 1024];
    loop {
        let (was_in, was_out) = (d.total_in(), d.total_out());
        let rest = usize::try_from(was_in).ok().and_then(|i| input.get(i..)).unwrap_or_default();
        let status = d
            .decompress(rest, &mut scratch, FlushDecompress::None)
            .map_err(|e| InflateError::Corrupt(e.to_string()))?;
        let produced = usize::try_from(d.total_out() - was_out).unwrap_or(usize::MAX);
        if d.total_out() > limit as u64 {
            return Err(InflateError::TooLarge);
        }
        sink(&scratch[..produced]);
        match status {
            Status::StreamEnd => return Ok(usize::try_from(d.total_in()).unwrap_or(usize::MAX)),
            _ if d.total_in() == was_in && produced == 0 => return Err(InflateError::Truncated),
            _ => {}
        }
    }
}

/// Whether `input` is one stream that ends exactly at its last byte and inflates within `limit`.
pub(crate) fn ends_exactly(input: &[u8], zlib: bool, limit: usize) -> bool {
    inflate(input, zlib, limit).is_ok_and(|i| i.consumed == input.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn compress(data: &[u8], zlib: bool) -> Vec<u8> {
        if zlib {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        } else {
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
    }

    #[test]
    fn says_where_the_stream_ends() {
        for zlib in [false, true] {
            let c = compress(b"Jan de Vries woont in Utrecht", zlib);
            let i = inflate(&c, zlib, 1 << 20).unwrap();
            assert_eq!(i.data, b"Jan de Vries woont in Utrecht");
            assert_eq!(i.consumed, c.len());
            assert!(ends_exactly(&c, zlib, 1 << 20));
            let mut longer = c.clone();
            longer.extend_from_slice(b"hidden");
            assert_eq!(inflate(&longer, zlib, 1 << 20).unwrap().consumed, c.len());
            assert!(!ends_exactly(&longer, zlib, 1 << 20));
            assert_eq!(inflate(&c[..c.len() - 6], zlib, 1 << 20).unwrap_err(), InflateError::Truncated);
        }
    }

    #[test]
    fn the_limit_holds_and_garbage_is_an_error() {
        let c = compress(&vec![0u8; 1 << 20], true);
        assert_eq!(inflate(&c, true, 1000).unwrap_err(), InflateError::TooLarge);
        assert_eq!(inflate(&c, true, 1 << 20).unwrap().data.len(), 1 << 20);
        assert!(matches!(inflate(b"\x78\x9c\xff\xff\xff", true, 100), Err(InflateError::Corrupt(_))));
        assert!(!ends_exactly(b"", false, 100));
    }
}
