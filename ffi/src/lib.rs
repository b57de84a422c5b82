//! `telegent-ffi`: the one layer every language package wraps.
//!
//! Python (pyo3), Node (napi-rs) and Swift/Kotlin (uniffi) all need the same things from the core:
//! client options with their defaults and checks, calls by operation id with wire-named JSON in
//! and out, one error record with every detail, page cursors, calls that can be aborted, core
//! events delivered to the host's logger, webhook helpers and the embedded sandbox. They are
//! written here once, in plain Rust with no FFI framework, so each binding is a thin adapter that
//! only converts types and follows its language's idioms. Nothing here may panic across the
//! boundary (every entry point turns a panic into an `internal` error record), block a thread the
//! host needs (every call runs on the SDK's own runtime), or put a secret into an error or a log
//! line.

#![warn(missing_docs)]

pub mod calls;
pub mod client;
pub mod errors;
pub mod input;
pub mod logging;
pub mod options;
pub mod paging;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod schema;
pub mod webhooks;

pub use calls::{CallHandle, Waited};
pub use client::{CallRequest, FfiClient};
pub use errors::{ErrorRecord, FfiResult};
pub use logging::{LogLevel, LogRecord, LogSink};
pub use options::{CallOptions, ClientOptions};
pub use paging::PageCursor;
pub use schema::Language;
