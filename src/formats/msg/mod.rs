//! Outlook messages (`.msg`, MS-OXMSG), read and published as `.eml`.
//!
//! ```text
//!  bytes ─► cfb (strict container reader, limits) ─► storages and streams
//!           props (property stream + __substg1.0_ streams) ─► convert: the properties lak understands
//!           become a MIME message; embedded messages become message/rfc822 parts
//!  MIME bytes ─► the e-mail adapter (mail/): units, detection, redaction, writing
//! ```
//!
//! Why the output is an `.eml`: a `.msg` is a container of hundreds of properties, many of them copies
//! of the same text in other forms (the RTF body, search keys, the address book's entry ids, named
//! properties) that Outlook-compatible readers show or re-derive in their own ways. Writing a `.msg`
//! again would mean finding and rewriting every copy of every value in every one of them; converting
//! only what lak reads into a MIME message means that nothing lak did not read can reach the output at
//! all. Every reader of mail opens an `.eml`; the report notes the conversion and lists what was left
//! out, and the pipeline publishes the file under the `.eml` extension.

mod cfb;
mod convert;
mod props;
mod rtf;

use super::{ByteView, Document, Format, Mail, Options, Redacted, Redaction};
use crate::model::{Location, Manual};

/// The Outlook message format.
pub struct Msg;

impl Format for Msg {
    fn name(&self) -> &'static str {
        "msg"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["msg"]
    }

    fn output(&self) -> Option<&'static dyn Format> {
        Some(&Mail)
    }

    fn open(&self, bytes: Vec<u8>, options: &Options) -> Result<Box<dyn Document>, Manual> {
        let (eml, scrubbed) = to_mime(&bytes, options)?;
        let inner = Mail.open(eml, options)?;
        Ok(Box::new(MsgDocument { inner, scrubbed }))
    }
}

/// The MIME message a `.msg` file converts to, and what the conversion left out.
pub(crate) fn to_mime(bytes: &[u8], options: &Options) -> Result<(Vec<u8>, Vec<String>), Manual> {
    let root = cfb::read(bytes)?;
    let mut dropped = convert::Dropped::default();
    let eml = convert::message(&root, 0, options, &mut dropped)?;
    Ok((eml, dropped.scrubbed))
}

/// An Outlook message: the e-mail document of its conversion, and what the conversion left out.
struct MsgDocument {
    inner: Box<dyn Document>,
    scrubbed: Vec<String>,
}

const NOTE: &str = "Outlook message (.msg) converted to a MIME message: published as .eml";

impl Document for MsgDocument {
    fn units(&self) -> Vec<&str> {
        self.inner.units()
    }

    fn locate(&self, unit: usize, start: usize, end: usize) -> Location {
        self.inner.locate(unit, start, end)
    }

    fn header(&self, unit: usize) -> Option<&str> {
        self.inner.header(unit)
    }

    fn is_identifier(&self, unit: usize) -> bool {
        self.inner.is_identifier(unit)
    }

    fn byte_views(&self) -> Vec<ByteView<'_>> {
        self.inner.byte_views()
    }

    fn notes(&self) -> Vec<String> {
        let mut n = vec![NOTE.to_string()];
        n.extend(self.inner.notes());
        n
    }

    fn date(&self) -> Option<String> {
        self.inner.date()
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        let mut r = self.inner.redact(redactions)?;
        let mut scrubbed = self.scrubbed.iter().map(|s| format!("Outlook message: {s}")).collect::<Vec<_>>();
        scrubbed.append(&mut r.scrubbed);
        r.scrubbed = scrubbed;
        Ok(r)
    }
}
