//! Calls that run on the SDK's runtime and can be waited for, awaited, or aborted.
//!
//! A host language never runs the core's futures itself: asyncio, the Node event loop, Kotlin
//! coroutines and Swift tasks have no tokio reactor. Every call is spawned onto the SDK's own
//! runtime and handed back as a [`CallHandle`]; the host waits for it (in slices, so it can react
//! to Ctrl-C), awaits it, or gets a callback. Dropping or aborting the handle cancels the call
//! where it is: its request is dropped and nothing is retried. A callback must never run while
//! this layer holds a lock, and a panic inside a call becomes an `internal` error record.

use crate::errors::{panic_text, ErrorRecord, FfiResult};
use futures::FutureExt;
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::Duration;

/// A call running on the SDK runtime. Dropping it cancels the call.
pub struct CallHandle<T> {
    abort: tokio::task::AbortHandle,
    detached: bool,
    outcome: Mutex<Option<Receiver<FfiResult<T>>>>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// What a bounded wait found.
#[derive(Debug)]
pub enum Waited<T> {
    /// The call ended.
    Done(FfiResult<T>),
    /// Still running after the wait.
    Pending,
}

impl<T: Send + 'static> CallHandle<T> {
    /// Starts `work` on the SDK runtime; its outcome is kept for [`CallHandle::wait`] or an
    /// `.await` of the handle.
    pub fn spawn(work: impl Future<Output = FfiResult<T>> + Send + 'static) -> CallHandle<T> {
        let (done, outcome) = channel();
        let task = telegent::runtime::runtime().spawn(async move {
            let _ = done.send(caught(work).await);
        });
        CallHandle {
            abort: task.abort_handle(),
            detached: false,
            outcome: Mutex::new(Some(outcome)),
            task: Mutex::new(Some(task)),
        }
    }

    /// Starts `work` on the SDK runtime and hands its outcome to `on_done`, on the runtime's
    /// thread, unless the call is aborted first (then `on_done` is dropped without being called).
    pub fn spawn_with(
        work: impl Future<Output = FfiResult<T>> + Send + 'static,
        on_done: impl FnOnce(FfiResult<T>) + Send + 'static,
    ) -> CallHandle<T> {
        let task = telegent::runtime::runtime().spawn(async move {
            on_done(caught(work).await);
        });
        CallHandle {
            abort: task.abort_handle(),
            detached: false,
            outcome: Mutex::new(None),
            task: Mutex::new(None),
        }
    }
}

impl<T> CallHandle<T> {
    /// Lets the call run to its end with no one holding it (its `on_done` still runs).
    pub fn detach(mut self) {
        self.detached = true;
    }

    /// Cancels the call where it is. Idempotent; a finished call is not affected.
    pub fn abort(&self) {
        self.abort.abort();
    }

    /// Waits at most `limit` for the outcome. Call again after `Pending`; after `Done` the
    /// outcome is gone and further waits answer an `internal` error.
    pub fn wait_timeout(&self, limit: Duration) -> Waited<T> {
        let slot = self.outcome.lock().unwrap_or_else(|p| p.into_inner());
        let Some(outcome) = slot.as_ref() else {
            return Waited::Done(Err(taken()));
        };
        match outcome.recv_timeout(limit) {
            Ok(result) => Waited::Done(result),
            Err(RecvTimeoutError::Timeout) => Waited::Pending,
            Err(RecvTimeoutError::Disconnected) => Waited::Done(Err(ErrorRecord::internal(
                "the call was aborted before it ended",
            ))),
        }
    }

    /// Waits for the outcome, blocking this thread (never call it on the SDK runtime).
    pub fn wait(&self) -> FfiResult<T> {
        loop {
            if let Waited::Done(result) = self.wait_timeout(Duration::from_secs(3600)) {
                return result;
            }
        }
    }
}

fn taken() -> ErrorRecord {
    ErrorRecord::internal("this call's outcome was already taken")
}

/// Runs `work`, turning a panic into an `internal` error record.
async fn caught<T>(work: impl Future<Output = FfiResult<T>>) -> FfiResult<T> {
    std::panic::AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .unwrap_or_else(|panic| {
            Err(ErrorRecord::internal(format!(
                "the SDK failed unexpectedly ({}); please report this",
                panic_text(&*panic)
            )))
        })
}

/// Awaiting a handle (from any executor) gives the call's outcome.
impl<T: Send + 'static> Future for CallHandle<T> {
    type Output = FfiResult<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<FfiResult<T>> {
        let mut task = self.task.lock().unwrap_or_else(|p| p.into_inner());
        let Some(join) = task.as_mut() else {
            return Poll::Ready(Err(taken()));
        };
        match Pin::new(join).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(joined) => {
                task.take();
                let outcome = self
                    .outcome
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .take();
                Poll::Ready(match (joined, outcome) {
                    (Ok(()), Some(outcome)) => outcome.try_recv().unwrap_or_else(|_| Err(taken())),
                    (Err(e), _) if e.is_cancelled() => Err(ErrorRecord::internal(
                        "the call was aborted before it ended",
                    )),
                    _ => Err(ErrorRecord::internal(
                        "the SDK's task for this call stopped without an answer; please report this",
                    )),
                })
            }
        }
    }
}

impl<T> Drop for CallHandle<T> {
    fn drop(&mut self) {
        if !self.detached {
            self.abort.abort();
        }
    }
}
