//! Required fields: one check, on the typed path and the by-id path alike, before anything is sent.

mod common;

use common::TestServer;
use serde_json::json;
use telegent::models::*;
use telegent::ErrorKind;

const OUTBOUND: &str = "/v1.0/message/outbound";

#[tokio::test]
async fn a_typed_request_missing_a_required_field_is_refused_before_anything_is_sent() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let without_body = SendMessageRequest {
        from: Some("+18018018011".into()),
        to: Some(vec!["+18015737111".into()]),
        ..Default::default()
    };
    let err = client.messages().send(&without_body).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.operation(), "messages.send");
    assert_eq!(err.message(), "body is missing required field(s): Body");
    assert_eq!(server.hits(OUTBOUND), 0, "nothing was sent");
    assert_eq!(server.mints(), 0, "not even a token was minted");
}

#[tokio::test]
async fn the_typed_and_the_by_id_paths_refuse_a_missing_field_with_the_same_error() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let typed = client
        .messages()
        .send(&SendMessageRequest {
            from: Some("+18018018011".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    let by_id = client
        .call_json("messages.send", None, Some(json!({"From": "+18018018011"})))
        .await
        .unwrap_err();
    assert_eq!(typed.details(), by_id.details());
    assert_eq!(
        typed.message(),
        "body is missing required field(s): To, Body"
    );
    assert_eq!(server.hits(OUTBOUND), 0);
}

#[tokio::test]
async fn a_required_field_sent_as_null_is_missing() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let body = json!({"From": "+18018018011", "To": ["+18015737111"], "Body": null});
    let err = client
        .call_json("messages.send", None, Some(body))
        .await
        .unwrap_err();
    assert_eq!(err.message(), "body is missing required field(s): Body");
    assert_eq!(server.hits(OUTBOUND), 0);
}

#[tokio::test]
async fn a_required_flag_left_unset_is_refused_rather_than_sent_as_false() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let search = SearchAvailableNumberRequest {
        number_type: Some(NumberType::Mobile),
        message_enabled: Some(true),
        ..Default::default()
    };
    let err = client
        .numbers()
        .search_available(&search)
        .await
        .unwrap_err();
    assert_eq!(
        err.message(),
        "body is missing required field(s): VoiceEnabled"
    );
    assert_eq!(server.hits("/v1.0/numbers/availability"), 0);
}

#[test]
fn the_constructor_sets_exactly_the_required_fields() {
    let request = SendMessageRequest::new(["+18015737111".into()], "+18018018011", "Hello");
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"To": [{"Number": "+18015737111"}], "From": "+18018018011", "Body": "Hello"})
    );
    assert_eq!(request.campaign_id, None);
}

#[tokio::test]
async fn a_request_built_with_its_constructor_is_sent() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let request = SendMessageRequest::new(["+18015737111".into()], "+18018018011", "Hello");
    client.messages().send(&request).await.unwrap();
    assert_eq!(server.hits(OUTBOUND), 1);
}

#[tokio::test]
async fn a_field_both_set_and_marked_null_is_refused_before_sending() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let mut request = SendMessageRequest::new(["+18015737111".into()], "+18018018011", "Hello");
    request.nulls.insert("Body");
    let err = client.messages().send(&request).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.message(), "body: Body is marked null but holds a value");
    assert_eq!(server.hits(OUTBOUND), 0);
}

#[tokio::test]
async fn a_null_mark_naming_no_field_is_refused_before_sending() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let mut request = SendMessageRequest::new(["+18015737111".into()], "+18018018011", "Hello");
    request.nulls.insert("Subject");
    let err = client.messages().send(&request).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.message()
            .contains("Subject is marked null, but SendMessageRequest has no such field"),
        "{err}"
    );
    assert_eq!(server.hits(OUTBOUND), 0);
}
