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
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One page the cursor fetched (for the host's log: every page request is a line, as every call
/// is).
#[derive(Debug, Clone, PartialEq)]
pub struct PageFetched {
    /// The page number sent.
    pub page: u64,
    /// How many items it held.
    pub items: usize,
    /// How long its call took, retries included.
    pub elapsed: Duration,
}

/// Pages fetched and not yet taken by the host, the oldest first; bounded, so a host that never
/// asks (logging off) holds no more than this many.
pub(crate) type PageLog = Arc<Mutex<VecDeque<PageFetched>>>;

const PAGE_LOG_LIMIT: usize = 256;

pub(crate) fn page_log() -> PageLog {
    Arc::new(Mutex::new(VecDeque::new()))
}

pub(crate) fn record_page(log: &PageLog, fetched: &telegent::paging::PageFetched) {
    let mut pages = log.lock().unwrap_or_else(|e| e.into_inner());
    if pages.len() == PAGE_LOG_LIMIT {
        pages.pop_front();
    }
    pages.push_back(PageFetched {
        page: fetched.page,
        items: fetched.items,
        elapsed: fetched.elapsed,
    });
}

/// Every item of one paging call, in order.
#[derive(Clone)]
pub struct PageCursor {
    items: Arc<tokio::sync::Mutex<telegent::paging::Items<Value>>>,
    pages: PageLog,
}

impl PageCursor {
    pub(crate) fn new(items: telegent::paging::Items<Value>, pages: PageLog) -> PageCursor {
        PageCursor {
            items: Arc::new(tokio::sync::Mutex::new(items)),
            pages,
        }
    }

    /// The pages fetched since the last time this was asked, oldest first.
    pub fn take_pages(&self) -> Vec<PageFetched> {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages.drain(..).collect()
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
