//! The TOML schema of a rule file and its translation into [`Rule`]s.
//!
//! Every problem is reported with the file, the 1-based line and the reason, so that a rule author can
//! fix it without guessing. Unknown keys are errors (a typo such as `validater` must not silently turn a
//! validator off).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::lists::{self, Entry};
use super::{Context, Exception, NameLists, Rule, RuleKind, StreetLists, Validator};
use crate::{Error, Result, limits};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    #[serde(default)]
    #[allow(dead_code)] // Validated (unknown keys are errors) and documented, not used.
    ruleset: Option<RulesetDoc>,
    #[serde(default)]
    labels: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default, rename = "rule")]
    rules: Vec<Spanned<RuleDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RulesetDoc {
    name: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDoc {
    id: Spanned<String>,
    #[serde(default = "yes")]
    enabled: bool,
    category: Option<String>,
    ground: Option<String>,
    inzage_ground: Option<String>,
    description: Option<String>,
    patterns: Option<Vec<Spanned<String>>>,
    terms: Option<Spanned<String>>,
    #[serde(default)]
    case_sensitive: bool,
    recognizer: Option<Spanned<String>>,
    #[serde(default)]
    lists: BTreeMap<String, Spanned<ListFiles>>,
    validator: Option<Spanned<String>>,
    context: Option<Spanned<ContextDoc>>,
    confidence: Option<Spanned<f32>>,
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    keep: Vec<Spanned<KeepDoc>>,
}

fn yes() -> bool {
    true
}

/// The files of one list of a recogniser: one file, or several whose entries are read as one list (lak's
/// own names and the separately licensed deduce names, for instance).
#[derive(Deserialize)]
#[serde(untagged)]
enum ListFiles {
    One(String),
    Many(Vec<String>),
}

impl ListFiles {
    fn files(&self) -> &[String] {
        match self {
            ListFiles::One(f) => std::slice::from_ref(f),
            ListFiles::Many(fs) => fs,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextDoc {
    words: Vec<String>,
    #[serde(default = "default_window")]
    window: usize,
    #[serde(default)]
    required: bool,
    confidence: Option<f32>,
}

fn default_window() -> usize {
    40
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeepDoc {
    pattern: Option<String>,
    after: Option<Vec<String>>,
    #[serde(default = "default_keep_window")]
    window: usize,
    reason: String,
}

fn default_keep_window() -> usize {
    24
}

/// What one rule file contributes.
pub(crate) struct ParsedFile {
    /// Rules in file order; disabled rules are kept (as `enabled: false`) so that they can switch off a
    /// rule of the same id from an earlier file.
    pub rules: Vec<(Rule, bool)>,
    /// Label maps per mode name (`inzage` → ground → label).
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
    /// The contents of every file read, in order, for the rule set hash.
    pub inputs: Vec<Vec<u8>>,
}

/// Reads the list files a rule refers to. Rule files on disk resolve relative to their folder; the
/// built-in rules resolve inside the binary.
pub(crate) trait Resolver {
    /// Reads `relative` (as written in the rule file). Returns the path to show in errors and the text.
    fn read(&self, relative: &str) -> std::result::Result<(PathBuf, String), String>;
}

/// Parses one rule file.
pub(crate) fn parse(path: &Path, text: &str, resolver: &dyn Resolver) -> Result<ParsedFile> {
    let doc: FileDoc = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
        Error::config(path, line, e.message().trim().to_string())
    })?;
    let at = |span: std::ops::Range<usize>, reason: String| Error::config(path, line_of(text, span.start), reason);

    for mode in doc.labels.keys() {
        if mode != "inzage" && mode != "woo" {
            return Err(Error::config(path, 0, format!("[labels.{mode}]: unknown mode (expected woo or inzage)")));
        }
    }
    let mut parsed = ParsedFile { rules: Vec::new(), labels: doc.labels, inputs: vec![text.as_bytes().to_vec()] };
    let mut seen = std::collections::HashSet::new();
    for spanned in doc.rules {
        let rule_span = spanned.span();
        let r = spanned.into_inner();
        let id = r.id.get_ref().clone();
        if !valid_id(&id) {
            return Err(at(r.id.span(), format!("rule id {id:?} must be 1-64 characters of a-z, 0-9, '-', '_'")));
        }
        if !seen.insert(id.clone()) {
            return Err(at(r.id.span(), format!("rule id {id:?} appears twice in this file")));
        }
        let missing = |what: &str| at(rule_span.clone(), format!("rule {id:?}: missing `{what}`"));
        if !r.enabled {
            let placeholder = Rule::disabled(id, path.to_path_buf());
            parsed.rules.push((placeholder, false));
            continue;
        }
        let category = r.category.ok_or_else(|| missing("category"))?;
        let ground = r.ground.ok_or_else(|| missing("ground"))?;

        let kinds = r.patterns.is_some() as u8 + r.terms.is_some() as u8 + r.recognizer.is_some() as u8;
        if kinds != 1 {
            return Err(at(
                rule_span.clone(),
                format!("rule {id:?}: give exactly one of `patterns`, `terms` or `recognizer`"),
            ));
        }
        let kind = if let Some(patterns) = r.patterns {
            if patterns.is_empty() {
                return Err(at(rule_span.clone(), format!("rule {id:?}: `patterns` is empty")));
            }
            let mut out = Vec::with_capacity(patterns.len());
            for p in patterns {
                if let Err(e) = regex_automata::meta::Regex::new(p.get_ref()) {
                    return Err(at(p.span(), format!("rule {id:?}: invalid pattern: {}", one_line(&e.to_string()))));
                }
                out.push(p.into_inner());
            }
            RuleKind::Patterns(out)
        } else if let Some(terms) = r.terms {
            let entries = read_list(terms.get_ref(), resolver).map_err(|e| at(terms.span(), e))?;
            parsed.inputs.push(entries.1.into_bytes());
            RuleKind::Terms {
                list: terms.get_ref().clone(),
                terms: entries.0.into_iter().map(|e| e.text).collect(),
                case_sensitive: r.case_sensitive,
            }
        } else {
            let rec = r.recognizer.expect("one kind is present");
            match rec.get_ref().as_str() {
                "person_name" => {
                    let mut names = NameLists::default();
                    for (key, files) in &r.lists {
                        let Some(slot) = names.slot(key) else {
                            return Err(at(files.span(), unknown_list(&id, key, NameLists::KEYS)));
                        };
                        *slot = read_lists(files, resolver, &mut parsed.inputs).map_err(|e| at(files.span(), e))?;
                    }
                    if names.first_names.is_empty() || names.surnames.is_empty() {
                        return Err(at(
                            rule_span.clone(),
                            format!("rule {id:?}: person_name needs `first_names` and `surnames` lists"),
                        ));
                    }
                    RuleKind::PersonName(Box::new(names))
                }
                "street_gazetteer" => {
                    let mut streets = StreetLists::default();
                    for (key, files) in &r.lists {
                        let Some(slot) = streets.slot(key) else {
                            return Err(at(files.span(), unknown_list(&id, key, StreetLists::KEYS)));
                        };
                        *slot = read_lines(files, resolver, &mut parsed.inputs).map_err(|e| at(files.span(), e))?;
                        if key == "streets" {
                            streets.source = files.get_ref().files().join(", ");
                        }
                    }
                    if streets.streets.is_empty() {
                        return Err(at(
                            rule_span.clone(),
                            format!("rule {id:?}: street_gazetteer needs a `streets` list"),
                        ));
                    }
                    RuleKind::StreetGazetteer(Box::new(streets))
                }
                other => {
                    return Err(at(
                        rec.span(),
                        format!("rule {id:?}: unknown recognizer {other:?} (known: person_name, street_gazetteer)"),
                    ));
                }
            }
        };

        let validator = match r.validator {
            None => None,
            Some(v) => Some(Validator::from_name(v.get_ref()).ok_or_else(|| {
                at(
                    v.span(),
                    format!(
                        "rule {id:?}: unknown validator {:?} (known: {})",
                        v.get_ref(),
                        Validator::NAMES.join(", ")
                    ),
                )
            })?),
        };
        let confidence = match r.confidence {
            None => 0.9,
            Some(c) => check_confidence(*c.get_ref()).map_err(|e| at(c.span(), format!("rule {id:?}: {e}")))?,
        };
        let context = match r.context {
            None => None,
            Some(c) => {
                let span = c.span();
                let c = c.into_inner();
                if c.words.is_empty() {
                    return Err(at(span, format!("rule {id:?}: context.words is empty")));
                }
                if c.window == 0 || c.window > limits::MAX_CONTEXT_WINDOW {
                    return Err(at(
                        span,
                        format!("rule {id:?}: context.window must be 1..={}", limits::MAX_CONTEXT_WINDOW),
                    ));
                }
                let boosted = check_confidence(c.confidence.unwrap_or(0.95))
                    .map_err(|e| at(span.clone(), format!("rule {id:?}: {e}")))?;
                Some(Context {
                    words: c.words.iter().map(|w| w.to_lowercase()).collect(),
                    window: c.window,
                    required: c.required,
                    confidence: boosted,
                })
            }
        };
        let mut exceptions = Vec::new();
        for k in r.keep {
            let span = k.span();
            let k = k.into_inner();
            if k.pattern.is_none() && k.after.is_none() {
                return Err(at(span, format!("rule {id:?}: a keep exception needs `pattern` or `after`")));
            }
            if let Some(p) = &k.pattern
                && let Err(e) = regex_automata::meta::Regex::new(p)
            {
                return Err(at(span, format!("rule {id:?}: invalid keep pattern: {}", one_line(&e.to_string()))));
            }
            if k.window == 0 || k.window > limits::MAX_CONTEXT_WINDOW {
                return Err(at(span, format!("rule {id:?}: keep window must be 1..={}", limits::MAX_CONTEXT_WINDOW)));
            }
            let after = k.after.map(|words| words.iter().map(|w| w.to_lowercase()).collect());
            exceptions.push(Exception { pattern: k.pattern, after, window: k.window, reason: k.reason });
        }
        let rule = Rule {
            id,
            category,
            ground,
            inzage_ground: r.inzage_ground,
            description: r.description.unwrap_or_default(),
            kind,
            validator,
            context,
            confidence,
            priority: r.priority,
            exceptions,
            origin: path.to_path_buf(),
        };
        parsed.rules.push((rule, true));
    }
    Ok(parsed)
}

/// Reads the files of one recogniser list, in order, into one list; the raw texts go to `inputs` (for
/// the rule set hash).
fn read_lists(
    files: &Spanned<ListFiles>,
    resolver: &dyn Resolver,
    inputs: &mut Vec<Vec<u8>>,
) -> std::result::Result<Vec<String>, String> {
    let files = files.get_ref().files();
    if files.is_empty() {
        return Err("a list needs at least one file".into());
    }
    let mut out: Vec<String> = Vec::new();
    for file in files {
        let (path, text) = resolver.read(file)?;
        let terms = lists::parse_terms(&path, &text).map_err(|e| e.to_string())?;
        inputs.push(text.into_bytes());
        if out.is_empty() {
            out = terms;
        } else {
            out.extend(terms);
        }
    }
    Ok(out)
}

/// Like [`read_lists`], into one text with an entry a line.
fn read_lines(
    files: &Spanned<ListFiles>,
    resolver: &dyn Resolver,
    inputs: &mut Vec<Vec<u8>>,
) -> std::result::Result<String, String> {
    let files = files.get_ref().files();
    if files.is_empty() {
        return Err("a list needs at least one file".into());
    }
    let mut out = String::new();
    for file in files {
        let (path, text) = resolver.read(file)?;
        out.push_str(&lists::parse_lines(&path, &text).map_err(|e| e.to_string())?);
        inputs.push(text.into_bytes());
    }
    Ok(out)
}

fn read_list(relative: &str, resolver: &dyn Resolver) -> std::result::Result<(Vec<Entry>, String), String> {
    let (path, text) = resolver.read(relative)?;
    let entries = lists::parse(&path, &text).map_err(|e| e.to_string())?;
    Ok((entries, text))
}

fn unknown_list(id: &str, key: &str, known: &[&str]) -> String {
    format!("rule {id:?}: unknown list {key:?} (known: {})", known.join(", "))
}

fn check_confidence(c: f32) -> std::result::Result<f32, String> {
    if (0.0..=1.0).contains(&c) { Ok(c) } else { Err(format!("confidence {c} is not between 0 and 1")) }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoFiles;
    impl Resolver for NoFiles {
        fn read(&self, relative: &str) -> std::result::Result<(PathBuf, String), String> {
            match relative {
                "first.txt" => Ok((PathBuf::from(relative), "Jan\nPiet\n".into())),
                "last.txt" => Ok((PathBuf::from(relative), "Jansen\n".into())),
                "more.txt" => Ok((PathBuf::from(relative), "# header\nKees\n".into())),
                _ => Err(format!("{relative}: no such file")),
            }
        }
    }

    fn err(text: &str) -> String {
        match parse(Path::new("r.toml"), text, &NoFiles) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reports_syntax_errors_with_line() {
        assert!(err("[[rule]]\nid = \"x\"\ncategory = \n").starts_with("r.toml:3:"));
    }

    #[test]
    fn reports_unknown_keys() {
        let e =
            err("[[rule]]\nid = \"x\"\ncategory = \"c\"\nground = \"g\"\npatterns = ['a']\nvalidater = \"bsn11\"\n");
        assert!(e.starts_with("r.toml:6:"), "{e}");
        assert!(e.contains("validater"), "{e}");
    }

    #[test]
    fn reports_bad_regex_at_its_line() {
        let e = err("[[rule]]\nid = \"x\"\ncategory = \"c\"\nground = \"g\"\npatterns = [\n 'ok',\n '(unclosed',\n]\n");
        assert!(e.starts_with("r.toml:7: rule \"x\": invalid pattern"), "{e}");
    }

    #[test]
    fn reports_unknown_validator_and_missing_kind() {
        let e = err("[[rule]]\nid = \"x\"\ncategory = \"c\"\nground = \"g\"\npatterns = ['a']\nvalidator = \"nope\"\n");
        assert!(e.starts_with("r.toml:6:") && e.contains("unknown validator"), "{e}");
        let e = err("[[rule]]\nid = \"x\"\ncategory = \"c\"\nground = \"g\"\n");
        assert!(e.contains("exactly one of"), "{e}");
    }

    #[test]
    fn reports_missing_list_file_and_duplicate_ids() {
        let e = err("[[rule]]\nid = \"x\"\ncategory = \"c\"\nground = \"g\"\nterms = \"missing.txt\"\n");
        assert!(e.starts_with("r.toml:5:") && e.contains("no such file"), "{e}");
        let e = err(
            "[[rule]]\nid = \"x\"\ncategory = \"c\"\nground = \"g\"\npatterns = ['a']\n[[rule]]\nid = \"x\"\ncategory = \"c\"\nground = \"g\"\npatterns = ['b']\n",
        );
        assert!(e.starts_with("r.toml:7:") && e.contains("twice"), "{e}");
    }

    #[test]
    fn parses_a_person_name_rule() {
        let p = parse(
            Path::new("r.toml"),
            "[[rule]]\nid = \"name\"\ncategory = \"person\"\nground = \"5.1.2e\"\nrecognizer = \"person_name\"\nlists = { first_names = \"first.txt\", surnames = \"last.txt\" }\n",
            &NoFiles,
        )
        .unwrap();
        let RuleKind::PersonName(lists) = &p.rules[0].0.kind else { panic!("not a name rule") };
        assert_eq!(lists.first_names, vec!["Jan", "Piet"]);
        assert_eq!(p.inputs.len(), 3);
    }

    #[test]
    fn parses_a_street_gazetteer_rule() {
        let rule =
            "[[rule]]\nid = \"s\"\ncategory = \"address\"\nground = \"5.1.2e\"\nrecognizer = \"street_gazetteer\"\n";
        let p = parse(
            Path::new("r.toml"),
            &format!("{rule}lists = {{ streets = [\"first.txt\", \"more.txt\"] }}\n"),
            &NoFiles,
        )
        .unwrap();
        let RuleKind::StreetGazetteer(lists) = &p.rules[0].0.kind else { panic!("not a street rule") };
        assert_eq!(lists.streets, "Jan\nPiet\nKees\n");
        assert_eq!(lists.source, "first.txt, more.txt");
        let e = err(&format!("{rule}lists = {{ streets = \"first.txt\", names = \"last.txt\" }}\n"));
        assert!(e.starts_with("r.toml:6:") && e.contains("unknown list \"names\""), "{e}");
        let e = err(&format!("{rule}lists = {{ places = \"first.txt\" }}\n"));
        assert!(e.contains("street_gazetteer needs a `streets` list"), "{e}");
        let e = err(&rule.replace("street_gazetteer", "street"));
        assert!(e.contains("known: person_name, street_gazetteer"), "{e}");
    }

    #[test]
    fn a_list_may_name_several_files() {
        let p = parse(
            Path::new("r.toml"),
            "[[rule]]\nid = \"name\"\ncategory = \"person\"\nground = \"5.1.2e\"\nrecognizer = \"person_name\"\n[rule.lists]\nfirst_names = [\"first.txt\", \"more.txt\"]\nsurnames = \"last.txt\"\n",
            &NoFiles,
        )
        .unwrap();
        let RuleKind::PersonName(lists) = &p.rules[0].0.kind else { panic!("not a name rule") };
        assert_eq!(lists.first_names, vec!["Jan", "Piet", "Kees"]);
        assert_eq!(p.inputs.len(), 4);
        let e = err(
            "[[rule]]\nid = \"name\"\ncategory = \"person\"\nground = \"5.1.2e\"\nrecognizer = \"person_name\"\n[rule.lists]\nfirst_names = [\"first.txt\", \"gone.txt\"]\nsurnames = []\n",
        );
        assert!(e.starts_with("r.toml:7:") && e.contains("gone.txt"), "{e}");
    }
}
