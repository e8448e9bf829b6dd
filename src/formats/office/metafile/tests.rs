//! Metafiles built record by record: what is read, what is redacted, what is refused.

use super::emf::*;
use super::wmf::*;
use super::*;

fn pad4(mut v: Vec<u8>) -> Vec<u8> {
    while !v.len().is_multiple_of(4) {
        v.push(0);
    }
    v
}

fn rec(ty: u32, body: &[u8]) -> Vec<u8> {
    let body = pad4(body.to_vec());
    let mut r = ty.to_le_bytes().to_vec();
    r.extend(((8 + body.len()) as u32).to_le_bytes());
    r.extend(body);
    r
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn emf_header(desc: &str) -> Vec<u8> {
    let d = utf16le(desc);
    let mut b = vec![0u8; 32]; // bounds, frame
    b.extend(EMF_SIGNATURE.to_le_bytes());
    b.extend(0x10000u32.to_le_bytes());
    b.extend([0u8; 8]); // bytes, records
    b.extend([0u8; 4]); // handles, reserved
    b.extend(((d.len() / 2) as u32).to_le_bytes());
    b.extend((if d.is_empty() { 0u32 } else { 88 }).to_le_bytes());
    b.extend([0u8; 20]); // palette entries, device, millimetres
    b.extend(d);
    rec(EMR_HEADER, &b)
}

/// EMR_EXTTEXTOUTW (or A) with a rectangle, advances of `10 + i` and the given options.
fn ext_text_out(text: &[u8], units: usize, wide: bool, options: u32) -> Vec<u8> {
    let mut b = vec![0u8; 28]; // bounds, graphics mode, scales
    b.extend([0u8; 8]); // reference point
    b.extend((units as u32).to_le_bytes());
    let off_string = 76u32;
    let off_dx = 76 + text.len().next_multiple_of(4) as u32;
    b.extend(off_string.to_le_bytes());
    b.extend(options.to_le_bytes());
    b.extend([0u8; 16]);
    b.extend(off_dx.to_le_bytes());
    b.extend(pad4(text.to_vec()));
    for i in 0..units {
        b.extend((10 + i as i32).to_le_bytes());
    }
    rec(if wide { EMR_EXTTEXTOUTW } else { EMR_EXTTEXTOUTA }, &b)
}

fn emf(records: &[Vec<u8>]) -> Vec<u8> {
    let mut d = emf_header("lak test\0picture");
    for r in records {
        d.extend(r);
    }
    d.extend(rec(EMR_EOF, &[0, 0, 0, 0, 16, 0, 0, 0, 20, 0, 0, 0]));
    d
}

fn texts(d: &[u8]) -> Vec<String> {
    read(d).unwrap().texts.into_iter().map(|t| t.text).collect()
}

#[test]
fn emf_text_and_description_are_read() {
    let d = emf(&[ext_text_out(&utf16le("Jan Jansen"), 10, true, 0), ext_text_out(b"Caf\xe9 \x80", 6, false, 0)]);
    assert_eq!(sniff(&d), Some(MetaKind::Emf));
    assert_eq!(texts(&d), ["lak test", "picture", "Jan Jansen", "Café €"]);
}

#[test]
fn emf_redaction_overwrites_in_place_and_evens_out_the_advances() {
    let d = emf(&[ext_text_out(&utf16le("Jan Jansen"), 10, true, 0)]);
    let mf = read(&d).unwrap();
    let out = redact(&d, &mf, &[(2, 4, 10)]).unwrap();
    assert_eq!(out.len(), d.len());
    assert_eq!(texts(&out)[2], "Jan ██████");
    assert!(!out.windows(12).any(|w| w == utf16le("Jansen").as_slice()));
    // Advances 14..19 (sum 99) become 16 or 17, keeping the sum; the first four stay.
    let rec_at = d.len() - 20 - ext_text_out(&utf16le("Jan Jansen"), 10, true, 0).len();
    let dx_at = rec_at + 76 + 20;
    let dx: Vec<i32> = (0..10).map(|i| i32_at(&out, dx_at + 4 * i).unwrap()).collect();
    assert_eq!(dx, [10, 11, 12, 13, 17, 17, 17, 16, 16, 16]);
    // Nothing else changed.
    let changed: Vec<usize> = (0..d.len()).filter(|&i| d[i] != out[i]).collect();
    assert!(
        changed.iter().all(|&i| (rec_at + 76 + 8..rec_at + 76 + 20).contains(&i) || i >= dx_at + 16),
        "{changed:?}"
    );
}

#[test]
fn wmf_text_is_read_and_redacted() {
    let s = b"Tel. 06-12345678";
    // META_EXTTEXTOUT without rectangle, with advances.
    let mut ext = Vec::new();
    let words = (14 + s.len() + 2 * s.len()) / 2;
    ext.extend((words as u32).to_le_bytes());
    ext.extend(META_EXTTEXTOUT.to_le_bytes());
    ext.extend([0u8; 4]);
    ext.extend((s.len() as u16).to_le_bytes());
    ext.extend(0u16.to_le_bytes());
    ext.extend(s);
    for _ in 0..s.len() {
        ext.extend(7i16.to_le_bytes());
    }
    // META_TEXTOUT with an odd length (padded).
    let t = b"Bas";
    let mut out = Vec::new();
    out.extend(((8 + 4 + 4) / 2u32).to_le_bytes());
    out.extend(META_TEXTOUT.to_le_bytes());
    out.extend(3u16.to_le_bytes());
    out.extend(t);
    out.push(0);
    out.extend([0u8; 4]);
    let mut d = vec![1, 0, 9, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    d.extend(&ext);
    d.extend(&out);
    d.extend([3, 0, 0, 0, 0, 0]);
    assert_eq!(sniff(&d), Some(MetaKind::Wmf));
    assert_eq!(texts(&d), ["Tel. 06-12345678", "Bas"]);
    let mf = read(&d).unwrap();
    let red = redact(&d, &mf, &[(0, 5, 16)]).unwrap();
    assert_eq!(texts(&red), ["Tel. ###########", "Bas"]);
}

fn refused(d: &[u8]) -> String {
    read(d).expect_err("must be refused")
}

#[test]
fn what_lak_cannot_read_is_refused_with_a_reason() {
    let plus = rec(EMR_COMMENT, &[&8u32.to_le_bytes()[..], &EMF_PLUS.to_le_bytes(), &[0; 4]].concat());
    assert!(refused(&emf(&[plus])).contains("EMF+"));
    let glyphs = ext_text_out(&[1, 0, 2, 0], 2, true, ETO_GLYPH_INDEX);
    assert!(refused(&emf(&[glyphs])).contains("glyph indices"));
    assert!(refused(&emf(&[ext_text_out(b"a\x81", 2, false, 0)])).contains("cannot decode"));
    assert!(refused(&emf(&[ext_text_out(&[0x00, 0xD8], 1, true, 0)])).contains("surrogate"));
    let mut greek = vec![0u8; 96];
    greek[4 + 23] = 161;
    let font = rec(EMR_EXTCREATEFONTINDIRECTW, &greek);
    let select = rec(EMR_SELECTOBJECT, &0u32.to_le_bytes());
    assert!(refused(&emf(&[font, select, ext_text_out(b"abc", 3, false, 0)])).contains("character set 161"));
    assert!(refused(&emf(&[rec(106, &[0; 8])])).contains("escape"));
    assert!(refused(&emf(&[rec(200, &[])])).contains("unknown record"));
    let mut trailing = emf(&[]);
    trailing.extend(b"Jan Jansen");
    assert!(refused(&trailing).contains("after the end-of-file"));
    let mut no_eof = emf(&[]);
    no_eof.truncate(no_eof.len() - 20);
    assert!(refused(&no_eof).contains("without an end-of-file"));
    let group = rec(
        EMR_COMMENT,
        &[&8u32.to_le_bytes()[..], &GDI_COMMENT.to_le_bytes(), &0x8000_0001u32.to_le_bytes()].concat(),
    );
    assert!(refused(&emf(&[group])).contains("embedded WMF"));
}

#[test]
fn bytes_no_emf_field_defines_are_zeroed_and_font_names_are_read() {
    // A colour record longer than its field, a font named after a person, a string longer than its count.
    let mut tail = 0x00FF_FFFFu32.to_le_bytes().to_vec();
    tail.extend(utf16le("Jan Jansen"));
    let bk = rec(25, &tail);
    let mut font = vec![0u8; 96];
    font[4 + 28..4 + 28 + 20].copy_from_slice(&utf16le("Jan Jansen"));
    let font = rec(EMR_EXTCREATEFONTINDIRECTW, &font);
    let mut short = ext_text_out(&utf16le("BSN Jansen"), 10, true, 0);
    short[44] = 3; // chars: only "BSN" is drawn
    let d = emf(&[bk, font, short]);
    let mf = read(&d).unwrap();
    assert_eq!(texts(&d)[2..], ["Jan Jansen", "BSN"]);
    assert_eq!(mf.zero.len(), 3, "{:?}", mf.zero);
    let jansen = utf16le("Jansen");
    let count = |b: &[u8]| b.windows(jansen.len()).filter(|w| *w == jansen.as_slice()).count();
    assert_eq!(count(&d), 3);
    // Without a redaction only the font's name is left (it is text the detector reads) ...
    let out = redact(&d, &mf, &[]).unwrap();
    assert_eq!(count(&out), 1);
    assert!(read(&out).unwrap().zero.is_empty());
    // ... and a redaction of it overwrites it.
    let out = redact(&d, &mf, &[(2, 4, 10)]).unwrap();
    assert_eq!(count(&out), 0);
    assert_eq!(texts(&out)[2], "Jan ██████");
}

#[test]
fn an_out_of_bounds_string_is_refused() {
    let mut r = ext_text_out(&utf16le("abc"), 3, true, 0);
    r[44] = 200; // chars
    assert!(refused(&emf(&[r])).contains("outside"));
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

/// Reads every truncation of `d` and 20,000 random mutations of it, redacting all text of those that
/// read: nothing may panic.
fn never_panics(d: &[u8], seed: u64) {
    let mut rng = Lcg(seed);
    for k in 0..d.len() {
        let _ = read(&d[..k]);
    }
    for _ in 0..20_000 {
        let mut m = d.to_vec();
        for _ in 0..1 + rng.next() % 4 {
            let i = rng.next() % m.len();
            m[i] = (rng.next() % 256) as u8;
        }
        if let Ok(mf) = read(&m) {
            let cuts: Vec<(usize, usize, usize)> =
                (0..mf.texts.len()).map(|t| (t, 0, mf.texts[t].text.len())).collect();
            let _ = redact(&m, &mf, &cuts);
        }
    }
}

#[test]
fn mutated_metafiles_never_panic() {
    let d = emf(&[ext_text_out(&utf16le("Jan Jansen"), 10, true, 0), ext_text_out(b"Caf\xe9", 4, false, ETO_PDY)]);
    never_panics(&d, 7);
}

/// A WMF record: size in words, function, parameters (padded to a word).
fn wrec(func: u16, params: &[u8]) -> Vec<u8> {
    let mut p = params.to_vec();
    if p.len() % 2 == 1 {
        p.push(0);
    }
    let mut r = ((6 + p.len()) as u32 / 2).to_le_bytes().to_vec();
    r.extend(func.to_le_bytes());
    r.extend(p);
    r
}

/// A placeable WMF with the given records and META_EOF.
fn wmf(records: &[Vec<u8>]) -> Vec<u8> {
    let mut d = WMF_PLACEABLE_KEY.to_le_bytes().to_vec();
    d.extend([0u8; 2]); // HWmf
    d.extend([0, 0, 0, 0, 100, 0, 100, 0]); // bounding box
    d.extend(1440u16.to_le_bytes());
    d.extend([0u8; 4]); // reserved
    d.extend([0u8; 2]); // checksum
    d.extend([1, 0, 9, 0, 0, 3, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]);
    for r in records {
        d.extend(r);
    }
    d.extend(wrec(META_EOF, &[]));
    d
}

/// META_CREATEFONTINDIRECT with the given face name field (up to 32 bytes).
fn wmf_font(face: &[u8]) -> Vec<u8> {
    let mut p = vec![0u8; 18];
    p[0] = 0xF4; // height -12
    p[1] = 0xFF;
    p.extend(face);
    wrec(META_CREATEFONTINDIRECT, &p)
}

fn textout(s: &[u8]) -> Vec<u8> {
    let mut p = (s.len() as u16).to_le_bytes().to_vec();
    p.extend(s);
    if s.len() % 2 == 1 {
        p.push(0);
    }
    p.extend([10, 0, 20, 0]);
    wrec(META_TEXTOUT, &p)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn bytes_no_wmf_field_defines_are_zeroed() {
    // SETBKCOLOR with a colour and then a value; a TEXTOUT with a value after its coordinates and in
    // its padding byte; an EOF record longer than its fields.
    let mut bk = wrec(0x0201, &[0xFF, 0xFF, 0xFF, 0x00, b'1', b'1', b'1', b'2', b'2', b'2', b'3', b'3', b'3', 0]);
    let mut text = textout(b"Bas");
    text.extend(b"111222333\0");
    let words = (text.len() / 2) as u32;
    text[..4].copy_from_slice(&words.to_le_bytes());
    text[8 + 3] = b'9'; // the padding byte after "Bas"
    let mut d = wmf(&[std::mem::take(&mut bk), text]);
    let eof = d.len() - 6;
    d.truncate(eof);
    d.extend([5, 0, 0, 0, 0, 0, b'4', b'4', b'4', b'5']);
    let mf = read(&d).unwrap();
    assert_eq!(texts(&d), ["Bas"]);
    assert_eq!(mf.zero.len(), 4, "{:?}", mf.zero);
    let out = redact(&d, &mf, &[]).unwrap();
    assert_eq!(out.len(), d.len());
    assert!(contains(&d, b"111222333") && !contains(&out, b"111222333") && !contains(&out, b"4445"));
    assert!(!out.contains(&b'9'));
    assert_eq!(texts(&out), ["Bas"]);
    assert!(read(&out).unwrap().zero.is_empty(), "the output needs no more zeroing");
}

#[test]
fn a_wmf_font_name_ends_at_its_nul() {
    let mut face = b"Arial\0".to_vec();
    face.extend(b"111222333 Jansen");
    face.resize(32, 0);
    let d = wmf(&[wmf_font(&face), wrec(META_SELECTOBJECT, &[0, 0]), textout(b"Hallo")]);
    let mf = read(&d).unwrap();
    assert_eq!(texts(&d), ["Arial", "Hallo"]);
    let out = redact(&d, &mf, &[]).unwrap();
    assert!(!contains(&out, b"111222333") && !contains(&out, b"Jansen"));
    assert!(contains(&out, b"Arial\0\0\0"));
    // A name that fills its 32 bytes is all text; a longer record's bytes after them are unused.
    let mut long = vec![b'A'; 32];
    long.extend(b"Jansen");
    let d = wmf(&[wmf_font(&long)]);
    let mf = read(&d).unwrap();
    assert_eq!(texts(&d), ["A".repeat(32)]);
    assert!(!contains(&redact(&d, &mf, &[]).unwrap(), b"Jansen"));
    // The name is redacted in place like any other text.
    let d = wmf(&[wmf_font(b"Jan Jansen\0")]);
    let mf = read(&d).unwrap();
    assert_eq!(texts(&redact(&d, &mf, &[(0, 4, 10)]).unwrap()), ["Jan ######"]);
}

#[test]
fn wmf_records_are_checked_against_their_fields_and_counts() {
    let polyline = |n: u16, points: usize| {
        let mut p = n.to_le_bytes().to_vec();
        p.extend(vec![1u8; 4 * points]);
        wrec(0x0325, &p)
    };
    assert!(read(&wmf(&[polyline(3, 3)])).unwrap().zero.is_empty());
    assert!(refused(&wmf(&[polyline(4, 3)])).contains("shorter than its fields"));
    // POLYPOLYGON: two polygons of 3 and 2 points.
    let mut pp = 2u16.to_le_bytes().to_vec();
    pp.extend([3, 0, 2, 0]);
    pp.extend([7u8; 20]);
    assert!(read(&wmf(&[wrec(0x0538, &pp)])).unwrap().zero.is_empty());
    pp[2] = 4;
    assert!(refused(&wmf(&[wrec(0x0538, &pp)])).contains("shorter than its fields"));
    assert!(refused(&wmf(&[wrec(0x0201, &[1])])).contains("shorter than its fields"));
    // An EXTTEXTOUT whose string runs past the record.
    let mut ext = vec![0u8; 4];
    ext.extend(20u16.to_le_bytes());
    ext.extend([0, 0]);
    ext.extend(b"Jansen");
    assert!(refused(&wmf(&[wrec(META_EXTTEXTOUT, &ext)])).contains("shorter than its string"));
}

#[test]
fn what_lak_cannot_check_in_a_wmf_is_refused_with_a_reason() {
    let unknown = refused(&wmf(&[wrec(0x0777, b"111222333")]));
    assert!(unknown.contains("unknown record function") && unknown.contains("0x0777"), "{unknown}");
    assert!(refused(&wmf(&[wrec(0x0D33, &[0; 30])])).contains("META_SETDIBTODEV"));
    assert!(refused(&wmf(&[wrec(0x0922, &[0; 40])])).contains("Bitmap16"));
    assert!(refused(&wmf(&[wrec(META_ESCAPE, &[0; 8])])).contains("escape"));
    let mut trailing = wmf(&[]);
    trailing.extend(b"111222333");
    assert!(refused(&trailing).contains("after the end-of-file"));
    let mut reserved = wmf(&[]);
    reserved[17] = b'1';
    assert!(refused(&reserved).contains("reserved"));
    let mut no_eof = wmf(&[]);
    no_eof.truncate(no_eof.len() - 6);
    assert!(refused(&no_eof).contains("without an end-of-file"));
}

/// META_STRETCHDIB with a 3×2 24-bit bitmap whose rows carry `pad` in their padding.
fn stretch_dib(pad: u8, compression: u32) -> Vec<u8> {
    let mut p = 0x00CC_0020u32.to_le_bytes().to_vec();
    p.extend([0, 0]); // DIB_RGB_COLORS
    p.extend([0u8; 16]);
    p.extend(40u32.to_le_bytes());
    p.extend(3i32.to_le_bytes());
    p.extend(2i32.to_le_bytes());
    p.extend(1u16.to_le_bytes());
    p.extend(24u16.to_le_bytes());
    p.extend(compression.to_le_bytes());
    p.extend([0u8; 20]);
    for _ in 0..2 {
        p.extend([0x80; 9]);
        p.extend([pad; 3]);
    }
    wrec(0x0F43, &p)
}

#[test]
fn wmf_bitmaps_keep_their_pixels_and_lose_their_padding() {
    let d = wmf(&[stretch_dib(0, 0)]);
    assert!(read(&d).unwrap().zero.is_empty());
    let d = wmf(&[stretch_dib(b'3', 0)]);
    let mf = read(&d).unwrap();
    assert_eq!(mf.zero.len(), 2);
    let out = redact(&d, &mf, &[]).unwrap();
    assert!(!out.contains(&b'3') && out.iter().filter(|&&b| b == 0x80).count() == 18);
    assert!(refused(&wmf(&[stretch_dib(0, 1)])).contains("compressed"));
}

#[test]
fn mutated_wmfs_never_panic() {
    let mut face = b"Arial\0".to_vec();
    face.resize(32, 0);
    let d = wmf(&[wmf_font(&face), wrec(META_SELECTOBJECT, &[0, 0]), textout(b"Jan"), stretch_dib(0, 0)]);
    assert!(read(&d).is_ok());
    never_panics(&d, 11);
}
