//! The error record carries every detail the core has, and its text is the core's.

mod common;

use common::*;
use serde_json::json;
use telegent_ffi::errors::{guard, ErrorRecord, KINDS};

#[test]
fn a_rate_limited_call_carries_status_retry_after_retries_and_the_core_text() {
    let w = world();
    let fault = json!({"path": "/v1.0/message/routes", "times": 3, "status": 429,
        "headers": {"Retry-After": "0"}});
    w.sandbox.inject(fault).unwrap();
    let call = body_call("message_routes.create", route_body());
    let e = w
        .client
        .with_options(telegent_ffi::CallOptions {
            max_retries: Some(1),
            ..Default::default()
        })
        .call_blocking(call)
        .unwrap_err();
    assert_eq!(e.kind, "rate_limited");
    assert_eq!(e.status, Some(429));
    assert_eq!(e.operation, "message_routes.create");
    assert_eq!(e.retries, 1);
    assert_eq!(e.retry_after, Some(std::time::Duration::ZERO));
    assert!(e.is_retryable());
    assert_eq!(e.to_string(), e.display);
    assert!(e.display.contains("message_routes.create"), "{}", e.display);
}

#[test]
fn field_errors_of_a_problem_details_answer_are_kept_in_order() {
    let w = world();
    let body = json!({"Type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
        "Title": "One or more validation errors occurred.", "Status": 400,
        "Errors": {"$.AreaCode": ["bad area"], "$.ZipCode": ["bad zip"]}, "TraceId": "00-abc-01-00"});
    w.sandbox
        .inject(json!({"path": "/v1.0/message/routes", "status": 400, "body": body}))
        .unwrap();
    let e = w
        .client
        .call_blocking(body_call("message_routes.create", route_body()))
        .unwrap_err();
    assert_eq!(e.kind, "invalid_request");
    assert_eq!(e.request_id.as_deref(), Some("00-abc-01-00"));
    let fields: Vec<&str> = e.field_errors.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(fields, ["$.AreaCode", "$.ZipCode"]);
    assert_eq!(e.field_errors[0].1, ["bad area"]);
}

#[test]
fn an_unreadable_answer_keeps_the_start_of_its_body() {
    let w = world();
    w.sandbox
        .inject(json!({"path": "/v1.0/message/routes", "corrupt": "not_json"}))
        .unwrap();
    let e = w
        .client
        .call_blocking(body_call("message_routes.create", route_body()))
        .unwrap_err();
    assert_eq!(e.kind, "decode");
    assert!(
        e.body_excerpt.as_deref().is_some_and(|b| !b.is_empty()),
        "{e:?}"
    );
}

#[test]
fn every_core_kind_has_a_stable_name_in_the_table() {
    for kind in KINDS {
        assert!(
            kind.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{kind}"
        );
    }
    assert_eq!(ErrorRecord::invalid_input("x", "y").kind, "invalid_input");
    assert!(KINDS.contains(&ErrorRecord::internal("z").kind.as_str()));
}

#[test]
fn a_panic_inside_an_entry_point_becomes_an_internal_error() {
    let outcome: Result<(), ErrorRecord> = guard(|| panic!("boom"));
    let e = outcome.unwrap_err();
    assert_eq!(e.kind, "internal");
    assert!(e.message.contains("boom"), "{}", e.message);
}

#[test]
fn a_bad_token_scope_is_invalid_input() {
    let options = telegent_ffi::ClientOptions {
        account_key: Some("k".into()),
        account_secret: Some("s".into()),
        token_scope: Some("everywhere".into()),
        ..Default::default()
    };
    let e = telegent_ffi::FfiClient::new(&options, "test")
        .err()
        .unwrap();
    assert_eq!(e.kind, "invalid_input");
    assert!(e.message.contains("per_endpoint"), "{}", e.message);
}

#[test]
fn an_error_text_never_holds_the_account_secret() {
    let options = telegent_ffi::ClientOptions {
        account_key: Some("k".into()),
        account_secret: Some("very-secret-value".into()),
        base_url: Some("http://127.0.0.1:9".into()),
        max_retries: Some(0),
        ..Default::default()
    };
    let client = telegent_ffi::FfiClient::new(&options, "test").unwrap();
    let e = client
        .call_blocking(query_call(
            "message_routes.get",
            json!({"MessageRouteId": "MRID-1"}),
        ))
        .unwrap_err();
    assert!(!format!("{e:?}").contains("very-secret-value"));
}
