//! `telegent_node`: the native half of the Node package (`telegent.linux-x64-gnu.node`).
//!
//! It exposes the Rust core to the JS layer through a deliberately small surface, the same as the
//! Python module's: calls by manifest id with JSON text in and out (`NativeClient`, `NativeAbort`),
//! page walkers (`NativePages`), the sandbox, the webhook helpers and `setLogger`. Everything users
//! touch (typed resource groups, `TelegentError` classes, `AbortSignal`s, async iterators) is the
//! generated and hand-written JS on top. Every failure reaches JS as an `Error` whose message is
//! `TELEGENT_ERROR:` and the error record as JSON (`errors.rs`). This crate only converts types:
//! it must never block the Node event loop (calls run on the SDK's runtime and are awaited on
//! napi's), never let a panic cross into Node, never keep the process alive on its own, and never
//! put a secret into an error.

// napi-derive registers exported functions only outside `cfg(test)`, so the unit tests' build sees
// them as unused.
#![cfg_attr(test, allow(dead_code))]

mod client;
mod errors;
mod logging;
mod options;
mod paging;
#[cfg(feature = "sandbox")]
mod sandbox;
mod webhooks;

use napi_derive::napi;

/// The SDK's version. Named as JS sees it: napi-derive 3.7 exports a `const` under its Rust
/// name whatever `js_name` says.
#[napi]
#[allow(non_upper_case_globals)]
pub const version: &str = env!("CARGO_PKG_VERSION");

/// napi's runtime only awaits `CallHandle`s (the requests run on the SDK's own runtime) and runs
/// the sandbox's start and stop on its blocking pool: one worker thread is plenty.
#[napi_derive::module_init]
fn init() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("telegent-node")
        .enable_all()
        .build();
    // Without a runtime of our own, napi builds its default one on first use.
    if let Ok(runtime) = runtime {
        napi::bindgen_prelude::create_custom_tokio_runtime(runtime);
    }
}
