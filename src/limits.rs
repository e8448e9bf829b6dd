//! Resource limits, in one place.
//!
//! Every limit that protects lak from hostile or runaway input is a named constant here, and the README
//! lists them. A document that hits a limit is not an error of the run: it is withheld and reported as
//! needing manual handling, with the limit named in the reason.

/// Largest input file lak reads (bytes). Larger files need manual handling.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// Largest single text unit handed to the detector (bytes). Offsets inside a unit are `u32`.
pub const MAX_UNIT_BYTES: usize = 256 * 1024 * 1024;

/// Largest rule file or word list (bytes).
pub const MAX_RULE_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Most regular-expression patterns across all rules.
pub const MAX_PATTERNS: usize = 4096;

/// Size limit for the compiled multi-pattern regex (bytes), see `regex_automata::meta::Config`.
pub const MAX_REGEX_BYTES: usize = 64 * 1024 * 1024;

/// Largest context window a rule may ask for (bytes on each side of a match).
pub const MAX_CONTEXT_WINDOW: usize = 400;

/// Most files one run walks. Beyond this the run stops with a usage error rather than exhaust memory.
pub const MAX_DOCUMENTS: usize = 2_000_000;
