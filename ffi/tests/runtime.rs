//! Calls run on the SDK's own runtime, so the client outlives any runtime its caller had.

mod common;

use common::*;
use serde_json::json;

fn get_route(
    client: &telegent_ffi::FfiClient,
    id: &str,
) -> telegent_ffi::FfiResult<serde_json::Value> {
    client.call_blocking(query_call(
        "message_routes.get",
        json!({"MessageRouteId": id}),
    ))
}

#[test]
fn a_client_keeps_working_after_the_callers_runtime_is_dropped() {
    let w = world();
    let created = {
        let callers = tokio::runtime::Runtime::new().unwrap();
        let call = w
            .client
            .call(body_call("message_routes.create", route_body()));
        let route = callers.block_on(call).unwrap();
        drop(callers);
        route
    };
    let id = created["MessageRouteId"].as_str().unwrap();
    let again = tokio::runtime::Runtime::new().unwrap();
    let found = again
        .block_on(w.client.call(query_call(
            "message_routes.get",
            json!({"MessageRouteId": id}),
        )))
        .unwrap();
    assert_eq!(found["MessageRouteId"], created["MessageRouteId"]);
    drop(again);
    assert!(get_route(&w.client, id).is_ok());
}

#[test]
fn the_binding_client_runs_on_the_sdk_runtime() {
    let w = world();
    assert_eq!(w.client.core().runtime_mode(), telegent::RuntimeMode::Sdk);
}
