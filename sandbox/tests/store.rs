//! The store keeps records in creation order with indexes that follow every change, refuses to
//! overwrite on insert, and loads what it saves (and what it saved before it kept indexes).

use serde_json::json;
use telegent_sandbox::index::Field;
use telegent_sandbox::operations::record;
use telegent_sandbox::state::{Occupied, Record, Store};

const STATUS: Field = Field::Folded("Status");

fn number(n: usize, status: &str) -> Record {
    record(&[
        ("Number", json!(format!("+1801555{n:04}"))),
        ("Status", json!(status)),
    ])
}

/// Five Active numbers, `+18015550000` to `+18015550004`, in that order.
fn five_numbers() -> Store {
    let mut store = Store::new(1);
    for n in 0..5 {
        store
            .insert("numbers", &format!("+1801555{n:04}"), number(n, "Active"))
            .unwrap();
    }
    store
}

fn numbers_of(records: Vec<&Record>) -> Vec<&str> {
    records
        .into_iter()
        .map(|r| r["Number"].as_str().unwrap())
        .collect()
}

fn set_status(store: &mut Store, key: &str, status: &str) {
    store.update("numbers", key, |r| {
        r.insert("Status".into(), json!(status));
    });
}

#[test]
fn an_insert_refuses_a_key_in_use_and_keeps_the_record() {
    let mut store = five_numbers();
    let refused = store.insert("numbers", "+18015550002", number(99, "Parked"));
    assert_eq!(refused, Err(Occupied("+18015550002".into())));
    assert_eq!(
        store.get("numbers", "+18015550002").unwrap()["Status"],
        "Active"
    );
    assert_eq!(store.len("numbers"), 5);
}

#[test]
fn a_filtered_page_follows_a_change_of_status_in_creation_order() {
    let mut store = five_numbers();
    set_status(&mut store, "+18015550001", "Parked");
    assert_eq!(store.count_where("numbers", STATUS, "active"), 4);
    set_status(&mut store, "+18015550001", "Active");
    let active = store.page_where("numbers", STATUS, "ACTIVE", 0, 10);
    assert_eq!(
        numbers_of(active),
        [
            "+18015550000",
            "+18015550001",
            "+18015550002",
            "+18015550003",
            "+18015550004"
        ]
    );
}

#[test]
fn a_removed_record_leaves_its_indexes() {
    let mut store = five_numbers();
    store.remove("numbers", "+18015550003");
    assert_eq!(store.count_where("numbers", STATUS, "Active"), 4);
    let page = store.page_where("numbers", STATUS, "Active", 2, 10);
    assert_eq!(numbers_of(page), ["+18015550002", "+18015550004"]);
}

#[test]
fn a_saved_store_loads_in_its_order_with_its_indexes() {
    let mut store = five_numbers();
    set_status(&mut store, "+18015550000", "Parked");
    let file = std::env::temp_dir().join(format!("telegent-store-{}.json", std::process::id()));
    store.save(&file).unwrap();
    let loaded = Store::load(&file).unwrap().unwrap();
    let _ = std::fs::remove_file(&file);
    assert_eq!(
        numbers_of(loaded.page("numbers", 0, 10)),
        numbers_of(store.page("numbers", 0, 10))
    );
    assert_eq!(
        numbers_of(loaded.page_where("numbers", STATUS, "Parked", 0, 10)),
        ["+18015550000"]
    );
    assert_eq!(loaded.rng, store.rng);
}

#[test]
fn a_file_saved_before_collections_kept_their_order_loads_in_creation_order() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/state-written-before-issue-9.json");
    let store = Store::load(&file).unwrap().unwrap();
    let routes: Vec<&str> = store
        .page("message_routes", 0, 10)
        .into_iter()
        .map(|r| r["MessageRouteId"].as_str().unwrap())
        .collect();
    // Created in this order; the old file sorts them the other way round by key.
    assert_eq!(
        routes,
        [
            "MRID-d31dadbd-a438-bb33-f14f-2cf802083fa5",
            "MRID-405da438-a39e-8064-c4fe-a708156e0c84"
        ]
    );
    assert_eq!(store.count_where("numbers", STATUS, "active"), 2);
}
