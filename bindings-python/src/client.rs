//! The client: calls by manifest id, sync (the GIL released while waiting) or asyncio (resolved
//! on the event loop's thread with `call_soon_threadsafe`).

use crate::errors;
use crate::paging::{NativeAsyncPages, NativePages};
use pyo3::prelude::*;
use serde_json::Value;
use std::time::Duration;

#[pyclass(frozen, module = "telegent._telegent")]
pub struct NativeClient {
    pub(crate) client: telegent::blocking::Client,
}

fn parse(operation: &str, what: &str, json: Option<&str>) -> PyResult<Option<Value>> {
    match json {
        None => Ok(None),
        Some(text) => serde_json::from_str(text).map(Some).map_err(|e| {
            errors::invalid_input(operation, format!("{what} is not valid JSON: {e}"))
        }),
    }
}

fn seconds(value: Option<f64>, name: &str) -> PyResult<Option<Duration>> {
    match value {
        None => Ok(None),
        Some(s) if s > 0.0 => Duration::try_from_secs_f64(s).map(Some).map_err(|_| {
            errors::invalid_input(
                "client",
                format!("{name} must be a positive, finite number of seconds, not {s}"),
            )
        }),
        Some(s) => Err(errors::invalid_input(
            "client",
            format!("{name} must be a positive number of seconds, not {s}"),
        )),
    }
}

#[pymethods]
impl NativeClient {
    #[new]
    #[pyo3(signature = (account_key, account_secret, base_url=None, timeout=None, connect_timeout=None, max_retries=None, token_scope=None, user_agent=None, allow_insecure_http=false, proxy=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        account_key: &str,
        account_secret: &str,
        base_url: Option<&str>,
        timeout: Option<f64>,
        connect_timeout: Option<f64>,
        max_retries: Option<u32>,
        token_scope: Option<&str>,
        user_agent: Option<&str>,
        allow_insecure_http: bool,
        proxy: Option<&str>,
    ) -> PyResult<Self> {
        let mut builder = telegent::Client::builder()
            .credentials(account_key, account_secret)
            .allow_insecure_http(allow_insecure_http);
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        if let Some(t) = seconds(timeout, "timeout")? {
            builder = builder.timeout(t);
        }
        if let Some(t) = seconds(connect_timeout, "connect_timeout")? {
            builder = builder.connect_timeout(t);
        }
        if let Some(n) = max_retries {
            builder = builder.max_retries(n);
        }
        builder = match token_scope {
            None | Some("per_endpoint") => builder,
            Some("shared") => builder.token_scope(telegent::TokenScope::Shared),
            Some(other) => {
                return Err(errors::invalid_input(
                    "client",
                    format!("token_scope must be 'per_endpoint' or 'shared', not {other:?}"),
                ))
            }
        };
        builder = builder.user_agent(
            format!("python {}", user_agent.unwrap_or(""))
                .trim_end()
                .to_string(),
        );
        if let Some(p) = proxy {
            builder = builder.proxy(p);
        }
        let client = builder.build_blocking().map_err(|e| errors::to_py(&e))?;
        Ok(NativeClient { client })
    }

    /// The same client with a different timeout and/or retry count for its calls.
    #[pyo3(signature = (timeout=None, max_retries=None))]
    fn with_options(
        &self,
        timeout: Option<f64>,
        max_retries: Option<u32>,
    ) -> PyResult<NativeClient> {
        let options = telegent::RequestOptions {
            timeout: seconds(timeout, "timeout")?,
            max_retries,
            ..Default::default()
        };
        Ok(NativeClient {
            client: self.client.with_options(options),
        })
    }

    #[getter]
    fn base_url(&self) -> String {
        self.client.inner().config().base_url.clone()
    }

    fn tokens_minted(&self) -> u64 {
        self.client.tokens_minted()
    }

    /// Calls `operation` with JSON query parameters and body; returns the result as JSON text.
    #[pyo3(signature = (operation, params=None, body=None))]
    fn call(
        &self,
        py: Python<'_>,
        operation: &str,
        params: Option<&str>,
        body: Option<&str>,
    ) -> PyResult<String> {
        let params = parse(operation, "params", params)?;
        let body = parse(operation, "body", body)?;
        let client = self.client.inner().clone();
        let operation = operation.to_string();
        let outcome = crate::runtime::wait(py, async move {
            client.call_json(&operation, params, body).await
        })?;
        outcome
            .map(|v| v.to_string())
            .map_err(|e| errors::to_py(&e))
    }

    /// Starts `operation` on the SDK runtime and settles `future` on `event_loop` through
    /// `resolve(future, ok, payload)` when it ends. The returned task cancels the call (and its
    /// HTTP request) when the awaiting coroutine is cancelled.
    #[pyo3(signature = (operation, params, body, event_loop, future, resolve))]
    #[allow(clippy::too_many_arguments)]
    fn call_async(
        &self,
        operation: &str,
        params: Option<&str>,
        body: Option<&str>,
        event_loop: Py<PyAny>,
        future: Py<PyAny>,
        resolve: Py<PyAny>,
    ) -> PyResult<NativeTask> {
        let params = parse(operation, "params", params)?;
        let body = parse(operation, "body", body)?;
        let client = self.client.inner().clone();
        let operation = operation.to_string();
        let task = telegent::runtime::runtime().spawn(async move {
            let outcome = client.call_json(&operation, params, body).await;
            settle(event_loop, future, resolve, outcome);
        });
        Ok(NativeTask {
            abort: task.abort_handle(),
        })
    }

    /// Every item of a paging operation, fetched as the iterator advances.
    #[pyo3(signature = (operation, params=None))]
    fn pages(&self, operation: &str, params: Option<&str>) -> PyResult<NativePages> {
        let params = parse(operation, "params", params)?;
        let items = self
            .client
            .inner()
            .call_json_all(operation, params)
            .map_err(|e| errors::to_py(&e))?;
        Ok(NativePages::new(items))
    }

    /// The same, for `async for`.
    #[pyo3(signature = (operation, params=None))]
    fn async_pages(&self, operation: &str, params: Option<&str>) -> PyResult<NativeAsyncPages> {
        let params = parse(operation, "params", params)?;
        let items = self
            .client
            .inner()
            .call_json_all(operation, params)
            .map_err(|e| errors::to_py(&e))?;
        Ok(NativeAsyncPages::new(items))
    }
}

/// A call running on the SDK runtime for an asyncio caller.
#[pyclass(frozen, module = "telegent._telegent")]
pub struct NativeTask {
    abort: tokio::task::AbortHandle,
}

#[pymethods]
impl NativeTask {
    /// Stops the call where it is: its request is dropped, nothing is retried, nothing settles.
    fn cancel(&self) {
        self.abort.abort();
    }
}

/// Hands an outcome to the event loop's thread, where `resolve(future, True, json)` or
/// `resolve(future, False, error_args)` runs. Outcomes are batched per event loop: only the first
/// outcome after a drain takes the GIL (to schedule the drain with `call_soon_threadsafe`); the
/// rest are queued without it, so a busy loop is woken once for many results instead of the I/O
/// thread waiting for the GIL once per call.
pub(crate) fn settle(
    event_loop: Py<PyAny>,
    future: Py<PyAny>,
    resolve: Py<PyAny>,
    outcome: telegent::Result<Value>,
) {
    let key = event_loop.as_ptr() as usize;
    let done = Done {
        future,
        resolve,
        outcome: outcome.map(|v| v.to_string()).map_err(|e| errors::args(&e)),
    };
    let first = {
        let mut pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
        let queue = pending.entry(key).or_insert_with(|| LoopQueue {
            event_loop,
            done: Vec::new(),
        });
        queue.done.push(done);
        queue.done.len() == 1
    };
    if first {
        Python::attach(|py| schedule_drain(py, key));
    }
}

/// One finished call waiting to be handed to its future.
struct Done {
    future: Py<PyAny>,
    resolve: Py<PyAny>,
    outcome: Result<String, errors::ErrorArgs>,
}

struct LoopQueue {
    event_loop: Py<PyAny>,
    done: Vec<Done>,
}

/// Finished calls by event loop, keyed by the loop object's address (the entry holds a reference
/// to the loop, so the address cannot be reused while the entry exists).
static PENDING: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<usize, LoopQueue>>> =
    std::sync::LazyLock::new(Default::default);

fn schedule_drain(py: Python<'_>, key: usize) {
    let event_loop = {
        let pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
        match pending.get(&key) {
            Some(queue) => queue.event_loop.clone_ref(py),
            None => return,
        }
    };
    let drain = pyo3::types::PyCFunction::new_closure(py, None, None, move |args, _kwargs| {
        drain(args.py(), key);
    });
    let scheduled = drain.and_then(|f| event_loop.call_method1(py, "call_soon_threadsafe", (f,)));
    if scheduled.is_err() {
        // A closed loop cannot be told; the awaiting coroutines are gone with it.
        PENDING
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&key);
    }
}

/// Runs on the event loop's thread: settles every queued future of that loop.
fn drain(py: Python<'_>, key: usize) {
    // The entry goes with its results: the next result for this loop starts a new entry (and
    // schedules a new drain), and a loop that is done with is not kept alive here.
    let Some(queue) = PENDING
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&key)
    else {
        return;
    };
    for d in queue.done {
        let settled = match d.outcome {
            Ok(json) => d.resolve.call1(py, (d.future, true, json)),
            Err(args) => d.resolve.call1(py, (d.future, false, args)),
        };
        if let Err(e) = settled {
            // `resolve` never raises by design; if it did, show it as Python shows a failed
            // callback, and go on with the other futures.
            e.print(py);
        }
    }
}
