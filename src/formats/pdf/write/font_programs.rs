//! Font programs lak keeps: their names, notices and comments blanked when one holds a removed value
//! (`fonts/font_words.rs` finds them).

use lopdf::{Document as LoDocument, Object};

use crate::formats::pdf::PdfDocument;
use crate::formats::pdf::fonts::font_words;
use crate::formats::pdf::read::objects::Budget;
use crate::formats::pdf::read::streams;
use crate::formats::{Document, Redaction};

impl PdfDocument {
    /// Blanks the names and notices of every font program left in `doc` in which one of them holds a
    /// removed value (`fonts/font_words.rs`); returns how many programs changed.
    pub(crate) fn blank_font_words(&self, doc: &mut LoDocument, redactions: &[Redaction], budget: &Budget) -> usize {
        let units = self.units();
        let mut values: Vec<String> = redactions
            .iter()
            .filter_map(|r| units.get(r.unit)?.get(r.start..r.end))
            .map(|t| t.trim().to_string())
            .filter(|t| t.chars().filter(|c| c.is_alphanumeric()).count() >= 4)
            .collect();
        values.sort();
        values.dedup();
        if values.is_empty() {
            return 0;
        }
        let mut n = 0;
        for (id, kind) in &self.streams.kinds {
            if *kind != streams::Kind::Font {
                continue;
            }
            let Some(Object::Stream(s)) = doc.objects.get_mut(id) else { continue };
            let Ok(program) = budget.decode(s) else { continue };
            if let Some(clean) = font_words::blank_if_holding(&program, &values) {
                s.set_plain_content(clean);
                n += 1;
            }
        }
        n
    }
}
