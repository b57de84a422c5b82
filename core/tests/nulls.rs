//! A known field that arrives as `null` is that field, absent — not an unknown field — and is
//! written back as `null`.

mod common;

use common::{Reply, TestServer};
use serde_json::{json, Value};
use telegent::models::*;

fn account_example() -> Value {
    common::spec()["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|op| op["path"] == "/v1.0/distributor/accounts")
        .map(|op| op["responses"]["200"]["examples"]["example"].clone())
        .expect("the spec's accounts.list example")
}

#[test]
fn a_known_field_that_arrives_null_is_that_field_absent_not_an_unknown_field() {
    let address: Address =
        serde_json::from_value(json!({"Street1": null, "City": "Provo"})).unwrap();
    assert_eq!(address.street1, None);
    assert_eq!(address.city.as_deref(), Some("Provo"));
    assert!(address.extra.is_empty(), "extra holds {:?}", address.extra);
    assert!(address.nulls.contains("Street1"));
}

#[test]
fn a_known_field_that_arrived_null_is_written_back_as_null() {
    let given = json!({"Street1": null, "City": "Provo"});
    let address: Address = serde_json::from_value(given.clone()).unwrap();
    assert_eq!(serde_json::to_value(&address).unwrap(), given);
}

#[test]
fn the_apis_other_spellings_of_null_are_their_field_absent_and_written_back_as_spelled() {
    let list: AccountSummary = serde_json::from_value(
        json!({"BillingAddress": {"Street2": "NULL"}, "TotalSubscribers": ""}),
    )
    .unwrap();
    let billing = list.billing_address.as_ref().unwrap();
    assert_eq!(billing.street2, None);
    assert!(billing.extra.is_empty(), "extra holds {:?}", billing.extra);
    assert_eq!(list.total_subscribers, None);
    assert!(list.extra.is_empty(), "extra holds {:?}", list.extra);
    assert_eq!(
        serde_json::to_value(&list).unwrap(),
        json!({"TotalSubscribers": "", "BillingAddress": {"Street2": "NULL"}})
    );
}

#[test]
fn an_unknown_field_that_arrives_null_stays_an_unknown_field() {
    let address: Address = serde_json::from_value(json!({"Suite": null})).unwrap();
    assert_eq!(address.extra.get("Suite"), Some(&Value::Null));
    assert!(address.nulls.is_empty());
}

#[tokio::test]
async fn accounts_list_reads_null_address_fields_as_absent() {
    let server = TestServer::start().await;
    server.script(
        "/v1.0/distributor/accounts",
        vec![Reply::json(200, account_example())],
    );
    let client = server.client().build().unwrap();
    let account = client.accounts().list().await.unwrap();
    let billing = account.billing_address.unwrap();
    assert_eq!((billing.street1, billing.city), (None, None));
    assert!(billing.extra.is_empty(), "extra holds {:?}", billing.extra);
    let mailing = account.mailing_address.unwrap();
    assert!(mailing.extra.is_empty(), "extra holds {:?}", mailing.extra);
}

#[tokio::test]
async fn a_request_field_marked_null_is_sent_as_null_to_clear_it() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    let mut update = UpdateMessageRouteRequest::new("MRID-1");
    update.nulls = Nulls::from(["CallbackMessageUrl"]);
    client.message_routes().update(&update).await.unwrap();
    assert_eq!(
        server.last("/v1.0/message/routes/update").body,
        json!({"MessageRouteId": "MRID-1", "CallbackMessageUrl": null})
    );
}
