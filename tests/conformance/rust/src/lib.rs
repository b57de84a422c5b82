//! The Rust side of the conformance suite (`tests/conformance/`): the case format, the runner,
//! and the generator of the spec-derived wire cases.

pub mod case;
pub mod generate;
pub mod runner;

use std::path::PathBuf;

/// `tests/conformance/cases`.
pub fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../cases")
}
