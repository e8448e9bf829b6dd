//! Term rules: whole-word matches of a word list (gazetteer rules in rule files, `--deny` lists).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::CompiledRule;
use super::boundary::is_whole_word;
use crate::model::{Evidence, Finding, RuleIndex, Source};
use crate::rules::{RuleKind, RuleSet};

#[derive(Debug)]
pub(crate) struct TermPass {
    lists: Vec<(RuleIndex, String, AhoCorasick)>,
}

impl TermPass {
    pub(crate) fn new(rules: &RuleSet) -> Option<TermPass> {
        let mut lists = Vec::new();
        for (ri, rule) in rules.rules().iter().enumerate() {
            if let RuleKind::Terms { list, terms, case_sensitive } = &rule.kind {
                if terms.is_empty() {
                    continue;
                }
                let ac = AhoCorasickBuilder::new()
                    .ascii_case_insensitive(!case_sensitive)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(terms)
                    .expect("term lists build");
                lists.push((ri, list.clone(), ac));
            }
        }
        (!lists.is_empty()).then_some(TermPass { lists })
    }

    pub(crate) fn find(
        &self,
        rules: &[CompiledRule],
        unit: usize,
        text: &str,
        around: super::Around<'_>,
        out: &mut Vec<Finding>,
    ) {
        for (ri, list, ac) in &self.lists {
            let rule = &rules[*ri];
            for m in ac.find_iter(text) {
                if !is_whole_word(text, m.start(), m.end()) {
                    continue;
                }
                let Some((confidence, context)) = rule.context_check(text, m.start(), m.end(), around) else {
                    continue;
                };
                out.push(Finding {
                    unit,
                    start: m.start(),
                    end: m.end(),
                    rule: *ri,
                    confidence,
                    evidence: Evidence {
                        source: Some(Source::Term { list: list.clone() }),
                        context,
                        exception: rule.exception(text, m.start(), m.end()),
                        ..Evidence::default()
                    },
                });
            }
        }
    }
}
