//! Rule files: what counts as personal data, under which ground, and how sure a match is.
//!
//! A [`RuleSet`] is built from the built-in rules (`rules/default.toml` and the word lists beside it,
//! compiled into the binary) plus any rule files given with `--rules`, a `--deny` list and a `--keep`
//! list. A rule in a later file replaces an earlier rule with the same id (or switches it off with
//! `enabled = false`). Everything is validated here, once, with file and line in every error; the
//! [`crate::detect`] stage can then assume a consistent rule set.
//!
//! The file format is documented in docs/reference.md (section *Rule files*).

mod embedded;
mod file;
pub mod lists;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::{Finding, Mode};
use crate::{Error, Result, limits};

/// The id and category of the rule of findings a reviewer added ([`RuleSet::add_reviewer_rule`]).
pub const REVIEWER_RULE: &str = "reviewer";

/// A validated, complete rule set.
#[derive(Clone, Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    labels: BTreeMap<String, BTreeMap<String, String>>,
    keep: Vec<String>,
    hash: String,
    sources: Vec<String>,
}

/// One rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Unique id, e.g. `bsn`.
    pub id: String,
    /// What kind of data it finds, e.g. `bsn`, `person`, `phone`.
    pub category: String,
    /// The Woo ground written on the box, e.g. `5.1.2e`.
    pub ground: String,
    /// The label in inzage mode, if this rule differs from the file's `[labels.inzage]` map.
    pub inzage_ground: Option<String>,
    /// A sentence for `lak rules`.
    pub description: String,
    /// How the rule matches.
    pub kind: RuleKind,
    /// A check a match must pass.
    pub validator: Option<Validator>,
    /// Words near a match that are required or raise confidence.
    pub context: Option<Context>,
    /// Confidence of a match without context.
    pub confidence: f32,
    /// Higher wins when spans of different rules overlap.
    pub priority: i32,
    /// Values that match the rule but are kept (e.g. organisational mailboxes), with the reason.
    pub exceptions: Vec<Exception>,
    /// The file the rule came from.
    pub origin: PathBuf,
}

impl Rule {
    fn disabled(id: String, origin: PathBuf) -> Rule {
        Rule {
            id,
            category: String::new(),
            ground: String::new(),
            inzage_ground: None,
            description: String::new(),
            kind: RuleKind::Patterns(Vec::new()),
            validator: None,
            context: None,
            confidence: 0.0,
            priority: 0,
            exceptions: Vec::new(),
            origin,
        }
    }
}

/// How a rule matches text.
#[derive(Clone, Debug)]
pub enum RuleKind {
    /// Regular expressions (regex-automata syntax); all patterns of all rules run in one pass.
    Patterns(Vec<String>),
    /// Whole-word terms from a list.
    Terms {
        /// The list file, as named in the rule.
        list: String,
        /// The terms.
        terms: Vec<String>,
        /// Match case exactly (default: ASCII case-insensitive).
        case_sensitive: bool,
    },
    /// The built-in person-name recogniser, configured by word lists.
    PersonName(Box<NameLists>),
    /// The built-in street recogniser: a street of a list followed by a house number.
    StreetGazetteer(Box<StreetLists>),
}

/// Context words for a rule.
#[derive(Clone, Debug)]
pub struct Context {
    /// Lower-case words or phrases.
    pub words: Vec<String>,
    /// Bytes to look at on each side of a match.
    pub window: usize,
    /// Without a context word the match is dropped.
    pub required: bool,
    /// Confidence when a context word is present.
    pub confidence: f32,
}

/// A value that matches a rule but is kept.
#[derive(Clone, Debug)]
pub struct Exception {
    /// A regex tested against the matched text.
    pub pattern: Option<String>,
    /// Words of which one must stand within `window` bytes before the match (`postbus`).
    pub after: Option<Vec<String>>,
    /// Bytes before the match searched for `after` words.
    pub window: usize,
    /// Why such values stay, shown in the report.
    pub reason: String,
}

/// The validators a rule can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validator {
    /// BSN / RSIN 11-proof.
    Bsn11,
    /// IBAN check digits (ISO 13616 mod 97) and the country's length.
    IbanMod97,
    /// A real calendar date with a plausible year.
    Date,
    /// Dutch postcode: letter pairs SA, SD and SS are never issued.
    Postcode,
    /// A Dutch phone number (number plan lengths and prefixes).
    PhoneNl,
    /// A Dutch licence plate in one of the sidecodes.
    Plate,
    /// Dutch passport / identity card document number.
    IdDocument,
    /// An IPv4 address (octets 0–255) or IPv6 address.
    Ip,
    /// Dutch VAT id (`NL` + 9 digits + `B` + 2 digits).
    BtwId,
    /// A street and house number that is not a place name followed by a date or time.
    StreetAddress,
}

impl Validator {
    /// The names used in rule files.
    pub const NAMES: &'static [&'static str] = &[
        "bsn11",
        "iban_mod97",
        "date",
        "postcode",
        "phone_nl",
        "plate",
        "id_document",
        "ip",
        "btw_id",
        "street_address",
    ];

    /// The validator for a name in a rule file.
    pub fn from_name(name: &str) -> Option<Validator> {
        Some(match name {
            "bsn11" => Validator::Bsn11,
            "iban_mod97" => Validator::IbanMod97,
            "date" => Validator::Date,
            "postcode" => Validator::Postcode,
            "phone_nl" => Validator::PhoneNl,
            "plate" => Validator::Plate,
            "id_document" => Validator::IdDocument,
            "ip" => Validator::Ip,
            "btw_id" => Validator::BtwId,
            "street_address" => Validator::StreetAddress,
            _ => return None,
        })
    }

    /// The name used in rule files and reports.
    pub fn name(self) -> &'static str {
        match self {
            Validator::Bsn11 => "bsn11",
            Validator::IbanMod97 => "iban_mod97",
            Validator::Date => "date",
            Validator::Postcode => "postcode",
            Validator::PhoneNl => "phone_nl",
            Validator::Plate => "plate",
            Validator::IdDocument => "id_document",
            Validator::Ip => "ip",
            Validator::BtwId => "btw_id",
            Validator::StreetAddress => "street_address",
        }
    }
}

/// The word lists of the person-name recogniser. Every list is optional except `first_names` and
/// `surnames`.
#[derive(Clone, Debug, Default)]
pub struct NameLists {
    /// Given names, capitalised as written.
    pub first_names: Vec<String>,
    /// Surname cores without tussenvoegsels.
    pub surnames: Vec<String>,
    /// Names that are also ordinary words (`Bakker`, `Dan`): found only with context.
    pub ambiguous: Vec<String>,
    /// Tussenvoegsels (`van`, `de`, `van der`, `'t`).
    pub tussenvoegsels: Vec<String>,
    /// Titles before a name (`de heer`, `mevrouw`, `dhr.`, `mr.`, `drs.`).
    pub titles: Vec<String>,
    /// Salutations (`beste`, `geachte`).
    pub salutations: Vec<String>,
    /// Role words pointing at a (private) person (`verzoeker`, `buurman`).
    pub roles: Vec<String>,
    /// Offices of public administrators (`burgemeester`, `wethouder`): names next to them are officials.
    pub officials: Vec<String>,
    /// Mail header fields (`van:`, `aan:`).
    pub mail_headers: Vec<String>,
    /// Closing formulas before a signature (`met vriendelijke groet`).
    pub closings: Vec<String>,
    /// Capitalised words that follow titles but are not names (`Allen`, `College`).
    pub not_surnames: Vec<String>,
    /// Words that make a preceding name an organisation (`B.V.`, `Holding`).
    pub org_suffixes: Vec<String>,
    /// Place names: a place after `te`/`in` is not a person.
    pub places: Vec<String>,
    /// Ordinary words of the language (lower case): a capitalised ordinary word is not a name by itself.
    pub words: Vec<String>,
}

impl NameLists {
    /// The list keys a rule file may use under `lists`.
    pub const KEYS: &'static [&'static str] = &[
        "first_names",
        "surnames",
        "ambiguous",
        "tussenvoegsels",
        "titles",
        "salutations",
        "roles",
        "officials",
        "mail_headers",
        "closings",
        "not_surnames",
        "org_suffixes",
        "places",
        "words",
    ];

    fn slot(&mut self, key: &str) -> Option<&mut Vec<String>> {
        Some(match key {
            "first_names" => &mut self.first_names,
            "surnames" => &mut self.surnames,
            "ambiguous" => &mut self.ambiguous,
            "tussenvoegsels" => &mut self.tussenvoegsels,
            "titles" => &mut self.titles,
            "salutations" => &mut self.salutations,
            "roles" => &mut self.roles,
            "officials" => &mut self.officials,
            "mail_headers" => &mut self.mail_headers,
            "closings" => &mut self.closings,
            "not_surnames" => &mut self.not_surnames,
            "org_suffixes" => &mut self.org_suffixes,
            "places" => &mut self.places,
            "words" => &mut self.words,
            _ => return None,
        })
    }
}

/// The word lists of the street recogniser, each as one text with an entry a line (trimmed, NFC): they
/// are only read to be compiled, and 158k streets as separate strings would cost an allocation each. Only
/// `streets` is required.
#[derive(Clone, Debug, Default)]
pub struct StreetLists {
    /// Street names as written (`Rokin`, `Lange Voorhout`, `Plein 1944`); compared case-insensitively,
    /// dots as spaces.
    pub streets: String,
    /// Places (woonplaatsen): a place after the house number (`Dam 1, Amsterdam`) is address context.
    pub places: String,
    /// Words that make a one-word street need address context (`Marokko 12`, `Mondriaan 150`), besides
    /// the person-name rule's lexicon (its ordinary words, names and places: `Dam`, `Markt`, `Weena`) and
    /// `places`.
    pub words: String,
    /// The file(s) the streets came from, for the report.
    pub source: String,
}

impl StreetLists {
    /// The list keys a rule file may use under `lists`.
    pub const KEYS: &'static [&'static str] = &["streets", "places", "words"];

    fn slot(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "streets" => &mut self.streets,
            "places" => &mut self.places,
            "words" => &mut self.words,
            _ => return None,
        })
    }
}

impl RuleSet {
    /// The built-in rules alone.
    pub fn builtin() -> Result<RuleSet> {
        RuleSetBuilder::new().build()
    }

    /// The rules, in load order (later files' replacements take the replaced rule's place).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule of a finding.
    pub fn rule(&self, index: usize) -> &Rule {
        &self.rules[index]
    }

    /// Terms from `--keep` lists: findings inside an occurrence of one are kept.
    pub fn keep_terms(&self) -> &[String] {
        &self.keep
    }

    /// `sha256:` + hex digest of every rule file and list read, in order.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// Where the rules came from, for the report (`builtin:rules/default.toml`, paths of user files).
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The label written on a box for a finding in a mode: the ground a reviewer gave it, or its
    /// rule's.
    pub fn label<'a>(&'a self, finding: &'a Finding, mode: Mode) -> &'a str {
        match &finding.evidence.ground {
            Some(ground) => ground,
            None => self.label_of(&self.rules[finding.rule], mode),
        }
    }

    /// Adds the rule that findings a reviewer added (`lak redact --decisions`) are reported under: id
    /// `reviewer`, category `reviewer`, ground `5.1.2e` unless the decision gives one. It matches
    /// nothing itself. Returns its index.
    pub fn add_reviewer_rule(&mut self) -> usize {
        if let Some(i) = self.rules.iter().position(|r| r.id == REVIEWER_RULE) {
            return i;
        }
        let mut rule = Rule::disabled(REVIEWER_RULE.into(), PathBuf::from("decisions"));
        rule.category = REVIEWER_RULE.into();
        rule.ground = "5.1.2e".into();
        rule.description = "a value or passage a reviewer decided to redact".into();
        rule.confidence = 1.0;
        self.rules.push(rule);
        self.rules.len() - 1
    }

    /// The label of a rule in a mode.
    pub fn label_of<'a>(&'a self, rule: &'a Rule, mode: Mode) -> &'a str {
        match mode {
            Mode::Woo => self.labels.get("woo").and_then(|m| m.get(&rule.ground)).unwrap_or(&rule.ground),
            Mode::Inzage => {
                if let Some(g) = &rule.inzage_ground {
                    return g;
                }
                let map = self.labels.get("inzage");
                map.and_then(|m| m.get(&rule.ground).or_else(|| m.get("*"))).map_or(&rule.ground, |s| s.as_str())
            }
        }
    }
}

/// Builds a [`RuleSet`] from the built-in rules and user files.
#[derive(Debug, Default)]
pub struct RuleSetBuilder {
    no_builtin: bool,
    files: Vec<PathBuf>,
    keep: Vec<PathBuf>,
    deny: Vec<PathBuf>,
}

impl RuleSetBuilder {
    /// A builder that starts from the built-in rules.
    pub fn new() -> Self {
        Self::default()
    }

    /// Leave out the built-in rules (only the given files count).
    pub fn without_builtin(mut self) -> Self {
        self.no_builtin = true;
        self
    }

    /// Adds a rule file; its rules replace built-in rules with the same id.
    pub fn rule_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.files.push(path.into());
        self
    }

    /// Adds a keep list: findings inside an occurrence of one of its terms stay.
    pub fn keep_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.keep.push(path.into());
        self
    }

    /// Adds a deny list: its terms are always redacted. A line may give the ground after a TAB.
    pub fn deny_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.deny.push(path.into());
        self
    }

    /// Reads, validates and combines everything.
    pub fn build(self) -> Result<RuleSet> {
        let mut rules: Vec<(Rule, bool)> = Vec::new();
        let mut labels: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut hasher = Sha256::new();
        let mut sources = Vec::new();
        let mut merge = |parsed: file::ParsedFile, hasher: &mut Sha256| {
            for input in &parsed.inputs {
                hasher.update((input.len() as u64).to_le_bytes());
                hasher.update(input);
            }
            for (mode, map) in parsed.labels {
                labels.entry(mode).or_default().extend(map);
            }
            for (rule, enabled) in parsed.rules {
                match rules.iter_mut().find(|(r, _)| r.id == rule.id) {
                    Some(slot) => *slot = (rule, enabled),
                    None => rules.push((rule, enabled)),
                }
            }
        };
        if !self.no_builtin {
            let path = Path::new(embedded::DEFAULT_RULES);
            let text = embedded::file(embedded::DEFAULT_RULES).expect("the default rule file is embedded");
            merge(file::parse(path, text, &embedded::Resolver)?, &mut hasher);
            sources.push(format!("builtin:{}", embedded::DEFAULT_RULES));
        }
        for path in &self.files {
            let text = read_text(path)?;
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            merge(file::parse(path, &text, &DiskResolver { dir })?, &mut hasher);
            sources.push(path.display().to_string());
        }
        let mut keep = Vec::new();
        for path in &self.keep {
            let text = read_text(path)?;
            hasher.update(text.as_bytes());
            keep.extend(lists::parse(path, &text)?.into_iter().map(|e| e.text));
            sources.push(format!("keep:{}", path.display()));
        }
        for (n, path) in self.deny.iter().enumerate() {
            let text = read_text(path)?;
            hasher.update(text.as_bytes());
            let mut by_ground: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for e in lists::parse(path, &text)? {
                by_ground.entry(e.extra.unwrap_or_else(|| "5.1.2e".into())).or_default().push(e.text);
            }
            for (ground, terms) in by_ground {
                let id = if n == 0 {
                    format!("deny-{}", ground.replace(['.', ' ', '(', ')'], ""))
                } else {
                    format!("deny{n}-{}", ground.replace(['.', ' ', '(', ')'], ""))
                };
                let rule = Rule {
                    id: id.to_lowercase(),
                    category: "deny-list".into(),
                    ground,
                    inzage_ground: None,
                    description: format!("terms of {}", path.display()),
                    kind: RuleKind::Terms { list: path.display().to_string(), terms, case_sensitive: false },
                    validator: None,
                    context: None,
                    confidence: 1.0,
                    priority: 100,
                    exceptions: Vec::new(),
                    origin: path.clone(),
                };
                rules.push((rule, true));
            }
            sources.push(format!("deny:{}", path.display()));
        }
        let rules: Vec<Rule> = rules.into_iter().filter(|(_, on)| *on).map(|(r, _)| r).collect();
        let patterns: usize = rules.iter().map(|r| if let RuleKind::Patterns(p) = &r.kind { p.len() } else { 0 }).sum();
        if patterns > limits::MAX_PATTERNS {
            return Err(Error::Usage(format!(
                "{patterns} patterns in all rules; at most {} are allowed",
                limits::MAX_PATTERNS
            )));
        }
        if rules.iter().filter(|r| matches!(r.kind, RuleKind::PersonName(_))).count() > 1 {
            return Err(Error::Usage(
                "more than one person_name rule is active; give the replacement the same id".into(),
            ));
        }
        let hash = format!("sha256:{}", hex(&hasher.finalize()));
        Ok(RuleSet { rules, labels, keep, hash, sources })
    }
}

fn read_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > limits::MAX_RULE_FILE_BYTES {
        return Err(Error::config(path, 0, format!("larger than {} bytes", limits::MAX_RULE_FILE_BYTES)));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let line = file::line_of(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
        Error::config(path, line, "not valid UTF-8")
    })
}

struct DiskResolver {
    dir: PathBuf,
}

impl file::Resolver for DiskResolver {
    fn read(&self, relative: &str) -> std::result::Result<(PathBuf, String), String> {
        let path = self.dir.join(relative);
        read_text(&path).map(|t| (path, t)).map_err(|e| e.to_string())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let rules = RuleSet::builtin().unwrap();
        assert!(rules.rules().iter().any(|r| r.id == "bsn"));
        assert!(rules.hash().starts_with("sha256:"));
    }

    #[test]
    fn later_file_replaces_and_disables_rules() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("extra.toml");
        std::fs::write(
            &f,
            "[[rule]]\nid = \"bsn\"\ncategory = \"bsn\"\nground = \"X\"\npatterns = ['[0-9]{9}']\n\n[[rule]]\nid = \"ip\"\nenabled = false\n",
        )
        .unwrap();
        let rules = RuleSetBuilder::new().rule_file(&f).build().unwrap();
        assert_eq!(rules.rules().iter().find(|r| r.id == "bsn").unwrap().ground, "X");
        assert!(!rules.rules().iter().any(|r| r.id == "ip"));
    }

    #[test]
    fn inzage_labels_come_from_the_label_map() {
        let rules = RuleSet::builtin().unwrap();
        let bsn = rules.rules().iter().find(|r| r.id == "bsn").unwrap();
        assert_eq!(rules.label_of(bsn, Mode::Woo), "5.1.1e");
        assert_eq!(rules.label_of(bsn, Mode::Inzage), "AVG 15(4)");
    }

    #[test]
    fn deny_list_becomes_rules_per_ground() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("deny.txt");
        std::fs::write(&f, "Project Zonnebloem\nKlokkenluider X\t5.1.2h\n").unwrap();
        let rules = RuleSetBuilder::new().deny_file(&f).build().unwrap();
        let deny: Vec<_> =
            rules.rules().iter().filter(|r| r.category == "deny-list").map(|r| r.ground.as_str()).collect();
        assert_eq!(deny, vec!["5.1.2e", "5.1.2h"]);
    }
}
