//! Tokens behave like the real API's (scoped, expiring), and every injectable fault produces the
//! client reaction the SDK documents — with the sandbox's counters proving what really ran.

mod common;

use common::{world, world_with};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use telegent::ErrorKind;
use telegent_sandbox::faults::{Corrupt, Fault, When};
use telegent_sandbox::SandboxConfig;

const OUTBOUND: &str = "/v1.0/message/outbound";
const DETAILS: &str = "/v1.0/message/details";

fn raw_get(base: &str, path: &str, token: &str) -> u16 {
    reqwest::blocking::Client::new()
        .get(format!("{base}{path}?MessageId=x"))
        .bearer_auth(token)
        .send()
        .unwrap()
        .status()
        .as_u16()
}

#[test]
fn a_token_scoped_to_one_endpoint_is_refused_by_another() {
    let w = world();
    let base = w.sandbox.base_url();
    let (token, _) = w.raw_token(Some(&format!("{base}/v1.0/numbers/inventory")));
    assert_eq!(raw_get(&base, DETAILS, &token), 403);
    assert_eq!(raw_get(&base, "/v1.0/numbers/inventory", &token), 200);
}

#[test]
fn an_expired_token_is_refused() {
    let w = world();
    w.sandbox.set_token_ttl(Duration::from_millis(300));
    let base = w.sandbox.base_url();
    let (token, _) = w.raw_token(None);
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(raw_get(&base, "/v1.0/numbers/inventory", &token), 401);
}

#[test]
fn token_expiry_uses_the_documented_text_format() {
    let w = world();
    let (_, expiry) = w.raw_token(None);
    assert!(
        telegent::auth::parse_expiry_text(&expiry).is_some(),
        "{expiry}"
    );
    assert!(
        expiry.ends_with(" AM") || expiry.ends_with(" PM"),
        "{expiry}"
    );
}

#[test]
fn wrong_credentials_are_refused() {
    let w = world();
    let client = telegent::Client::builder()
        .credentials("DID-wrong", "nope")
        .base_url(w.sandbox.base_url())
        .build_blocking()
        .unwrap();
    let e = client.call_json("numbers.list", None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication);
}

#[test]
fn the_client_replaces_expiring_tokens_by_itself() {
    let w = world_with(SandboxConfig {
        token_ttl: Duration::from_secs(2),
        ..Default::default()
    });
    w.query("numbers.list", json!({}));
    std::thread::sleep(Duration::from_millis(2200));
    w.query("numbers.list", json!({}));
    assert_eq!(w.sandbox.tokens_minted(), 2);
}

#[test]
fn the_client_mints_one_scoped_token_per_endpoint() {
    let w = world();
    w.query("numbers.list", json!({}));
    w.query("numbers.list", json!({}));
    w.query("message_routes.list", json!({}));
    assert_eq!(w.sandbox.tokens_minted(), 2);
}

fn send_body(number: &str) -> Value {
    json!({"From": number, "To": [{"Number": "+18015550100"}], "Body": "once"})
}

fn retrying_client(w: &common::World) -> telegent::blocking::Client {
    w.sandbox
        .client_builder()
        .retry_policy(telegent::RetryPolicy {
            initial_backoff: Duration::from_millis(5),
            ..Default::default()
        })
        .timeout(Duration::from_millis(500))
        .build_blocking()
        .unwrap()
}

#[test]
fn a_timeout_on_send_is_surfaced_not_retried_and_the_message_exists_once() {
    let w = world();
    let (number, _) = w.number();
    w.sandbox.inject(Fault {
        path: OUTBOUND.into(),
        delay_ms: Some(1500),
        delay: When::After,
        ..Default::default()
    });
    let e = retrying_client(&w)
        .call_json("messages.send", None, Some(send_body(&number)))
        .unwrap_err();
    assert_eq!((e.kind(), e.retries()), (ErrorKind::Timeout, 0));
    assert_eq!(w.sandbox.executions("messages.send"), 1);
}

#[test]
fn a_connection_broken_after_send_ran_is_not_retried() {
    let w = world();
    let (number, _) = w.number();
    w.sandbox.inject(Fault {
        path: OUTBOUND.into(),
        reset: Some(When::After),
        ..Default::default()
    });
    let e = retrying_client(&w)
        .call_json("messages.send", None, Some(send_body(&number)))
        .unwrap_err();
    assert_eq!((e.kind(), e.retries()), (ErrorKind::Network, 0));
    assert_eq!(w.sandbox.executions("messages.send"), 1);
}

#[test]
fn a_connection_broken_on_a_get_is_retried() {
    let w = world();
    w.sandbox.inject(Fault {
        path: "/v1.0/numbers/inventory".into(),
        reset: Some(When::Before),
        ..Default::default()
    });
    retrying_client(&w)
        .call_json("numbers.list", None, None)
        .unwrap();
    assert_eq!(w.sandbox.executions("numbers.list"), 1);
}

#[test]
fn a_503_is_retried_even_for_send_and_sends_once() {
    let w = world();
    let (number, _) = w.number();
    w.sandbox.inject(Fault {
        path: OUTBOUND.into(),
        status: Some(503),
        ..Default::default()
    });
    retrying_client(&w)
        .call_json("messages.send", None, Some(send_body(&number)))
        .unwrap();
    assert_eq!(w.sandbox.executions("messages.send"), 1);
}

#[test]
fn a_500_on_send_is_not_retried() {
    let w = world();
    let (number, _) = w.number();
    w.sandbox.inject(Fault {
        path: OUTBOUND.into(),
        status: Some(500),
        ..Default::default()
    });
    let e = retrying_client(&w)
        .call_json("messages.send", None, Some(send_body(&number)))
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.status(), e.retries()),
        (ErrorKind::Server, Some(500), 0)
    );
    assert_eq!(w.sandbox.executions("messages.send"), 0);
}

#[test]
fn retry_after_on_a_429_is_honoured() {
    let w = world();
    let (number, _) = w.number();
    w.sandbox.inject(Fault {
        path: OUTBOUND.into(),
        status: Some(429),
        headers: [("Retry-After".to_string(), "1".to_string())].into(),
        ..Default::default()
    });
    let started = Instant::now();
    retrying_client(&w)
        .call_json("messages.send", None, Some(send_body(&number)))
        .unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(w.sandbox.executions("messages.send"), 1);
}

#[test]
fn an_injected_error_body_reaches_the_caller() {
    let w = world();
    w.sandbox.inject(Fault {
        path: "*".into(),
        status: Some(404),
        body: Some(
            json!({"Title": "Not Found", "Detail": "gone", "Status": 404, "TraceId": "00-x-00"}),
        ),
        ..Default::default()
    });
    let e = w.fails("numbers.list", None, None);
    assert_eq!(
        (e.kind(), e.message(), e.request_id()),
        (ErrorKind::NotFound, "gone", Some("00-x-00"))
    );
}

#[test]
fn truncated_and_non_json_bodies_are_decode_errors() {
    let w = world();
    for corrupt in [Corrupt::Truncated, Corrupt::NotJson] {
        w.sandbox.inject(Fault {
            path: "/v1.0/numbers/inventory".into(),
            corrupt: Some(corrupt),
            ..Default::default()
        });
        let e = w.fails("numbers.list", None, None);
        assert_eq!(e.kind(), ErrorKind::Decode, "{corrupt:?}");
        assert!(e.details().body_excerpt.is_some());
    }
}

#[test]
fn an_empty_body_is_an_empty_result() {
    let w = world();
    w.sandbox.inject(Fault {
        path: "/v1.0/numbers/inventory".into(),
        corrupt: Some(Corrupt::Empty),
        ..Default::default()
    });
    assert_eq!(w.query("numbers.list", json!({})), json!({}));
}

#[test]
fn faults_and_counters_are_reachable_over_http() {
    let w = world();
    let base = w.sandbox.base_url();
    let http = reqwest::blocking::Client::new();
    let queued = http
        .post(format!("{base}/__sandbox/faults"))
        .json(&json!({"path": DETAILS, "status": 503, "times": 2}))
        .send()
        .unwrap();
    assert_eq!(queued.status(), 200);
    let e = w.fails("messages.get", Some(json!({"MessageId": "x"})), None);
    assert_eq!(e.status(), Some(503));
    let counters: Value = http
        .get(format!("{base}/__sandbox/counters"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert!(counters["tokens_minted"].as_u64().unwrap() >= 1);
    let bad = http
        .post(format!("{base}/__sandbox/faults"))
        .json(&json!({"path": DETAILS, "explode": true}))
        .send()
        .unwrap();
    assert_eq!(bad.status(), 400);
}

#[test]
fn reset_returns_to_the_starting_state() {
    let w = world();
    let route = w.message_route();
    w.sandbox.reset();
    assert_eq!(
        w.fails(
            "message_routes.get",
            Some(json!({"MessageRouteId": route})),
            None
        )
        .kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn the_same_seed_gives_the_same_ids() {
    let a = world();
    let b = world();
    assert_eq!(a.message_route(), b.message_route());
    let c = world_with(SandboxConfig {
        seed: 99,
        ..Default::default()
    });
    assert_ne!(a.message_route(), c.message_route());
}

#[test]
fn state_survives_a_restart_with_a_data_dir() {
    let dir = std::env::temp_dir().join(format!("telegent-sandbox-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let config = SandboxConfig {
        data_dir: Some(dir.clone()),
        ..Default::default()
    };
    let route = {
        let w = world_with(config.clone());
        w.message_route()
    };
    let w = world_with(config);
    assert_eq!(
        w.query("message_routes.get", json!({"MessageRouteId": route}))["MessageRouteId"],
        route.as_str()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_change_is_saved_behind_while_the_sandbox_runs() {
    let dir = std::env::temp_dir().join(format!("telegent-sandbox-behind-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let w = world_with(SandboxConfig {
        data_dir: Some(dir.clone()),
        ..Default::default()
    });
    let route = w.message_route();
    let file = dir.join("sandbox-state.json");
    let deadline = Instant::now() + Duration::from_secs(10);
    let saved = loop {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if text.contains(&route) || Instant::now() > deadline {
            break text.contains(&route);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(saved, "the new route was not saved while the sandbox ran");
    drop(w);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_paths_and_wrong_methods_get_the_api_errors() {
    let w = world();
    let base = w.sandbox.base_url();
    let http = reqwest::blocking::Client::new();
    assert_eq!(
        http.get(format!("{base}/v1.0/nope"))
            .send()
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        http.delete(format!("{base}/v1.0/message/routes"))
            .send()
            .unwrap()
            .status(),
        405
    );
}
