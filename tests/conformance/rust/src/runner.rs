//! Runs cases through the Rust SDK's public API against a sandbox, and judges them.
//!
//! Every language's runner does the same, in the same order: reset the sandbox, queue the case's
//! script or faults over the admin API, build a client with the case's settings, call the
//! operation by its manifest id with the case's JSON input, and compare what the caller got —
//! result or typed error — with the case. A runner must never pass a case it could not run.

use crate::case::{Case, ClientOptions, ExpectedError, FlowCase, Outcome, WireCase};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// The sandbox a run talks to.
pub struct Target {
    pub base_url: String,
    pub account_key: String,
    pub account_secret: String,
    pub account_id: String,
    http: reqwest::blocking::Client,
}

impl Target {
    pub fn new(base_url: &str, account_key: &str, account_secret: &str) -> Result<Target, String> {
        telegent::tls::install_crypto_provider();
        let http = reqwest::blocking::Client::new();
        let info: Value = http
            .get(format!("{base_url}/__sandbox/info"))
            .send()
            .and_then(|r| r.json())
            .map_err(|e| format!("sandbox info: {e}"))?;
        Ok(Target {
            base_url: base_url.to_string(),
            account_key: account_key.to_string(),
            account_secret: account_secret.to_string(),
            account_id: info["account_id"].as_str().unwrap_or_default().to_string(),
            http,
        })
    }

    fn admin(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let url = format!("{}/__sandbox/{path}", self.base_url);
        let request = match method {
            "GET" => self.http.get(url),
            _ => self.http.post(url).json(body.unwrap_or(&json!({}))),
        };
        let response = request.send().map_err(|e| format!("admin {path}: {e}"))?;
        let status = response.status();
        let value: Value = response.json().map_err(|e| format!("admin {path}: {e}"))?;
        if !status.is_success() {
            return Err(format!("admin {path} refused: {value}"));
        }
        Ok(value)
    }

    fn client(&self, options: &ClientOptions) -> Result<telegent::blocking::Client, String> {
        let mut builder = telegent::Client::builder()
            .credentials(&self.account_key, &self.account_secret)
            .base_url(&self.base_url)
            .retry_policy(telegent::RetryPolicy {
                initial_backoff: Duration::from_millis(10),
                max_backoff: Duration::from_millis(50),
                ..Default::default()
            });
        if let Some(n) = options.max_retries {
            builder = builder.max_retries(n);
        }
        if let Some(ms) = options.timeout_ms {
            builder = builder.timeout(Duration::from_millis(ms));
        }
        if options.token_scope.as_deref() == Some("shared") {
            builder = builder.token_scope(telegent::TokenScope::Shared);
        }
        builder.build_blocking().map_err(|e| format!("client: {e}"))
    }

    /// Replaces `${base_url}`, `${account_key}`, `${account_secret}`, `${account_id}` and
    /// `${saved.Field}` in strings; a string that is only a reference takes the value's type.
    /// A reference to a name that was never saved, or to a field its value lacks, is an error:
    /// it would otherwise send `null` and test something else than the case says.
    fn substitute(&self, value: &Value, saved: &Map<String, Value>) -> Result<Value, String> {
        Ok(match value {
            Value::String(s) => self.substitute_text(s, saved)?,
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|v| self.substitute(v, saved))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| Ok((k.clone(), self.substitute(v, saved)?)))
                    .collect::<Result<_, String>>()?,
            ),
            other => other.clone(),
        })
    }

    fn lookup(&self, name: &str, saved: &Map<String, Value>) -> Result<Value, String> {
        match name {
            "base_url" => return Ok(json!(self.base_url)),
            "account_key" => return Ok(json!(self.account_key)),
            "account_secret" => return Ok(json!(self.account_secret)),
            "account_id" => return Ok(json!(self.account_id)),
            _ => {}
        }
        let unknown = || format!("the reference ${{{name}}} names nothing saved");
        let mut parts = name.split('.');
        let mut v = saved
            .get(parts.next().unwrap_or_default())
            .ok_or_else(unknown)?;
        for p in parts {
            v = match (p.parse::<usize>(), v) {
                (Ok(i), Value::Array(items)) => items.get(i),
                (_, Value::Object(map)) => map.get(p),
                _ => None,
            }
            .ok_or_else(unknown)?;
        }
        Ok(v.clone())
    }

    fn substitute_text(&self, text: &str, saved: &Map<String, Value>) -> Result<Value, String> {
        if !text.contains("${") {
            return Ok(Value::String(text.to_string()));
        }
        if text.starts_with("${") && text.ends_with('}') && text.matches("${").count() == 1 {
            return self.lookup(&text[2..text.len() - 1], saved);
        }
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            // An unterminated placeholder is text.
            let Some(end) = rest[start..].find('}') else {
                break;
            };
            out.push_str(&rest[..start]);
            let value = self.lookup(&rest[start + 2..start + end], saved)?;
            out.push_str(&match value {
                Value::String(s) => s,
                other => other.to_string(),
            });
            rest = &rest[start + end + 1..];
        }
        out.push_str(rest);
        Ok(Value::String(out))
    }
}

/// Runs one case; `Err` says why it failed.
pub fn run(target: &Target, case: &Case) -> Result<(), String> {
    target.admin("POST", "reset", None)?;
    match case {
        Case::Wire(c) => run_wire(target, c),
        Case::Flow(c) => run_flow(target, c),
    }
}

fn run_wire(target: &Target, case: &WireCase) -> Result<(), String> {
    let saved = Map::new();
    let script = target.substitute(&Value::Array(case.exchanges.clone()), &saved)?;
    target.admin("POST", "script", Some(&script))?;
    let client = target.client(&case.client)?;
    let params = case
        .input
        .params
        .as_ref()
        .map(|p| target.substitute(p, &saved))
        .transpose()?;
    let body = case
        .input
        .body
        .as_ref()
        .map(|b| target.substitute(b, &saved))
        .transpose()?;
    let started = std::time::Instant::now();
    let answer = client.call_json(&case.operation, params, body);
    let elapsed = started.elapsed();
    let report = target.admin("GET", "script", None)?;
    let mismatches: Vec<String> = report["mismatches"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str().map(String::from))
        .collect();
    if !mismatches.is_empty() {
        return Err(format!(
            "the requests differ from the case: {}",
            mismatches.join("; ")
        ));
    }
    if report["remaining"].as_u64() != Some(0) {
        return Err(format!(
            "{} expected request(s) were never made (served {})",
            report["remaining"], report["served"]
        ));
    }
    if let Some(ms) = case.outcome.elapsed_at_least_ms {
        if elapsed < Duration::from_millis(ms) {
            return Err(format!(
                "the call took {elapsed:?}, expected at least {ms} ms"
            ));
        }
    }
    judge(&case.outcome, answer)
}

fn run_flow(target: &Target, case: &FlowCase) -> Result<(), String> {
    let mut saved = Map::new();
    let mut options = ClientOptions::default();
    let mut client = target.client(&options)?;
    for (i, step) in case.steps.iter().enumerate() {
        let at = |e: String| format!("step {}: {e}", i + 1);
        if let Some(change) = &step.client {
            options = change.clone();
            client = target.client(&options).map_err(at)?;
        }
        if let Some(fault) = &step.fault {
            let fault = target.substitute(fault, &saved).map_err(at)?;
            target.admin("POST", "faults", Some(&fault)).map_err(at)?;
        }
        if let Some(seconds) = step.token_ttl_s {
            target
                .admin("POST", "token-ttl", Some(&json!({ "seconds": seconds })))
                .map_err(at)?;
        }
        if let Some(ms) = step.wait_ms {
            std::thread::sleep(Duration::from_millis(ms));
        }
        if let Some(expected) = step.tokens_minted {
            let counters = target.admin("GET", "counters", None).map_err(at)?;
            let actual = counters["tokens_minted"].as_u64().unwrap_or(0);
            if actual != expected {
                return Err(at(format!("{actual} token(s) minted, expected {expected}")));
            }
        }
        if let Some(expected) = &step.executions {
            let counters = target.admin("GET", "counters", None).map_err(at)?;
            for (op, n) in expected {
                let actual = counters["operations"][op].as_u64().unwrap_or(0);
                if actual != *n {
                    return Err(at(format!("{op} ran {actual} time(s), expected {n}")));
                }
            }
        }
        let Some(op) = &step.call else { continue };
        let params = step
            .params
            .as_ref()
            .map(|p| target.substitute(p, &saved))
            .transpose()
            .map_err(at)?;
        let body = step
            .body
            .as_ref()
            .map(|b| target.substitute(b, &saved))
            .transpose()
            .map_err(at)?;
        let answer = client.call_json(op, params, body);
        if let (Some(name), Ok(value)) = (&step.save, &answer) {
            saved.insert(name.clone(), value.clone());
        }
        match &step.expect {
            Some(outcome) => {
                let outcome = target.substitute_outcome(outcome, &saved).map_err(at)?;
                judge(&outcome, answer).map_err(|e| at(format!("{op}: {e}")))?
            }
            None => {
                answer.map_err(|e| at(format!("{op} failed: {e}")))?;
            }
        }
    }
    Ok(())
}

impl Target {
    fn substitute_outcome(
        &self,
        outcome: &Outcome,
        saved: &Map<String, Value>,
    ) -> Result<Outcome, String> {
        Ok(Outcome {
            result: outcome
                .result
                .as_ref()
                .map(|v| self.substitute(v, saved))
                .transpose()?,
            result_contains: outcome
                .result_contains
                .as_ref()
                .map(|v| self.substitute(v, saved))
                .transpose()?,
            error: outcome
                .error
                .as_ref()
                .map(|e| {
                    let value = serde_json::to_value(e).map_err(|e| e.to_string())?;
                    serde_json::from_value(self.substitute(&value, saved)?)
                        .map_err(|e| e.to_string())
                })
                .transpose()?,
            elapsed_at_least_ms: outcome.elapsed_at_least_ms,
        })
    }
}

/// Compares what the caller got with what the case expects.
pub fn judge(expected: &Outcome, answer: telegent::Result<Value>) -> Result<(), String> {
    match (answer, &expected.error) {
        (Ok(value), None) => {
            if let Some(result) = &expected.result {
                if &value != result {
                    return Err(format!(
                        "result differs:\n  expected {result}\n  got      {value}"
                    ));
                }
            }
            if let Some(part) = &expected.result_contains {
                contains(part, &value, "result")?;
            }
            Ok(())
        }
        (Ok(value), Some(e)) => Err(format!(
            "expected a {} error, got the result {value}",
            e.kind
        )),
        (Err(error), None) => Err(format!("expected a result, got the error {error}")),
        (Err(error), Some(e)) => judge_error(e, &error),
    }
}

fn judge_error(e: &ExpectedError, error: &telegent::Error) -> Result<(), String> {
    let mut wrong = Vec::new();
    if error.kind().as_str() != e.kind {
        wrong.push(format!(
            "kind {} (expected {})",
            error.kind().as_str(),
            e.kind
        ));
    }
    if e.status.is_some() && error.status() != e.status {
        wrong.push(format!(
            "status {:?} (expected {:?})",
            error.status(),
            e.status
        ));
    }
    if let Some(m) = &e.message {
        if error.message() != m {
            wrong.push(format!("message {:?} (expected {m:?})", error.message()));
        }
    }
    if let Some(m) = &e.message_contains {
        if !error.message().contains(m.as_str()) {
            wrong.push(format!(
                "message {:?} (expected it to contain {m:?})",
                error.message()
            ));
        }
    }
    if !e.fields.is_empty() {
        let named: Vec<&String> = error.details().field_errors.keys().collect();
        let mut expected: Vec<&String> = e.fields.iter().collect();
        expected.sort();
        if named != expected {
            wrong.push(format!("fields {named:?} (expected {expected:?})"));
        }
    }
    if e.request_id.is_some() && error.request_id() != e.request_id.as_deref() {
        wrong.push(format!(
            "request id {:?} (expected {:?})",
            error.request_id(),
            e.request_id
        ));
    }
    if let Some(n) = e.retries {
        if error.retries() != n {
            wrong.push(format!("{} retries (expected {n})", error.retries()));
        }
    }
    if let Some(ms) = e.retry_after_ms {
        if error.retry_after() != Some(Duration::from_millis(ms)) {
            wrong.push(format!(
                "retry-after {:?} (expected {ms} ms)",
                error.retry_after()
            ));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("wrong error ({error}): {}", wrong.join(", ")))
    }
}

/// `part` is contained in `whole`: objects key by key, arrays item by item (same length).
pub fn contains(part: &Value, whole: &Value, at: &str) -> Result<(), String> {
    match (part, whole) {
        (Value::Object(p), Value::Object(w)) => {
            for (k, v) in p {
                let Some(actual) = w.get(k) else {
                    return Err(format!("{at}.{k} is missing"));
                };
                contains(v, actual, &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(p), Value::Array(w)) if p.len() == w.len() => p
            .iter()
            .zip(w)
            .enumerate()
            .try_for_each(|(i, (a, b))| contains(a, b, &format!("{at}[{i}]"))),
        (p, w) if p == w => Ok(()),
        (p, w) => Err(format!("{at} is {w}, expected {p}")),
    }
}

/// The closing line every runner prints.
pub fn summary(passed: usize, failed: usize) -> String {
    format!("{passed} passed, {failed} failed")
}

/// Runs every case, printing failures; returns (passed, failed).
pub fn run_all(
    target: &Target,
    cases: &[(std::path::PathBuf, Case)],
    mut report: impl FnMut(&str),
) -> (usize, usize) {
    let mut counts: BTreeMap<bool, usize> = BTreeMap::new();
    for (file, case) in cases {
        let outcome = run(target, case);
        if let Err(why) = &outcome {
            report(&format!("FAIL {} ({}): {why}", case.name(), file.display()));
        }
        *counts.entry(outcome.is_ok()).or_default() += 1;
    }
    (
        counts.get(&true).copied().unwrap_or(0),
        counts.get(&false).copied().unwrap_or(0),
    )
}
