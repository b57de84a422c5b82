//! `*_all` walks: they start at the page they are given and never stop silently with items left.

mod common;

use common::{Reply, TestServer};
use futures::TryStreamExt;
use serde_json::{json, Value};
use telegent::models::*;
use telegent::ErrorKind;

const INVENTORY: &str = "/v1.0/numbers/inventory";

fn page(numbers: &[&str]) -> Reply {
    let items: Vec<Value> = numbers.iter().map(|n| json!({"Number": n})).collect();
    Reply::json(200, json!({"PhoneNumbers": items}))
}

fn queries(server: &TestServer, path: &str) -> Vec<String> {
    server
        .state
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.query.clone().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn list_all_starts_at_the_page_it_is_given() {
    let server = TestServer::start().await;
    server.script(
        INVENTORY,
        vec![page(&["+3", "+4"]), page(&["+5"]), page(&[])],
    );
    let client = server.client().build().unwrap();
    let params = ListNumberParams {
        page_number: Some(2),
        ..Default::default()
    };
    let numbers: Vec<Number> = client
        .numbers()
        .list_all(&params)
        .try_collect()
        .await
        .unwrap();
    let got: Vec<_> = numbers.iter().filter_map(|n| n.number.as_deref()).collect();
    assert_eq!(got, ["+3", "+4", "+5"]);
    assert_eq!(
        queries(&server, INVENTORY),
        ["PageNumber=2", "PageNumber=3", "PageNumber=4"]
    );
}

#[tokio::test]
async fn a_walk_paged_by_a_body_field_starts_at_the_page_in_the_body() {
    let server = TestServer::start().await;
    let area = |ngp: &str| json!({"NGP": ngp, "AreaCode": 801, "Zipcode": "84000"});
    server.script(
        "/v1.0/numbers/availability",
        vec![
            Reply::json(200, json!({"AvailableNumberAreas": [area("c")]})),
            Reply::json(200, json!({"AvailableNumberAreas": []})),
        ],
    );
    let client = server.client().build().unwrap();
    let mut search = SearchAvailableNumberRequest::new(NumberType::Mobile, true, false);
    search.page_number = Some(3);
    let areas: Vec<AvailableNumberArea> = client
        .numbers()
        .search_available_all(&search)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(areas.len(), 1);
    assert_eq!(
        server.last("/v1.0/numbers/availability").body["PageNumber"],
        json!(4)
    );
}

#[tokio::test]
async fn the_by_id_walk_starts_at_the_page_it_is_given() {
    let server = TestServer::start().await;
    server.script(INVENTORY, vec![page(&["+3"]), page(&[])]);
    let client = server.client().build().unwrap();
    let items: Vec<Value> = client
        .call_json_all("numbers.list", Some(json!({"PageNumber": "2"})))
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [json!({"Number": "+3"})]);
    assert_eq!(queries(&server, INVENTORY)[0], "PageNumber=2");
}

#[tokio::test]
async fn a_start_page_that_is_not_a_page_number_is_refused_before_anything_is_sent() {
    let server = TestServer::start().await;
    let client = server.client().build().unwrap();
    for bad in [0, -1] {
        let params = ListNumberParams {
            page_number: Some(bad),
            ..Default::default()
        };
        let err = client
            .numbers()
            .list_all(&params)
            .try_next()
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad}: {err}");
        assert_eq!(err.operation(), "numbers.list");
        assert!(err.message().contains("PageNumber"), "{err}");
    }
    assert_eq!(server.hits(INVENTORY), 0);
}

#[tokio::test]
async fn reaching_the_page_cap_is_an_error_not_a_silent_stop() {
    let server = TestServer::start().await;
    server.script(INVENTORY, vec![page(&["+1"]), page(&["+2"]), page(&["+3"])]);
    let client = server.client().build().unwrap().with_max_pages(2);
    let mut numbers = client.numbers().list_all(&ListNumberParams::new());
    let first = numbers.try_next().await.unwrap().unwrap();
    let second = numbers.try_next().await.unwrap().unwrap();
    assert_eq!(
        (first.number.as_deref(), second.number.as_deref()),
        (Some("+1"), Some("+2"))
    );
    let err = numbers.try_next().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.message().contains("cap of 2 pages"), "{err}");
    assert_eq!(server.hits(INVENTORY), 2, "the third page was not fetched");
}

#[tokio::test]
async fn a_walk_that_ends_within_the_cap_is_not_an_error() {
    let server = TestServer::start().await;
    server.script(INVENTORY, vec![page(&["+1"]), page(&[])]);
    let client = server.client().build().unwrap().with_max_pages(2);
    let numbers: Vec<Number> = client
        .numbers()
        .list_all(&ListNumberParams::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(numbers.len(), 1);
}
