//! `NativeClient` and `NativeAbort`: calls by manifest id for the JS layer, JSON text in and out.
//!
//! The JS layer stringifies every query and body (V8 is fast at it) and parses the answer; this
//! file turns those strings and option objects into a `CallRequest`, starts the call on the SDK's
//! runtime through `telegent-ffi` and hands back a promise that napi's runtime settles when the
//! `CallHandle` ends. A `NativeAbort` cancels the call where it is (its handle is dropped) and
//! rejects the promise with an `aborted` record. Nothing here may block the JS thread (no
//! `wait()`, no `call_blocking`), throw from `call` instead of rejecting, or let a panic out.

use crate::errors::{self, guarded};
use crate::options::{call_options, client_options, napi_failed, type_name, type_of};
use crate::paging::NativePages;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::{Map, Value};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use telegent_ffi::{CallRequest, ErrorRecord, FfiClient, FfiResult};
use tokio::sync::Notify;

/// A Telegent client; clones made by `withOptions` share its tokens and connections.
#[napi]
pub struct NativeClient {
    client: FfiClient,
}

#[napi]
impl NativeClient {
    /// A client with `options` (`NativeClientOptions`); throws an error record when they are
    /// invalid.
    #[napi(constructor)]
    pub fn new(options: Option<Unknown<'_>>) -> Result<Self> {
        guarded(|| {
            let options = client_options(options)?;
            let client = FfiClient::new(&options, "node")?;
            Ok(NativeClient { client })
        })
    }

    /// The same client with other settings for its calls (`NativeCallOptions`; unset ones stay).
    #[napi]
    pub fn with_options(&self, options: Option<Unknown<'_>>) -> Result<NativeClient> {
        guarded(|| {
            let options = call_options(options)?;
            Ok(NativeClient {
                client: self.client.with_options(options),
            })
        })
    }

    /// The base URL calls go to.
    #[napi(getter)]
    pub fn base_url(&self) -> Result<String> {
        guarded(|| Ok(self.client.base_url()))
    }

    /// How many tokens this client (and its clones) minted.
    #[napi]
    pub fn tokens_minted(&self) -> Result<f64> {
        guarded(|| Ok(self.client.tokens_minted() as f64))
    }

    /// Calls `operation` with wire-named JSON (`query`, `body`, and extras sent as given); the
    /// promise resolves to the answer as JSON text. Every failure, bad input included, rejects.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn call(
        &self,
        env: &Env,
        operation: Unknown<'_>,
        query: Option<String>,
        body: Option<String>,
        extra_query: Option<String>,
        extra_body: Option<String>,
        options: Option<Unknown<'_>>,
        wire_names: Option<bool>,
        abort: Option<&NativeAbort>,
    ) -> Result<AsyncBlock<String>> {
        let abort = abort.map(|a| a.state.clone());
        let started = telegent_ffi::errors::guard(|| {
            // The id users give `client.call()`: anything but a string rejects like bad JSON.
            let operation = operation_id(operation)?;
            if abort.as_ref().is_some_and(|a| a.is_aborted()) {
                return Err(errors::aborted(&operation));
            }
            let request = CallRequest {
                query: parse(&operation, "query", query.as_deref())?,
                body: parse(&operation, "body", body.as_deref())?,
                extra_query: parse_object(&operation, "extraQuery", extra_query.as_deref())?,
                extra_body: parse_object(&operation, "extraBody", extra_body.as_deref())?,
                options: call_options(options)?,
                wire_names: wire_names.unwrap_or(false),
                operation: operation.clone(),
            };
            Ok((operation, self.client.call(request)))
        });
        promise(env, async move {
            let (operation, call) = started?;
            let outcome = match abort {
                None => call.await,
                Some(abort) => tokio::select! {
                    biased;
                    outcome = call => outcome,
                    // Dropping `call` here cancels it where it is.
                    () = abort.wait() => Err(errors::aborted(&operation)),
                },
            };
            outcome.map(|answer| answer.to_string())
        })
    }

    /// Every item of paging operation `operation`, from the page `params` names (or the first);
    /// nothing is fetched until the first `next()`. Bad input throws here.
    #[napi]
    pub fn pages(
        &self,
        operation: Unknown<'_>,
        params: Option<String>,
        extra: Option<String>,
        options: Option<Unknown<'_>>,
    ) -> Result<NativePages> {
        guarded(|| {
            let operation = operation_id(operation)?;
            let fields = parse(&operation, "params", params.as_deref())?;
            let extra = parse_object(&operation, "extra", extra.as_deref())?;
            let mut request = CallRequest::placed(operation, fields, extra);
            request.options = call_options(options)?;
            Ok(NativePages::new(self.client.pages(request)?))
        })
    }
}

/// The abort switch of a call (the JS layer makes one per call that has an `AbortSignal`; one
/// switch given to several calls aborts them all).
#[napi]
pub struct NativeAbort {
    state: Arc<AbortState>,
}

#[napi]
impl NativeAbort {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        NativeAbort {
            state: Arc::new(AbortState {
                aborted: AtomicBool::new(false),
                notify: Notify::new(),
            }),
        }
    }

    /// Cancels the calls this switch was given to: their requests are dropped, nothing is
    /// retried, and their promises reject with an `aborted` record. Idempotent; a call that
    /// already ended is not affected.
    #[napi]
    pub fn abort(&self) {
        self.state.aborted.store(true, Ordering::SeqCst);
        self.state.notify.notify_waiters();
    }

    /// Whether `abort()` was called.
    #[napi(getter)]
    pub fn aborted(&self) -> bool {
        self.state.is_aborted()
    }
}

struct AbortState {
    aborted: AtomicBool,
    notify: Notify,
}

impl AbortState {
    fn is_aborted(&self) -> bool {
        self.aborted.load(Ordering::SeqCst)
    }

    /// Ends once `abort()` was called (at once if it already was).
    async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            // Registered before the flag is read, so an `abort()` in between is not missed.
            notified.as_mut().enable();
            if self.is_aborted() {
                return;
            }
            notified.await;
        }
    }
}

/// A promise settled from `work`, which runs on napi's runtime: resolved with its value, or
/// rejected with its error record (a panic inside is an `internal` record).
pub fn promise<T, F>(env: &Env, work: F) -> Result<AsyncBlock<T>>
where
    T: ToNapiValue + Send + 'static,
    F: Future<Output = FfiResult<T>> + Send + 'static,
{
    use futures::FutureExt;
    let work = std::panic::AssertUnwindSafe(work)
        .catch_unwind()
        .map(|outcome| {
            outcome
                .unwrap_or_else(|panic| Err(ErrorRecord::internal(panic_message(&*panic))))
                .map_err(errors::to_napi)
        });
    AsyncBlockBuilder::new(work).build(env)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    format!("the SDK failed unexpectedly ({text}); please report this")
}

/// An operation id given by JS: a string, or an `invalid_input` record.
fn operation_id(value: Unknown<'_>) -> FfiResult<String> {
    match type_of(&value)? {
        ValueType::String => unsafe { value.cast::<String>() }.map_err(napi_failed),
        other => Err(errors::invalid_input(
            "client",
            format!("an operation id must be a string, not {}", type_name(other)),
        )),
    }
}

fn parse(operation: &str, what: &str, json: Option<&str>) -> FfiResult<Option<Value>> {
    json.map(|text| {
        serde_json::from_str(text)
            .map_err(|e| errors::invalid_input(operation, format!("{what} is not valid JSON: {e}")))
    })
    .transpose()
}

fn parse_object(
    operation: &str,
    what: &str,
    json: Option<&str>,
) -> FfiResult<Option<Map<String, Value>>> {
    match parse(operation, what, json)? {
        None => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(errors::invalid_input(
            operation,
            format!("{what} must be a JSON object"),
        )),
    }
}
