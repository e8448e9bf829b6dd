//! Decryption lopdf gets wrong: crypt filters kept in indirect objects.
//!
//! A PDF encrypted with `/V 4` or `/V 5` names its crypt filters in the encryption dictionary's `/CF`
//! (`/StmF /StdCF`, `/CF << /StdCF << /CFM /AESV3 >> >>`). The specification lets `/CF`, and each
//! filter in it, be an indirect object; lopdf reads them only when they are direct, and for a filter
//! name it does not know it falls back to RC4. Such a file (pdf.js's `issue7665.pdf`: AES-256, empty
//! user password, `/CF 7 0 R`) loads without an error, every string and stream decrypted with the
//! wrong algorithm: a content stream no longer inflates and the page reads as empty.
//!
//! [`repair`] notices the fallback from lopdf's own decryption state (a default filter name that is
//! neither `Identity` nor among the filters it read), finds the filter's method in the indirect
//! objects lopdf did load, and decrypts again: RC4 is its own inverse, so applying lopdf's RC4 once
//! more gives back the file's bytes, which are then decrypted with the right filter. The walk
//! follows lopdf's own (the same exemptions: cross-reference streams, unencrypted metadata, the
//! `/Contents` of a signature), and object streams, which could not be read the first time, are
//! read now. Whatever comes out is what lak reads, checks and writes (unencrypted): a wrong guess
//! here could only make text unreadable, and unreadable streams refuse the document.

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::encryption::crypt_filters::{
    Aes128CryptFilter, Aes256CryptFilter, CryptFilter, IdentityCryptFilter, Rc4CryptFilter,
};
use lopdf::xref::XrefEntry;
use lopdf::{Document, Object, ObjectId};

use super::objects::deref;
use crate::limits;
use crate::model::{Code, Manual};

fn refuse(why: impl std::fmt::Display) -> Manual {
    Manual::new(Code::Encrypted, format!("the PDF is encrypted and lak cannot decrypt it: {why}"))
}

/// Decrypts again what lopdf decrypted with the wrong crypt filter; returns whether it did.
pub(crate) fn repair(doc: &mut Document) -> Result<bool, Manual> {
    let Some(state) = doc.encryption_state.clone() else { return Ok(false) };
    if state.version() < 4 {
        return Ok(false);
    }
    let known = |name: &[u8]| name.is_empty() || name == b"Identity" || state.crypt_filters().contains_key(name);
    let (stm, str_) = (state.default_stream_filter().to_vec(), state.default_string_filter().to_vec());
    if known(&stm) && known(&str_) {
        return Ok(false);
    }
    let right = |name: &[u8]| -> Result<Arc<dyn CryptFilter>, Manual> {
        if name.is_empty() || name == b"Identity" {
            return Ok(Arc::new(IdentityCryptFilter));
        }
        if let Some(f) = state.crypt_filters().get(name) {
            return Ok(f.clone());
        }
        let method = indirect_method(doc, name)
            .ok_or_else(|| refuse(format!("its crypt filter /{} cannot be found", String::from_utf8_lossy(name))))?;
        filter_for(&method).ok_or_else(|| refuse(format!("crypt filter method /{}", String::from_utf8_lossy(&method))))
    };
    let redo = Redo {
        key: state.file_encryption_key().to_vec(),
        encrypt_metadata: state.encrypt_metadata(),
        wrong_stream: state.get_stream_filter(),
        wrong_string: state.get_string_filter(),
        right_stream: right(&stm)?,
        right_string: right(&str_)?,
        named: BTreeMap::new(),
    };
    let mut named: BTreeMap<Vec<u8>, Arc<dyn CryptFilter>> = BTreeMap::new();
    for o in doc.objects.values() {
        if let Object::Stream(s) = o
            && let Some(name) = crypt_override(s)
            && !named.contains_key(&name)
        {
            named.insert(name.clone(), right(&name)?);
        }
    }
    let redo = Redo { named, ..redo };
    for (&id, obj) in doc.objects.iter_mut() {
        redo.object(id, obj).map_err(refuse)?;
    }
    expand_object_streams(doc)?;
    Ok(true)
}

/// The `/CFM` of the crypt filter `name`, from an indirect object lopdf loaded: a `/CF` dictionary
/// holding it, or (when only the filter itself is indirect) the one crypt filter dictionary there is.
fn indirect_method(doc: &Document, name: &[u8]) -> Option<Vec<u8>> {
    let cfm = |o: &Object| -> Option<Vec<u8>> {
        match deref(doc, o)? {
            Object::Dictionary(d) => d.get(b"CFM").ok()?.as_name().ok().map(<[u8]>::to_vec),
            _ => None,
        }
    };
    let mut methods: Vec<Vec<u8>> = Vec::new();
    for o in doc.objects.values() {
        let Object::Dictionary(d) = o else { continue };
        if let Ok(f) = d.get(name)
            && let Some(m) = cfm(f)
        {
            return Some(m);
        }
        if let Ok(Object::Name(m)) = d.get(b"CFM") {
            methods.push(m.clone());
        }
    }
    methods.dedup();
    (methods.len() == 1).then(|| methods.remove(0))
}

fn filter_for(method: &[u8]) -> Option<Arc<dyn CryptFilter>> {
    Some(match method {
        b"V2" => Arc::new(Rc4CryptFilter),
        b"AESV2" => Arc::new(Aes128CryptFilter),
        b"AESV3" => Arc::new(Aes256CryptFilter),
        b"Identity" | b"None" => Arc::new(IdentityCryptFilter),
        _ => return None,
    })
}

/// The crypt filter a stream names for itself (`/Filter /Crypt`, `/DecodeParms << /Name … >>`).
fn crypt_override(s: &lopdf::Stream) -> Option<Vec<u8>> {
    if !s.filters().is_ok_and(|f| f.contains(&&b"Crypt"[..])) {
        return None;
    }
    let name = s.dict.get(b"DecodeParms").ok()?.as_dict().ok()?.get(b"Name").ok()?.as_name().ok()?;
    Some(name.to_vec())
}

struct Redo {
    key: Vec<u8>,
    encrypt_metadata: bool,
    wrong_stream: Arc<dyn CryptFilter>,
    wrong_string: Arc<dyn CryptFilter>,
    right_stream: Arc<dyn CryptFilter>,
    right_string: Arc<dyn CryptFilter>,
    /// Filters streams name for themselves; lopdf, knowing none, left those streams as they were.
    named: BTreeMap<Vec<u8>, Arc<dyn CryptFilter>>,
}

impl Redo {
    /// Undoes `wrong` and applies `right` to `data`, with the keys for object `id`.
    fn bytes(
        &self,
        id: ObjectId,
        wrong: &dyn CryptFilter,
        right: &dyn CryptFilter,
        data: &[u8],
    ) -> Result<Vec<u8>, String> {
        let err = |e: lopdf::encryption::DecryptionError| e.to_string();
        let raw = wrong.encrypt(&wrong.compute_key(&self.key, id).map_err(err)?, data).map_err(err)?;
        right.decrypt(&right.compute_key(&self.key, id).map_err(err)?, &raw).map_err(err)
    }

    /// lopdf's walk (`transform_object`), with the same exemptions.
    fn object(&self, id: ObjectId, obj: &mut Object) -> Result<(), String> {
        if let Object::Stream(s) = obj
            && s.dict.has_type(b"XRef")
        {
            return Ok(());
        }
        if obj.type_name().ok() == Some(b"Metadata") && !self.encrypt_metadata {
            return Ok(());
        }
        match obj {
            Object::Array(a) => a.iter_mut().try_for_each(|o| self.object(id, o)),
            Object::Dictionary(d) => self.dict(id, d),
            Object::Stream(s) => {
                let (wrong, right): (&dyn CryptFilter, &dyn CryptFilter) = match crypt_override(s) {
                    // lopdf knew no filter by that name and used Identity.
                    Some(name) => (&IdentityCryptFilter, self.named.get(&name).map_or(&IdentityCryptFilter, |f| &**f)),
                    None => (&*self.wrong_stream, &*self.right_stream),
                };
                let content = self.bytes(id, wrong, right, &s.content)?;
                self.dict(id, &mut s.dict)?;
                s.set_content(content);
                Ok(())
            }
            Object::String(b, _) => {
                *b = self.bytes(id, &*self.wrong_string, &*self.right_string, b)?;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn dict(&self, id: ObjectId, d: &mut lopdf::Dictionary) -> Result<(), String> {
        let signature =
            d.has_type(b"Sig") || d.has_type(b"DocTimeStamp") || (d.has(b"ByteRange") && d.has(b"Contents"));
        for (k, v) in d.iter_mut() {
            if !(signature && k == b"Contents") {
                self.object(id, v)?;
            }
        }
        Ok(())
    }
}

/// Loads the objects of object streams, which lopdf could not read from the wrongly decrypted
/// containers: each object the cross-reference table places in a container comes from it.
fn expand_object_streams(doc: &mut Document) -> Result<(), Manual> {
    let mut by_container: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (id, entry) in doc.reference_table.entries.iter() {
        if let XrefEntry::Compressed { container, .. } = entry {
            by_container.entry(*container).or_default().push(*id);
        }
    }
    let mut members: Vec<(ObjectId, Object)> = Vec::new();
    for (container, ids) in by_container {
        let Some(Object::Stream(s)) = doc.objects.get(&(container, 0)) else { continue };
        let os = lopdf::ObjectStream::new_with_limit(s, Some(limits::PDF_MAX_STREAM_BYTES))
            .map_err(|e| refuse(format!("object stream {container} cannot be read after decryption ({e})")))?;
        members.extend(os.objects.into_iter().filter(|(oid, _)| ids.contains(&oid.0)));
    }
    for (id, o) in members {
        doc.objects.insert(id, o);
    }
    Ok(())
}
