//! An Outlook message, converted into a MIME message (RFC 5322) from the properties lak understands.
//!
//! | property (MS-OXPROPS) | becomes |
//! |---|---|
//! | `PidTagSubject` | `Subject` |
//! | `PidTagSentRepresenting*` (else `PidTagSender*`): name, SMTP address | `From`; the sender, when another, `Sender` |
//! | recipients (`__recip_version1.0_#…`): name, SMTP address, type | `To`, `Cc`, `Bcc` |
//! | `PidTagClientSubmitTime` (else `PidTagMessageDeliveryTime`) | `Date` |
//! | `PidTagInternetMessageId`, `PidTagInReplyToId`, `PidTagInternetReferences` | `Message-ID`, `In-Reply-To`, `References` |
//! | `PidTagBody` | a `text/plain` part |
//! | `PidTagHtml` / `PidTagBodyHtml` | a `text/html` part (with the plain text: `multipart/alternative`) |
//! | `PidTagRtfCompressed` | dropped when there is a plain or HTML body (the same text); alone: the HTML or text it encapsulates (`\\fromhtml1`, `\\fromtext`), native RTF to manual handling |
//! | attachments by value: long file name, MIME type, content id, data | a part each (`multipart/mixed`) |
//! | embedded messages (attach method 5) | `message/rfc822` parts, converted the same way |
//!
//! Every other property and stream (named properties, transport headers, the Exchange address book
//! entries, search keys, flags, times other than the date) is not copied: it is listed for the report
//! as left out. An address that is only an Exchange (X.500) address becomes a name without an address
//! (an empty group, `Name:;`). What cannot be represented faithfully needs manual handling: a class
//! other than a note (appointments, contacts, tasks: their content is in properties a MIME message has
//! no place for), signed or encrypted messages, OLE objects and attachments by reference.
//!
//! The MIME written is plain on purpose: CRLF lines, every body base64 (so no body line can look like a
//! boundary), non-ASCII header text as encoded words, boundaries no base64 or encoded word can contain.

use super::cfb::Storage;
use super::props::{Object, Props, tag};
use super::rtf::Encapsulated;
use crate::formats::Options;
use crate::formats::mail::headers::{encode_words, write_field};
use crate::limits;
use crate::model::{Code, Manual};

const EOL: &[u8] = b"\r\n";

/// What the conversion left out or removed, for the report.
#[derive(Default)]
pub(super) struct Dropped {
    pub scrubbed: Vec<String>,
}

impl Dropped {
    fn add(&mut self, what: impl Into<String>) {
        let what = what.into();
        if !self.scrubbed.contains(&what) {
            self.scrubbed.push(what);
        }
    }
}

/// The properties asked for by id.
mod id {
    pub const MESSAGE_CLASS: u16 = 0x001A;
    pub const SUBJECT: u16 = 0x0037;
    pub const CLIENT_SUBMIT_TIME: u16 = 0x0039;
    pub const SENT_REPRESENTING_NAME: u16 = 0x0042;
    pub const SENT_REPRESENTING_ADDRTYPE: u16 = 0x0064;
    pub const SENT_REPRESENTING_EMAIL: u16 = 0x0065;
    pub const TRANSPORT_HEADERS: u16 = 0x007D;
    pub const RECIPIENT_TYPE: u16 = 0x0C15;
    pub const SENDER_NAME: u16 = 0x0C1A;
    pub const SENDER_ADDRTYPE: u16 = 0x0C1E;
    pub const SENDER_EMAIL: u16 = 0x0C1F;
    pub const DELIVERY_TIME: u16 = 0x0E06;
    pub const BODY: u16 = 0x1000;
    pub const RTF_COMPRESSED: u16 = 0x1009;
    pub const HTML: u16 = 0x1013;
    pub const MESSAGE_ID: u16 = 0x1035;
    pub const REFERENCES: u16 = 0x1039;
    pub const IN_REPLY_TO: u16 = 0x1042;
    pub const DISPLAY_NAME: u16 = 0x3001;
    pub const ADDRTYPE: u16 = 0x3002;
    pub const EMAIL: u16 = 0x3003;
    pub const ATTACH_DATA: u16 = 0x3701;
    pub const ATTACH_FILENAME: u16 = 0x3704;
    pub const ATTACH_METHOD: u16 = 0x3705;
    pub const ATTACH_LONG_FILENAME: u16 = 0x3707;
    pub const ATTACH_MIME_TAG: u16 = 0x370E;
    pub const ATTACH_CONTENT_ID: u16 = 0x3712;
    pub const SMTP_ADDRESS: u16 = 0x39FE;
    pub const INTERNET_CODEPAGE: u16 = 0x3FDE;
    pub const MESSAGE_CODEPAGE: u16 = 0x3FFD;
    pub const LOCALE_ID: u16 = 0x3FF1;
    pub const SENDER_SMTP: u16 = 0x5D01;
    pub const SENT_REPRESENTING_SMTP: u16 = 0x5D02;
}

/// A message storage as MIME bytes. `depth` is 0 for the file's own message.
pub(super) fn message(
    storage: &Storage,
    depth: usize,
    options: &Options,
    dropped: &mut Dropped,
) -> Result<Vec<u8>, Manual> {
    if depth > limits::MSG_MAX_DEPTH {
        return Err(Manual::new(
            Code::MailTooComplex,
            format!("Outlook messages attached to messages more than {} deep", limits::MSG_MAX_DEPTH),
        ));
    }
    let object = if depth == 0 { Object::TopMessage } else { Object::EmbeddedMessage };
    let props = Props::read(storage, object)?;
    // 8-bit strings are in the message's code page; without one, in the ANSI code page of its locale
    // (the internet code page is the HTML body's, not the strings': Outlook writes 1252 strings with
    // a UTF-8 HTML body).
    let cp = props.long(id::MESSAGE_CODEPAGE).or_else(|| props.long(id::LOCALE_ID).map(ansi_code_page));
    let string = |id: u16| props.string(id, cp);
    let what = if depth == 0 { "the message".to_string() } else { format!("an attached message (level {depth})") };

    let class = string(id::MESSAGE_CLASS)?.unwrap_or_default();
    check_class(&class, &what)?;

    let mut head = Vec::new();
    let mut field = |name: &str, value: &str| head.extend(write_field(name, value, EOL));
    if let Some(t) = props.time(id::CLIENT_SUBMIT_TIME).or_else(|| props.time(id::DELIVERY_TIME))
        && let Some(d) = rfc5322_date(t)
    {
        field("Date", &d);
    }
    let (from_name, from_addr) = address(
        &props,
        cp,
        [
            id::SENT_REPRESENTING_NAME,
            id::SENT_REPRESENTING_SMTP,
            id::SENT_REPRESENTING_EMAIL,
            id::SENT_REPRESENTING_ADDRTYPE,
        ],
        dropped,
    )?;
    let (sender_name, sender_addr) =
        address(&props, cp, [id::SENDER_NAME, id::SENDER_SMTP, id::SENDER_EMAIL, id::SENDER_ADDRTYPE], dropped)?;
    let from = mailbox(from_name.as_deref(), from_addr.as_deref());
    let sender = mailbox(sender_name.as_deref(), sender_addr.as_deref());
    match (from, sender) {
        (Some(f), Some(s)) => {
            let same = from_addr.is_some() && from_addr == sender_addr || f == s;
            field("From", &f);
            if !same {
                field("Sender", &s);
            }
        }
        (Some(one), None) | (None, Some(one)) => field("From", &one),
        (None, None) => {}
    }
    let mut lists: [Vec<String>; 3] = Default::default();
    for (_, r) in numbered(storage, "__recip_version1.0_#") {
        let p = Props::read(r, Object::Other)?;
        let (name, addr) = address(&p, cp, [id::DISPLAY_NAME, id::SMTP_ADDRESS, id::EMAIL, id::ADDRTYPE], dropped)?;
        let kind = p.long(id::RECIPIENT_TYPE).unwrap_or(1) & 0x0F;
        let Some(m) = mailbox(name.as_deref(), addr.as_deref()) else { continue };
        match kind {
            1..=3 => lists[kind as usize - 1].push(m),
            _ => {
                return Err(Manual::new(
                    Code::MsgUnsupported,
                    format!("{what} has a recipient of type {kind}, which lak does not know"),
                ));
            }
        }
        unread(&p, "recipient", dropped);
    }
    for (name, list) in ["To", "Cc", "Bcc"].iter().zip(&lists) {
        if !list.is_empty() {
            field(name, &list.join(", "));
        }
    }
    if let Some(s) = string(id::SUBJECT)? {
        field("Subject", &s);
    }
    for (name, pid) in
        [("Message-ID", id::MESSAGE_ID), ("In-Reply-To", id::IN_REPLY_TO), ("References", id::REFERENCES)]
    {
        if let Some(v) = string(pid)? {
            let v = v.trim();
            // Message ids are ASCII by definition; anything else is not carried over.
            if !v.is_empty() && v.bytes().all(|b| (0x21..0x7F).contains(&b) || b == b' ') {
                field(name, v);
            } else if !v.is_empty() {
                dropped.add(format!("{name} that is not a message id left out"));
            }
        }
    }
    field("MIME-Version", "1.0");

    // The body: plain text and HTML; compressed RTF only when it is all there is.
    let mut plain = string(id::BODY)?;
    let mut html = html_body(&props, &what)?;
    let rtf = props.binary(id::RTF_COMPRESSED);
    if rtf.is_some() && (plain.is_some() || html.is_some()) {
        dropped.add("RTF body (Outlook's copy of the same text) left out");
    } else if let Some(rtf) = rtf {
        // The only body: the HTML or text it encapsulates (MS-OXRTFEX) is converted; native RTF is not.
        match super::rtf::encapsulated(&super::rtf::decompress(rtf)?)? {
            Some(Encapsulated::Html(h)) => html = Some((h.into_bytes(), "utf-8".into())),
            Some(Encapsulated::Text(t)) => plain = Some(t),
            None => {
                return Err(Manual::new(
                    Code::MsgUnsupported,
                    format!("{what} has only a native RTF body, which lak does not convert to text"),
                ));
            }
        }
        dropped.add("RTF body: the HTML or text it encapsulates converted, RTF formatting left out");
    }
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let text_part = |kind: &str, charset: &str, data: &[u8]| -> Vec<u8> {
        let mut p = format!("Content-Type: {kind}; charset=\"{charset}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .into_bytes();
        p.extend(base64(data));
        p
    };
    let body = match (plain, html) {
        (Some(t), Some((h, cs))) => multipart(
            "alternative",
            depth,
            1,
            &[text_part("text/plain", "utf-8", t.as_bytes()), text_part("text/html", &cs, &h)],
        ),
        (Some(t), None) => text_part("text/plain", "utf-8", t.as_bytes()),
        (None, Some((h, cs))) => text_part("text/html", &cs, &h),
        (None, None) => text_part("text/plain", "utf-8", b""),
    };
    parts.push(body);
    for (_, a) in numbered(storage, "__attach_version1.0_#") {
        if let Some(p) = attachment(a, depth, cp, options, dropped, &what)? {
            parts.push(p);
        }
    }
    if storage.storage("__nameid_version1.0").is_some() {
        dropped.add("named properties (Outlook's extension fields) left out");
    }
    let left: Vec<String> = storage
        .streams
        .iter()
        .map(|(n, _)| n)
        .chain(storage.storages.iter().map(|(n, _)| n))
        .filter(|n| {
            !n.starts_with("__substg1.0_")
                && !n.starts_with("__recip_version1.0_#")
                && !n.starts_with("__attach_version1.0_#")
                && !n.eq_ignore_ascii_case("__properties_version1.0")
                && !n.eq_ignore_ascii_case("__nameid_version1.0")
        })
        .cloned()
        .collect();
    if !left.is_empty() {
        dropped.add("streams of the message container lak does not know left out");
    }
    if props.binary(id::TRANSPORT_HEADERS).is_some() || string(id::TRANSPORT_HEADERS)?.is_some() {
        dropped.add("transport headers (Received, routing and spam data) left out");
    }
    unread(&props, "message", dropped);

    let mut out = head;
    if parts.len() == 1 {
        out.extend(parts.pop().unwrap_or_default());
    } else {
        out.extend(multipart("mixed", depth, 0, &parts));
    }
    Ok(out)
}

/// The Windows ANSI code page of a locale (LCID), by its language.
fn ansi_code_page(lcid: u32) -> u32 {
    match lcid & 0x3FF {
        0x19 | 0x22 | 0x02 | 0x23 | 0x2F => 1251, // ru, uk, bg, be, mk
        0x15 | 0x05 | 0x0E | 0x1B | 0x24 | 0x1A | 0x18 | 0x1C => 1250, // pl, cs, hu, sk, sl, hr, ro, sq
        0x08 => 1253,
        0x1F => 1254,
        0x0D => 1255,
        0x01 | 0x29 | 0x20 => 1256,
        0x25..=0x27 => 1257,
        0x2A => 1258,
        0x1E => 874,
        0x11 => 932,
        0x12 => 949,
        0x04 if lcid == 0x0404 || lcid == 0x0C04 || lcid == 0x1404 => 950,
        0x04 => 936,
        _ => 1252,
    }
}

/// Refuses the classes a MIME message cannot represent.
fn check_class(class: &str, what: &str) -> Result<(), Manual> {
    let c = class.to_ascii_lowercase();
    if c.starts_with("ipm.note.smime") {
        return Err(if c.contains("multipartsigned") {
            Manual::new(Code::Signed, format!("{what} is signed (S/MIME): redacting would break the signature"))
        } else {
            Manual::new(Code::Encrypted, format!("{what} is encrypted or opaquely signed (S/MIME)"))
        });
    }
    if c == "ipm.note" || c == "ipm" || c == "ipm.post" {
        return Ok(());
    }
    let shown: String = class.chars().filter(|ch| ch.is_ascii_graphic()).take(60).collect();
    Err(Manual::new(
        Code::MsgUnsupported,
        format!(
            "{what} is of the Outlook class {:?}, not a plain message (IPM.Note): its content is in \
             properties lak does not convert",
            if shown.is_empty() { "(none)".to_string() } else { shown }
        ),
    ))
}

/// The storages named `prefix` + 8 hex digits, in their number's order.
fn numbered<'a>(storage: &'a Storage, prefix: &str) -> Vec<(u32, &'a Storage)> {
    let mut v: Vec<(u32, &Storage)> = storage
        .storages
        .iter()
        .filter_map(|(n, s)| {
            let hex = n
                .get(prefix.len()..)
                .filter(|_| n.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)))?;
            Some((u32::from_str_radix(hex, 16).ok()?, s))
        })
        .collect();
    v.sort_by_key(|(n, _)| *n);
    v
}

/// The properties of an object nobody asked for, summed up for the report.
fn unread(props: &Props, object: &str, dropped: &mut Dropped) {
    if !props.unread().is_empty() {
        dropped.add(format!(
            "{object} properties lak does not convert (flags, search keys, address-book ids, ...) left out"
        ));
    }
}

/// A display name and an SMTP address from `[name, smtp, email, addrtype]` properties. An address of
/// another type (Exchange's X.500 names) is not an e-mail address and is not carried over.
fn address(
    props: &Props,
    cp: Option<u32>,
    [name, smtp, email, addrtype]: [u16; 4],
    dropped: &mut Dropped,
) -> Result<(Option<String>, Option<String>), Manual> {
    let display = props.string(name, cp)?.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let mut addr = props.string(smtp, cp)?.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let kind = props.string(addrtype, cp)?.unwrap_or_default();
    let other = props.string(email, cp)?.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if addr.is_none() && (kind.eq_ignore_ascii_case("SMTP") || other.as_deref().is_some_and(is_smtp)) {
        addr = other.clone();
    } else if other.is_some() && other != addr {
        dropped.add("Exchange (X.500) addresses left out");
    }
    let addr = match addr {
        Some(a) if is_smtp(&a) => Some(a),
        Some(_) => {
            dropped.add("addresses that are not e-mail addresses left out");
            None
        }
        None => None,
    };
    Ok((display, addr))
}

/// Whether `a` can stand in angle brackets as an address: one `@`, no spaces, brackets or controls.
fn is_smtp(a: &str) -> bool {
    a.matches('@').count() == 1
        && !a.starts_with('@')
        && !a.ends_with('@')
        && a.chars().all(|c| !c.is_control() && !c.is_whitespace() && !matches!(c, '<' | '>' | ',' | ';' | '"' | '\\'))
}

/// `Name <addr>`, `<addr>`, or `Name:;` (a name without an address, as an empty group).
fn mailbox(name: Option<&str>, addr: Option<&str>) -> Option<String> {
    match (name, addr) {
        (Some(n), Some(a)) if n != a => Some(format!("{} <{a}>", phrase(n))),
        (_, Some(a)) => Some(format!("<{a}>")),
        (Some(n), None) => Some(format!("{}:;", phrase(n))),
        (None, None) => None,
    }
}

/// A display name as an RFC 5322 phrase: as it is when it is plain words, else quoted (ASCII) or as
/// encoded words (anything else).
fn phrase(name: &str) -> String {
    let name: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if !name.is_ascii() {
        return encode_words(&name).join(" ");
    }
    let plain = name
        .split(' ')
        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c)));
    if plain && !name.contains('.') { name } else { format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\"")) }
}

/// The HTML body and its charset: `PidTagHtml` (bytes in the internet code page) or `PidTagBodyHtml`
/// (UTF-16, or 8-bit in the internet code page).
fn html_body(props: &Props, what: &str) -> Result<Option<(Vec<u8>, String)>, Manual> {
    if let Some(b) = props.binary(id::HTML) {
        let cs = match props.long(id::INTERNET_CODEPAGE) {
            Some(cp) => super::props::encoding(cp)?.name().to_ascii_lowercase(),
            None if std::str::from_utf8(b).is_ok() => "utf-8".into(),
            None => {
                return Err(Manual::new(
                    Code::UnknownCharset,
                    format!("{what} has an HTML body without its code page: lak does not guess"),
                ));
            }
        };
        return Ok(Some((b.to_vec(), cs)));
    }
    // PidTagBodyHtml as a string is the same property id with the Unicode type.
    let cp = props.long(id::INTERNET_CODEPAGE);
    Ok(props.string(id::HTML, cp)?.map(|s| (s.into_bytes(), "utf-8".to_string())))
}

/// One attachment as a MIME part, or none when it has nothing to carry.
fn attachment(
    a: &Storage,
    depth: usize,
    cp: Option<u32>,
    options: &Options,
    dropped: &mut Dropped,
    what: &str,
) -> Result<Option<Vec<u8>>, Manual> {
    let p = Props::read(a, Object::Other)?;
    let method = p.long(id::ATTACH_METHOD).unwrap_or(1);
    let name = p
        .string(id::ATTACH_LONG_FILENAME, cp)?
        .or(p.string(id::ATTACH_FILENAME, cp)?)
        .or(p.string(id::DISPLAY_NAME, cp)?)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let refuse = |kind: &str| -> Result<Option<Vec<u8>>, Manual> {
        Err(Manual::new(
            Code::EmbeddedObject,
            format!(
                "{what} has {kind}: lak cannot check its content. Handle it by hand, or run with \
                 --drop-embedded to remove it"
            ),
        ))
    };
    let mut head = Vec::new();
    let disposition = |head: &mut Vec<u8>, fallback: &str| {
        let n = name.clone().unwrap_or_else(|| fallback.to_string());
        head.extend_from_slice(format!("Content-Disposition: attachment; {}\r\n", param("filename", &n)).as_bytes());
    };
    let part = match method {
        0 => {
            dropped.add("attachments without content left out");
            return Ok(None);
        }
        1 => {
            let data = p.binary(id::ATTACH_DATA).unwrap_or(&[]);
            let mime =
                p.string(id::ATTACH_MIME_TAG, cp)?.map(|m| m.trim().to_ascii_lowercase()).filter(|m| is_mime_type(m));
            let mime = mime.unwrap_or_else(|| "application/octet-stream".into());
            let mut ct = format!("Content-Type: {mime}");
            if let Some(n) = &name {
                ct.push_str("; ");
                ct.push_str(&param("name", n));
            }
            head.extend_from_slice(ct.as_bytes());
            head.extend_from_slice(EOL);
            disposition(&mut head, "attachment");
            if let Some(cid) = p.string(id::ATTACH_CONTENT_ID, cp)? {
                let cid = cid.trim().trim_start_matches('<').trim_end_matches('>');
                if !cid.is_empty() && cid.bytes().all(|b| (0x21..0x7F).contains(&b) && b != b'<' && b != b'>') {
                    head.extend_from_slice(format!("Content-ID: <{cid}>\r\n").as_bytes());
                }
            }
            head.extend_from_slice(b"Content-Transfer-Encoding: base64\r\n\r\n");
            head.extend(base64(data));
            head
        }
        5 => {
            let Some(inner) = a.storage(&format!("__substg1.0_{:08X}", tag(id::ATTACH_DATA, super::props::PT_OBJECT)))
            else {
                return Err(Manual::new(Code::Corrupt, format!("{what} has an attached message without its content")));
            };
            let bytes = message(inner, depth + 1, options, dropped)?;
            head.extend_from_slice(b"Content-Type: message/rfc822\r\n");
            disposition(&mut head, "message.eml");
            head.extend_from_slice(b"Content-Transfer-Encoding: 7bit\r\n\r\n");
            head.extend(bytes);
            head
        }
        6 if options.drop_embedded => {
            dropped.add("OLE objects attached to the message removed (--drop-embedded)");
            return Ok(None);
        }
        6 => return refuse("an attached OLE object"),
        _ if options.drop_embedded => {
            dropped.add("attachments by reference (links to files elsewhere) removed (--drop-embedded)");
            return Ok(None);
        }
        _ => return refuse(&format!("an attachment by reference (method {method})")),
    };
    unread(&p, "attachment", dropped);
    Ok(Some(part))
}

/// Whether `m` is a `type/subtype` of token characters.
fn is_mime_type(m: &str) -> bool {
    let token = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b));
    matches!(m.split_once('/'), Some((t, s)) if token(t) && token(s))
}

/// `name="value"`, or RFC 2231's `name*=utf-8''…` for a value that cannot stand quoted.
fn param(name: &str, value: &str) -> String {
    if value.bytes().all(|b| (0x20..0x7F).contains(&b) && b != b'"' && b != b'\\') {
        return format!("{name}=\"{value}\"");
    }
    let mut out = format!("{name}*=utf-8''");
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A multipart body (with its content type field) of `parts`, each a part with its fields.
fn multipart(sub: &str, depth: usize, n: usize, parts: &[Vec<u8>]) -> Vec<u8> {
    // `=_` stands in no base64 text and no encoded word; depth and number keep nested boundaries apart.
    let boundary = format!("=_lak_msg_{depth:02}_{n:02}");
    let mut out = format!("Content-Type: multipart/{sub}; boundary=\"{boundary}\"\r\n\r\n").into_bytes();
    for p in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        out.extend_from_slice(p);
        if !p.ends_with(EOL) {
            out.extend_from_slice(EOL);
        }
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

fn base64(data: &[u8]) -> Vec<u8> {
    crate::formats::mail::body::base64_encode(data, EOL)
}

/// A FILETIME as an RFC 5322 date in UTC, without the optional day of the week (`Thu` reads as a
/// first name to the detector, and the date says the day anyway).
fn rfc5322_date(filetime: u64) -> Option<String> {
    const EPOCH_DIFF: u64 = 11_644_473_600;
    let secs = (filetime / 10_000_000).checked_sub(EPOCH_DIFF)?;
    let days = (secs / 86_400) as i64;
    let (h, m, s) = (secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(1970..=9999).contains(&year) {
        return None;
    }
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    Some(format!("{day} {} {year} {h:02}:{m:02}:{s:02} +0000", MONTHS[(month - 1) as usize]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_names_and_parameters_are_written_as_rfc_5322_wants() {
        // 2025-03-04 09:12:00 UTC.
        let ft = (1_741_079_520 + 11_644_473_600) * 10_000_000;
        assert_eq!(rfc5322_date(ft).as_deref(), Some("4 Mar 2025 09:12:00 +0000"));
        assert_eq!(rfc5322_date(0), None);
        assert_eq!(phrase("Jan Jansen"), "Jan Jansen");
        assert_eq!(phrase("Jansen, J."), "\"Jansen, J.\"");
        assert_eq!(phrase("Zo\u{eb} \"Z\""), "=?UTF-8?Q?Zo=C3=AB_=22Z=22?=");
        assert_eq!(mailbox(Some("Jan"), None).as_deref(), Some("Jan:;"));
        assert_eq!(mailbox(Some("a@b.nl"), Some("a@b.nl")).as_deref(), Some("<a@b.nl>"));
        assert_eq!(param("filename", "Brief.pdf"), "filename=\"Brief.pdf\"");
        assert_eq!(param("filename", "Zo\u{eb}.pdf"), "filename*=utf-8''Zo%C3%AB.pdf");
        assert!(is_mime_type("application/pdf") && !is_mime_type("application/pdf; x=1") && !is_mime_type("pdf"));
        assert!(is_smtp("a@b.nl") && !is_smtp("/O=EXCHANGE/CN=JJANSEN") && !is_smtp("a b@c"));
    }

    #[test]
    fn classes_a_mime_message_cannot_hold_are_refused() {
        assert!(check_class("IPM.Note", "m").is_ok());
        assert_eq!(check_class("IPM.Note.SMIME.MultipartSigned", "m").unwrap_err().code, "signed");
        assert_eq!(check_class("IPM.Note.SMIME", "m").unwrap_err().code, "encrypted");
        assert_eq!(check_class("IPM.Appointment", "m").unwrap_err().code, "msg_unsupported");
        assert_eq!(check_class("", "m").unwrap_err().code, "msg_unsupported");
    }
}
