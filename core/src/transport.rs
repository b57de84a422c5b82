//! The client and the life of one call: token, attempt, classify, retry, decode.
//!
//! Every operation method ends in [`Client::call`], which serialises the input on the caller's
//! thread and runs the rest on the SDK's runtime (see `runtime.rs`), so the same code serves the
//! async client, the blocking client and every language binding. This module decides nothing
//! about a particular operation: what it knows comes from the generated [`Operation`]. It must
//! never log a token, the account secret, a phone number or a message body.

use crate::auth::{CachedToken, Secret, TokenCache, TokenScope};
use crate::config::{ClientBuilder, Config};
use crate::errors::{
    kind_for_status, parse_error_body, Cause, Error, ErrorDetails, ErrorKind, Result,
};
use crate::generated::models::{CreateTokenRequest, Token};
use crate::generated::operations::TOKENS_CREATE;
use crate::lenient::{decode_body, Lenient};
use crate::operation::{HttpMethod, Operation};
use crate::retry::{backoff, is_retryable, parse_retry_after, Failure, RetryBudget};
use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tracing::Instrument;

pub use crate::runtime::RuntimeMode;

/// Async Telegent client. Cheap to clone (clones share connections, tokens and the retry budget);
/// `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
    options: RequestOptions,
    /// Which runtime runs its calls.
    mode: RuntimeMode,
    /// Told of every page a `*_all` walk fetches.
    on_page: Option<crate::paging::PageObserver>,
}

/// Per-call overrides of the client's settings, applied with [`Client::with_options`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestOptions {
    /// Limit for one attempt (instead of the client's timeout).
    pub timeout: Option<Duration>,
    /// Retries after the first attempt (instead of the client's policy).
    pub max_retries: Option<u32>,
    /// Limit for the whole call (instead of the client's total timeout).
    pub total_timeout: Option<Duration>,
    /// Most pages a `*_all` walk fetches (instead of [`crate::paging::MAX_PAGES`]); a walk that
    /// would fetch more ends with an error.
    pub max_pages: Option<u64>,
}

struct Inner {
    config: Config,
    /// One connection pool per runtime that has run a call (connections belong to the runtime
    /// whose tasks drive them and die with it), rebuilt after `fork()`.
    pools: Mutex<Pools>,
    tokens: TokenCache,
    budget: RetryBudget,
    mints: AtomicU64,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("tokens", &self.tokens)
            .finish()
    }
}

/// A call's query string and body, already encoded. Building one runs the input check
/// ([`crate::lenient::check`]) on typed inputs: every typed call, whatever path it came by, is
/// refused before anything is sent when a required field is unset.
#[derive(Debug, Clone, Default)]
pub(crate) struct Input {
    query: Option<String>,
    body: Option<Bytes>,
}

impl Input {
    pub(crate) fn none() -> Input {
        Input::default()
    }

    pub(crate) fn query<P: Serialize + Lenient>(params: &P) -> Result<Input> {
        crate::lenient::check("params", params)?;
        Ok(Input {
            query: Some(encode_query(params)?),
            body: None,
        })
    }

    pub(crate) fn body<B: Serialize + Lenient>(body: &B) -> Result<Input> {
        crate::lenient::check("body", body)?;
        Ok(Input {
            query: None,
            body: Some(encode_body(body)?),
        })
    }

    pub(crate) fn both<P: Serialize + Lenient, B: Serialize + Lenient>(
        params: &P,
        body: &B,
    ) -> Result<Input> {
        Ok(Input {
            query: Input::query(params)?.query,
            body: Input::body(body)?.body,
        })
    }

    /// A query and a body, each present or not, already checked by the caller (the by-id path
    /// reads its JSON with `lenient::input`, which runs the same check as `query` and `body`).
    pub(crate) fn parts<P: Serialize, B: Serialize>(
        query: Option<&P>,
        body: Option<&B>,
    ) -> Result<Input> {
        Ok(Input {
            query: query.map(encode_query).transpose()?,
            body: body.map(encode_body).transpose()?,
        })
    }

    /// Input of a kind operation `op` has no typed request for, given by a caller who names
    /// operations by id: nothing (absent, `null` or `{}`), or a JSON object sent as given. A body
    /// for a GET is refused rather than sent where servers ignore it.
    pub(crate) fn untyped(
        op: &Operation,
        part: &str,
        value: Option<Value>,
    ) -> Result<Option<Value>> {
        match value {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) if map.is_empty() => Ok(None),
            Some(Value::Object(_))
                if part == "body" && op.http_method == crate::HttpMethod::Get =>
            {
                Err(Error::invalid_input(
                    op.id,
                    format!("{} is a GET: it takes no body", op.id),
                ))
            }
            Some(value @ Value::Object(_)) => Ok(Some(value)),
            Some(_) => Err(Error::invalid_input(
                op.id,
                format!("the {part} must be a JSON object"),
            )),
        }
    }
}

fn encode_body<B: Serialize>(body: &B) -> Result<Bytes> {
    serde_json::to_vec(body)
        .map(Bytes::from)
        .map_err(|e| Error::invalid_input("", format!("the request body cannot be encoded: {e}")))
}

/// Query parameters in wire names, percent-encoded (a `+` in an E.164 number stays a `+`).
fn encode_query<P: Serialize>(params: &P) -> Result<String> {
    let value = serde_json::to_value(params).map_err(|e| {
        Error::invalid_input("", format!("query parameters cannot be encoded: {e}"))
    })?;
    let Value::Object(map) = value else {
        return Err(Error::invalid_input(
            "",
            "query parameters must be an object",
        ));
    };
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in &map {
        match value {
            Value::Null => {}
            Value::String(s) => {
                out.append_pair(key, s);
            }
            Value::Array(items) => {
                for item in items {
                    out.append_pair(key, &scalar_text(item));
                }
            }
            other => {
                out.append_pair(key, &scalar_text(other));
            }
        }
    }
    Ok(out.finish())
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `TELEGENT_ACCOUNT_KEY`, `TELEGENT_ACCOUNT_SECRET` and
    /// `TELEGENT_BASE_URL`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::default().from_env().build()
    }

    pub(crate) fn from_config(config: Config) -> Result<Client> {
        let http = build_http(&config)?;
        Ok(Client {
            inner: Arc::new(Inner {
                budget: RetryBudget::new(config.retry.budget),
                config,
                pools: Mutex::new(Pools::new(http)),
                tokens: TokenCache::default(),
                mints: AtomicU64::new(0),
            }),
            options: RequestOptions::default(),
            mode: RuntimeMode::default(),
            on_page: None,
        })
    }

    /// The same client (connections and tokens shared) running its calls on `mode`'s runtime.
    pub(crate) fn in_mode(&self, mode: RuntimeMode) -> Client {
        Client {
            inner: self.inner.clone(),
            options: self.options.clone(),
            mode,
            on_page: self.on_page.clone(),
        }
    }

    /// Which runtime runs this client's calls.
    pub fn runtime_mode(&self) -> RuntimeMode {
        self.mode
    }

    /// The same client (same connections and tokens) with some settings changed for its calls.
    pub fn with_options(&self, options: RequestOptions) -> Client {
        Client {
            inner: self.inner.clone(),
            options,
            mode: self.mode,
            on_page: self.on_page.clone(),
        }
    }

    /// The same client, calling `observer` after each page its `*_all` walks fetch (to log a
    /// walk's progress or drive a progress bar). It runs on the task that fetched the page: it
    /// must return quickly and never block.
    pub fn on_page(
        &self,
        observer: impl Fn(&crate::paging::PageFetched) + Send + Sync + 'static,
    ) -> Client {
        Client {
            on_page: Some(crate::paging::PageObserver(Arc::new(observer))),
            ..self.clone()
        }
    }

    pub(crate) fn page_observer(&self) -> Option<&crate::paging::PageObserver> {
        self.on_page.as_ref()
    }

    /// The same client with a different per-attempt timeout.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        self.with_options(RequestOptions {
            timeout: Some(timeout),
            ..self.options.clone()
        })
    }

    /// The same client with a different number of retries.
    pub fn with_max_retries(&self, retries: u32) -> Client {
        self.with_options(RequestOptions {
            max_retries: Some(retries),
            ..self.options.clone()
        })
    }

    /// The same client with a different page cap for its `*_all` walks (default
    /// [`crate::paging::MAX_PAGES`]); a walk that would fetch more pages ends with an error.
    pub fn with_max_pages(&self, pages: u64) -> Client {
        self.with_options(RequestOptions {
            max_pages: Some(pages),
            ..self.options.clone()
        })
    }

    /// The configuration the client was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The page cap of this client's `*_all` walks.
    pub(crate) fn max_pages(&self) -> u64 {
        self.options.max_pages.unwrap_or(crate::paging::MAX_PAGES)
    }

    /// How many tokens this client has minted (diagnostics; tests use it to prove single flight).
    pub fn tokens_minted(&self) -> u64 {
        self.inner.mints.load(Ordering::Relaxed)
    }

    /// Runs one operation: the generated methods all end here. Inside a tokio runtime the call
    /// runs on the caller's task (unless the client's mode is `Sdk`); anywhere else (the blocking
    /// client, foreign executors of the language bindings) it runs on the SDK's own runtime.
    pub(crate) async fn call<T>(&self, op: &'static Operation, input: Result<Input>) -> Result<T>
    where
        T: Lenient + Send + 'static,
    {
        let input = input.map_err(|e| with_operation(e, op))?;
        let body = self.answer(op, input).await?;
        decode_response(op, &body)
    }

    /// One call's life up to the body of its answer: token, attempts, retries, waits. It is not
    /// generic, so every operation shares one copy of it and of the runtime's task machinery;
    /// only the decoding above is per type (this keeps the native modules of the bindings small).
    async fn answer(&self, op: &'static Operation, input: Input) -> Result<Bytes> {
        let inner = self.inner.clone();
        let options = self.options.clone();
        let span = tracing::info_span!(
            "telegent.call",
            operation = op.id,
            status = tracing::field::Empty,
            retries = tracing::field::Empty,
            latency_ms = tracing::field::Empty
        );
        let work = async move {
            let started = Instant::now();
            let total = options
                .total_timeout
                .unwrap_or_else(|| inner.config.total_timeout_for(&options));
            let outcome =
                match tokio::time::timeout(total, execute(&inner, &options, op, &input)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(total_timeout_error(op, total)),
                };
            tracing::Span::current().record("latency_ms", started.elapsed().as_millis() as u64);
            outcome
        }
        .instrument(span);
        if self.mode == RuntimeMode::Caller && tokio::runtime::Handle::try_current().is_ok() {
            // Already inside a tokio runtime: run here, without a hop to another thread.
            return work.await;
        }
        match crate::runtime::spawn(work).await {
            Ok(result) => result,
            Err(join) => Err(Error::new(
                ErrorKind::Internal,
                ErrorDetails {
                    message: format!("the SDK's I/O task stopped: {join}; please report this"),
                    operation: op.id.to_string(),
                    ..Default::default()
                },
            )),
        }
    }
}

fn total_timeout_error(op: &Operation, total: Duration) -> Error {
    Error::new(
        ErrorKind::Timeout,
        ErrorDetails {
            message: format!(
                "the call did not finish within its total timeout of {total:?} (token, attempts and waits included)"
            ),
            operation: op.id.to_string(),
            ..Default::default()
        },
    )
}

fn with_operation(mut e: Error, op: &Operation) -> Error {
    if e.details().operation.is_empty() {
        e.details_mut().operation = op.id.to_string();
    }
    e
}

/// Connection pools by runtime. A pool is never shared between runtimes: hyper drives each
/// connection from a task on the runtime that opened it, so a connection opened on a caller's
/// runtime dies with that runtime, and a call on another runtime must not pick it up.
struct Pools {
    /// The process the pools belong to (after `fork()` the child starts over).
    pid: u32,
    /// The pool built (and so checked) with the client: the first runtime's.
    first: reqwest::Client,
    first_claimed: bool,
    by_runtime: HashMap<Option<tokio::runtime::Id>, reqwest::Client>,
}

impl Pools {
    fn new(first: reqwest::Client) -> Pools {
        Pools {
            pid: std::process::id(),
            first,
            first_claimed: false,
            by_runtime: HashMap::new(),
        }
    }

    fn for_runtime(
        &mut self,
        runtime: Option<tokio::runtime::Id>,
        config: &Config,
    ) -> reqwest::Client {
        let pid = std::process::id();
        if self.pid != pid {
            // After fork() the pooled connections belong to the parent's runtimes.
            self.pid = pid;
            self.by_runtime.clear();
            self.first = build_http(config).unwrap_or_else(|_| self.first.clone());
            self.first_claimed = false;
        }
        if let Some(pool) = self.by_runtime.get(&runtime) {
            return pool.clone();
        }
        let pool = if self.first_claimed {
            // The settings were checked when the client was built, so building again succeeds;
            // should the system refuse anyway, sharing the first pool beats failing the call.
            build_http(config).unwrap_or_else(|_| self.first.clone())
        } else {
            self.first_claimed = true;
            self.first.clone()
        };
        self.by_runtime.insert(runtime, pool.clone());
        pool
    }
}

fn build_http(config: &Config) -> Result<reqwest::Client> {
    crate::tls::install_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout)
        .user_agent(config.user_agent.clone())
        .pool_idle_timeout(Duration::from_secs(60))
        .https_only(!config.base_url.starts_with("http://"));
    if let Some(proxy) = &config.proxy {
        let proxy = reqwest::Proxy::all(proxy.as_str())
            .map_err(|e| Error::invalid_input("client", format!("proxy URL is not usable: {e}")))?;
        builder = builder.proxy(proxy);
    }
    builder.build().map_err(|e| {
        Error::invalid_input("client", format!("the HTTP client cannot be built: {e}"))
    })
}

fn decode_response<T: Lenient>(op: &Operation, body: &[u8]) -> Result<T> {
    decode_body::<T>(body).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            ErrorDetails {
                status: Some(200),
                message: e.reason,
                operation: op.id.to_string(),
                body_excerpt: excerpt(op, body),
                ..Default::default()
            },
        )
        .caused_by(e.cause.map(Cause::new))
    })
}

/// The start of a body for an error report; never for the token operation (it holds a token).
fn excerpt(op: &Operation, body: &[u8]) -> Option<String> {
    if op.id == TOKENS_CREATE.id || body.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(512)]).into_owned();
    Some(text)
}

impl Inner {
    /// The connection pool of the runtime this attempt runs on.
    fn http(&self) -> reqwest::Client {
        let runtime = tokio::runtime::Handle::try_current().ok().map(|h| h.id());
        self.pools
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .for_runtime(runtime, &self.config)
    }

    fn scope_for(&self, op: &Operation) -> String {
        match self.config.token_scope {
            TokenScope::PerEndpoint => format!("{}{}", self.config.base_url, op.path),
            TokenScope::Shared => String::new(),
        }
    }

    async fn token(&self, scope: &str) -> Result<Secret> {
        self.tokens.get(scope, || self.mint(scope)).await
    }

    /// Mints a token for `scope` with the client's own settings, not the calling operation's: a
    /// mint's outcome is shared by every caller waiting for it, so it must not depend on which
    /// caller happened to start it. Each caller's total timeout still bounds its own wait.
    async fn mint(&self, scope: &str) -> Result<CachedToken> {
        let mut request = CreateTokenRequest::new(
            self.config.account_key.clone(),
            self.config.account_secret.expose(),
        );
        request.api_endpoint = (!scope.is_empty()).then(|| scope.to_string());
        let input = Input::body(&request)?;
        let body = attempts(
            self,
            &RequestOptions::default(),
            &TOKENS_CREATE,
            &input,
            None,
        )
        .await?;
        let answer: Token = decode_response(&TOKENS_CREATE, &body)?;
        let refused = |message: String| {
            Error::new(
                ErrorKind::Authentication,
                ErrorDetails {
                    status: Some(200),
                    message,
                    operation: TOKENS_CREATE.id.to_string(),
                    ..Default::default()
                },
            )
        };
        if answer.successful == Some(false) {
            let reason = answer
                .extra
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("error"))
                .and_then(|(_, v)| v.as_str().map(String::from))
                .unwrap_or_else(|| "the token request was refused".into());
            return Err(refused(reason));
        }
        let token = answer
            .token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| refused("the token answer holds no token".into()))?;
        self.mints.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(scoped = !scope.is_empty(), "minted a token");
        Ok(CachedToken::new(
            token,
            answer.token_expiry.as_deref(),
            Instant::now(),
            SystemTime::now(),
        ))
    }
}

/// A call with its token: one fresh token and one more try after a 401.
async fn execute(
    inner: &Inner,
    options: &RequestOptions,
    op: &'static Operation,
    input: &Input,
) -> Result<Bytes> {
    if op.id == TOKENS_CREATE.id {
        return attempts(inner, options, op, input, None).await;
    }
    let scope = inner.scope_for(op);
    let token = inner.token(&scope).await.map_err(|e| for_call(e, op))?;
    match attempts(inner, options, op, input, Some(&token)).await {
        Err(e) if e.status() == Some(401) => {
            // The server rejected the token without acting on the request: safe to send again.
            tracing::debug!(operation = op.id, "token rejected; minting a new one");
            inner.tokens.invalidate(&scope, &token).await;
            let fresh = inner.token(&scope).await.map_err(|e| for_call(e, op))?;
            let retries = e.retries() + 1;
            attempts(inner, options, op, input, Some(&fresh))
                .await
                .map_err(|mut e| {
                    e.details_mut().retries += retries;
                    e
                })
        }
        other => other,
    }
}

/// A failed mint surfaces as the caller's operation failing, with the mint's reason.
fn for_call(mut e: Error, op: &Operation) -> Error {
    let d = e.details_mut();
    d.message = format!("could not get a token: {}", d.message);
    d.operation = op.id.to_string();
    e
}

/// Sends the request, retrying what is safe to retry.
async fn attempts(
    inner: &Inner,
    options: &RequestOptions,
    op: &'static Operation,
    input: &Input,
    token: Option<&Secret>,
) -> Result<Bytes> {
    let policy = &inner.config.retry;
    let max_retries = options.max_retries.unwrap_or(policy.max_retries);
    let timeout = options.timeout.unwrap_or(inner.config.timeout);
    let mut retry = 0;
    loop {
        let started = Instant::now();
        let (failure, mut error) = match send_once(inner, op, input, token, timeout).await {
            Ok(answer) if answer.status < 300 => {
                inner.budget.earn();
                tracing::debug!(
                    operation = op.id,
                    status = answer.status,
                    attempt = retry + 1,
                    latency_ms = started.elapsed().as_millis() as u64,
                    "answered"
                );
                tracing::Span::current().record("status", answer.status);
                return Ok(answer.body);
            }
            Ok(answer) => (Failure::Status(answer.status), status_error(op, &answer)),
            Err(e) => transport_error(op, e, timeout),
        };
        tracing::Span::current().record("status", error.status().unwrap_or(0));
        tracing::debug!(
            operation = op.id,
            status = error.status().unwrap_or(0),
            attempt = retry + 1,
            latency_ms = started.elapsed().as_millis() as u64,
            "failed: {}",
            error.kind().as_str()
        );
        let retry_after = error.retry_after();
        let wait_allowed = retry_after.is_none_or(|w| w <= policy.max_retry_after);
        if retry < max_retries
            && is_retryable(failure, op.idempotent)
            && wait_allowed
            && inner.budget.try_spend()
        {
            let wait = backoff(policy, retry, retry_after);
            tracing::info!(
                operation = op.id,
                status = error.status().unwrap_or(0),
                retry = retry + 1,
                wait_ms = wait.as_millis() as u64,
                "retrying: {}",
                error.kind().as_str()
            );
            tokio::time::sleep(wait).await;
            retry += 1;
            continue;
        }
        error.details_mut().retries = retry;
        tracing::Span::current().record("retries", retry);
        return Err(error);
    }
}

struct Answer {
    status: u16,
    body: Bytes,
    request_id: Option<String>,
    retry_after: Option<Duration>,
}

async fn send_once(
    inner: &Inner,
    op: &Operation,
    input: &Input,
    token: Option<&Secret>,
    timeout: Duration,
) -> reqwest::Result<Answer> {
    let mut url = format!("{}{}", inner.config.base_url, op.path);
    if let Some(query) = input.query.as_deref().filter(|q| !q.is_empty()) {
        url.push('?');
        url.push_str(query);
    }
    let method = match op.http_method {
        HttpMethod::Get => reqwest::Method::GET,
        HttpMethod::Post => reqwest::Method::POST,
    };
    let mut request = inner
        .http()
        .request(method, url)
        .timeout(timeout)
        .header(reqwest::header::ACCEPT, "application/json");
    if let Some(token) = token {
        request = request.bearer_auth(token.expose());
    }
    if let Some(body) = &input.body {
        request = request
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.clone());
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    let headers = response.headers();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    };
    let request_id = header("x-request-id")
        .or_else(|| header("request-id"))
        .or_else(|| header("x-correlation-id"));
    let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v));
    let body = response.bytes().await?;
    Ok(Answer {
        status,
        body,
        request_id,
        retry_after,
    })
}

fn status_error(op: &Operation, answer: &Answer) -> Error {
    let (message, trace_id, field_errors) = parse_error_body(answer.status, &answer.body);
    Error::new(
        kind_for_status(answer.status),
        ErrorDetails {
            status: Some(answer.status),
            message,
            operation: op.id.to_string(),
            request_id: answer.request_id.clone().or(trace_id),
            retry_after: answer.retry_after,
            field_errors,
            ..Default::default()
        },
    )
}

/// Classifies a failure without an answer. Only a failed connect proves the server saw nothing.
/// The reqwest error becomes the error's source, without its URL (the query may hold phone
/// numbers).
fn transport_error(op: &Operation, e: reqwest::Error, timeout: Duration) -> (Failure, Error) {
    let e = e.without_url();
    let cause = error_chain(&e);
    let (failure, kind, message) = if e.is_builder() {
        (
            Failure::Unsendable,
            ErrorKind::InvalidInput,
            format!("the request cannot be sent as given: {cause}"),
        )
    } else if e.is_connect() {
        (
            Failure::NotSent,
            ErrorKind::Network,
            format!("could not connect: {cause}"),
        )
    } else if e.is_timeout() {
        (
            Failure::MaybeDelivered,
            ErrorKind::Timeout,
            format!("no complete answer within {timeout:?}"),
        )
    } else {
        (
            Failure::MaybeDelivered,
            ErrorKind::Network,
            format!("the connection failed: {cause}"),
        )
    };
    (
        failure,
        Error::new(
            kind,
            ErrorDetails {
                message,
                operation: op.id.to_string(),
                ..Default::default()
            },
        )
        .caused_by(Some(Cause::new(e))),
    )
}

/// The error and its causes, without the URL (its query may hold phone numbers).
fn error_chain(e: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        source = s.source();
    }
    if parts.is_empty() {
        parts.push(if e.is_connect() {
            "connection failed".into()
        } else {
            "request failed".into()
        });
    }
    parts.join(": ")
}
