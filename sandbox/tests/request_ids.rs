//! Every answer names its request, as the live API does: an `X-Request-Id` header on each one,
//! and a `TraceId` in error bodies, so an error seen through the SDK always has a request id.

mod common;

use common::world;
use reqwest::blocking::{Client, Response};
use serde_json::{json, Value};
use std::collections::HashSet;
use telegent_sandbox::faults::Fault;

/// `00-<32 hex>-<16 hex>-00`, the W3C trace context the live API's problem details carry.
fn is_trace_id(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    parts.len() == 4
        && parts[0] == "00"
        && hex(parts[1], 32)
        && hex(parts[2], 16)
        && parts[3] == "00"
}

fn request_id(answer: &Response) -> String {
    answer
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

#[test]
fn an_error_through_the_sdk_carries_a_request_id() {
    let w = world();
    let e = w.fails(
        "messages.get",
        Some(json!({"MessageId": "TMID-none"})),
        None,
    );
    let id = e.request_id().expect("the error has a request id");
    assert!(is_trace_id(id), "{id}");
}

#[test]
fn every_answer_carries_a_request_id_header() {
    let w = world();
    let base = w.sandbox.base_url();
    let http = Client::new();
    let (token, _) = w.raw_token(None);
    w.sandbox.inject(Fault {
        path: "/v1.0/numbers/inventory".into(),
        status: Some(503),
        ..Default::default()
    });
    let answers = [
        ("token", http.post(format!("{base}/v1.0/oauth2/tokens")).json(&json!({"AccountKey": w.sandbox.account_key(), "AccountSecret": w.sandbox.account_secret()}))),
        ("refused token", http.post(format!("{base}/v1.0/oauth2/tokens")).json(&json!({"AccountKey": "x", "AccountSecret": "y"}))),
        ("success", http.get(format!("{base}/v1.0/message/routes")).bearer_auth(&token)),
        ("not found", http.get(format!("{base}/v1.0/message/details?MessageId=TMID-none")).bearer_auth(&token)),
        ("invalid", http.post(format!("{base}/v1.0/message/outbound")).bearer_auth(&token).json(&json!({}))),
        ("no token", http.get(format!("{base}/v1.0/message/routes"))),
        ("injected fault", http.get(format!("{base}/v1.0/numbers/inventory")).bearer_auth(&token)),
        ("unknown path", http.get(format!("{base}/v1.0/nope"))),
        ("wrong method", http.delete(format!("{base}/v1.0/message/routes"))),
        ("admin", http.get(format!("{base}/__sandbox/counters"))),
        ("admin error", http.get(format!("{base}/__sandbox/nope"))),
    ];
    let mut seen = HashSet::new();
    for (what, request) in answers {
        let answer = request.send().unwrap();
        let id = request_id(&answer);
        assert!(
            is_trace_id(&id),
            "{what} ({}): X-Request-Id {id:?}",
            answer.status()
        );
        assert!(seen.insert(id.clone()), "{what}: {id} was answered before");
    }
}

#[test]
fn an_error_body_carries_the_request_id_of_its_header_as_trace_id() {
    let w = world();
    let (token, _) = w.raw_token(None);
    let answer = Client::new()
        .get(format!(
            "{}/v1.0/message/details?MessageId=TMID-none",
            w.sandbox.base_url()
        ))
        .bearer_auth(token)
        .send()
        .unwrap();
    let header = request_id(&answer);
    let body: Value = answer.json().unwrap();
    assert_eq!(body["TraceId"], header.as_str(), "{body}");
    assert_eq!(body["StatusCode"], 404, "{body}");
}
