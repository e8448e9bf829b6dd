//! Progress of a run: the pipeline reports documents done ([`Progress`]); a [`Bar`] draws them on a
//! terminal.
//!
//! The pipeline only counts: it calls [`Progress::start`] with the number of documents, then
//! [`Progress::advance`] from its worker threads as each document's first pass ends (a byte copy of an
//! earlier document counts at once: it is not processed again). Nothing about a document, not even its
//! name, goes through this interface, so no progress line can show personal data.
//!
//! [`Bar`] draws one line on stderr (`[#####·····] 12/40 documents  3.1/s  ETA 0:09`), at most ten times
//! a second, and erases it at the end. The command line uses it only when stderr is a terminal and
//! `--quiet` is not given: a redirected or piped run prints no bar.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What a run tells about its progress. Called from worker threads.
pub trait Progress: Sync {
    /// The run has `total` documents.
    fn start(&self, _total: usize) {}
    /// `n` more documents are done.
    fn advance(&self, _n: usize) {}
    /// The run is over.
    fn finish(&self) {}
}

/// Reports nothing.
#[derive(Debug, Default)]
pub struct Silent;

impl Progress for Silent {}

/// A progress bar on stderr.
#[derive(Debug)]
pub struct Bar {
    total: AtomicUsize,
    done: AtomicUsize,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    started: Instant,
    drawn: Option<Instant>,
}

/// Time between two drawings of the bar.
const REDRAW: Duration = Duration::from_millis(100);
/// Width of the bar itself, in characters.
const WIDTH: usize = 24;

impl Default for Bar {
    fn default() -> Self {
        Bar {
            total: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            state: Mutex::new(State { started: Instant::now(), drawn: None }),
        }
    }
}

impl Bar {
    fn draw(&self, force: bool) {
        let Ok(mut state) = self.state.lock() else { return };
        let now = Instant::now();
        if !force && state.drawn.is_some_and(|t| now.duration_since(t) < REDRAW) {
            return;
        }
        state.drawn = Some(now);
        let line = render(self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed), now - state.started);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        if let Ok(mut s) = self.state.lock() {
            s.started = Instant::now();
        }
        self.draw(true);
    }

    fn advance(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
        self.draw(false);
    }

    fn finish(&self) {
        self.draw(true);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

/// One line of the bar: documents done of `total`, the rate so far and the time left at that rate.
pub fn render(done: usize, total: usize, elapsed: Duration) -> String {
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0).min(WIDTH);
    let bar: String = "#".repeat(filled) + &"·".repeat(WIDTH - filled);
    let secs = elapsed.as_secs_f64();
    let mut line = format!("[{bar}] {done}/{total} documents");
    if done > 0 && secs > 0.0 {
        let rate = done as f64 / secs;
        let left = (total.saturating_sub(done) as f64 / rate).round() as u64;
        line.push_str(&format!("  {rate:.1}/s  ETA {}:{:02}", left / 60, left % 60));
    } else {
        line.push_str("  ETA –");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_documents_rate_and_time_left() {
        assert_eq!(render(0, 40, Duration::ZERO), format!("[{}] 0/40 documents  ETA –", "·".repeat(24)));
        assert_eq!(
            render(10, 40, Duration::from_secs(5)),
            format!("[{}{}] 10/40 documents  2.0/s  ETA 0:15", "#".repeat(6), "·".repeat(18))
        );
        assert!(render(40, 40, Duration::from_secs(600)).ends_with("40/40 documents  0.1/s  ETA 0:00"));
        assert!(render(0, 0, Duration::ZERO).starts_with("[····"));
    }
}
