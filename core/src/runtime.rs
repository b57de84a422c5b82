//! The SDK's own tokio runtime, on which every request runs.
//!
//! Running I/O on one runtime the SDK owns makes the async client usable from any executor
//! (a foreign one in Python, Kotlin or Swift; another tokio runtime; none, for the blocking
//! client) and keeps the connection pool away from runtimes the caller may drop. After `fork()`
//! the parent's worker threads do not exist in the child, so a child process gets a fresh runtime.
//! This module must never block on a future itself.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::runtime::Runtime;

/// Which runtime runs a client's calls (choose with `ClientBuilder::runtime`).
///
/// Either way a client keeps one connection pool per runtime it has run on, so a connection is
/// only ever used by the runtime whose tasks drive it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuntimeMode {
    /// On the caller's tokio runtime when the call is awaited inside one (no thread hop: the
    /// fastest for Rust services), else on the SDK's own runtime. The async client's default.
    #[default]
    Caller,
    /// Always on the SDK's own runtime; the caller only waits for the outcome. For callers whose
    /// executor is not tokio or may go away before the client does: the blocking client and
    /// every language binding.
    Sdk,
}

static RUNTIME: Mutex<Option<(u32, Arc<Runtime>)>> = Mutex::new(None);

/// The runtime of this process (a new one after `fork()`).
pub fn runtime() -> Arc<Runtime> {
    let pid = std::process::id();
    let mut slot = RUNTIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((owner, rt)) = slot.as_ref() {
        if *owner == pid {
            return rt.clone();
        }
    }
    if let Some((_, inherited)) = slot.take() {
        // Its threads died with the fork; dropping it would wait for them forever.
        std::mem::forget(inherited);
    }
    let rt = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(io_threads())
            .thread_name("telegent-io")
            .enable_all()
            .build()
            .expect("the operating system refused to start the SDK's I/O threads"),
    );
    *slot = Some((pid, rt.clone()));
    rt
}

/// Worker threads of the SDK runtime: `TELEGENT_IO_THREADS`, else 1. One thread keeps a call's
/// request and its connection on the same thread (measured faster than two on a 2-core machine,
/// see bench/RESULTS.md) and serves thousands of concurrent calls; raise it for many large pages.
fn io_threads() -> usize {
    std::env::var("TELEGENT_IO_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

/// Runs `future` on the SDK runtime; dropping the returned future cancels it.
pub fn spawn<F>(future: F) -> Spawned<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    Spawned {
        handle: runtime().spawn(future),
    }
}

/// A task on the SDK runtime that is aborted when its caller stops waiting for it.
pub struct Spawned<T> {
    handle: tokio::task::JoinHandle<T>,
}

impl<T> Future for Spawned<T> {
    type Output = Result<T, tokio::task::JoinError>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.handle).poll(cx)
    }
}

impl<T> Drop for Spawned<T> {
    fn drop(&mut self) {
        self.handle.abort();
    }
}
