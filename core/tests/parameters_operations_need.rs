//! Where the spec's own notes say an operation cannot work without a parameter its source marks
//! optional, the SDK requires it: the call is refused before anything is sent.

mod common;

use common::TestServer;
use serde_json::Value;
use telegent::models::*;
use telegent::ErrorKind;

#[tokio::test]
async fn a_message_lookup_without_its_message_id_is_refused_before_anything_is_sent() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let err = client
        .messages()
        .get(&GetMessageParams::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        err.message(),
        "params is missing required field(s): MessageId"
    );
    assert_eq!(server.hits("/v1.0/message/details"), 0);
}

/// Every operation whose spec entry records such a correction, with the field it made required.
fn corrected() -> Vec<(String, String, String)> {
    let spec = common::spec();
    let manifest: Value = serde_json::from_str(include_str!("../../spec/operations.json")).unwrap();
    spec["operations"]
        .as_array()
        .unwrap()
        .iter()
        .zip(manifest["operations"].as_array().unwrap())
        .filter_map(|(op, entry)| {
            let note = op["note"].as_str()?.strip_prefix("SDK correction: ")?;
            let field = note.split_whitespace().next()?.to_string();
            Some((
                entry["id"].as_str()?.to_string(),
                op["path"].as_str()?.to_string(),
                field,
            ))
        })
        .collect()
}

#[tokio::test]
async fn every_operation_refuses_a_call_without_the_parameter_it_cannot_work_without() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let operations = corrected();
    assert_eq!(operations.len(), 10, "{operations:?}");
    for (id, path, field) in operations {
        let err = client.call_json(&id, None, None).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{id}: {err}");
        assert!(
            err.message().contains("missing required field(s)") && err.message().contains(&field),
            "{id}: {err}"
        );
        assert_eq!(server.hits(&path), 0, "{id} sent a request");
    }
}
