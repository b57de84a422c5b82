//! The HTTP side: route a request to its operation, check the token, apply faults, validate,
//! run, answer — and the admin API under `/__sandbox/`.
//!
//! One lock guards the world (store, tokens, faults) and is held only while an operation runs,
//! never across a delay or a network write. Validation follows the spec exactly: a missing
//! required field or a value outside an enum is a 400 with the API's error body.

use crate::auth::{Refusal, Tokens};
use crate::faults::{Corrupt, Fault, Faults, When};
use crate::operations::{execute, ApiError, Ctx};
use crate::script::{Canned, Entry, Script};
use crate::spec::{api, Op};
use crate::state::{Record, Store};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Value};
use std::path::PathBuf;
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
    pub data_file: Option<PathBuf>,
    /// The configured token lifetime, restored by a reset.
    pub token_ttl: Duration,
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
        self.persist(&world.store);
    }

    /// Writes the state to the data directory, when there is one.
    pub fn persist(&self, store: &Store) {
        if let Some(file) = &self.data_file {
            if let Err(e) = store.save(file) {
                tracing::warn!("could not save sandbox state to {}: {e}", file.display());
            }
        }
    }
}

pub fn router(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

fn error_body(status: u16, message: &str) -> Value {
    json!({"StatusCode": status, "Message": message})
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

fn api_error(e: &ApiError) -> Response {
    json_response(e.status, &error_body(e.status, &e.message))
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
    let path = uri.path().to_string();
    if let Some(admin_path) = path.strip_prefix("/__sandbox/") {
        return admin(&shared, &method, admin_path, &body);
    }
    let op = match api().find(method.as_str(), &path) {
        Ok(op) => op,
        Err(true) => {
            return json_response(
                405,
                &error_body(
                    405,
                    "Method not allowed: verify the HTTP method required for this endpoint.",
                ),
            )
        }
        Err(false) => {
            return json_response(
                404,
                &error_body(404, &format!("Not found: no operation at {path}.")),
            )
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
        return replay(canned).await;
    }
    if is_token_request {
        return mint(&shared, &body);
    }
    let now = SystemTime::now();
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok());
    let fault = {
        let mut world = shared.lock();
        world.faults.requests += 1;
        if let Err(refusal) = world.tokens.check(authorization, &path, now) {
            return refused(refusal);
        }
        world.faults.take(&path)
    };
    let fault = fault.unwrap_or_default();
    if let Some(status) = fault.status {
        return injected_status(status, &fault);
    }
    if fault.reset == Some(When::Before) {
        return broken_connection();
    }
    if fault.delay == When::Before {
        sleep(&fault).await;
    }
    let answer = run(&shared, op, uri.query(), &body);
    if fault.delay == When::After {
        sleep(&fault).await;
    }
    if fault.reset == Some(When::After) {
        return broken_connection();
    }
    match (answer, fault.corrupt) {
        (Err(e), _) => api_error(&e),
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

fn refused(refusal: Refusal) -> Response {
    let (status, message) = match refusal {
        Refusal::Missing | Refusal::Unknown => (401, "Unauthorized: Bearer token is missing, expired, or invalid. Re-authenticate via POST /v1.0/oauth2/tokens."),
        Refusal::Expired => (401, "Unauthorized: Bearer token is missing, expired, or invalid. Re-authenticate via POST /v1.0/oauth2/tokens."),
        Refusal::OutOfScope => (403, "Forbidden: your token does not have permission to access this resource. Check the ApiEndpoint scope."),
    };
    json_response(status, &error_body(status, message))
}

fn injected_status(status: u16, fault: &Fault) -> Response {
    let body = match &fault.body {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => error_body(status, &format!("Injected fault: HTTP {status}")).to_string(),
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
    response
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

fn mint(shared: &Shared, body: &[u8]) -> Response {
    let request: Record = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => m,
        _ => return json_response(
            400,
            &error_body(
                400,
                "Bad request: the body must be a JSON object with AccountKey and AccountSecret.",
            ),
        ),
    };
    let key = crate::state::text(&request, "AccountKey");
    let secret = crate::state::text(&request, "AccountSecret");
    let (Some(key), Some(secret)) = (key, secret) else {
        return json_response(
            400,
            &error_body(
                400,
                "Bad request: AccountKey and AccountSecret are required.",
            ),
        );
    };
    if key != shared.account_key || secret != shared.account_secret {
        return json_response(
            401,
            &error_body(401, "Unauthorized: the account key or secret is not valid."),
        );
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
        Err(message) => json_response(400, &error_body(400, &format!("Bad request: {message}."))),
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
        shared.persist(&world.store);
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

fn admin(shared: &Shared, method: &Method, path: &str, body: &[u8]) -> Response {
    let ok = |v: Value| json_response(200, &v);
    match (method.as_str(), path.trim_end_matches('/')) {
        ("POST", "faults") => match serde_json::from_slice::<Fault>(body) {
            Ok(fault) if fault.path.is_empty() => {
                json_response(400, &error_body(400, "a fault needs a path (or \"*\")"))
            }
            Ok(fault) => {
                shared.lock().faults.push(fault);
                ok(json!({"queued": true}))
            }
            Err(e) => json_response(400, &error_body(400, &format!("not a fault: {e}"))),
        },
        ("POST", "script") => match serde_json::from_slice::<Vec<Entry>>(body) {
            Ok(entries) => {
                let mut world = shared.lock();
                world.script.push(entries);
                ok(world.script.report())
            }
            Err(e) => json_response(
                400,
                &error_body(
                    400,
                    &format!("not a script (a list of {{expect, respond}}): {e}"),
                ),
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
            ok(
                json!({"operations": world.faults.executed, "tokens_minted": world.tokens.minted, "requests": world.faults.requests}),
            )
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
            _ => json_response(400, &error_body(400, "expected {\"seconds\": N}")),
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
        _ => json_response(
            404,
            &error_body(
                404,
                &format!("no sandbox admin endpoint {method} /__sandbox/{path}"),
            ),
        ),
    }
}
