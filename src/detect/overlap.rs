//! Overlap resolution: a stretch of text is reported once, by the strongest rule.
//!
//! Overlapping findings form a cluster; the winner is the finding with the highest rule priority, then
//! the highest confidence, then the longest span, then the earliest rule. The winner's span grows to
//! cover the whole cluster, so that nothing any rule wanted removed is left standing (a phone number
//! inside an IBAN, a name inside an address).

use crate::model::Finding;

/// Resolves overlaps in place; `priority` gives a rule's priority. The result is sorted by (unit, start).
pub(crate) fn resolve(findings: &mut Vec<Finding>, priority: impl Fn(usize) -> i32) {
    findings.sort_by(|a, b| (a.unit, a.start, b.end).cmp(&(b.unit, b.start, a.end)));
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings.drain(..) {
        if let Some(last) = out.last_mut()
            && last.unit == f.unit
            && f.start < last.end
        {
            let (start, end) = (last.start.min(f.start), last.end.max(f.end));
            let key = |x: &Finding| (priority(x.rule), ordered(x.confidence), x.end - x.start, usize::MAX - x.rule);
            if key(&f) > key(last) {
                *last = f;
            }
            last.start = start;
            last.end = end;
            continue;
        }
        out.push(f);
    }
    *findings = out;
}

/// Confidence as an orderable integer.
fn ordered(c: f32) -> u32 {
    (c.clamp(0.0, 1.0) * 1_000_000.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;

    fn f(rule: usize, start: usize, end: usize, confidence: f32) -> Finding {
        Finding { unit: 0, start, end, rule, confidence, evidence: Evidence::default() }
    }

    #[test]
    fn strongest_rule_wins_and_covers_the_cluster() {
        // rule 0: priority 90 (IBAN), rule 1: priority 70 (phone inside it), rule 2: priority 30 (name).
        let prio = |r: usize| [90, 70, 30][r];
        let mut v = vec![f(1, 10, 22, 0.9), f(0, 0, 22, 0.98), f(2, 30, 40, 0.8), f(2, 35, 45, 0.9)];
        resolve(&mut v, prio);
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].rule, v[0].start, v[0].end), (0, 0, 22));
        // Same priority: higher confidence wins; the span covers both.
        assert_eq!((v[1].rule, v[1].start, v[1].end, v[1].confidence), (2, 30, 45, 0.9));
    }

    #[test]
    fn partial_overlap_is_widened() {
        let prio = |r: usize| [50, 60][r];
        let mut v = vec![f(0, 0, 10, 0.9), f(1, 5, 15, 0.5)];
        resolve(&mut v, prio);
        assert_eq!((v[0].rule, v[0].start, v[0].end), (1, 0, 15));
    }

    #[test]
    fn touching_spans_stay_apart() {
        let mut v = vec![f(0, 0, 5, 0.9), f(0, 5, 9, 0.9)];
        resolve(&mut v, |_| 1);
        assert_eq!(v.len(), 2);
    }
}
