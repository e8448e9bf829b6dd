//! Errors of the library.
//!
//! Two kinds of failure exist in lak and they are kept apart on purpose:
//!
//! - [`Error`]: the run cannot start or cannot go on (a bad rule file, an output folder inside an input,
//!   an unwritable review folder). The CLI maps these to exit codes.
//! - [`crate::model::Manual`]: one *document* cannot be fully processed. That is not an error of the run: the
//!   document is withheld, reported as needing manual handling with the reason, and the batch goes on.

use std::path::PathBuf;

/// A result with lak's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error that stops a run (as opposed to a document that needs manual handling).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule file, word list or requester file is invalid. `line` is 1-based; 0 when the problem is not
    /// tied to a line.
    #[error("{}:{line}: {reason}", path.display())]
    Config {
        /// The file that holds the problem.
        path: PathBuf,
        /// 1-based line number, 0 if unknown.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The command line asks for something that cannot be done (e.g. an output folder inside an input).
    #[error("{0}")]
    Usage(String),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    /// An I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// A configuration error at a line of a file.
    pub fn config(path: impl Into<PathBuf>, line: usize, reason: impl Into<String>) -> Self {
        Error::Config { path: path.into(), line, reason: reason.into() }
    }
}
