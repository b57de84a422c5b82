//! A scriptable Telegent stand-in for the client tests: mints tokens like the real API (scoped,
//! expiring), checks them, records every request, and answers each path from a queue of scripted
//! replies (status, body, headers, delay), falling back to `200 {}`.
#![allow(dead_code)]

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

pub const KEY: &str = "DID-test-key";
pub const SECRET: &str = "test-secret-value";

#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: body.to_string(),
            headers: vec![],
            delay: Duration::ZERO,
        }
    }
    pub fn raw(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.to_string(),
            headers: vec![],
            delay: Duration::ZERO,
        }
    }
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, json!({"StatusCode": status, "Message": message}))
    }
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub body: Value,
    pub token: Option<String>,
}

#[derive(Default)]
pub struct ServerState {
    pub mints: AtomicUsize,
    /// Token requests received, minted or refused.
    pub mint_requests: AtomicUsize,
    /// Scope (ApiEndpoint, or "" when unscoped) of every minted token.
    pub minted_scopes: Mutex<Vec<String>>,
    tokens: Mutex<HashMap<String, (String, SystemTime)>>,
    pub token_ttl: Mutex<Duration>,
    /// When set, token answers carry this `tokenExpiry` text instead of the computed one.
    pub expiry_text: Mutex<Option<String>>,
    script: Mutex<HashMap<String, VecDeque<Reply>>>,
    pub requests: Mutex<Vec<Recorded>>,
    pub mint_delay: Mutex<Duration>,
}

pub struct TestServer {
    pub base_url: String,
    pub state: Arc<ServerState>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let state = Arc::new(ServerState::default());
        *state.token_ttl.lock().unwrap() = Duration::from_secs(300);
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestServer {
            base_url: format!("http://{addr}"),
            state,
        }
    }

    /// Starts the server on its own runtime thread, for blocking-client tests.
    pub fn start_in_background() -> TestServer {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let server = TestServer::start().await;
                tx.send(TestServer {
                    base_url: server.base_url.clone(),
                    state: server.state.clone(),
                })
                .unwrap();
                std::future::pending::<()>().await;
            });
        });
        rx.recv().unwrap()
    }

    pub fn client(&self) -> telegent::ClientBuilder {
        telegent::Client::builder()
            .credentials(KEY, SECRET)
            .base_url(&self.base_url)
            .retry_policy(telegent::RetryPolicy {
                initial_backoff: Duration::from_millis(5),
                max_backoff: Duration::from_millis(20),
                ..Default::default()
            })
    }

    /// Queues replies for `path` (answered in order, then `200 {}`).
    pub fn script(&self, path: &str, replies: Vec<Reply>) {
        self.state
            .script
            .lock()
            .unwrap()
            .entry(path.to_string())
            .or_default()
            .extend(replies);
    }

    pub fn hits(&self, path: &str) -> usize {
        self.state
            .requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .count()
    }

    pub fn last(&self, path: &str) -> Recorded {
        self.state
            .requests
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find(|r| r.path == path)
            .cloned()
            .expect("a request to that path")
    }

    pub fn mints(&self) -> usize {
        self.state.mints.load(Ordering::SeqCst)
    }

    pub fn revoke_all_tokens(&self) {
        self.state.tokens.lock().unwrap().clear();
    }
}

fn expiry_text(at: SystemTime) -> String {
    let dt: chrono::DateTime<chrono::Utc> = at.into();
    dt.format("%m/%d/%Y %I:%M:%S %p").to_string()
}

async fn handle(
    State(state): State<Arc<ServerState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let body_json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if path.eq_ignore_ascii_case("/v1.0/OAuth2/tokens") {
        return mint(&state, &body_json).await;
    }
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(String::from);
    state.requests.lock().unwrap().push(Recorded {
        method: method.to_string(),
        path: path.clone(),
        query: uri.query().map(String::from),
        body: body_json,
        token: token.clone(),
    });
    let valid = token
        .as_ref()
        .and_then(|t| state.tokens.lock().unwrap().get(t).cloned());
    match valid {
        None => {
            return reply(Reply::error(
                401,
                "Unauthorized: Bearer token is missing, expired, or invalid.",
            ))
            .await
        }
        Some((_, expires)) if expires < SystemTime::now() => {
            return reply(Reply::error(401, "Unauthorized: token expired")).await
        }
        Some((scope, _)) if !scope.is_empty() && !scope.ends_with(&path) => {
            return reply(Reply::error(403, "Forbidden: check the ApiEndpoint scope.")).await
        }
        _ => {}
    }
    let next = state
        .script
        .lock()
        .unwrap()
        .get_mut(&path)
        .and_then(VecDeque::pop_front);
    reply(next.unwrap_or_else(|| Reply::json(200, json!({})))).await
}

async fn mint(state: &ServerState, body: &Value) -> Response {
    state.mint_requests.fetch_add(1, Ordering::SeqCst);
    let delay = *state.mint_delay.lock().unwrap();
    tokio::time::sleep(delay).await;
    if body["AccountKey"] != KEY || body["AccountSecret"] != SECRET {
        return reply(Reply::error(401, "Unauthorized: bad account key or secret")).await;
    }
    let n = state.mints.fetch_add(1, Ordering::SeqCst) + 1;
    let scope = body["ApiEndpoint"].as_str().unwrap_or("").to_string();
    state.minted_scopes.lock().unwrap().push(scope.clone());
    let ttl = *state.token_ttl.lock().unwrap();
    let expires = SystemTime::now() + ttl;
    let token = format!("token-{n}");
    state
        .tokens
        .lock()
        .unwrap()
        .insert(token.clone(), (scope, expires));
    let text = state
        .expiry_text
        .lock()
        .unwrap()
        .clone()
        .unwrap_or_else(|| expiry_text(expires));
    reply(Reply::json(
        200,
        json!({"token": token, "successful": true, "tokenExpiry": text}),
    ))
    .await
}

async fn reply(r: Reply) -> Response {
    if !r.delay.is_zero() {
        tokio::time::sleep(r.delay).await;
    }
    let mut response = (StatusCode::from_u16(r.status).unwrap(), r.body).into_response();
    response
        .headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    for (k, v) in r.headers {
        response.headers_mut().insert(
            axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            v.parse().unwrap(),
        );
    }
    response
}

/// Loads the project's spec (the same file the generator reads).
pub fn spec() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/telegent-api.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Equality of a spec example and its decoded-then-encoded form, allowing only the documented
/// normalisations (key case, `"true"` -> `true`, numeric text <-> number). Returns where they differ.
pub fn same_json(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{at}: {} keys expected, {} found ({:?} vs {:?})",
                    e.len(),
                    a.len(),
                    e.keys().collect::<Vec<_>>(),
                    a.keys().collect::<Vec<_>>()
                ));
            }
            for (k, ev) in e {
                let Some((_, av)) = a.iter().find(|(ak, _)| ak.eq_ignore_ascii_case(k)) else {
                    return Err(format!("{at}: key {k} is missing"));
                };
                same_json(ev, av, &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                same_json(ev, av, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::String(s), Value::Bool(b)) if s.eq_ignore_ascii_case(&b.to_string()) => Ok(()),
        // A one-field object sent as its bare value ("To": "+1801...") is re-encoded as the object,
        // and a single value in a list field as a list of one.
        (Value::String(_), Value::Object(a)) if a.len() == 1 => {
            same_json(expected, a.values().next().unwrap(), at)
        }
        (e, Value::Array(a)) if !e.is_array() && a.len() == 1 => same_json(e, &a[0], at),
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => Ok(()),
        (Value::String(s), Value::Number(n)) if s.trim().parse::<f64>().ok() == n.as_f64() => {
            Ok(())
        }
        (Value::Number(n), Value::String(s)) if s.trim().parse::<f64>().ok() == n.as_f64() => {
            Ok(())
        }
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{at}: expected {e}, found {a}")),
    }
}
