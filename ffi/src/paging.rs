//! Page cursors: every item of a paging operation, fetched as the host asks for the next one.
//!
//! A cursor is `Send + Sync` so a host may move it between threads (a Python iterator, a Node
//! async iterator, a Kotlin `Flow`, a Swift `AsyncSequence`). Pages are fetched on the SDK's
//! runtime, one at a time, only when the next item is asked for and none is buffered. A cursor
//! must never fetch ahead, and two hosts' threads asking at once get consecutive items, never the
//! same one twice.

use crate::calls::CallHandle;
use crate::errors::{ErrorRecord, FfiResult};
use futures::StreamExt;
use serde_json::Value;
use std::sync::Arc;

/// Every item of one paging call, in order.
#[derive(Clone)]
pub struct PageCursor {
    items: Arc<tokio::sync::Mutex<telegent::paging::Items<Value>>>,
}

impl PageCursor {
    pub(crate) fn new(items: telegent::paging::Items<Value>) -> PageCursor {
        PageCursor {
            items: Arc::new(tokio::sync::Mutex::new(items)),
        }
    }

    /// The next item (`None` after the last), fetched on the SDK runtime; awaitable from any
    /// executor, blocking-waitable, or abortable through the handle.
    pub fn next(&self) -> CallHandle<Option<Value>> {
        CallHandle::spawn(self.fetch())
    }

    /// The same, handing the outcome to `on_done` on the SDK runtime's thread.
    pub fn next_with(
        &self,
        on_done: impl FnOnce(FfiResult<Option<Value>>) + Send + 'static,
    ) -> CallHandle<Option<Value>> {
        CallHandle::spawn_with(self.fetch(), on_done)
    }

    /// The next item, blocking this thread until it is there (never call it on the SDK runtime).
    pub fn next_blocking(&self) -> FfiResult<Option<Value>> {
        self.next().wait()
    }

    fn fetch(
        &self,
    ) -> impl std::future::Future<Output = FfiResult<Option<Value>>> + Send + 'static {
        let items = self.items.clone();
        async move {
            match items.lock().await.next().await {
                Some(Ok(item)) => Ok(Some(item)),
                Some(Err(e)) => Err(ErrorRecord::from(&e)),
                None => Ok(None),
            }
        }
    }
}
