//! The `telegent` binary end to end, one behaviour per test (one test binary; the fixtures are in
//! `common.rs`, help snapshots in `cli/tests/snapshots/`: `UPDATE_SNAPSHOTS=1` rewrites them).

mod common;

mod commands;
mod help;
mod inputs;
mod output;
mod profiles;
