//! Scripted replay for the conformance suite's wire cases.
//!
//! A runner queues the exact requests a call must produce and the canned answers to give back.
//! Once a script is queued the sandbox is armed: each API request is checked against the next
//! expected one (method, path, query as a multimap, JSON body compared as JSON, all exact) and
//! answered with its canned response, without touching state; token requests are scripted only
//! when the next entry expects the token path, so ordinary token minting keeps working. The report
//! lists every mismatch. Replay must never guess: until the script is cleared, a request with no
//! entry left is a mismatch (answered 599), never a pass through to the stateful sandbox.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};

/// The request a call must produce, exactly: an absent `query` means no query parameters, an
/// absent or `null` `body` means no body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub method: String,
    pub path: String,
    /// Query parameters; each value may be a string or a list of strings.
    #[serde(default)]
    pub query: BTreeMap<String, Value>,
    /// JSON body, compared as JSON; `null` means "no body".
    #[serde(default)]
    pub body: Option<Value>,
    /// Headers that must be present with these values (names ignore case).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

/// What to answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Canned {
    #[serde(default = "ok")]
    pub status: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// JSON body, or a string sent as raw text; absent means an empty body.
    #[serde(default)]
    pub body: Option<Value>,
    /// Send `body` as this exact text instead (bodies that are not JSON).
    #[serde(default)]
    pub raw_body: Option<String>,
    /// Wait this long before answering (beyond a client's timeout).
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Break the connection instead of answering.
    #[serde(default)]
    pub reset: bool,
}

fn ok() -> u16 {
    200
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub expect: Expected,
    pub respond: Canned,
}

#[derive(Debug, Default)]
pub struct Script {
    queue: VecDeque<Entry>,
    /// Set by the first `push`, cleared by `clear`: while armed, every API request is the script's.
    armed: bool,
    pub served: u64,
    pub mismatches: Vec<String>,
}

impl Script {
    pub fn push(&mut self, entries: Vec<Entry>) {
        self.queue.extend(entries);
        self.armed = true;
    }

    pub fn clear(&mut self) {
        *self = Script::default();
    }

    pub fn is_active(&self) -> bool {
        self.armed
    }

    /// Whether this request is the script's to answer.
    pub fn takes(&self, path: &str, is_token_request: bool) -> bool {
        match self.queue.front() {
            Some(front) if is_token_request => front.expect.path.eq_ignore_ascii_case(path),
            _ if is_token_request => false,
            _ => self.armed,
        }
    }

    /// Checks the request against the next entry and returns its canned answer.
    pub fn answer(
        &mut self,
        method: &str,
        path: &str,
        query: Option<&str>,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Canned {
        let Some(entry) = self.queue.pop_front() else {
            self.mismatches.push(format!(
                "unexpected request {method} {path}: the script is empty"
            ));
            return Canned {
                status: 599,
                ..Default::default()
            };
        };
        self.served += 1;
        let n = self.served;
        let e = &entry.expect;
        if !e.method.eq_ignore_ascii_case(method) || e.path != path {
            self.mismatches.push(format!(
                "request {n}: expected {} {}, got {method} {path}",
                e.method, e.path
            ));
        }
        let actual_query = query_map(query.unwrap_or(""));
        let wanted_query: BTreeMap<String, Vec<String>> = e
            .query
            .iter()
            .map(|(k, v)| (k.clone(), strings(v)))
            .collect();
        if actual_query != wanted_query {
            self.mismatches.push(format!(
                "request {n}: expected query {wanted_query:?}, got {actual_query:?}"
            ));
        }
        let expected_body = e.body.clone().unwrap_or(Value::Null);
        let actual_body: Value = if body.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            serde_json::from_slice(body)
                .unwrap_or(Value::String(String::from_utf8_lossy(body).into_owned()))
        };
        if actual_body != expected_body {
            let shown = |v: &Value| {
                if v.is_null() {
                    "no body".to_string()
                } else {
                    v.to_string()
                }
            };
            self.mismatches.push(format!(
                "request {n}: expected body {}, got {}",
                shown(&expected_body),
                shown(&actual_body)
            ));
        }
        for (name, value) in &e.headers {
            let found = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str());
            if found != Some(value.as_str()) {
                self.mismatches.push(format!(
                    "request {n}: expected header {name}: {value}, got {found:?}"
                ));
            }
        }
        entry.respond
    }

    pub fn report(&self) -> Value {
        serde_json::json!({"served": self.served, "remaining": self.queue.len(), "mismatches": self.mismatches})
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().map(text).collect(),
        other => vec![text(other)],
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn query_map(query: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        out.entry(k.into_owned()).or_default().push(v.into_owned());
    }
    out
}
