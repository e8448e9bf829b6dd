//! The output's streams, checked to decode before the file is written: what lak writes, the final
//! sweep can read.

use lopdf::{Document as LoDocument, Object};

use crate::formats::pdf::read::{filters, objects};
use crate::limits;
use crate::model::{Code, Manual};

/// Filters whose output is an image's samples: the final sweep searches their raw bytes, as stored.
pub(crate) const IMAGE_FILTERS: &[&[u8]] = &[b"DCTDecode", b"JPXDecode", b"JBIG2Decode", b"CCITTFaxDecode"];

/// Every filtered stream of the output decodes, each within the per-stream limit and all within the
/// document's, so the final sweep ([`crate::formats::Document::byte_views`]) sees every stream
/// decoded. An image codec may only come alone (its raw bytes are what the sweep searches). A stream
/// whose zlib checksum is wrong or missing (its data complete) is written again from its decoded
/// bytes; returns how many were.
pub(crate) fn check_decodable(doc: &mut LoDocument) -> Result<usize, Manual> {
    let mut total = 0usize;
    let mut repaired = 0;
    for (id, o) in doc.objects.iter_mut() {
        let Object::Stream(s) = o else { continue };
        let filters = objects::filter_names(s);
        match filters.last() {
            None => continue,
            Some(f) if IMAGE_FILTERS.contains(f) => {
                if filters.len() > 1 {
                    return Err(Manual::new(
                        Code::PdfUnsupported,
                        format!("image object {}: an image codec under further filters, which lak does not read", id.0),
                    ));
                }
                continue;
            }
            Some(_) => {}
        }
        let cap = limits::PDF_MAX_STREAM_BYTES.min(limits::PDF_MAX_DECODED_BYTES.saturating_sub(total));
        let decoded = filters::decode_checked(s, cap).map_err(|e| {
            let why = match e {
                filters::Fault::TooLarge => {
                    return Manual::new(
                        Code::TooLarge,
                        format!("the output's streams decode to more than {} bytes", limits::PDF_MAX_DECODED_BYTES),
                    );
                }
                filters::Fault::Damaged(why) => format!("it does not decode with its filters ({why})"),
                filters::Fault::Unsupported(what) => format!("it uses {what}, which lak does not decode"),
            };
            Manual::new(Code::PdfUnreadable, format!("stream object {} of the output cannot be checked: {why}", id.0))
        })?;
        total += decoded.data.len();
        if !decoded.intact {
            s.set_plain_content(decoded.data);
            repaired += 1;
        }
    }
    Ok(repaired)
}
