//! A create never takes what another record holds: no phone number is handed out twice, and no
//! record is overwritten, even when many provisions run at once or the id generator repeats.

mod common;

use common::{provision_body, run_on, world_with};
use futures::StreamExt;
use serde_json::{json, Value};
use std::collections::HashSet;
use telegent_sandbox::state::Store;
use telegent_sandbox::SandboxConfig;

const PROVISIONS: usize = 4_000;
const CONCURRENCY: usize = 64;
/// With this seed the old generator drew an assigned number again on the 35th provision.
const SEED: u64 = 11;

fn inventory_total(client: &telegent::blocking::Client) -> u64 {
    let page = client
        .call_json("numbers.list", Some(json!({"PageNumber": 1})), None)
        .unwrap();
    page["TotalResults"].as_u64().unwrap()
}

#[test]
fn concurrent_provisions_never_share_a_number_nor_overwrite_one() {
    let w = world_with(SandboxConfig {
        seed: SEED,
        ..Default::default()
    });
    let route = w.message_route();
    let before = inventory_total(&w.client);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let numbers: Vec<String> = runtime.block_on(async {
        let client = w.sandbox.client_builder().max_retries(0).build().unwrap();
        futures::stream::iter(0..PROVISIONS)
            .map(|_| {
                let client = client.clone();
                let body = provision_body(&route, None);
                async move {
                    let order = client
                        .call_json("numbers.provision", None, Some(body))
                        .await
                        .expect("provision answers");
                    order["PhoneNumberAssigned"].as_str().unwrap().to_string()
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await
    });
    let distinct: HashSet<&String> = numbers.iter().collect();
    assert_eq!(distinct.len(), PROVISIONS, "numbers handed out twice");
    assert_eq!(
        inventory_total(&w.client) - before,
        PROVISIONS as u64,
        "the inventory grows by exactly the provisions"
    );
}

/// A store as the sandbox starts it, with a message route to provision on.
fn store_with_route() -> (Store, String) {
    let mut store = Store::new(7);
    let route = run_on(
        &mut store,
        "message_routes.create",
        json!({}),
        json!({"RouteName": "r", "MessageUrl": "https://example.com/in", "MessageUrlMethod": "POST"}),
    )
    .unwrap();
    (store, route["MessageRouteId"].as_str().unwrap().to_string())
}

#[test]
fn a_provision_never_hands_out_an_assigned_number_when_the_generator_repeats() {
    let (mut store, route) = store_with_route();
    let replay = store.rng;
    let first = run_on(
        &mut store,
        "numbers.provision",
        json!({}),
        provision_body(&route, None),
    )
    .unwrap();
    store.rng = replay; // the generator draws the same number again
    let second = run_on(
        &mut store,
        "numbers.provision",
        json!({}),
        provision_body(&route, None),
    )
    .unwrap();
    assert_ne!(
        first["PhoneNumberAssigned"], second["PhoneNumberAssigned"],
        "the same number was assigned twice"
    );
}

#[test]
fn a_create_never_overwrites_a_record_when_the_generator_repeats() {
    let (mut store, _) = store_with_route();
    let replay = store.rng;
    let body = json!({"RouteName": "first", "MessageUrl": "https://example.com/1", "MessageUrlMethod": "POST"});
    let first = run_on(&mut store, "message_routes.create", json!({}), body).unwrap();
    store.rng = replay; // the generator draws the same id again
    let body = json!({"RouteName": "second", "MessageUrl": "https://example.com/2", "MessageUrlMethod": "POST"});
    let second = run_on(&mut store, "message_routes.create", json!({}), body).unwrap();
    assert_ne!(first["MessageRouteId"], second["MessageRouteId"]);
    let id = first["MessageRouteId"].clone();
    let kept = run_on(
        &mut store,
        "message_routes.get",
        json!({ "MessageRouteId": id }),
        Value::Null,
    )
    .unwrap();
    assert_eq!(
        kept["RouteName"], "first",
        "the first record was overwritten"
    );
}
