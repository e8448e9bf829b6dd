//! Text read from pixels, for every adapter that OCRs a picture (picture files, scanned PDF pages): one
//! implementation of how OCR words become text the detector reads, of when a reading is good enough to
//! check, and of how a word's box is blacked out.
//!
//! ```text
//!  pixels ─► OCR (src/ocr.rs) ─► words ─► drop what stands on black ─► judge the reading
//!         ─► layout: a unit per OCR block, a line per OCR line ─► detector
//!  findings ─► the boxes of their words ─► fill black, with a margin ─► the adapter encodes anew
//! ```
//!
//! The adapters differ only in where the pixels come from and go to, and in how a box in pixels maps to
//! their own coordinates (a picture keeps pixels; a PDF page maps them through the image's matrix).

use image::{GrayImage, Luma, Rgb, RgbImage};

/// Pictures with fewer pixels than this on either side are not read: no line of text fits (Tesseract
/// needs letters of about 10 pixels).
pub(crate) const MIN_SIDE: u32 = 16;

use crate::ocr::{Engine, Word};

/// A reading is too unsure to check when the mean confidence of its words (of two letters or digits or
/// more) is below this (Tesseract's 0–100 scale). Printed text scanned at 150 dpi reads at 90–96;
/// handwriting and blurred photos at 30–70.
pub const MIN_MEAN_CONFIDENCE: f32 = 80.0;

/// ... or when any word of three letters or digits or more reads below this: a name read this unsure
/// may be misread, and then no rule finds it.
pub const MIN_WORD_CONFIDENCE: f32 = 40.0;

/// A word's place in the units of a [`Layout`].
#[derive(Clone, Debug)]
pub(crate) struct Placed {
    pub unit: usize,
    pub start: usize,
    pub end: usize,
    /// Left, top, width, height in pixels.
    pub bbox: [u32; 4],
    /// The OCR line, numbered through the whole reading: words of one line share it.
    pub line: u32,
    /// The word as OCR read it, when letters in it were taken for digits (see [`digits_for_letters`]).
    pub read_as: Option<String>,
}

/// What OCR read, as text: one unit per OCR block (a line break between OCR lines, a space between
/// words), and where each word stands in it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    pub units: Vec<String>,
    pub words: Vec<Placed>,
}

impl Layout {
    /// Lays out `words` (in Tesseract's reading order).
    pub fn new(words: &[Word]) -> Layout {
        let mut units: Vec<String> = Vec::new();
        let mut placed = Vec::new();
        let mut last: Option<&Word> = None;
        let mut line = 0;
        for w in words {
            match last {
                Some(l) if l.block == w.block => {
                    let text = units.last_mut().expect("a unit per block");
                    if (l.paragraph, l.line) == (w.paragraph, w.line) {
                        text.push(' ');
                    } else {
                        text.push('\n');
                        line += 1;
                    }
                }
                Some(_) => {
                    units.push(String::new());
                    line += 1;
                }
                None => units.push(String::new()),
            }
            let unit = units.len() - 1;
            let text = &mut units[unit];
            let start = text.len();
            let corrected = digits_for_letters(&w.text);
            text.push_str(corrected.as_deref().unwrap_or(&w.text));
            let read_as = corrected.map(|_| w.text.clone());
            placed.push(Placed { unit, start, end: text.len(), bbox: w.bbox, line, read_as });
            last = Some(w);
        }
        Layout { units, words: placed }
    }

    /// The words of unit `unit` that `start..end` touches (a value that is part of a word takes the
    /// whole word).
    pub fn words_in(&self, unit: usize, start: usize, end: usize) -> impl Iterator<Item = &Placed> {
        self.words.iter().filter(move |w| w.unit == unit && w.start < end && w.end > start)
    }

    /// The boxes (left, top, right, bottom) that cover `start..end` of `unit`: one per OCR line, over
    /// its words and the spaces between them. `None` when the span touches no word.
    pub fn line_boxes(&self, unit: usize, start: usize, end: usize) -> Option<Vec<[u32; 4]>> {
        let mut boxes: Vec<(u32, [u32; 4])> = Vec::new();
        for w in self.words_in(unit, start, end) {
            let [x, y, bw, bh] = w.bbox;
            let b = [x, y, x + bw, y + bh];
            match boxes.iter_mut().find(|(line, _)| *line == w.line) {
                Some((_, u)) => *u = [u[0].min(b[0]), u[1].min(b[1]), u[2].max(b[2]), u[3].max(b[3])],
                None => boxes.push((w.line, b)),
            }
        }
        (!boxes.is_empty()).then(|| boxes.into_iter().map(|(_, b)| b).collect())
    }

    /// How OCR read the words of `start..end` whose letters were taken for digits, for the report:
    /// `read 27491836S, letters taken for digits`.
    pub fn correction_note(&self, unit: usize, start: usize, end: usize) -> Option<String> {
        let read: Vec<&str> = self.words_in(unit, start, end).filter_map(|w| w.read_as.as_deref()).collect();
        (!read.is_empty()).then(|| format!("read {}, letters taken for digits", read.join(" ")))
    }

    /// The 1-based line of unit `unit` at byte `start`.
    pub fn line_of(&self, unit: usize, start: usize) -> Option<u32> {
        self.units.get(unit).map(|t| t[..start.min(t.len())].matches('\n').count() as u32 + 1)
    }
}

/// Box `b` (left, top, right, bottom) of the picture turned `turn` degrees clockwise, in the picture of
/// `size` (width, height) as it is.
pub(crate) fn unturned(b: [u32; 4], turn: u32, (w, h): (u32, u32)) -> [u32; 4] {
    let [l, t, r, bo] = b;
    match turn {
        90 => [t, h.saturating_sub(r), bo, h.saturating_sub(l)],
        180 => [w.saturating_sub(r), h.saturating_sub(bo), w.saturating_sub(l), h.saturating_sub(t)],
        270 => [w.saturating_sub(bo), l, w.saturating_sub(t), r],
        _ => b,
    }
}

/// Reads `grey` turned, when Tesseract's orientation detection says it stands on its side or upside
/// down (see [`Engine::rotation`]) and the turned reading is sure: the words, with their boxes mapped
/// back into `grey` as it is, and the turn. `None` when there is no turn to make or the turned picture
/// reads no better.
pub(crate) fn read_turned(engine: &Engine, grey: &GrayImage, dpi: Option<u32>) -> Option<(Vec<Word>, u32)> {
    let turn = engine.rotation(&pgm(grey))?;
    let turned = match turn {
        90 => image::imageops::rotate90(grey),
        180 => image::imageops::rotate180(grey),
        _ => image::imageops::rotate270(grey),
    };
    let mut words = engine.read_at(&pgm(&turned), dpi).ok()?;
    if judge(&mut words, &turned) != Verdict::Readable {
        return None;
    }
    for w in &mut words {
        let [x, y, bw, bh] = w.bbox;
        let [l, t, r, b] = unturned([x, y, x + bw, y + bh], turn, grey.dimensions());
        w.bbox = [l, t, r - l, b - t];
    }
    Some((words, turn))
}

/// A grey picture as binary PNM (`P5`), which Tesseract reads from stdin without a codec.
/// A picture's fingerprint: `sha256:` and the SHA-256 of its grey pixels (as a PGM, so its size is in
/// it). A person who has looked at a picture lak withholds lists it in a `--checked-pictures` file; the
/// same pixels in any file of any later run are then not read (a logo read unsure on every letter).
pub(crate) fn fingerprint(g: &GrayImage) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(pgm(g));
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// What a reason for withholding a picture adds so the user can let it through once checked.
pub(crate) fn checked_hint(fingerprints: &[String]) -> String {
    format!(
        "once a person has checked it, list {} in a --checked-pictures file",
        if fingerprints.len() == 1 { fingerprints[0].clone() } else { fingerprints.join(", ") }
    )
}

pub(crate) fn pgm(g: &GrayImage) -> Vec<u8> {
    let mut out = format!("P5\n{} {}\n255\n", g.width(), g.height()).into_bytes();
    out.extend_from_slice(g.as_raw());
    out
}

/// A word OCR read as a number with a few letters in it (`27491836S`, `O6-12345678`, `l11222333`): the
/// digits the letters stand for (`O`/`o` 0, `l`/`I`/`|` 1, `S`/`s` 5, `B` 8), so that a validator decides
/// on the number (a BSN's 11-proof, a phone number's shape) as a reader of the picture would. Only a
/// word of digits, those letters and the separators `-./` (and punctuation after it), with at least
/// five digits and at most two such letters; every replacement is one ASCII byte for one, so offsets in
/// the text stay those of the words.
pub(crate) fn digits_for_letters(word: &str) -> Option<String> {
    let body = word.trim_end_matches([',', ';', ':', ')', '.']);
    let (mut digits, mut letters) = (0, 0);
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            'O' | 'o' | 'l' | 'I' | '|' | 'S' | 's' | 'B' => letters += 1,
            '-' | '.' | '/' => {}
            _ => return None,
        }
    }
    if digits < 5 || letters == 0 || letters > 2 {
        return None;
    }
    Some(
        word.chars()
            .enumerate()
            .map(|(i, c)| match c {
                _ if i >= body.len() => c,
                'O' | 'o' => '0',
                'l' | 'I' | '|' => '1',
                'S' | 's' => '5',
                'B' => '8',
                _ => c,
            })
            .collect(),
    )
}

/// The share (0–1) of near-black pixels in the rectangle `x0..x1` × `y0..y1`, clipped to the picture.
fn dark_share(pixels: &GrayImage, x0: u32, y0: u32, x1: u32, y1: u32) -> f32 {
    let (x1, y1) = (x1.min(pixels.width()), y1.min(pixels.height()));
    let (mut dark, mut all) = (0u64, 0u64);
    for yy in y0.min(y1)..y1 {
        for xx in x0.min(x1)..x1 {
            all += 1;
            dark += u64::from(pixels.get_pixel(xx, yy).0[0] < 48);
        }
    }
    if all == 0 { 0.0 } else { dark as f32 / all as f32 }
}

/// Whether word box `b` (left, top, width, height) is nine tenths or more near-black pixels: what OCR
/// reads in a black box (lak's own, in an output read back, or one already on the scan) is no text.
pub(crate) fn on_black(pixels: &GrayImage, b: [u32; 4]) -> bool {
    let [x, y, w, h] = b;
    dark_share(pixels, x, y, x + w, y + h) >= 0.9
}

/// Whether a black box stands right beside word box `b`, or half covers it: in the three word heights
/// to its left or right, three tenths of the pixels or more are near-black (a label a word's gap away
/// from the box of its value: `Voornamen:` before blacked-out given names), or half of the word's own
/// box is (a fragment OCR reads on a box's edge). OCR reads such a word less sure than elsewhere.
fn beside_black(pixels: &GrayImage, b: [u32; 4]) -> bool {
    let [x, y, w, h] = b;
    let reach = 3 * h;
    dark_share(pixels, x.saturating_sub(reach), y, x, y + h) >= 0.3
        || dark_share(pixels, x + w, y, x + w + reach, y + h) >= 0.3
        || dark_share(pixels, x, y, x + w, y + h) >= 0.5
}

/// Share of the pixels darker than mid-grey under which a picture counts as blank (a scanned empty
/// page, the back of a letter): one in a thousand.
pub const BLANK_DARK_SHARE: f32 = 0.001;

/// Whether the picture is blank: fewer than [`BLANK_DARK_SHARE`] of its pixels darker than mid-grey.
/// Nothing there can be text or a face; it needs no reading.
pub(crate) fn is_blank(pixels: &GrayImage) -> bool {
    let dark = pixels.pixels().filter(|p| p.0[0] < 128).count() as u64;
    let all = u64::from(pixels.width()) * u64::from(pixels.height());
    all == 0 || (dark as f64) < f64::from(BLANK_DARK_SHARE) * all as f64
}

/// Letters and digits in a word.
fn alphanumerics(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphanumeric()).count()
}

/// How well OCR read a picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Verdict {
    /// Well enough to check.
    Readable,
    /// No word of two letters or digits.
    NoText,
    /// Below [`MIN_MEAN_CONFIDENCE`] on average, or `unsure` words below [`MIN_WORD_CONFIDENCE`].
    Unsure { mean: f32, unsure: usize },
}

impl Verdict {
    /// Why a reading with this verdict cannot be checked, for a manual-handling reason; `None` when
    /// it can.
    pub fn why(self) -> Option<String> {
        match self {
            Verdict::Readable => None,
            Verdict::NoText => Some(
                "OCR reads no text; lak does not judge what a photo shows (a face, a house, a \
                                     licence plate)"
                    .into(),
            ),
            Verdict::Unsure { mean, unsure } => Some(format!(
                "OCR reads unsure (mean confidence {mean:.0}, {unsure} words under {MIN_WORD_CONFIDENCE:.0}; lak \
                 needs {MIN_MEAN_CONFIDENCE:.0} and none): handwriting or a blurred picture"
            )),
        }
    }
}

/// Drops the words that stand on black from `words` (see [`on_black`]) and judges what is left.
pub(crate) fn judge(words: &mut Vec<Word>, pixels: &GrayImage) -> Verdict {
    words.retain(|w| !on_black(pixels, w.bbox));
    verdict(words, |w| beside_black(pixels, w.bbox))
}

/// Whether OCR read the words well enough to check them. A word `beside_box` (a black box) may read
/// unsure: the box, not the writing, is what OCR stumbles on.
fn verdict(words: &[Word], beside_box: impl Fn(&Word) -> bool) -> Verdict {
    let content: Vec<&Word> = words.iter().filter(|w| alphanumerics(&w.text) >= 2).collect();
    // Only one- and two-letter fragments (what OCR makes of a gradient, a photo's texture): no text.
    if !content.iter().any(|w| alphanumerics(&w.text) >= 3) {
        return Verdict::NoText;
    }
    // Words beside a box are left out of the mean too: an output read back has a box beside every label.
    let free: Vec<f32> = content.iter().filter(|w| !beside_box(w)).map(|w| w.confidence).collect();
    let mean = if free.is_empty() { 100.0 } else { free.iter().sum::<f32>() / free.len() as f32 };
    let unsure = content
        .iter()
        .filter(|w| alphanumerics(&w.text) >= 3 && w.confidence < MIN_WORD_CONFIDENCE && !beside_box(w))
        .count();
    if mean < MIN_MEAN_CONFIDENCE || unsure > 0 { Verdict::Unsure { mean, unsure } } else { Verdict::Readable }
}

/// The margin around a box of `height` pixels: a fifth of it, at least 2 pixels.
pub(crate) fn margin(height: u32) -> u32 {
    (height / 5).max(2)
}

/// Box `b` (left, top, right, bottom) widened by [`margin`] and clipped to a `width` × `height` picture.
/// The margin follows the line's thickness, its shorter side: a line read turned stands upright in
/// the picture as it is.
pub(crate) fn widened(b: [u32; 4], width: u32, height: u32) -> [u32; 4] {
    let m = margin(b[3].saturating_sub(b[1]).min(b[2].saturating_sub(b[0])));
    [b[0].saturating_sub(m), b[1].saturating_sub(m), (b[2] + m).min(width), (b[3] + m).min(height)]
}

/// Pixels to black out in: grey or colour, as decoded.
pub(crate) enum Pixels {
    Grey(GrayImage),
    Colour(RgbImage),
}

impl Pixels {
    pub fn dimensions(&self) -> (u32, u32) {
        match self {
            Pixels::Grey(g) => g.dimensions(),
            Pixels::Colour(c) => c.dimensions(),
        }
    }

    /// Fills each box (left, top, right, bottom; already widened, clipped here) black.
    pub fn fill(&mut self, boxes: &[[u32; 4]]) {
        for b in boxes {
            match self {
                Pixels::Grey(p) => rect(p.width(), p.height(), b, |x, y| p.put_pixel(x, y, Luma([0]))),
                Pixels::Colour(p) => rect(p.width(), p.height(), b, |x, y| p.put_pixel(x, y, Rgb([0, 0, 0]))),
            }
        }
    }
}

/// Calls `set` for every pixel of `b` (left, top, right, bottom) inside a `width` × `height` picture.
fn rect(width: u32, height: u32, b: &[u32; 4], mut set: impl FnMut(u32, u32)) {
    for y in b[1].min(height)..b[3].min(height) {
        for x in b[0].min(width)..b[2].min(width) {
            set(x, y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::digits_for_letters;

    #[test]
    fn a_box_in_the_turned_picture_maps_back_onto_the_same_pixels() {
        // A 7 × 4 picture with one white box; turned, the white box's bounds there map back to it.
        let (w, h) = (7u32, 4u32);
        let original = [2u32, 1, 5, 3];
        let img = image::GrayImage::from_fn(w, h, |x, y| {
            image::Luma([if (original[0]..original[2]).contains(&x) && (original[1]..original[3]).contains(&y) {
                255
            } else {
                0
            }])
        });
        for turn in [0, 90, 180, 270] {
            let t = match turn {
                90 => image::imageops::rotate90(&img),
                180 => image::imageops::rotate180(&img),
                270 => image::imageops::rotate270(&img),
                _ => img.clone(),
            };
            let white: Vec<(u32, u32)> = t.enumerate_pixels().filter(|p| p.2.0[0] == 255).map(|p| (p.0, p.1)).collect();
            let seen = [
                white.iter().map(|p| p.0).min().unwrap(),
                white.iter().map(|p| p.1).min().unwrap(),
                white.iter().map(|p| p.0).max().unwrap() + 1,
                white.iter().map(|p| p.1).max().unwrap() + 1,
            ];
            assert_eq!(super::unturned(seen, turn, (w, h)), original, "turn {turn}");
        }
    }

    #[test]
    fn letters_ocr_reads_for_digits_in_a_number_are_taken_as_digits() {
        assert_eq!(digits_for_letters("27491836S").as_deref(), Some("274918365"));
        assert_eq!(digits_for_letters("O6-12345678,").as_deref(), Some("06-12345678,"));
        assert_eq!(digits_for_letters("l11222333").as_deref(), Some("111222333"));
        assert_eq!(digits_for_letters("1B-05-1984").as_deref(), Some("18-05-1984"));
        // Words, short numbers, and numbers with many letters stay as read.
        for word in ["BSN:", "Stoop", "ISO-27001", "S1234", "2023", "OSLO12345", "Verbeek", "274918365", "NXKR7PWA3"] {
            assert_eq!(digits_for_letters(word), None, "{word}");
        }
    }

    use super::*;

    fn word(text: &str, x: u32, conf: f32, block: u32, line: u32) -> Word {
        Word { text: text.into(), bbox: [x, 10 * line, 40, 12], confidence: conf, block, paragraph: 1, line }
    }

    #[test]
    fn blocks_become_units_and_lines_line_breaks() {
        let words = [
            word("Naam:", 0, 95.0, 1, 1),
            word("Pieter", 50, 95.0, 1, 1),
            word("BSN:", 0, 95.0, 1, 2),
            word("Gemeente", 0, 95.0, 2, 1),
        ];
        let layout = Layout::new(&words);
        assert_eq!(layout.units, ["Naam: Pieter\nBSN:", "Gemeente"]);
        let p = &layout.words[1];
        assert_eq!((p.unit, p.start, p.end), (0, 6, 12));
        assert_eq!(layout.words[3].unit, 1);
        assert_eq!(layout.line_of(0, 13), Some(2));
        // A span over two words of one line is one box over both; over two lines, one box each.
        assert_eq!(layout.line_boxes(0, 0, 12), Some(vec![[0, 10, 90, 22]]));
        assert_eq!(layout.line_boxes(0, 6, 15).map(|b| b.len()), Some(2));
        assert_eq!(layout.line_boxes(1, 9, 9), None);
    }

    #[test]
    fn unsure_reading_and_no_text_need_a_person() {
        let sure = [word("Naam:", 0, 95.0, 1, 1), word("Pieter", 50, 92.0, 1, 1)];
        assert_eq!(verdict(&sure, |_| false), Verdict::Readable);
        let one_unsure = [word("Naam:", 0, 95.0, 1, 1), word("Pleter", 50, 31.0, 1, 1), word("de", 0, 99.0, 1, 1)];
        assert!(matches!(verdict(&one_unsure, |_| false), Verdict::Unsure { unsure: 1, .. }));
        let mut beside = one_unsure.to_vec();
        beside.extend((0..3).map(|i| word("aanvraag", 60 * i, 96.0, 1, 2)));
        assert!(matches!(verdict(&beside, |_| false), Verdict::Unsure { unsure: 1, .. }));
        assert_eq!(verdict(&beside, |w| w.text == "Pleter"), Verdict::Readable, "beside a box a word may read unsure");
        let noise = [word("|", 0, 20.0, 1, 1), word("~", 0, 10.0, 1, 1)];
        assert_eq!(verdict(&noise, |_| false), Verdict::NoText);
    }

    #[test]
    fn boxes_get_a_margin_and_stay_inside_the_picture() {
        // Margin max(10 / 5, 2) = 2.
        assert_eq!(widened([1, 1, 3, 11], 12, 12), [0, 0, 5, 12]);
        let mut p = Pixels::Grey(GrayImage::from_pixel(12, 12, Luma([255])));
        p.fill(&[[0, 0, 5, 12], [10, 10, 40, 40]]);
        let Pixels::Grey(g) = p else { unreachable!() };
        assert_eq!(g.pixels().filter(|p| p.0[0] == 0).count(), 5 * 12 + 2 * 2);
    }

    #[test]
    fn a_near_white_picture_is_blank() {
        let mut g = GrayImage::from_pixel(100, 100, Luma([250]));
        g.put_pixel(3, 3, Luma([0]));
        assert!(is_blank(&g), "a speck of dust");
        for x in 0..20 {
            g.put_pixel(x, 50, Luma([0]));
        }
        assert!(!is_blank(&g), "a line");
    }
}
