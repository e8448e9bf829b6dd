//! The text of an HTML body: text nodes and attribute values, with a map back to the HTML source; and
//! what is removed from it.
//!
//! Text between inline tags (`<b>Zoë</b> Bakker`) is one unit up to the next block tag, so a name split
//! by markup is still seen whole; every attribute value with a letter or digit is a unit of its own
//! (`href="mailto:..."`, `alt`, `title`). Character references are decoded; a redaction that touches one
//! removes all of it. Removed, because a reader's mail client would run or fetch them: `script`,
//! `iframe`, `object`, `embed` and `applet` elements, event-handler attributes (`onclick`), images and
//! style sheets loaded from elsewhere (remote images are also how tracking pixels work), remote
//! `background` attributes; and comments (hidden text, Outlook's conditional blocks).

use std::ops::Range;

/// One unit: its text and how it maps to the HTML.
#[derive(Clone, Debug)]
pub(super) struct Unit {
    pub text: String,
    /// (offset in `text`, length in `text`, range in the HTML): a piece whose lengths differ is a
    /// character reference, removed whole.
    pub pieces: Vec<(usize, usize, Range<usize>)>,
    /// Offset in the HTML of the unit's start, for its line.
    pub at: usize,
    /// What it is: `text` or `attribute NAME`.
    pub what: String,
}

/// An HTML body read.
#[derive(Clone, Debug, Default)]
pub(super) struct Html {
    pub units: Vec<Unit>,
    /// Ranges of the HTML removed in the output.
    pub removed: Vec<Range<usize>>,
    /// What was removed, for the report.
    pub scrubbed: Vec<&'static str>,
    /// The charset names in `<meta>` elements: they must say UTF-8 when the body is written in UTF-8.
    pub meta_charsets: Vec<Range<usize>>,
}

const REMOVED_ELEMENTS: &[&str] = &["script", "iframe", "object", "embed", "applet", "frame", "frameset"];
const RAW_TEXT: &[&str] = &["style", "textarea", "title", "xmp"];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "td",
    "th",
    "li",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "body",
    "head",
    "html",
    "pre",
    "dd",
    "dt",
    "dl",
    "section",
    "article",
    "header",
    "footer",
    "title",
    "style",
    "address",
    "center",
];

fn is_remote(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    !(u.is_empty() || u.starts_with("cid:") || u.starts_with("data:") || u.starts_with('#'))
}

struct Tag {
    name: String,
    end: usize,
    closing: bool,
    /// (name lower case, whole attribute range incl. the space before it, value range)
    attrs: Vec<(String, Range<usize>, Option<Range<usize>>)>,
}

/// Parses the tag at `s[i] == '<'`; `None` when it is not a tag (a lone `<` in text).
fn tag(s: &[u8], i: usize) -> Option<Tag> {
    let mut j = i + 1;
    let closing = s.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let start = j;
    while j < s.len() && (s[j].is_ascii_alphanumeric() || matches!(s[j], b':' | b'-' | b'_')) {
        j += 1;
    }
    if j == start || !s[start].is_ascii_alphabetic() {
        return None;
    }
    let name = String::from_utf8_lossy(&s[start..j]).to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        let ws = j;
        while j < s.len() && (s[j].is_ascii_whitespace() || s[j] == b'/') {
            j += 1;
        }
        match s.get(j) {
            None => return Some(Tag { name, end: s.len(), closing, attrs }),
            Some(b'>') => return Some(Tag { name, end: j + 1, closing, attrs }),
            _ => {}
        }
        let an = j;
        while j < s.len() && !s[j].is_ascii_whitespace() && !matches!(s[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        if j == an {
            j += 1; // a stray character
            continue;
        }
        let aname = String::from_utf8_lossy(&s[an..j]).to_ascii_lowercase();
        let mut k = j;
        while k < s.len() && s[k].is_ascii_whitespace() {
            k += 1;
        }
        let mut value = None;
        if s.get(k) == Some(&b'=') {
            k += 1;
            while k < s.len() && s[k].is_ascii_whitespace() {
                k += 1;
            }
            match s.get(k) {
                Some(&q @ (b'"' | b'\'')) => {
                    let vs = k + 1;
                    let ve = memchr::memchr(q, &s[vs..]).map_or(s.len(), |e| vs + e);
                    value = Some(vs..ve);
                    j = (ve + 1).min(s.len());
                }
                _ => {
                    let vs = k;
                    while k < s.len() && !s[k].is_ascii_whitespace() && s[k] != b'>' {
                        k += 1;
                    }
                    value = Some(vs..k);
                    j = k;
                }
            }
        }
        attrs.push((aname, ws..j, value));
    }
}

/// Reads `html`.
pub(super) fn read(html: &str) -> Html {
    let s = html.as_bytes();
    let mut out = Html::default();
    let mut text = Builder::default();
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'<' {
            let next = memchr::memchr(b'<', &s[i..]).map_or(s.len(), |n| i + n);
            text.add(html, i..next, false);
            i = next;
            continue;
        }
        if s[i..].starts_with(b"<!--") {
            let end = memchr::memmem::find(&s[i + 4..], b"-->").map_or(s.len(), |e| i + 4 + e + 3);
            out.removed.push(i..end);
            push_once(&mut out.scrubbed, "HTML comments removed");
            i = end;
            continue;
        }
        if s[i..].starts_with(b"<!") || s[i..].starts_with(b"<?") {
            i = memchr::memchr(b'>', &s[i..]).map_or(s.len(), |e| i + e + 1);
            continue;
        }
        let Some(t) = tag(s, i) else {
            text.add(html, i..i + 1, false);
            i += 1;
            continue;
        };
        if BLOCKS.contains(&t.name.as_str()) {
            text.flush(&mut out.units);
        }
        if t.closing {
            i = t.end;
            continue;
        }
        if REMOVED_ELEMENTS.contains(&t.name.as_str()) {
            let end = closing_tag(s, t.end, &t.name).unwrap_or(s.len());
            out.removed.push(i..end);
            push_once(&mut out.scrubbed, "scripts and embedded frames or objects removed from HTML");
            i = end;
            continue;
        }
        let attr = |n: &str| t.attrs.iter().find(|a| a.0 == n).and_then(|a| a.2.clone());
        let remote = |n: &str| attr(n).is_some_and(|v| is_remote(&html[v]));
        if (t.name == "img" && remote("src")) || (t.name == "link" && remote("href")) {
            out.removed.push(i..t.end);
            push_once(&mut out.scrubbed, "remote images, tracking pixels and style sheets removed from HTML");
            i = t.end;
            continue;
        }
        for (name, whole, value) in &t.attrs {
            if name.starts_with("on") || ((name == "background" || name == "src") && remote(name)) {
                out.removed.push(whole.clone());
                push_once(&mut out.scrubbed, "scripts and remote references removed from HTML attributes");
                continue;
            }
            let Some(v) = value else { continue };
            if t.name == "meta" {
                if name == "charset" {
                    out.meta_charsets.push(v.clone());
                } else if name == "content"
                    && let Some(at) = html[v.clone()].to_ascii_lowercase().find("charset=")
                {
                    let cs = v.start + at + "charset=".len();
                    let ce = html[cs..v.end].find([';', ' ']).map_or(v.end, |e| cs + e);
                    out.meta_charsets.push(cs..ce);
                }
            }
            let mut b = Builder::default();
            b.add(html, v.clone(), true);
            b.what = format!("attribute {name}");
            b.flush(&mut out.units);
        }
        i = t.end;
        if RAW_TEXT.contains(&t.name.as_str()) {
            let end = closing_tag_start(s, i, &t.name).unwrap_or(s.len());
            let mut b = Builder::default();
            b.add(html, i..end, false);
            b.what = t.name.clone();
            b.flush(&mut out.units);
            i = end;
        }
    }
    text.flush(&mut out.units);
    out
}

fn push_once(list: &mut Vec<&'static str>, what: &'static str) {
    if !list.contains(&what) {
        list.push(what);
    }
}

/// Where `</name ...>` starts, from `from`.
fn closing_tag_start(s: &[u8], from: usize, name: &str) -> Option<usize> {
    let needle = format!("</{name}");
    let lower: Vec<u8> = s[from..].iter().map(u8::to_ascii_lowercase).collect();
    memchr::memmem::find(&lower, needle.as_bytes()).map(|e| from + e)
}

/// Where the element closed by `</name>` ends (after its `>`).
fn closing_tag(s: &[u8], from: usize, name: &str) -> Option<usize> {
    let at = closing_tag_start(s, from, name)?;
    Some(memchr::memchr(b'>', &s[at..]).map_or(s.len(), |e| at + e + 1))
}

#[derive(Default)]
struct Builder {
    text: String,
    pieces: Vec<(usize, usize, Range<usize>)>,
    at: Option<usize>,
    what: String,
}

impl Builder {
    /// Adds `html[range]` with its character references decoded, and with `percent` its %-escapes too
    /// (an address in a link, `?u=a.timmermans%40example.nl`, is read as written out).
    fn add(&mut self, html: &str, range: Range<usize>, percent: bool) {
        self.at.get_or_insert(range.start);
        let s = &html[range.clone()];
        let mut plain = 0;
        let mut i = 0;
        let b = s.as_bytes();
        while i < b.len() {
            let decoded = match b[i] {
                b'&' => reference(&s[i..]).map(|(ch, len)| (ch.to_string(), len)),
                b'%' if percent => escapes(&s[i..]),
                _ => None,
            };
            if let Some((text, len)) = decoded {
                self.plain(s, range.start, plain..i);
                let at = self.text.len();
                self.text.push_str(&text);
                self.pieces.push((at, text.len(), range.start + i..range.start + i + len));
                i += len;
                plain = i;
                continue;
            }
            i += 1;
        }
        self.plain(s, range.start, plain..b.len());
    }

    fn plain(&mut self, s: &str, base: usize, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        let at = self.text.len();
        self.text.push_str(&s[r.clone()]);
        self.pieces.push((at, r.len(), base + r.start..base + r.end));
    }

    fn flush(&mut self, units: &mut Vec<Unit>) {
        let b = std::mem::take(self);
        if b.text.chars().any(char::is_alphanumeric) {
            let what = if b.what.is_empty() { "text".to_string() } else { b.what };
            units.push(Unit { text: b.text, pieces: b.pieces, at: b.at.unwrap_or(0), what });
        }
    }
}

/// The character reference at the start of `s` (`&amp;`, `&#233;`, `&#xE9;`): the character and the
/// reference's length. Only references closed by `;` are read; others are text as written.
fn reference(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..semi];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n).filter(|c| *c != '\0')?
    } else {
        named(body)?
    };
    Some((ch, semi + 1))
}

/// The run of %-escapes at the start of `s` as text, and its length, when it decodes to UTF-8 without
/// control characters (a piece whose lengths differ, removed whole when a redaction touches it).
fn escapes(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let mut bytes = Vec::new();
    let mut i = 0;
    while b.get(i) == Some(&b'%') {
        let hex = b.get(i + 1..i + 3)?;
        let Some(v) = std::str::from_utf8(hex).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) else { break };
        bytes.push(v);
        i += 3;
    }
    let text = String::from_utf8(bytes).ok()?;
    (!text.is_empty() && !text.chars().any(char::is_control)).then_some((text, i))
}

/// Latin-1 entity names, U+00A0 to U+00FF in order.
const LATIN1: &[&str] = &[
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy",
    "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
    "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
    "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
    "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
    "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
    "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

fn named(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "hellip" => '\u{2026}',
        "euro" => '\u{20AC}',
        "bull" => '\u{2022}',
        "trade" => '\u{2122}',
        _ => return None,
    })
}

/// The edits of the HTML for a redaction of `unit.text[start..end]`: the marker in place of the first
/// piece it touches, the rest removed (a character reference always whole).
pub(super) fn cuts(unit: &Unit, start: usize, end: usize, marker: &str, out: &mut Vec<(Range<usize>, String)>) {
    let mut with = Some(escape(marker));
    for (at, len, src) in &unit.pieces {
        let (s, e) = (start.max(*at), end.min(at + len));
        if s >= e {
            continue;
        }
        let range = if src.len() == *len { src.start + (s - at)..src.start + (e - at) } else { src.clone() };
        out.push((range, with.take().unwrap_or_default()));
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_attributes_and_removals() {
        let h = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\
                 <script>var zoe='Zo\u{eb} Bakker';</script></head><body><!-- Piet -->\
                 <p>Beste <b>Zo&euml;</b> Bakker,</p><a href=\"mailto:z.bakker@example.nl\" onclick=\"x()\">mail</a>\
                 <img src=\"https://track.example/p.gif?u=zb\" width=1 height=1><img src=\"cid:logo\" alt=\"Logo Gemeente\"></body></html>";
        let r = read(h);
        let texts: Vec<&str> = r.units.iter().map(|u| u.text.as_str()).collect();
        assert!(texts.contains(&"Beste Zo\u{eb} Bakker,"), "{texts:?}");
        assert!(texts.contains(&"mailto:z.bakker@example.nl"));
        assert!(texts.contains(&"Logo Gemeente"));
        assert!(!texts.iter().any(|t| t.contains("Piet") || t.contains("zoe") || t.contains("track")));
        assert_eq!(r.removed.len(), 4, "{:?}", r.removed);
        assert_eq!(&h[r.meta_charsets[0].clone()], "windows-1252");
        let link = read("<a href=\"https://x.example/c?u=a.timmermans%40example.nl&amp;n=Zo%C3%AB\">x</a>");
        assert_eq!(link.units[0].text, "https://x.example/c?u=a.timmermans@example.nl&n=Zo\u{eb}");
        // A redaction over the name takes the reference whole.
        let u = r.units.iter().find(|u| u.text.starts_with("Beste")).unwrap();
        let mut edits = Vec::new();
        let s = u.text.find("Zo").unwrap();
        cuts(u, s, s + "Zo\u{eb} Bakker".len(), "[5.1.2e]", &mut edits);
        let mut all: Vec<(Range<usize>, String)> = edits;
        let out = crate::formats::splice::splice(h.as_bytes(), &mut all).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("<p>Beste <b>[5.1.2e]</b>,</p>"), "{out}");
    }
}
