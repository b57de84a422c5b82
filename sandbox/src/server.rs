//! The HTTP side: route a request to its operation, check the token, apply faults, validate,
//! run, answer — and the admin API under `/__sandbox/`.
//!
//! One lock guards the world (store, tokens, faults) and is held only while an operation runs,
//! never across a delay or a network write. Validation follows the spec exactly: a missing
//! required field or a value outside an enum is a 400 with the API's error body.
//!
//! Every answer names its request as the live API does: an `X-Request-Id` header, and the same
//! id as `TraceId` in error bodies, so an SDK error always has a request id. The one exception is
//! a replayed answer (`script.rs`), which must be exactly what the case scripted.

use crate::auth::{Refusal, Tokens};
use crate::faults::{Corrupt, Fault, Faults, When};
use crate::operations::{execute, ApiError, Ctx};
use crate::persist::Saver;
use crate::script::{Canned, Entry, Script};
use crate::spec::{api, Op};
use crate::state::{mix, Record, Store};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Everything the server holds.
pub struct World {
    pub store: Store,
    pub tokens: Tokens,
    pub faults: Faults,
    pub script: Script,
}

pub struct Shared {
    pub world: Mutex<World>,
    pub account_key: String,
    pub account_secret: String,
    pub account_id: String,
    pub seed: u64,
    pub fixtures: bool,
    /// Saves the state behind the changes, when it has a data directory.
    pub saver: Option<Saver>,
    /// The configured token lifetime, restored by a reset.
    pub token_ttl: Duration,
    pub request_ids: RequestIds,
}

/// Request ids in the W3C trace-context form the live API's problem details carry as `TraceId`
/// (`00-<32 hex>-<16 hex>-00`). They come from a counter of their own, never from the store's
/// generator, so answering a request never changes the ids records get.
pub struct RequestIds {
    /// Differs per sandbox run, so ids from two runs do not repeat each other.
    run: u64,
    answered: AtomicU64,
}

impl Default for RequestIds {
    fn default() -> Self {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        RequestIds {
            run: mix(now ^ (u64::from(std::process::id()) << 32)),
            answered: AtomicU64::new(0),
        }
    }
}

impl RequestIds {
    pub fn next(&self) -> String {
        let n = self.answered.fetch_add(1, Ordering::Relaxed);
        let trace = mix(self.run.wrapping_add(n));
        format!("00-{:016x}{trace:016x}-{:016x}-00", self.run, mix(trace))
    }
}

impl Shared {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Back to the starting state: data (saved, when persisted), faults, script, counters,
    /// tokens and the configured token lifetime.
    pub fn reset(&self) {
        let mut world = self.lock();
        world.store = crate::fixtures::initial_store(self.seed, self.fixtures, &self.account_id);
        world.faults = Faults::default();
        world.script.clear();
        world.tokens = Tokens::new(self.token_ttl);
        self.changed();
    }

    /// The state changed: saved soon, when there is a data directory.
    pub fn changed(&self) {
        if let Some(saver) = &self.saver {
            saver.changed();
        }
    }

    /// Saves what has not been saved and stops saving: when the sandbox stops.
    pub fn stop_saving(&self) {
        if let Some(saver) = &self.saver {
            saver.stop();
        }
    }
}

pub fn router(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

/// The API's error body, with the request's id as the live API's problem details carry it.
fn error_body(status: u16, message: &str, trace: &str) -> Value {
    json!({"StatusCode": status, "Message": message, "TraceId": trace})
}

fn error(status: u16, message: &str, trace: &str) -> Response {
    json_response(status, &error_body(status, message, trace))
}

/// Names the request in the answer's `X-Request-Id`, unless a fault already set one.
fn tagged(mut response: Response, trace: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(trace) {
        response
            .headers_mut()
            .entry("x-request-id")
            .or_insert(value);
    }
    response
}

fn json_response(status: u16, body: &Value) -> Response {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

fn api_error(e: &ApiError, trace: &str) -> Response {
    error(e.status, &e.message, trace)
}

/// A response whose body breaks off: the client sees the connection fail mid-answer.
fn broken_connection() -> Response {
    let stream = futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "sandbox fault: connection reset",
        ))
    });
    let mut response = Response::new(Body::from_stream(stream));
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    response
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let trace = shared.request_ids.next();
    match answer(&shared, &trace, method, uri, headers, body).await {
        Answer::Replayed(exact) => exact,
        Answer::Own(response) => tagged(response, &trace),
    }
}

enum Answer {
    /// A scripted answer: exactly as the case gave it.
    Replayed(Response),
    Own(Response),
}

async fn answer(
    shared: &Shared,
    trace: &str,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let path = uri.path().to_string();
    if let Some(admin_path) = path.strip_prefix("/__sandbox/") {
        return Answer::Own(admin(shared, &method, admin_path, &body, trace));
    }
    let op = match api().find(method.as_str(), &path) {
        Ok(op) => op,
        Err(true) => {
            let message = "Method not allowed: verify the HTTP method required for this endpoint.";
            return Answer::Own(error(405, message, trace));
        }
        Err(false) => {
            let message = format!("Not found: no operation at {path}.");
            return Answer::Own(error(404, &message, trace));
        }
    };
    let is_token_request = op.id == "tokens.create";
    let scripted = {
        let mut world = shared.lock();
        world.script.takes(&path, is_token_request).then(|| {
            let pairs: Vec<(String, String)> = headers
                .iter()
                .filter_map(|(k, v)| Some((k.to_string(), v.to_str().ok()?.to_string())))
                .collect();
            world
                .script
                .answer(method.as_str(), &path, uri.query(), &pairs, &body)
        })
    };
    if let Some(canned) = scripted {
        return Answer::Replayed(replay(canned).await);
    }
    if is_token_request {
        return Answer::Own(mint(shared, &body, trace));
    }
    Answer::Own(run_with_faults(shared, trace, op, &uri, &headers, &body).await)
}

/// An API request past routing and scripts: token, faults, then the operation.
async fn run_with_faults(
    shared: &Shared,
    trace: &str,
    op: &'static Op,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let path = uri.path();
    let now = SystemTime::now();
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok());
    let fault = {
        let mut world = shared.lock();
        world.faults.requests += 1;
        if let Err(refusal) = world.tokens.check(authorization, path, now) {
            return refused(refusal, trace);
        }
        world.faults.take(path)
    };
    let fault = fault.unwrap_or_default();
    if let Some(status) = fault.status {
        return injected_status(status, &fault, trace);
    }
    if fault.reset == Some(When::Before) {
        return broken_connection();
    }
    if fault.delay == When::Before {
        sleep(&fault).await;
    }
    let answer = run(shared, op, uri.query(), body);
    if fault.delay == When::After {
        sleep(&fault).await;
    }
    if fault.reset == Some(When::After) {
        return broken_connection();
    }
    match (answer, fault.corrupt) {
        (Err(e), _) => api_error(&e, trace),
        (Ok(value), None) => json_response(200, &value),
        (Ok(value), Some(corrupt)) => corrupted(&value, corrupt),
    }
}

async fn replay(canned: Canned) -> Response {
    if let Some(ms) = canned.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if canned.reset {
        return broken_connection();
    }
    let body = match (&canned.raw_body, &canned.body) {
        (Some(raw), _) => raw.clone(),
        (None, Some(json)) => json.to_string(),
        (None, None) => String::new(),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() =
        StatusCode::from_u16(canned.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    for (k, v) in &canned.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

async fn sleep(fault: &Fault) {
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

fn refused(refusal: Refusal, trace: &str) -> Response {
    let (status, message) = match refusal {
        Refusal::Missing | Refusal::Unknown => (401, "Unauthorized: Bearer token is missing, expired, or invalid. Re-authenticate via POST /v1.0/oauth2/tokens."),
        Refusal::Expired => (401, "Unauthorized: Bearer token is missing, expired, or invalid. Re-authenticate via POST /v1.0/oauth2/tokens."),
        Refusal::OutOfScope => (403, "Forbidden: your token does not have permission to access this resource. Check the ApiEndpoint scope."),
    };
    error(status, message, trace)
}

/// An injected error: the fault's body and headers as given, else the API's error body. An
/// injected body that names its request (`TraceId`) is answered under that id, so the header
/// and the body agree as they do on the live API.
fn injected_status(status: u16, fault: &Fault, trace: &str) -> Response {
    let own_trace = fault.body.as_ref().and_then(|b| b["TraceId"].as_str());
    let trace = own_trace.unwrap_or(trace);
    let body = match &fault.body {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => error_body(status, &format!("Injected fault: HTTP {status}"), trace).to_string(),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    for (k, v) in &fault.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    tagged(response, trace)
}

fn corrupted(value: &Value, corrupt: Corrupt) -> Response {
    let text = value.to_string();
    let body = match corrupt {
        Corrupt::Truncated => text[..text.len() / 2].to_string(),
        Corrupt::NotJson => "<html><body>Service temporarily unavailable</body></html>".to_string(),
        Corrupt::Empty => String::new(),
    };
    let mut response = Response::new(Body::from(body));
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    response
}

fn mint(shared: &Shared, body: &[u8], trace: &str) -> Response {
    let request: Record = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => m,
        _ => {
            let message =
                "Bad request: the body must be a JSON object with AccountKey and AccountSecret.";
            return error(400, message, trace);
        }
    };
    let key = crate::state::text(&request, "AccountKey");
    let secret = crate::state::text(&request, "AccountSecret");
    let (Some(key), Some(secret)) = (key, secret) else {
        let message = "Bad request: AccountKey and AccountSecret are required.";
        return error(400, message, trace);
    };
    if key != shared.account_key || secret != shared.account_secret {
        let message = "Unauthorized: the account key or secret is not valid.";
        return error(401, message, trace);
    }
    let endpoint = crate::state::text(&request, "ApiEndpoint");
    let mut world = shared.lock();
    match world.tokens.mint(endpoint.as_deref(), SystemTime::now()) {
        Ok((token, expiry)) => {
            world.faults.count("tokens.create");
            json_response(
                200,
                &json!({"token": token, "successful": true, "tokenExpiry": expiry}),
            )
        }
        Err(message) => error(400, &format!("Bad request: {message}."), trace),
    }
}

/// Parses, validates and executes; counts the execution; persists the store when asked to.
fn run(
    shared: &Shared,
    op: &'static Op,
    query: Option<&str>,
    body: &[u8],
) -> Result<Value, ApiError> {
    let query: Record = url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    let body: Record = if body.iter().all(u8::is_ascii_whitespace) {
        Record::new()
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(m)) => m,
            _ => {
                return Err(ApiError {
                    status: 400,
                    message: "Bad request: the body must be a JSON object.".into(),
                })
            }
        }
    };
    validate(op, &query, &body)?;
    let mut world = shared.lock();
    world.faults.count(&op.id);
    let mut ctx = Ctx {
        store: &mut world.store,
        op,
        query,
        body,
        account_id: shared.account_id.clone(),
        now: chrono::Utc::now(),
    };
    let result = execute(&mut ctx);
    if result.is_ok() && op.method != "GET" {
        shared.changed();
    }
    result
}

fn present(record: &Record, name: &str) -> Option<Value> {
    crate::state::field(record, name)
        .filter(|v| match v {
            Value::Null => false,
            Value::String(s) => !s.is_empty(),
            _ => true,
        })
        .cloned()
}

/// Required fields and enum values, exactly as the spec lists them.
fn validate(op: &Op, query: &Record, body: &Record) -> Result<(), ApiError> {
    let bad = |message: String| ApiError {
        status: 400,
        message: format!("Bad request: {message}"),
    };
    for name in &op.required_body {
        if present(body, name).is_none() {
            return Err(bad(format!("{name} is required.")));
        }
    }
    for name in &op.required_query {
        if present(query, name).is_none() {
            return Err(bad(format!("query parameter {name} is required.")));
        }
    }
    for (fields, enums) in [(body, &op.body_enums), (query, &op.query_enums)] {
        for (name, allowed) in enums {
            if let Some(Value::String(v)) = present(fields, name) {
                if !allowed.iter().any(|a| a == &v) {
                    return Err(bad(format!(
                        "{name} must be one of {}, not {v:?}.",
                        allowed.join(", ")
                    )));
                }
            }
        }
    }
    Ok(())
}

fn admin(shared: &Shared, method: &Method, path: &str, body: &[u8], trace: &str) -> Response {
    let ok = |v: Value| json_response(200, &v);
    match (method.as_str(), path.trim_end_matches('/')) {
        ("POST", "faults") => match serde_json::from_slice::<Fault>(body) {
            Ok(fault) if fault.path.is_empty() => {
                error(400, "a fault needs a path (or \"*\")", trace)
            }
            Ok(fault) => {
                shared.lock().faults.push(fault);
                ok(json!({"queued": true}))
            }
            Err(e) => error(400, &format!("not a fault: {e}"), trace),
        },
        ("POST", "script") => match serde_json::from_slice::<Vec<Entry>>(body) {
            Ok(entries) => {
                let mut world = shared.lock();
                world.script.push(entries);
                ok(world.script.report())
            }
            Err(e) => error(
                400,
                &format!("not a script (a list of {{expect, respond}}): {e}"),
                trace,
            ),
        },
        ("GET", "script") => ok(shared.lock().script.report()),
        ("GET", "info") => {
            ok(json!({"account_id": shared.account_id, "account_key": shared.account_key}))
        }
        ("POST", "script/clear") => {
            shared.lock().script.clear();
            ok(json!({"cleared": true}))
        }
        ("POST", "faults/clear") => {
            shared.lock().faults.clear();
            ok(json!({"cleared": true}))
        }
        ("GET", "counters") => {
            let world = shared.lock();
            ok(json!({
                "operations": world.faults.executed,
                "tokens_minted": world.tokens.minted,
                "requests": world.faults.requests,
                "records_read": world.store.records_read(),
            }))
        }
        ("POST", "reset") => {
            shared.reset();
            ok(json!({"reset": true}))
        }
        ("POST", "token-ttl") => match serde_json::from_slice::<Value>(body)
            .ok()
            .and_then(|v| v["seconds"].as_f64())
        {
            Some(seconds) if seconds >= 0.0 => {
                shared.lock().tokens.ttl = Duration::from_secs_f64(seconds);
                ok(json!({"token_ttl_seconds": seconds}))
            }
            _ => error(400, "expected {\"seconds\": N}", trace),
        },
        ("GET", "state") => {
            let world = shared.lock();
            let counts: serde_json::Map<String, Value> = world
                .store
                .sizes()
                .map(|(k, n)| (k.to_string(), json!(n)))
                .collect();
            ok(Value::Object(counts))
        }
        _ => error(
            404,
            &format!("no sandbox admin endpoint {method} /__sandbox/{path}"),
            trace,
        ),
    }
}
