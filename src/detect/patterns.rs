//! The pattern pass: every regular expression of every rule, in one multi-pattern regex.
//!
//! One pass over the text finds candidates for all pattern rules at once (regex-automata's meta regex
//! with `new_many`); each candidate then goes through its rule's validator and context check. When a
//! candidate is rejected, the other patterns that match at the same position get their chance (an 8-digit
//! number that is not a BSN may still be a KvK number), and the search goes on one character later.

use regex_automata::meta::{Cache, Regex};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind, PatternID, PatternSet};

use super::CompiledRule;
use super::boundary::ceil_boundary;
use crate::model::{Evidence, Finding, RuleIndex, Source};
use crate::rules::{RuleKind, RuleSet};
use crate::{Error, Result, limits};

#[derive(Debug)]
pub(crate) struct PatternPass {
    regex: Regex,
    /// The same patterns with `MatchKind::All`: which patterns match at a position (leftmost-first
    /// semantics would only ever report the first).
    all: Regex,
    /// For each pattern id: the rule and the pattern's index within it.
    owners: Vec<(RuleIndex, usize)>,
}

impl PatternPass {
    pub(crate) fn new(rules: &RuleSet) -> Result<Option<PatternPass>> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        for (ri, rule) in rules.rules().iter().enumerate() {
            if let RuleKind::Patterns(ps) = &rule.kind {
                for (pi, p) in ps.iter().enumerate() {
                    patterns.push(p);
                    owners.push((ri, pi));
                }
            }
        }
        if patterns.is_empty() {
            return Ok(None);
        }
        let config =
            Regex::config().nfa_size_limit(Some(limits::MAX_REGEX_BYTES)).hybrid_cache_capacity(8 * 1024 * 1024);
        let build = |config: regex_automata::meta::Config| {
            Regex::builder()
                .configure(config)
                .syntax(syntax::Config::new().multi_line(true))
                .build_many(&patterns)
                .map_err(|e| Error::Usage(format!("the rule patterns do not compile together: {e}")))
        };
        let regex = build(config.clone())?;
        let all = build(config.match_kind(MatchKind::All))?;
        Ok(Some(PatternPass { regex, all, owners }))
    }

    pub(crate) fn create_cache(&self) -> (Cache, Cache) {
        (self.regex.create_cache(), self.all.create_cache())
    }

    /// Finds all accepted pattern matches in `text` (unit `unit`) and appends them to `out`.
    pub(crate) fn find(
        &self,
        caches: &mut (Cache, Cache),
        rules: &[CompiledRule],
        unit: usize,
        text: &str,
        around: super::Around<'_>,
        out: &mut Vec<Finding>,
    ) {
        let mut pos = 0;
        let (cache, all_cache) = caches;
        let mut patset = PatternSet::new(self.regex.pattern_len());
        while pos < text.len() {
            let input = Input::new(text).range(pos..);
            let Some(m) = self.regex.search_with(cache, &input) else {
                break;
            };
            let start = m.start();
            if let Some(f) = self.accept(rules, unit, text, around, m.pattern(), start, m.end()) {
                pos = f.end.max(start + 1);
                pos = ceil_boundary(text, pos);
                out.push(f);
                continue;
            }
            // Rejected: let the other patterns that match here try.
            patset.clear();
            let anchored = Input::new(text).range(start..).anchored(Anchored::Yes);
            self.all.which_overlapping_matches_with(all_cache, &anchored, &mut patset);
            let mut accepted = None;
            for pid in patset.iter().filter(|&p| p != m.pattern()) {
                let one = Input::new(text).range(start..).anchored(Anchored::Pattern(pid));
                if let Some(m2) = self.regex.search_with(cache, &one)
                    && let Some(f) = self.accept(rules, unit, text, around, pid, m2.start(), m2.end())
                {
                    accepted = Some(f);
                    break;
                }
            }
            match accepted {
                Some(f) => {
                    pos = ceil_boundary(text, f.end.max(start + 1));
                    out.push(f);
                }
                None => pos = ceil_boundary(text, start + 1),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        rules: &[CompiledRule],
        unit: usize,
        text: &str,
        around: super::Around<'_>,
        pid: PatternID,
        start: usize,
        end: usize,
    ) -> Option<Finding> {
        if start == end {
            return None;
        }
        let (ri, pi) = self.owners[pid.as_usize()];
        let rule = &rules[ri];
        let span = match rule.validator {
            Some(v) => super::validate::check(v, text, start..end)?,
            None => start..end,
        };
        let (confidence, context) = rule.context_check(text, span.start, span.end, around)?;
        Some(Finding {
            unit,
            start: span.start,
            end: span.end,
            rule: ri,
            confidence,
            evidence: Evidence {
                source: Some(Source::Pattern { pattern: pi }),
                validator: rule.validator.map(|v| v.name()),
                context,
                exception: rule.exception(text, span.start, span.end),
                ..Evidence::default()
            },
        })
    }
}
