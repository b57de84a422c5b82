//! Waiting for the SDK runtime from a Python thread, interruptibly.
//!
//! A sync call runs on the core's tokio runtime while the calling thread waits with the GIL
//! released. The wait is sliced so that Python's signal handlers run between slices: Ctrl-C
//! raises `KeyboardInterrupt` within a fraction of a second and aborts the call, instead of being
//! held until every attempt and retry has timed out. This must never wait with the GIL held.

use pyo3::prelude::*;
use std::future::Future;
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;

/// How often a waiting thread lets Python check for signals.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(50);

/// Runs `work` on the SDK runtime and waits for its output; a pending signal whose handler raises
/// (Ctrl-C) aborts `work` and raises here.
pub fn wait<T: Send + 'static>(
    py: Python<'_>,
    work: impl Future<Output = T> + Send + 'static,
) -> PyResult<T> {
    let (done, outcome) = channel();
    let task = telegent::runtime::runtime().spawn(async move {
        let _ = done.send(work.await);
    });
    let mut outcome = outcome;
    loop {
        // The receiver is moved into the GIL-free closure and back (it is `Send`, not `Sync`).
        let (received, back) = py.detach(move || {
            let received = outcome.recv_timeout(SIGNAL_CHECK_INTERVAL);
            (received, outcome)
        });
        outcome = back;
        match received {
            Ok(value) => return Ok(value),
            Err(RecvTimeoutError::Timeout) => {
                if let Err(interrupted) = py.check_signals() {
                    task.abort();
                    return Err(interrupted);
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(crate::errors::internal(
                    "the SDK's I/O task stopped before answering; please report this",
                ))
            }
        }
    }
}
