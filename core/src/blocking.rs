//! The blocking client: the async client's surface, waiting for each answer.
//!
//! It is a thin wrapper: every call runs on the SDK's runtime (see `runtime.rs`) and the calling
//! thread only waits, so it works in plain threads, inside another async runtime's worker, and
//! behind a GIL-releasing binding alike. It must never start a runtime of its own per call.

use crate::config::ClientBuilder;
use crate::transport::RequestOptions;
use crate::Result;
use std::future::Future;
use std::time::Duration;

pub use crate::generated::blocking_groups::*;

/// Blocking Telegent client. Cheap to clone; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
}

impl From<crate::Client> for Client {
    fn from(inner: crate::Client) -> Self {
        Client {
            inner: inner.in_mode(crate::RuntimeMode::Sdk),
        }
    }
}

impl Client {
    /// The builder shared with the async client: finish it with
    /// [`ClientBuilder::build_blocking`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `TELEGENT_ACCOUNT_KEY`, `TELEGENT_ACCOUNT_SECRET` and
    /// `TELEGENT_BASE_URL`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::default().from_env().build_blocking()
    }

    /// The async client this one wraps (same connections and tokens).
    pub fn inner(&self) -> &crate::Client {
        &self.inner
    }

    /// The same client (same connections and tokens) with some settings changed for its calls.
    pub fn with_options(&self, options: RequestOptions) -> Client {
        Client {
            inner: self.inner.with_options(options),
        }
    }

    /// The same client with a different per-attempt timeout.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client {
            inner: self.inner.with_timeout(timeout),
        }
    }

    /// The same client with a different number of retries.
    pub fn with_max_retries(&self, retries: u32) -> Client {
        Client {
            inner: self.inner.with_max_retries(retries),
        }
    }

    /// The same client with a different page cap for its `*_all` walks (see
    /// [`crate::Client::with_max_pages`]).
    pub fn with_max_pages(&self, pages: u64) -> Client {
        Client {
            inner: self.inner.with_max_pages(pages),
        }
    }

    /// How many tokens this client has minted (diagnostics).
    pub fn tokens_minted(&self) -> u64 {
        self.inner.tokens_minted()
    }

    /// Calls an operation by manifest id with JSON in and out (see [`crate::Client::call_json`]).
    pub fn call_json(
        &self,
        id: &str,
        params: Option<serde_json::Value>,
        body: Option<serde_json::Value>,
    ) -> Result<serde_json::Value> {
        wait(self.inner.call_json(id, params, body))
    }
}

impl Client {
    /// Every item of paging operation `id`, fetched page by page as the iterator advances.
    pub fn call_json_all(
        &self,
        id: &str,
        params: Option<serde_json::Value>,
    ) -> Result<Items<serde_json::Value>> {
        self.inner.call_json_all(id, params).map(Items::new)
    }
}

/// Waits for a future whose work runs on the SDK runtime.
pub(crate) fn wait<F: Future>(future: F) -> F::Output {
    futures::executor::block_on(future)
}

/// Every item of a paging operation, fetched page by page as the iterator advances.
pub struct Items<T> {
    stream: futures::executor::BlockingStream<crate::paging::Items<T>>,
}

impl<T> Items<T> {
    pub(crate) fn new(stream: crate::paging::Items<T>) -> Self {
        Items {
            stream: futures::executor::block_on_stream(stream),
        }
    }
}

impl<T> Iterator for Items<T> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Self::Item> {
        self.stream.next()
    }
}
