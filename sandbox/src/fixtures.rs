//! The sandbox's starting state: its own distributor and account and, unless switched off, the
//! records the API docs' request examples refer to — so every documented example request works
//! against the sandbox as written.
//!
//! Fixtures are derived from the spec's request examples (ids by the field that holds them, phone
//! numbers by E.164 value); nothing here lists example data by hand. They must never include a
//! record an example is about to create (a port-in number, say), or that example would conflict.

use crate::operations::{
    kind_of_reference, record, unused_tnid, Kind, ACCOUNTS, CALL_FILTERS, DISTRIBUTORS,
    MESSAGE_FILTERS, MESSAGE_ROUTES, NUMBERS, SUBSCRIBERS, VOICE_ROUTES,
};
use crate::spec::api;
use crate::state::Store;
use serde_json::{json, Value};

/// Keys whose E.164 values are numbers that must already be provisioned.
const NUMBER_KEYS: &[&str] = &["PhoneNumber", "Number", "PortOutNumber", "From", "Phone"];

/// The sandbox account's id for a seed (also what tokens act as).
pub fn account_id(seed: u64) -> String {
    Store::new(seed).new_id("AID")
}

/// The starting state. Its first records go into empty collections, so no insert below can be
/// refused; the example fixtures check for their key first.
pub fn initial_store(seed: u64, fixtures: bool, account: &str) -> Store {
    let mut store = Store::new(seed);
    let distributor = store.new_id("DID");
    let _ = store.new_id("AID");
    let _ = store.insert(
        DISTRIBUTORS.collection,
        &distributor,
        record(&[
            ("DistributorId", json!(distributor)),
            ("DistributorName", json!("Sandbox Distributor")),
            ("TotalAccounts", json!(1)),
        ]),
    );
    let _ = store.insert(
        ACCOUNTS.collection,
        account,
        record(&[
            ("AccountId", json!(account)),
            ("AccountName", json!("Sandbox Account")),
            ("DistributorId", json!(distributor)),
            ("TotalSubscribers", json!(0)),
        ]),
    );
    if fixtures {
        add_example_fixtures(&mut store, account);
    }
    store
}

fn add_example_fixtures(store: &mut Store, account: &str) {
    let route = store.new_id(MESSAGE_ROUTES.prefix);
    let _ = store.insert(
        MESSAGE_ROUTES.collection,
        &route,
        record(&[
            ("MessageRouteId", json!(route)),
            ("RouteName", json!("Sandbox fixtures")),
            ("MessageUrl", json!("https://example.com/inbound")),
            ("MessageUrlMethod", json!("POST")),
            ("AccountId", json!(account)),
        ]),
    );
    let voice = store.new_id(VOICE_ROUTES.prefix);
    let _ = store.insert(
        VOICE_ROUTES.collection,
        &voice,
        record(&[
            ("CallRouteId", json!(voice)),
            ("RouteName", json!("Sandbox fixtures")),
            ("RouteType", json!("Trunk")),
            ("AccountId", json!(account)),
        ]),
    );
    let mut emails = 0;
    let mut ported_in = Vec::new();
    for op in &api().ops {
        walk(&op.request_example, &mut |key, value| {
            if key == "PortInNumber" {
                ported_in.extend(value.as_str().map(String::from));
            }
        });
    }
    for op in &api().ops {
        walk(&op.request_example, &mut |key, value| {
            let Some(text) = value.as_str().filter(|s| !s.is_empty()) else {
                return;
            };
            if let Some(kind) = fixture_kind(key, text) {
                if !store.contains(kind.collection, text) {
                    let mut r = record(&[
                        (kind.id, json!(text)),
                        ("AccountId", json!(account)),
                        ("Active", json!(true)),
                    ]);
                    if kind.collection == SUBSCRIBERS.collection {
                        emails += 1;
                        r.insert(
                            "Email".into(),
                            json!(format!("fixture-{emails}@sandbox.telegent.test")),
                        );
                        r.insert("Name".into(), json!(format!("Fixture {emails}")));
                    }
                    if kind.collection == ACCOUNTS.collection {
                        r.insert("AccountId".into(), json!(text));
                    }
                    let _ = store.insert(kind.collection, text, r);
                }
            }
            let arrives_by_port_in = ported_in.iter().any(|n| n == text);
            if NUMBER_KEYS.contains(&key)
                && text.starts_with('+')
                && !arrives_by_port_in
                && !store.contains(NUMBERS.collection, text)
            {
                let tnid = unused_tnid(store).unwrap_or_default();
                let r = record(&[
                    ("Number", json!(text)),
                    ("Tnid", json!(tnid)),
                    ("NumberType", json!("mobile")),
                    ("MessageEnabled", json!(true)),
                    ("MessageType", json!("p2p")),
                    ("VoiceEnabled", json!(true)),
                    ("Classification", json!("MVNO")),
                    ("MessageRouteId", json!(route)),
                    ("VoiceRouteId", json!(voice)),
                    ("Status", json!("Active")),
                    ("AccountId", json!(account)),
                ]);
                let _ = store.insert(NUMBERS.collection, text, r);
            }
        });
    }
}

/// The kind of record an example id names (by its field, or for `FilterId` by its prefix).
fn fixture_kind(key: &str, value: &str) -> Option<Kind> {
    if key.eq_ignore_ascii_case("FilterId") {
        return if value.starts_with("CFID") {
            Some(CALL_FILTERS)
        } else {
            Some(MESSAGE_FILTERS)
        };
    }
    kind_of_reference(key)
}

fn walk(value: &Value, visit: &mut dyn FnMut(&str, &Value)) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                visit(k, v);
                walk(v, visit);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, visit)),
        _ => {}
    }
}
