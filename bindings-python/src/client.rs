//! The client: calls by manifest id, sync (the GIL released while waiting) or asyncio (resolved
//! on the event loop's thread with `call_soon_threadsafe`). Options, input checks, the call
//! itself and its cancellation are `telegent-ffi`'s; this file converts Python values and hands
//! outcomes to asyncio.

use crate::errors;
use crate::paging::{NativeAsyncPages, NativePages};
use pyo3::prelude::*;
use serde_json::{Map, Value};
use telegent_ffi::options::seconds;
use telegent_ffi::{CallHandle, CallOptions, CallRequest, ClientOptions, FfiClient, FfiResult};

#[pyclass(frozen, module = "telegent._telegent")]
pub struct NativeClient {
    client: FfiClient,
}

fn parse(operation: &str, what: &str, json: Option<&str>) -> PyResult<Option<Value>> {
    match json {
        None => Ok(None),
        Some(text) => serde_json::from_str(text).map(Some).map_err(|e| {
            errors::invalid_input(operation, format!("{what} is not valid JSON: {e}"))
        }),
    }
}

fn parse_object(
    operation: &str,
    what: &str,
    json: Option<&str>,
) -> PyResult<Option<Map<String, Value>>> {
    match parse(operation, what, json)? {
        None => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(errors::invalid_input(
            operation,
            format!("{what} must be a JSON object (a mapping)"),
        )),
    }
}

fn duration(value: Option<f64>, name: &str) -> PyResult<Option<std::time::Duration>> {
    value
        .map(|s| seconds(s, name))
        .transpose()
        .map_err(errors::to_py)
}

/// `wire_names`: the caller wrote wire-named JSON (`Client.call`), so input errors name wire
/// fields; otherwise they name the typed methods' Python parameters.
fn request(
    operation: &str,
    params: Option<&str>,
    body: Option<&str>,
    extra_query: Option<&str>,
    extra_body: Option<&str>,
    wire_names: bool,
) -> PyResult<CallRequest> {
    Ok(CallRequest {
        operation: operation.to_string(),
        query: parse(operation, "params", params)?,
        body: parse(operation, "body", body)?,
        extra_query: parse_object(operation, "extra_query", extra_query)?,
        extra_body: parse_object(operation, "extra_body", extra_body)?,
        options: CallOptions::default(),
        wire_names,
    })
}

#[pymethods]
impl NativeClient {
    #[new]
    #[pyo3(signature = (account_key, account_secret, base_url=None, timeout=None, connect_timeout=None, max_retries=None, token_scope=None, user_agent=None, allow_insecure_http=false, proxy=None, total_timeout=None))]
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
        total_timeout: Option<f64>,
    ) -> PyResult<Self> {
        let options = ClientOptions {
            account_key: Some(account_key.into()),
            account_secret: Some(account_secret.into()),
            base_url: base_url.map(Into::into),
            timeout: duration(timeout, "timeout")?,
            connect_timeout: duration(connect_timeout, "connect_timeout")?,
            total_timeout: duration(total_timeout, "total_timeout")?,
            max_retries,
            token_scope: token_scope.map(Into::into),
            user_agent: user_agent.map(Into::into),
            proxy: proxy.map(Into::into),
            allow_insecure_http,
            from_env: false,
        };
        let client = FfiClient::new(&options, "python").map_err(errors::to_py)?;
        Ok(NativeClient { client })
    }

    /// The same client with other settings for its calls (unset ones unchanged).
    #[pyo3(signature = (timeout=None, max_retries=None, total_timeout=None, max_pages=None))]
    fn with_options(
        &self,
        timeout: Option<f64>,
        max_retries: Option<u32>,
        total_timeout: Option<f64>,
        max_pages: Option<u64>,
    ) -> PyResult<NativeClient> {
        let options = CallOptions {
            timeout: duration(timeout, "timeout")?,
            max_retries,
            total_timeout: duration(total_timeout, "total_timeout")?,
            max_pages,
        };
        Ok(NativeClient {
            client: self.client.with_options(options),
        })
    }

    #[getter]
    fn base_url(&self) -> String {
        self.client.base_url()
    }

    fn tokens_minted(&self) -> u64 {
        self.client.tokens_minted()
    }

    /// Calls `operation` with JSON query parameters and body (and extras sent as given);
    /// returns the result as JSON text.
    #[pyo3(signature = (operation, params=None, body=None, extra_query=None, extra_body=None, wire_names=false))]
    #[allow(clippy::too_many_arguments)]
    fn call(
        &self,
        py: Python<'_>,
        operation: &str,
        params: Option<&str>,
        body: Option<&str>,
        extra_query: Option<&str>,
        extra_body: Option<&str>,
        wire_names: bool,
    ) -> PyResult<String> {
        let request = request(operation, params, body, extra_query, extra_body, wire_names)?;
        let outcome = crate::runtime::wait(py, self.client.call(request))?;
        outcome.map(|v| v.to_string()).map_err(errors::to_py)
    }

    /// Starts `operation` on the SDK runtime and settles `future` on `event_loop` through
    /// `resolve(future, ok, payload)` when it ends. The returned task cancels the call (and its
    /// HTTP request) when the awaiting coroutine is cancelled.
    #[pyo3(signature = (operation, params, body, extra_query, extra_body, event_loop, future, resolve, wire_names=false))]
    #[allow(clippy::too_many_arguments)]
    fn call_async(
        &self,
        operation: &str,
        params: Option<&str>,
        body: Option<&str>,
        extra_query: Option<&str>,
        extra_body: Option<&str>,
        event_loop: Py<PyAny>,
        future: Py<PyAny>,
        resolve: Py<PyAny>,
        wire_names: bool,
    ) -> PyResult<NativeTask> {
        let request = request(operation, params, body, extra_query, extra_body, wire_names)?;
        let call = self.client.call_with(request, move |outcome| {
            settle(event_loop, future, resolve, outcome);
        });
        Ok(NativeTask { call })
    }

    /// Every item of a paging operation, fetched as the iterator advances.
    #[pyo3(signature = (operation, params=None, extra=None))]
    fn pages(
        &self,
        operation: &str,
        params: Option<&str>,
        extra: Option<&str>,
    ) -> PyResult<NativePages> {
        Ok(NativePages::new(self.open_pages(operation, params, extra)?))
    }

    /// The same, for `async for`.
    #[pyo3(signature = (operation, params=None, extra=None))]
    fn async_pages(
        &self,
        operation: &str,
        params: Option<&str>,
        extra: Option<&str>,
    ) -> PyResult<NativeAsyncPages> {
        Ok(NativeAsyncPages::new(
            self.open_pages(operation, params, extra)?,
        ))
    }
}

impl NativeClient {
    fn open_pages(
        &self,
        operation: &str,
        params: Option<&str>,
        extra: Option<&str>,
    ) -> PyResult<telegent_ffi::PageCursor> {
        let fields = parse(operation, "params", params)?;
        let extra = parse_object(operation, "extra_query", extra)?;
        self.client
            .pages(CallRequest::placed(operation, fields, extra))
            .map_err(errors::to_py)
    }
}

/// A call running on the SDK runtime for an asyncio caller.
#[pyclass(frozen, module = "telegent._telegent")]
pub struct NativeTask {
    call: CallHandle<Value>,
}

#[pymethods]
impl NativeTask {
    /// Stops the call where it is: its request is dropped, nothing is retried, nothing settles.
    fn cancel(&self) {
        self.call.abort();
    }
}

/// Hands an outcome to the event loop's thread, where `resolve(future, True, json)` or
/// `resolve(future, False, error_args)` runs. Outcomes are batched per event loop: only the first
/// outcome after a drain takes the GIL (to schedule the drain with `call_soon_threadsafe`); the
/// rest are queued without it, so a busy loop is woken once for many results instead of the I/O
/// thread waiting for the GIL once per call.
pub(crate) fn settle<T: ToJson>(
    event_loop: Py<PyAny>,
    future: Py<PyAny>,
    resolve: Py<PyAny>,
    outcome: FfiResult<T>,
) {
    let key = event_loop.as_ptr() as usize;
    let done = Done {
        future,
        resolve,
        outcome: outcome.map(|v| v.to_json()).map_err(errors::args),
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

/// What an asyncio future is settled with: JSON text (`null` for the end of a page walk).
pub(crate) trait ToJson {
    fn to_json(&self) -> String;
}

impl ToJson for Value {
    fn to_json(&self) -> String {
        self.to_string()
    }
}

impl ToJson for Option<Value> {
    fn to_json(&self) -> String {
        self.as_ref()
            .map_or_else(|| "null".into(), Value::to_string)
    }
}
