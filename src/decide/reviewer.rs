//! Reviewer decisions: `decisions.json`, read strictly and applied in the decision step.
//!
//! A person checks what the rules decided and writes down what they decide otherwise (the review page
//! writes the file; it is plain JSON, editable by hand). `lak redact --decisions FILE` applies exactly
//! those decisions on top of the rules, inside [`super::Policy`]'s decision step, so that everything
//! after it — the in-document repeat step, dossier consistency, the redaction plan, the re-scan of the
//! output and the final byte sweep — sees the reviewer's decisions as it sees the rules'.
//!
//! Three kinds of decision (schema in docs/reference.md):
//!
//! - `finding`: flips one finding, named by its stable id ([`crate::report::finding_id`]);
//! - `value`: keeps or redacts every finding with that text in every document of the run (compared
//!   case-insensitively, whitespace collapsed); a redacted value also becomes a finding wherever it
//!   stands as a whole word and no rule found it;
//! - `passage`: redacts bytes `start..end` of text unit `unit` of the document whose bytes hash to
//!   `sha256`.
//!
//! Precedence: a `finding` decision beats a `value` decision for that finding, a later decision beats an
//! earlier one of the same kind for the same target, and a reviewer's explicit keep of a finding is not
//! undone by a redacted value inside it. A reviewer's redaction that overlaps findings takes them in
//! (the box covers them all): a partial overlap never leaves part of a value or a passage readable.
//!
//! A decision that finds nothing to apply to (its finding is gone, its text differs, its document
//! changed) is *stale*: listed in the report, never applied elsewhere, and the run exits with code 3.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use regex_automata::meta::Regex;
use serde::{Deserialize, Serialize};

use crate::model::{Action, Decided, DecidedBy, Evidence, Finding, Reviewed, RuleIndex, Source};
use crate::rules::RuleSet;

/// The schema version of `decisions.json` this lak reads.
pub const VERSION: u64 = 1;

/// One decision as it stands in the file (also how the report lists a stale one).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    /// `finding`, `value` or `passage`.
    pub kind: String,
    /// The finding's id (`finding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// The value (`value`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The document's SHA-256, hex (`passage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The text unit (`passage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<usize>,
    /// First byte in the unit (`passage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// One past the last byte (`passage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// The text decided on: required for a passage, a check for a finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `redact` or `keep`.
    pub action: String,
    /// The label for the box (redact only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    /// Who decided.
    pub reviewer: String,
    /// When, RFC 3339 in UTC (`2026-12-03T15:04:05Z`).
    pub time: String,
    /// The document's number (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The reviewer's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    lak_decisions: u64,
    decisions: Vec<serde_json::Value>,
}

/// What a decision addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Finding {
        id: String,
        text: Option<String>,
    },
    /// The value, normalised ([`normalise`]).
    Value(String),
    Passage {
        sha256: String,
        unit: usize,
        start: usize,
        end: usize,
        text: String,
    },
}

/// One validated decision.
#[derive(Clone, Debug)]
struct Decision {
    raw: RawDecision,
    target: Target,
    redact: bool,
    ground: Option<String>,
    mark: Arc<Reviewed>,
}

/// A decisions file, validated.
#[derive(Clone, Debug, Default)]
pub struct Decisions {
    list: Vec<Decision>,
}

impl Decisions {
    /// Reads and validates a decisions file; every problem is a usage error (exit code 2) naming the
    /// file, the decision (1-based) and the field.
    pub fn load(path: &Path) -> crate::Result<Decisions> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| crate::Error::Usage(format!("{}: cannot be read: {e}", path.display())))?;
        // A byte-order mark, as some editors write one, is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Decisions::parse(text).map_err(|e| crate::Error::Usage(format!("{}: {e}", path.display())))
    }

    /// Parses and validates the text of a decisions file.
    pub fn parse(text: &str) -> Result<Decisions, String> {
        let file: RawFile = serde_json::from_str(text).map_err(|e| format!("not a decisions file: {e}"))?;
        if file.lak_decisions != VERSION {
            return Err(format!(
                "lak_decisions is {}; this lak reads version {VERSION} (a newer lak wrote the file?)",
                file.lak_decisions
            ));
        }
        let list = file
            .decisions
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let raw: RawDecision = serde_json::from_value(v).map_err(|e| format!("decision {}: {e}", i + 1))?;
                validate(raw).map_err(|e| format!("decision {}: {e}", i + 1))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Decisions { list })
    }

    /// The number of decisions.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Checks one decision against the schema: the fields its kind needs, and no field of another kind.
fn validate(raw: RawDecision) -> Result<Decision, String> {
    let redact = match raw.action.as_str() {
        "redact" => true,
        "keep" => false,
        other => return Err(format!("`action` is \"{other}\"; it must be \"redact\" or \"keep\"")),
    };
    if raw.reviewer.trim().is_empty() {
        return Err("`reviewer` is empty; every decision names who took it".into());
    }
    if !is_utc_time(&raw.time) {
        return Err(format!("`time` is \"{}\"; it must be RFC 3339 in UTC, like 2026-12-03T15:04:05Z", raw.time));
    }
    let ground = match &raw.ground {
        Some(_) if !redact => return Err("`ground` is only for a decision to redact".into()),
        Some(g) if g.trim().is_empty() => return Err("`ground` is empty".into()),
        Some(g) => Some(g.trim().to_string()),
        None => None,
    };
    let not = |present: bool, field: &str, kind: &str| -> Result<(), String> {
        if present { Err(format!("`{field}` does not belong to a {kind} decision")) } else { Ok(()) }
    };
    let passage_fields = raw.sha256.is_some() || raw.unit.is_some() || raw.start.is_some() || raw.end.is_some();
    let target = match raw.kind.as_str() {
        "finding" => {
            not(raw.value.is_some(), "value", "finding")?;
            not(passage_fields, "sha256/unit/start/end", "finding")?;
            let id = raw.finding.clone().ok_or("`finding` (the finding's id) is missing")?;
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!("`finding` is \"{id}\"; a finding id is hexadecimal, as the report gives it"));
            }
            Target::Finding { id: id.to_ascii_lowercase(), text: raw.text.clone() }
        }
        "value" => {
            not(raw.finding.is_some(), "finding", "value")?;
            not(passage_fields, "sha256/unit/start/end", "value")?;
            not(raw.text.is_some(), "text", "value (the value is `value`)")?;
            let value = normalise(raw.value.as_deref().ok_or("`value` is missing")?);
            if value.is_empty() {
                return Err("`value` is empty".into());
            }
            Target::Value(value)
        }
        "passage" => {
            not(raw.finding.is_some(), "finding", "passage")?;
            not(raw.value.is_some(), "value", "passage")?;
            if !redact {
                return Err("a passage can only be redacted (`action` \"redact\")".into());
            }
            if ground.is_none() {
                return Err("`ground` is missing; a passage needs the ground it is redacted on".into());
            }
            let sha256 = raw.sha256.clone().ok_or("`sha256` (the document's) is missing")?.to_ascii_lowercase();
            if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err("`sha256` must be 64 hexadecimal digits, as the report gives it".into());
            }
            let unit = raw.unit.ok_or("`unit` is missing")?;
            let start = raw.start.ok_or("`start` is missing")?;
            let end = raw.end.ok_or("`end` is missing")?;
            if start >= end {
                return Err(format!("`start` ({start}) must be before `end` ({end})"));
            }
            let text = raw.text.clone().ok_or("`text` (the passage as it stands) is missing")?;
            Target::Passage { sha256, unit, start, end, text }
        }
        other => return Err(format!("`kind` is \"{other}\"; it must be \"finding\", \"value\" or \"passage\"")),
    };
    let decision = match target {
        Target::Finding { .. } => "finding",
        Target::Value(_) => "value",
        Target::Passage { .. } => "passage",
    };
    let mark = Arc::new(Reviewed {
        reviewer: raw.reviewer.trim().to_string(),
        time: raw.time.clone(),
        decision,
        note: raw.note.clone().filter(|n| !n.trim().is_empty()),
    });
    Ok(Decision { raw, target, redact, ground, mark })
}

/// Whether `s` is an RFC 3339 date-time in UTC: `YYYY-MM-DDTHH:MM:SS`, optional fraction, `Z`, with a
/// real calendar date.
pub fn is_utc_time(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let fixed = b.len() >= 20 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':' && b[16] == b':';
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(sec)) =
        (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16), num(17..19))
    else {
        return false;
    };
    let rest = &b[19..];
    let tail_ok = match rest {
        [b'Z'] => true,
        [b'.', digits @ .., b'Z'] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    fixed && tail_ok && (1..=days).contains(&d) && h < 24 && mi < 60 && sec <= 60
}

/// A value as decisions compare it: lower case, every run of whitespace one space, trimmed.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A stale decision as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaleDecision {
    /// The decision as read.
    pub decision: RawDecision,
    /// Why it was not applied.
    pub why: String,
}

/// Which decisions one document used, and which addressed it but no longer fit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// Decisions applied (indices into the file's list).
    pub applied: BTreeSet<usize>,
    /// Decisions that addressed this document but did not fit it, with why.
    pub stale: BTreeMap<usize, String>,
}

impl Review {
    /// Adds what another processing of the same document used.
    pub fn merge(&mut self, other: Review) {
        self.applied.extend(other.applied);
        for (i, why) in other.stale {
            self.stale.entry(i).or_insert(why);
        }
    }
}

/// What a document is, for decisions that address one: the hash of its bytes (finding ids derive from
/// it), the same as hex (passages name documents by it), the redaction pass its text comes from, and
/// what a reviewer kept in it by id in the pass before (so the re-scan of the output keeps it too).
#[derive(Clone, Copy, Debug)]
pub struct DocumentKey<'a> {
    /// SHA-256 of the document's bytes as read.
    pub content: &'a [u8],
    /// The same, hex.
    pub sha256: &'a str,
    /// 1 for the input; N for the output of pass N − 1.
    pub pass: usize,
    /// Texts a reviewer's `finding` decision kept in the input, with the decision.
    pub kept: &'a [(String, Arc<Reviewed>)],
}

/// The decisions of a run, ready to apply: built once, shared by every worker.
#[derive(Debug)]
pub struct Reviewer {
    list: Vec<Decision>,
    /// The rule of findings a reviewer added.
    rule: RuleIndex,
    /// Finding id → its decisions, in file order.
    by_id: HashMap<String, Vec<usize>>,
    /// Normalised value → its decisions, in file order.
    by_value: HashMap<String, Vec<usize>>,
    /// Document SHA-256 → its passages, in file order.
    by_document: BTreeMap<String, Vec<usize>>,
    /// The values whose last decision is `redact`, as one search (pattern i is `redact_values[i]`).
    search: Option<Regex>,
    redact_values: Vec<String>,
    keeps_values: bool,
}

/// A span a reviewer redacts: a passage or an occurrence of a value.
struct Span {
    unit: usize,
    start: usize,
    end: usize,
    decision: usize,
    value: bool,
}

impl Reviewer {
    /// The decisions of `decisions`, applied with `rule` for the findings they add (see
    /// [`RuleSet::add_reviewer_rule`]).
    pub fn new(decisions: Decisions, rule: RuleIndex) -> crate::Result<Reviewer> {
        let mut r = Reviewer {
            list: decisions.list,
            rule,
            by_id: HashMap::new(),
            by_value: HashMap::new(),
            by_document: BTreeMap::new(),
            search: None,
            redact_values: Vec::new(),
            keeps_values: false,
        };
        for (i, d) in r.list.iter().enumerate() {
            match &d.target {
                Target::Finding { id, .. } => r.by_id.entry(id.clone()).or_default().push(i),
                Target::Value(v) => r.by_value.entry(v.clone()).or_default().push(i),
                Target::Passage { sha256, .. } => r.by_document.entry(sha256.clone()).or_default().push(i),
            }
        }
        let mut redact: Vec<&String> = Vec::new();
        for (value, list) in &r.by_value {
            let last = &r.list[*list.last().expect("a value has a decision")];
            if last.redact {
                redact.push(value);
            } else {
                r.keeps_values = true;
            }
        }
        // Longest first: at one position the longer value wins (`Jan Jansen` before `Jan`).
        redact.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        r.redact_values = redact.into_iter().cloned().collect();
        if !r.redact_values.is_empty() {
            let patterns: Vec<String> = r.redact_values.iter().map(|v| value_pattern(v)).collect();
            let search = Regex::new_many(&patterns)
                .map_err(|e| crate::Error::Usage(format!("decisions: the values to redact cannot be searched: {e}")))?;
            r.search = Some(search);
        }
        Ok(r)
    }

    /// Whether any decision addresses findings by id (then the decision step needs their ids).
    fn by_id_needed(&self) -> bool {
        !self.by_id.is_empty()
    }

    /// Applies the decisions to one document's decided findings (sorted by unit and offset; kept
    /// sorted). Returns which decisions it used.
    pub(super) fn apply(
        &self,
        rules: &RuleSet,
        units: &[&str],
        decided: &mut Vec<Decided>,
        doc: &DocumentKey<'_>,
    ) -> Review {
        let mut review = Review::default();
        // 1. Findings by their text (values), then by id (ids win); in a re-scan, what a reviewer kept
        //    by id in the input.
        for d in decided.iter_mut() {
            let text = d.finding.text(units);
            if !self.by_value.is_empty()
                && let Some(list) = self.by_value.get(&normalise(text))
            {
                review.applied.extend(list.iter().copied());
                self.set(d, *list.last().expect("a value has a decision"));
            }
            if let Some((_, mark)) = doc.kept.iter().find(|(t, _)| t == text) {
                d.action = keep_action(mark);
                d.finding.evidence.ground = None;
                d.by = DecidedBy::Reviewer(mark.clone());
            }
            if self.by_id_needed() {
                let rule = &rules.rule(d.finding.rule).id;
                let f = &d.finding;
                let id = crate::report::finding_id(doc.content, rule, f.unit, f.start, f.end, doc.pass);
                if let Some(list) = self.by_id.get(&id) {
                    // The last decision whose text fits applies; one whose text differs is stale.
                    let mut chosen = None;
                    for &i in list.iter().rev() {
                        match &self.list[i].target {
                            Target::Finding { text: Some(t), .. } if t != text => {
                                review
                                    .stale
                                    .insert(i, format!("the finding with this id reads \"{text}\", not \"{t}\""));
                            }
                            _ => {
                                review.applied.insert(i);
                                chosen = chosen.or(Some(i));
                            }
                        }
                    }
                    if let Some(i) = chosen {
                        self.set(d, i);
                    }
                }
                d.id = Some(id);
            }
        }
        // 2. Spans: passages of this document (in the input only) and occurrences of values to redact.
        let mut spans = Vec::new();
        if doc.pass == 1
            && let Some(list) = self.by_document.get(doc.sha256)
        {
            for &i in list {
                let Target::Passage { unit, start, end, text, .. } = &self.list[i].target else { continue };
                let Some(u) = units.get(*unit) else {
                    review
                        .stale
                        .insert(i, format!("the document has {} text unit(s); there is no unit {unit}", units.len()));
                    continue;
                };
                match u.get(*start..*end) {
                    Some(t) if t == text => {
                        spans.push(Span { unit: *unit, start: *start, end: *end, decision: i, value: false })
                    }
                    Some(t) => {
                        review
                            .stale
                            .insert(i, format!("bytes {start}..{end} of unit {unit} read \"{t}\", not the passage"));
                    }
                    None => {
                        review.stale.insert(i, format!("bytes {start}..{end} are not a text span of unit {unit}"));
                    }
                }
            }
        }
        if let Some(search) = &self.search {
            for (unit, text) in units.iter().enumerate() {
                for m in search.find_iter(*text) {
                    if !crate::detect::boundary::is_whole_word(text, m.start(), m.end()) {
                        continue;
                    }
                    let list = &self.by_value[&self.redact_values[m.pattern().as_usize()]];
                    spans.push(Span {
                        unit,
                        start: m.start(),
                        end: m.end(),
                        decision: *list.last().expect("a value has a decision"),
                        value: true,
                    });
                }
            }
        }
        spans.sort_by_key(|s| (s.unit, s.start, s.end, s.decision));
        if !spans.is_empty() {
            decided.sort_by_key(|d| (d.finding.unit, d.finding.start));
        }
        for span in &spans {
            if self.place(units, decided, span) {
                match &self.list[span.decision].target {
                    Target::Value(v) => review.applied.extend(self.by_value[v].iter().copied()),
                    _ => {
                        review.applied.insert(span.decision);
                    }
                }
            }
        }
        review
    }

    /// Puts a reviewer's span into `decided`: a finding that covers it is redacted; otherwise one
    /// reviewer finding covers the span and every finding it overlaps. An occurrence of a value inside
    /// or across a finding a reviewer explicitly kept is left (the keep is the more specific decision).
    /// Returns whether the span was applied.
    fn place(&self, units: &[&str], decided: &mut Vec<Decided>, span: &Span) -> bool {
        let key = |d: &Decided| (d.finding.unit, d.finding.start);
        let overlapping = |decided: &[Decided], start: usize, end: usize| -> std::ops::Range<usize> {
            let hi = decided.partition_point(|d| key(d) < (span.unit, end));
            let mut lo = hi;
            while lo > 0 && decided[lo - 1].finding.unit == span.unit && decided[lo - 1].finding.end > start {
                lo -= 1;
            }
            lo..hi
        };
        let reviewer_kept = |d: &Decided| !d.is_redacted() && matches!(d.by, DecidedBy::Reviewer(_));
        let (mut start, mut end) = (span.start, span.end);
        let mut range = overlapping(decided, start, end);
        if span.value && decided[range.clone()].iter().any(reviewer_kept) {
            return false;
        }
        if let [one] = &decided[range.clone()]
            && one.finding.start <= start
            && end <= one.finding.end
        {
            let i = range.start;
            if !decided[i].is_redacted() || (decided[i].finding.start, decided[i].finding.end) == (start, end) {
                self.set(&mut decided[i], span.decision);
            }
            return true;
        }
        // Take in every finding the span overlaps (and whatever those overlap in turn).
        loop {
            let (s, e) = decided[range.clone()]
                .iter()
                .fold((start, end), |(s, e), d| (s.min(d.finding.start), e.max(d.finding.end)));
            if (s, e) == (start, end) {
                break;
            }
            (start, end) = (s, e);
            range = overlapping(decided, start, end);
        }
        let d = &self.list[span.decision];
        let finding = Finding {
            unit: span.unit,
            start,
            end,
            rule: self.rule,
            confidence: 1.0,
            evidence: Evidence {
                source: Some(Source::Reviewer { reviewer: d.mark.reviewer.clone(), time: d.mark.time.clone() }),
                ground: d.ground.clone(),
                ..Evidence::default()
            },
        };
        debug_assert!(units[span.unit].is_char_boundary(start) && units[span.unit].is_char_boundary(end));
        decided.splice(
            range,
            [Decided { finding, action: Action::Redact, by: DecidedBy::Reviewer(d.mark.clone()), id: None }],
        );
        true
    }

    /// Sets a finding's action to decision `i`'s.
    fn set(&self, d: &mut Decided, i: usize) {
        let decision = &self.list[i];
        if decision.redact {
            d.action = Action::Redact;
            d.finding.evidence.ground = decision.ground.clone();
        } else {
            d.action = keep_action(&decision.mark);
            d.finding.evidence.ground = None;
        }
        d.by = DecidedBy::Reviewer(decision.mark.clone());
    }

    /// After the repeat step: a copy it added of a value a reviewer keeps is kept.
    pub(super) fn keep_values(&self, units: &[&str], decided: &mut [Decided]) {
        if !self.keeps_values {
            return;
        }
        for d in decided.iter_mut().filter(|d| d.is_redacted() && d.by == DecidedBy::Rule) {
            if let Some(list) = self.by_value.get(&normalise(d.finding.text(units))) {
                let last = *list.last().expect("a value has a decision");
                if !self.list[last].redact {
                    self.set(d, last);
                }
            }
        }
    }

    /// The decisions no document used, in file order, with why (`stale` holds the reasons documents
    /// gave; the rest say what was not found).
    pub fn stale(&self, applied: &BTreeSet<usize>, stale: &BTreeMap<usize, String>) -> Vec<StaleDecision> {
        (0..self.list.len())
            .filter(|i| !applied.contains(i))
            .map(|i| {
                let d = &self.list[i];
                let why = stale.get(&i).cloned().unwrap_or_else(|| match &d.target {
                    Target::Finding { .. } => {
                        "no finding with this id in this run (the document or the rules changed)".into()
                    }
                    Target::Value(_) => "the value occurs in no document of this run".into(),
                    Target::Passage { .. } => {
                        "no document of this run has these bytes (the document changed, or is not in the run)".into()
                    }
                });
                StaleDecision { decision: d.raw.clone(), why }
            })
            .collect()
    }

    /// The texts kept in `decided` by a reviewer's `finding` decision, for the re-scans of the output.
    pub fn kept_by_id(units: &[&str], decided: &[Decided]) -> Vec<(String, Arc<Reviewed>)> {
        decided
            .iter()
            .filter(|d| !d.is_redacted())
            .filter_map(|d| match &d.by {
                DecidedBy::Reviewer(mark) if mark.decision == "finding" => {
                    Some((d.finding.text(units).to_string(), mark.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

/// The action of a reviewer's keep.
fn keep_action(mark: &Reviewed) -> Action {
    let mut reason = format!("reviewer {} decided to keep it", mark.reviewer);
    if let Some(note) = &mark.note {
        reason.push_str(&format!(" (\"{note}\")"));
    }
    Action::Keep { reason }
}

/// The search pattern for a normalised value: its words case-insensitively, any whitespace between
/// them, a word boundary where it begins or ends with a letter or digit.
fn value_pattern(value: &str) -> String {
    let words: Vec<String> = value.split(' ').map(escape).collect();
    let edge = |c: Option<char>| if c.is_some_and(char::is_alphanumeric) { r"\b" } else { "" };
    format!("(?i){}{}{}", edge(value.chars().next()), words.join(r"\s+"), edge(value.chars().next_back()))
}

/// `text` as a regex matching itself.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() || c == ' ' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dossier;

    fn file(decisions: &str) -> String {
        format!("{{\"lak_decisions\": 1, \"decisions\": [{decisions}]}}")
    }

    const WHO: &str = r#""reviewer": "A. Beoordelaar", "time": "2026-12-03T15:04:05Z""#;

    #[test]
    fn the_contract_example_parses() {
        let text = file(&format!(
            r#"{{"kind": "finding", "finding": "0123456789abcdef", "action": "keep", {WHO}, "document": "0003", "text": "Jan Jansen", "note": "wethouder"}},
               {{"kind": "value", "value": "Project  Zonnebloem", "action": "redact", "ground": "5.1.2i", {WHO}}},
               {{"kind": "passage", "sha256": "{}", "unit": 3, "start": 120, "end": 240, "text": "x", "action": "redact", "ground": "5.2", {WHO}}}"#,
            "a".repeat(64)
        ));
        let d = Decisions::parse(&text).unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d.list[1].target, Target::Value("project zonnebloem".into()));
        assert_eq!(d.list[0].mark.note.as_deref(), Some("wethouder"));
    }

    #[test]
    fn bad_files_say_which_decision_and_which_field() {
        let err = |t: String| Decisions::parse(&t).unwrap_err();
        assert!(err(r#"{"lak_decisions": 2, "decisions": []}"#.into()).contains("version 1"));
        assert!(err(r#"{"decisions": []}"#.into()).contains("lak_decisions"));
        let e = err(file(&format!(r#"{{"kind": "value", "value": "x", "action": "keep", "colour": 1, {WHO}}}"#)));
        assert!(e.contains("decision 1") && e.contains("colour"), "{e}");
        let e = err(file(r#"{"kind": "value", "value": "x", "action": "keep", "time": "2026-12-03T15:04:05Z"}"#));
        assert!(e.contains("reviewer"), "{e}");
        let e = err(file(&format!(
            r#"{{"kind": "value", "value": "x", "action": "keep", {WHO}}}, {{"kind": "value", "value": "x", "action": "keep", "reviewer": " ", "time": "2026-12-03T15:04:05Z"}}"#
        )));
        assert!(e.contains("decision 2") && e.contains("reviewer"), "{e}");
        let e = err(file(
            r#"{"kind": "value", "value": "x", "action": "keep", "reviewer": "A", "time": "2026-12-03 15:04"}"#,
        ));
        assert!(e.contains("time"), "{e}");
        let e = err(file(&format!(r#"{{"kind": "value", "value": "x", "action": "keep", "ground": "5.2", {WHO}}}"#)));
        assert!(e.contains("ground"), "{e}");
        let e = err(file(&format!(r#"{{"kind": "value", "value": "x", "action": "hide", {WHO}}}"#)));
        assert!(e.contains("action"), "{e}");
        let e = err(file(&format!(r#"{{"kind": "finding", "value": "x", "action": "keep", {WHO}}}"#)));
        assert!(e.contains("value"), "{e}");
        let e = err(file(&format!(
            r#"{{"kind": "passage", "sha256": "{}", "unit": 0, "start": 0, "end": 3, "text": "abc", "action": "redact", {WHO}}}"#,
            "0".repeat(64)
        )));
        assert!(e.contains("ground"), "{e}");
    }

    #[test]
    fn times_are_rfc3339_in_utc_with_real_dates() {
        for good in ["2026-12-03T15:04:05Z", "2024-02-29T00:00:00Z", "2026-12-03T23:59:60.123Z"] {
            assert!(is_utc_time(good), "{good}");
        }
        for bad in [
            "2026-12-03T15:04:05",
            "2026-12-03T15:04:05+01:00",
            "2026-12-03 15:04:05Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-12-03T24:00:00Z",
            "2026-12-03T15:04:05.Z",
            "2026-12-3T15:04:05Z",
            "",
        ] {
            assert!(!is_utc_time(bad), "{bad}");
        }
    }

    #[test]
    fn values_match_whole_words_in_any_case_and_spacing() {
        let rules = {
            let mut r = RuleSet::builtin().unwrap();
            r.add_reviewer_rule();
            r
        };
        let rule = rules.rules().len() - 1;
        let d = Decisions::parse(&file(&format!(
            r#"{{"kind": "value", "value": "Project Zonnebloem", "action": "redact", "ground": "5.1.2i", {WHO}}}"#
        )))
        .unwrap();
        let reviewer = Reviewer::new(d, rule).unwrap();
        let units = ["Het PROJECT\n zonnebloem en Projectzonnebloem; project zonnebloemen.", "project Zonnebloem"];
        let mut decided = Vec::new();
        let key = DocumentKey { content: b"x", sha256: "", pass: 1, kept: &[] };
        let review = reviewer.apply(&rules, &units, &mut decided, &key);
        assert_eq!(review.applied, BTreeSet::from([0]));
        let spans: Vec<(usize, &str)> = decided.iter().map(|d| (d.finding.unit, d.finding.text(&units))).collect();
        assert_eq!(spans, vec![(0, "PROJECT\n zonnebloem"), (1, "project Zonnebloem")]);
        assert_eq!(rules.label(&decided[0].finding, crate::model::Mode::Woo), "5.1.2i");
        assert!(decided[0].finding.evidence.describe().contains("reviewer A. Beoordelaar decided on"));
    }

    #[test]
    fn a_reviewers_keep_survives_conflict_resolution_and_the_last_decision_for_a_value_wins() {
        let mut rules = RuleSet::builtin().unwrap();
        let rule = rules.add_reviewer_rule();
        let detector = crate::detect::Detector::new(&rules).unwrap();
        let units = ["Wethouder Kramer sprak met buurvrouw J. Kramer over Kramer."];
        let found = detector.detect_document(&mut detector.scratch(), &units, &[], &[false]);
        let texts = |d: &[Decided]| -> Vec<(String, bool)> {
            d.iter().map(|d| (d.finding.text(&units).to_string(), d.is_redacted())).collect()
        };
        let plain = super::super::Policy::new(crate::model::Mode::Woo, &rules);
        let before = plain.decide(&rules, &units, found.clone());
        // Conflicts resolve to redaction: the official shares the surname of a redacted neighbour.
        assert!(texts(&before).contains(&("Kramer".into(), true)), "{:?}", texts(&before));
        let d = Decisions::parse(&file(&format!(
            r#"{{"kind": "value", "value": "kramer", "action": "keep", {WHO}}},
               {{"kind": "value", "value": "Kramer", "action": "redact", {WHO}}},
               {{"kind": "value", "value": "kramer", "action": "keep", {WHO}}}"#
        )))
        .unwrap();
        let policy =
            super::super::Policy::new(crate::model::Mode::Woo, &rules).with_reviewer(Reviewer::new(d, rule).unwrap());
        let key = DocumentKey { content: b"x", sha256: "", pass: 1, kept: &[] };
        let (after, review) = policy.decide_document(&rules, &units, found, &Dossier::default(), Some(&key));
        // The last decision for the value wins, and keeps every lone `Kramer`; `J. Kramer` stays
        // redacted (another value), and the conflict does not undo the keep.
        assert_eq!(review.applied, BTreeSet::from([0, 1, 2]));
        let lone: Vec<(String, bool)> = texts(&after).into_iter().filter(|(t, _)| t == "Kramer").collect();
        assert!(!lone.is_empty() && lone.iter().all(|(_, redacted)| !redacted), "{:?}", texts(&after));
        assert!(texts(&after).contains(&("J. Kramer".into(), true)), "{:?}", texts(&after));
        assert!(
            after.iter().filter(|d| d.finding.text(&units) == "Kramer").all(|d| matches!(d.by, DecidedBy::Reviewer(_)))
        );
    }

    #[test]
    fn a_span_over_findings_takes_them_in_and_a_finding_around_a_value_is_redacted() {
        let mut rules = RuleSet::builtin().unwrap();
        let rule = rules.add_reviewer_rule();
        let d = Decisions::parse(&file(&format!(
            r#"{{"kind": "value", "value": "Zonnebloem", "action": "redact", {WHO}}}"#
        )))
        .unwrap();
        let reviewer = Reviewer::new(d, rule).unwrap();
        let units = ["Stichting Zonnebloem en Jan Zonnebloemsma Zonnebloem"];
        let finding =
            |start, end| Finding { unit: 0, start, end, rule: 0, confidence: 0.9, evidence: Evidence::default() };
        let mut decided = vec![
            // Around the value, kept by the rules: redacted now.
            Decided::by_rule(finding(0, 20), Action::Keep { reason: "organisation".into() }),
            // Across the last occurrence: taken into one reviewer box.
            Decided::by_rule(finding(24, 48), Action::Redact),
        ];
        let key = DocumentKey { content: b"x", sha256: "", pass: 1, kept: &[] };
        reviewer.apply(&rules, &units, &mut decided, &key);
        let got: Vec<(usize, usize, bool, usize)> =
            decided.iter().map(|d| (d.finding.start, d.finding.end, d.is_redacted(), d.finding.rule)).collect();
        assert_eq!(got, vec![(0, 20, true, 0), (24, 52, true, rule)]);
    }
}
