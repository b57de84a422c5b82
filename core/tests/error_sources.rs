//! Errors keep what caused them (`std::error::Error::source`), and never a URL: a query string
//! may hold phone numbers.

mod common;

use common::{Reply, TestServer};
use std::error::Error as _;
use std::time::Duration;
use telegent::models::*;
use telegent::ErrorKind;

/// Every error in the chain under `err`, as `Display` and `Debug` text.
fn chain_text(err: &telegent::Error) -> Vec<String> {
    let mut out = vec![format!("{err}"), format!("{err:?}")];
    let mut source = err.source();
    while let Some(cause) = source {
        out.push(format!("{cause}"));
        out.push(format!("{cause:?}"));
        source = cause.source();
    }
    out
}

#[tokio::test]
async fn a_refused_connection_keeps_its_cause() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let client = telegent::Client::builder()
        .credentials("DID-key", "secret")
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let err = client
        .messages()
        .get(&GetMessageParams {
            message_id: Some("TMID-1".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
    let cause = err.source().expect("the connection error under the SDK's");
    assert!(
        cause.downcast_ref::<reqwest::Error>().is_some(),
        "{cause:?}"
    );
}

#[tokio::test]
async fn a_timed_out_call_keeps_its_cause_without_the_url_or_its_phone_number() {
    let server = TestServer::start().await;
    server.script(
        "/v1.0/numbers",
        vec![Reply::raw(200, "{}").after(Duration::from_millis(800))],
    );
    let client = server
        .client()
        .timeout(Duration::from_millis(150))
        .max_retries(0)
        .build()
        .unwrap();
    let params = GetNumberParams {
        phone_number: Some("+18015555555".into()),
        ..Default::default()
    };
    let err = client.numbers().get(&params).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.source().is_some(), "no cause under {err}");
    for text in chain_text(&err) {
        assert!(!text.contains("8015555555"), "a phone number in {text}");
        assert!(!text.contains("/v1.0/numbers"), "a URL in {text}");
    }
}

#[tokio::test]
async fn a_decode_error_keeps_the_json_error_as_its_cause() {
    let server = TestServer::start().await;
    server.script("/v1.0/message/details", vec![Reply::raw(200, "{not json")]);
    let client = server.client().build().unwrap();
    let params = GetMessageParams {
        message_id: Some("TMID-1".into()),
        ..Default::default()
    };
    let err = client.messages().get(&params).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let cause = err.source().expect("the JSON error under the SDK's");
    assert!(
        cause.downcast_ref::<serde_json::Error>().is_some(),
        "{cause:?}"
    );
}

#[tokio::test]
async fn an_error_from_the_server_has_no_cause_to_report() {
    let server = TestServer::start().await;
    server.script(
        "/v1.0/message/details",
        vec![Reply::error(404, "no such message")],
    );
    let client = server.client().build().unwrap();
    let params = GetMessageParams {
        message_id: Some("TMID-1".into()),
        ..Default::default()
    };
    let err = client.messages().get(&params).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.source().is_none());
}
