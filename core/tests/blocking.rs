//! The blocking client has the async client's surface and works from any thread.

mod common;

use common::{Reply, TestServer};
use serde_json::json;
use telegent::models::*;

#[test]
fn a_blocking_call_returns_the_typed_result() {
    let server = TestServer::start_in_background();
    server.script(
        "/v1.0/message/routes",
        vec![Reply::json(
            200,
            json!({"MessageRouteId": "MRID-1", "MessageRouteEnabled": "true"}),
        )],
    );
    let client = server.client().build_blocking().unwrap();
    let route = client
        .message_routes()
        .create(&CreateMessageRouteRequest::new(
            "Main",
            "https://example.com/in",
            MessageUrlMethod::Post,
        ))
        .unwrap();
    assert_eq!(route.message_route_id.as_deref(), Some("MRID-1"));
    assert_eq!(route.message_route_enabled, Some(true));
}

#[test]
fn a_blocking_error_is_the_same_typed_error() {
    let server = TestServer::start_in_background();
    server.script(
        "/v1.0/message/details",
        vec![Reply::error(404, "no such message")],
    );
    let client = server.client().build_blocking().unwrap();
    let err = client
        .messages()
        .get(&GetMessageParams {
            message_id: Some("TMID-1".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.kind(), telegent::ErrorKind::NotFound);
}

#[test]
fn blocking_paging_is_an_iterator() {
    let server = TestServer::start_in_background();
    let page = |n: &str| {
        Reply::json(
            200,
            json!({"Results": [{"MessageID": n}], "ResultsTotalRecords": 2}),
        )
    };
    server.script("/v1.0/message/search", vec![page("TMID-1"), page("TMID-2")]);
    let client = server.client().build_blocking().unwrap();
    let ids: Vec<String> = client
        .messages()
        .search_all(&SearchMessageParams::default())
        .map(|m| m.unwrap().message_id.unwrap())
        .collect();
    assert_eq!(ids, ["TMID-1", "TMID-2"]);
}

#[test]
fn the_blocking_client_works_inside_an_async_runtime() {
    let server = TestServer::start_in_background();
    let client = server.client().build_blocking().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        client
            .messages()
            .get(&GetMessageParams::new("TMID-1"))
            .unwrap();
    });
}

#[test]
fn one_blocking_client_serves_many_threads() {
    let server = TestServer::start_in_background();
    let client = server.client().build_blocking().unwrap();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || {
                client
                    .messages()
                    .get(&GetMessageParams::new("TMID-1"))
                    .is_ok()
            })
        })
        .collect();
    assert!(threads.into_iter().all(|t| t.join().unwrap()));
    assert_eq!(server.mints(), 1);
}

#[test]
fn operations_can_be_called_by_id_with_json() {
    let server = TestServer::start_in_background();
    server.script(
        "/v1.0/message/outbound",
        vec![Reply::json(
            200,
            json!({"MessageId": "TMID-9", "Cost": "0.0045"}),
        )],
    );
    let client = server.client().build_blocking().unwrap();
    let out = client
        .call_json(
            "messages.send",
            None,
            Some(json!({"From": "+1", "To": [{"Number": "+2"}], "Body": "x"})),
        )
        .unwrap();
    assert_eq!(out["MessageId"], "TMID-9");
    let err = client
        .call_json("messages.explode", None, None)
        .unwrap_err();
    assert_eq!(err.kind(), telegent::ErrorKind::InvalidInput);
}
