//! Calls by id refuse input in the wrong place instead of dropping it; explicit extras are sent.

mod common;

use common::*;
use serde_json::json;
use telegent_ffi::CallRequest;

#[test]
fn a_body_for_a_get_is_invalid_input_and_nothing_is_sent() {
    let w = world();
    let call = CallRequest {
        query: Some(json!({"MessageId": "TMID-1"})),
        body: Some(json!({"MessageId": "TMID-1"})),
        ..CallRequest::new("messages.get")
    };
    let e = w.client.call_blocking(call).unwrap_err();
    assert_eq!(e.kind, "invalid_input");
    assert!(e.message.contains("GET"), "{}", e.message);
    assert_eq!(w.sandbox.executions("messages.get").unwrap(), 0);
}

#[test]
fn an_extra_body_on_a_get_is_refused_too() {
    let w = world();
    let mut call = query_call("messages.get", json!({"MessageId": "TMID-1"}));
    call.extra_body = Some(json!({"Anything": 1}).as_object().unwrap().clone());
    assert_eq!(
        w.client.call_blocking(call).unwrap_err().kind,
        "invalid_input"
    );
}

#[test]
fn a_query_key_the_operation_does_not_have_is_named_in_the_error() {
    let w = world();
    let e = w
        .client
        .call_blocking(query_call("numbers.list", json!({"PageNumbr": 2})))
        .unwrap_err();
    assert_eq!(e.kind, "invalid_input");
    assert!(
        e.message.contains("PageNumbr") && e.message.contains("extra_query"),
        "{}",
        e.message
    );
}

#[test]
fn a_key_in_the_wrong_case_gets_the_right_spelling_suggested() {
    let w = world();
    let e = w
        .client
        .call_blocking(query_call("numbers.list", json!({"pagenumber": 2})))
        .unwrap_err();
    assert!(
        e.message.contains("did you mean \"PageNumber\""),
        "{}",
        e.message
    );
}

#[test]
fn a_body_key_the_operation_does_not_have_is_invalid_input() {
    let w = world();
    let mut body = route_body();
    body["RouteNmae"] = json!("typo");
    let e = w
        .client
        .call_blocking(body_call("message_routes.create", body))
        .unwrap_err();
    assert_eq!(e.kind, "invalid_input");
    assert!(e.message.contains("RouteNmae"), "{}", e.message);
    assert_eq!(w.sandbox.executions("message_routes.create").unwrap(), 0);
}

#[test]
fn a_query_for_an_operation_without_parameters_is_refused() {
    let w = world();
    let e = w
        .client
        .call_blocking(query_call(
            "message_routes.create",
            json!({"RouteName": "x"}),
        ))
        .unwrap_err();
    assert!(e.message.contains("takes none"), "{}", e.message);
}

#[test]
fn an_unknown_operation_is_invalid_input() {
    let w = world();
    let e = w
        .client
        .call_blocking(CallRequest::new("numbers.nope"))
        .unwrap_err();
    assert_eq!(e.kind, "invalid_input");
}

#[test]
fn explicit_extras_are_sent_as_given() {
    let (base, requests) = recording_server();
    let client = client_for(&base);
    let mut call = body_call("message_routes.create", route_body());
    call.extra_body = Some(json!({"Priority": "high"}).as_object().unwrap().clone());
    call.extra_query = Some(json!({"Trace": "on"}).as_object().unwrap().clone());
    client.call_blocking(call).unwrap();
    let request = requests.recv().unwrap();
    assert!(request.contains("\"Priority\":\"high\""), "{request}");
    assert!(request.contains("RouteName"), "{request}");
    assert!(
        request.starts_with("POST /v1.0/message/routes?Trace=on "),
        "{request}"
    );
}

#[test]
fn a_non_object_body_is_invalid_input() {
    let w = world();
    let e = w
        .client
        .call_blocking(body_call("message_routes.create", json!([1, 2])))
        .unwrap_err();
    assert_eq!(e.kind, "invalid_input");
    assert!(e.message.contains("an array"), "{}", e.message);
}
