//! The review page: one self-contained HTML file, no scripts, no external resources.

use std::fmt::Write;

use super::spool::{self, Store};
use super::{FindingReport, Report, Status};
use crate::model::Action;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// A finding's row in a document's table.
pub(super) fn row(f: &FindingReport) -> String {
    let place = f.location.describe();
    let (class, action) = match &f.action {
        Action::Redact => ("", "redact".to_string()),
        Action::Keep { reason } => (" class=\"keep\"", format!("keep: {reason}")),
    };
    format!(
        "<tr{class}><td>{}</td><td><code>{}</code></td><td>{} ({})</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td></tr>\n",
        esc(&place),
        esc(&f.text),
        esc(&f.rule),
        esc(&f.category),
        esc(&f.ground),
        esc(&action),
        f.confidence,
        esc(&f.why)
    )
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Redacted => "redacted",
        Status::Clean => "clean",
        Status::Found => "found",
        Status::Residual => "RESIDUAL",
        Status::NeedsManual => "NEEDS MANUAL HANDLING",
        Status::Duplicate => "duplicate, not published",
    }
}

/// Writes the page to `w`, one document at a time (`h` holds what is not written yet).
pub(super) fn write(r: &Report, store: Option<&dyn Store>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut h = String::new();
    let c = &r.counts;
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>lak review report</title>\n<style>\n\
         body{{font-family:sans-serif;margin:2em;color:#111}} table{{border-collapse:collapse;margin:.5em 0 1.5em}}\n\
         td,th{{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}} th{{background:#eee}}\n\
         .manual{{background:#fdd}} .keep{{color:#555}} .warn{{background:#fee;border:2px solid #c00;padding:.5em}}\n\
         code{{background:#f4f4f4}}\n</style></head><body>\n\
         <h1>lak review report</h1>\n\
         <p class=\"warn\">This page contains the personal data that was removed. Do not publish it.</p>\n\
         <p>Command <code>{}</code>, mode <code>{}</code>, lak {}, rules <code>{}</code> ({} rules from {}).</p>\n",
        r.command,
        r.mode,
        esc(r.lak_version),
        esc(&r.ruleset.hash),
        r.ruleset.rules,
        esc(&r.ruleset.sources.join(", ")),
    );
    let _ = writeln!(
        h,
        "<p>{} documents: {} redacted, {} clean, {} with findings, {} residual, <strong>{} need manual handling</strong>. \
         {} findings redacted, {} kept.</p>",
        c.documents, c.redacted, c.clean, c.found, c.residual, c.needs_manual, c.findings_redacted, c.findings_kept
    );
    if c.needs_manual > 0 {
        h.push_str("<h2>Needs manual handling (withheld)</h2>\n<table><tr><th>document</th><th>reason</th></tr>\n");
        for d in r.documents.iter().filter(|d| d.status == Status::NeedsManual) {
            let reason = d.reason.as_ref().map(|m| m.to_string()).unwrap_or_default();
            let _ = writeln!(h, "<tr class=\"manual\"><td>{}</td><td>{}</td></tr>", esc(&d.path), esc(&reason));
        }
        h.push_str("</table>\n");
    }
    if !r.stale_decisions.is_empty() {
        h.push_str("<h2>Stale decisions (not applied)</h2>\n<table><tr><th>kind</th><th>what</th><th>action</th><th>reviewer</th><th>time</th><th>why</th></tr>\n");
        for s in &r.stale_decisions {
            let d = &s.decision;
            let what = [&d.finding, &d.value, &d.text].into_iter().flatten().cloned().collect::<Vec<_>>().join(": ");
            let _ = writeln!(
                h,
                "<tr class=\"manual\"><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&d.kind),
                esc(&what),
                esc(&d.action),
                esc(&d.reviewer),
                esc(&d.time),
                esc(&s.why)
            );
        }
        h.push_str("</table>\n");
    }
    if !r.names.is_empty() {
        h.push_str("<h2>Folder names</h2>\n<table><tr><th>name</th><th>published as</th><th>text</th><th>rule</th><th>ground</th><th>action</th><th>why</th></tr>\n");
        for n in &r.names {
            for f in &n.findings {
                let (class, action) = match &f.action {
                    Action::Redact => ("", "redact".to_string()),
                    Action::Keep { reason } => (" class=\"keep\"", format!("keep: {reason}")),
                };
                let _ = writeln!(
                    h,
                    "<tr{class}><td>folder <code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&n.name),
                    esc(&n.redacted),
                    esc(&f.text),
                    esc(&f.rule),
                    esc(&f.ground),
                    esc(&action),
                    esc(&f.why)
                );
            }
        }
        h.push_str("</table>\n");
    }
    h.push_str("<h2>Documents</h2>\n");
    for d in &r.documents {
        w.write_all(h.as_bytes())?;
        h.clear();
        let _ = writeln!(
            h,
            "<h3>{} {}</h3>\n<p>status: <strong>{}</strong>{}{}</p>",
            esc(&d.id),
            esc(&d.path),
            status_word(d.status),
            d.format.map(|f| format!(", format {f}")).unwrap_or_default(),
            d.output.as_ref().map(|o| format!(", written as <code>{}</code>", esc(o))).unwrap_or_default(),
        );
        if let Some(m) = &d.reason {
            let _ = writeln!(h, "<p class=\"manual\">{}</p>", esc(&m.to_string()));
        }
        for (title, items) in [("hidden content", &d.notes), ("scrubbed", &d.scrubbed)] {
            if !items.is_empty() {
                let list: Vec<String> = items.iter().map(|s| format!("<li>{}</li>", esc(s))).collect();
                let _ = writeln!(h, "<p>{title}:</p><ul>{}</ul>", list.concat());
            }
        }
        if d.finding_count() == 0 {
            continue;
        }
        h.push_str("<table><tr><th>where</th><th>text</th><th>rule</th><th>ground</th><th>action</th><th>confidence</th><th>why</th></tr>\n");
        let spooled = spool::pieces(d, store)?;
        for f in &d.findings {
            h.push_str(&row(f));
        }
        if let Some(p) = &spooled {
            w.write_all(h.as_bytes())?;
            h.clear();
            for piece in &p.items {
                w.write_all(p.at(&piece.row))?;
            }
        }
        h.push_str("</table>\n");
    }
    h.push_str("</body></html>\n");
    w.write_all(h.as_bytes())
}
