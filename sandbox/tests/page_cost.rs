//! A page costs what its items cost: every listing, filter and in-use check reads the same
//! number of records whether the collection holds 1,000 records or 20,000. Counted in records
//! the store hands out (`Store::records_read`), not in time, so the test means the same on any
//! machine.

mod common;

use common::run_on;
use serde_json::{json, Value};
use telegent_sandbox::operations::record;
use telegent_sandbox::state::{Record, Store};

const SMALL: usize = 1_000;
const LARGE: usize = 20_000;

fn put(store: &mut Store, collection: &str, key: &str, record: Record) {
    let _ = store.insert(collection, key, record);
}

fn iccid(i: usize) -> String {
    format!("8901{i:015}")
}

/// `n` numbers on route `MRID-busy` and `CRID-busy`, every other one Active, the rest Parked.
fn numbers(store: &mut Store, n: usize) {
    for i in 0..n {
        let number = format!("+1801{i:07}");
        let status = if i % 2 == 0 { "Active" } else { "Parked" };
        let r = record(&[
            ("Number", json!(number)),
            ("Status", json!(status)),
            ("Iccid", json!(iccid(i))),
            ("MessageRouteId", json!("MRID-busy")),
            ("VoiceRouteId", json!("CRID-busy")),
        ]);
        put(store, "numbers", &number, r);
    }
    let route = record(&[("MessageRouteId", json!("MRID-free"))]);
    put(store, "message_routes", "MRID-free", route);
    let voice = record(&[("CallRouteId", json!("CRID-free"))]);
    put(store, "voice_routes", "CRID-free", voice);
}

/// `n` records of `collection` under parent `other`, then three under parent `own`.
fn children_of(store: &mut Store, collection: &str, parent_key: &str, n: usize) {
    for i in 0..n + 3 {
        let parent = if i < n { "other" } else { "own" };
        let id = format!("{collection}-{i}");
        let r = record(&[("Id", json!(id)), (parent_key, json!(parent))]);
        put(store, collection, &id, r);
    }
}

fn subscribers(store: &mut Store, n: usize) {
    for i in 0..n {
        let id = format!("TSUID-{i}");
        let r = record(&[
            ("SubscriberId", json!(id)),
            ("Email", json!(format!("s{i}@example.com"))),
        ]);
        put(store, "subscribers", &id, r);
    }
}

fn messages(store: &mut Store, n: usize) {
    for i in 0..n + 12 {
        let id = format!("TMID-{i}");
        let from = if i < n {
            "+18019990000"
        } else {
            "+18015550001"
        };
        let r = record(&[
            ("MessageId", json!(id)),
            ("From", json!(from)),
            ("To", json!([{"Number": "+18017770000"}])),
        ]);
        put(store, "messages", &id, r);
    }
}

fn package_items(store: &mut Store, n: usize) {
    put(
        store,
        "packages",
        "own",
        record(&[("PackageId", json!("own"))]),
    );
    children_of(store, "package_items", "PackageId", n);
}

fn package_subscriptions(store: &mut Store, n: usize) {
    put(
        store,
        "packages",
        "own",
        record(&[("PackageId", json!("own"))]),
    );
    children_of(store, "subscriptions", "PackageId", n);
}

fn message_filters(store: &mut Store, n: usize) {
    children_of(store, "message_filters", "SubscriberId", n);
}

fn relations(store: &mut Store, n: usize) {
    put(
        store,
        "subscribers",
        "own",
        record(&[("SubscriberId", json!("own"))]),
    );
    children_of(store, "relations", "ParentSubscriberId", n);
}

fn routes(store: &mut Store, n: usize) {
    for i in 0..n + 3 {
        let id = format!("MRID-{i}");
        let r = record(&[("MessageRouteId", json!(id)), ("Active", json!(i >= n))]);
        put(store, "message_routes", &id, r);
    }
}

fn accounts(store: &mut Store, n: usize) {
    for i in 0..n {
        let id = format!("AID-{i}");
        put(store, "accounts", &id, record(&[("AccountId", json!(id))]));
    }
}

fn workgroups(store: &mut Store, n: usize) {
    put(
        store,
        "schedules",
        "SID-free",
        record(&[("ScheduleId", json!("SID-free"))]),
    );
    children_of(store, "workgroups", "ScheduleId", n);
}

/// Records `id` reads from a store that `fill` gave `n` records.
fn reads(fill: fn(&mut Store, usize), n: usize, id: &str, query: &Value, body: &Value) -> u64 {
    let mut store = Store::new(1);
    fill(&mut store, n);
    let before = store.records_read();
    run_on(&mut store, id, query.clone(), body.clone())
        .unwrap_or_else(|e| panic!("{id} failed: {e:?}"));
    store.records_read() - before
}

macro_rules! page_cost {
    ($($test:ident: $fill:ident, $id:literal, $query:expr, $body:expr;)*) => {$(
        #[test]
        fn $test() {
            let (query, body) = ($query, $body);
            let small = reads($fill, SMALL, $id, &query, &body);
            let large = reads($fill, LARGE, $id, &query, &body);
            assert_eq!(
                small, large,
                "{}: records read with {SMALL} records vs with {LARGE}", $id
            );
            println!("{}: {small} records read at {SMALL} and at {LARGE}", $id);
        }
    )*};
}

page_cost! {
    an_inventory_page: numbers, "numbers.list",
        json!({"PageNumber": "3", "TotalNumbersRequested": "10"}), Value::Null;
    an_inventory_page_filtered_by_status: numbers, "numbers.list",
        json!({"Filter": "Active", "PageNumber": "3", "TotalNumbersRequested": "10"}), Value::Null;
    the_last_inventory_page: numbers, "numbers.list",
        json!({"PageNumber": "100", "TotalNumbersRequested": "10"}), Value::Null;
    a_list_filtered_by_active: routes, "message_routes.list",
        json!({"Filter": "Active"}), Value::Null;
    a_message_search_page: messages, "messages.search",
        json!({"PhoneNumber": "+18015550001", "Page": "2", "Results": "5"}), Value::Null;
    a_message_filter_page: messages, "messages.filter",
        Value::Null, json!({"PhoneNumber": "+18015550001", "Page": 2, "Results": 5});
    the_children_of_a_parent: package_items, "packages.items.list",
        json!({"PackageId": "own"}), Value::Null;
    the_subscriptions_of_a_package: package_subscriptions, "packages.list_subscriptions",
        json!({"PackageId": "own"}), Value::Null;
    the_filters_of_a_subscriber: message_filters, "guardian.message_filters.list",
        json!({"SubscriberId": "own"}), Value::Null;
    the_relations_of_a_parent: relations, "guardian.relations.get_parent",
        json!({"ParentSubscriberId": "own"}), Value::Null;
    a_subscribers_page: subscribers, "subscribers.list",
        json!({"PageNumber": "7", "TotalPerPage": "10"}), Value::Null;
    the_first_account: accounts, "accounts.list", Value::Null, Value::Null;
    a_new_subscribers_email_check: subscribers, "subscribers.create",
        Value::Null, json!({"Name": "New", "Email": "new@example.com"});
    a_changed_email_check: subscribers, "subscribers.update",
        Value::Null, json!({"SubscriberId": "TSUID-3", "Email": "new@example.com"});
    a_number_found_by_iccid: numbers, "numbers.get",
        json!({"ICCID": iccid(5)}), Value::Null;
    a_sim_status_by_iccid: numbers, "sims.update_status",
        Value::Null, json!({"ICCID": iccid(5), "SimStatus": "Suspended"});
    a_message_route_in_use_check: numbers, "message_routes.delete",
        Value::Null, json!({"MessageRouteId": "MRID-free"});
    a_voice_route_in_use_check: numbers, "voice_routes.delete",
        Value::Null, json!({"CallRouteId": "CRID-free"});
    a_schedule_in_use_check: workgroups, "schedules.delete",
        Value::Null, json!({"ScheduleId": "SID-free"});
}
