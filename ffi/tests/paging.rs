//! Page cursors fetch lazily, are Send + Sync, and walk every item once.

mod common;

use common::*;
use serde_json::json;
use telegent_ffi::{CallRequest, PageCursor};

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn a_cursor_is_send_and_sync() {
    assert_send_sync::<PageCursor>();
}

#[test]
fn a_cursor_walks_every_item_once_and_then_ends() {
    let w = world();
    let before = w.sandbox.executions("numbers.list").unwrap();
    provision(&w, 25);
    let cursor = w.client.pages(CallRequest::new("numbers.list")).unwrap();
    assert_eq!(
        w.sandbox.executions("numbers.list").unwrap(),
        before,
        "fetched before asked"
    );
    let mut numbers = std::collections::BTreeSet::new();
    while let Some(item) = cursor.next_blocking().unwrap() {
        numbers.insert(item["Number"].as_str().unwrap().to_string());
    }
    assert!(numbers.len() >= 25, "{}", numbers.len());
    assert_eq!(cursor.next_blocking().unwrap(), None);
}

#[test]
fn cursors_shared_between_threads_never_hand_out_an_item_twice() {
    let w = world();
    provision(&w, 30);
    let cursor = w.client.pages(CallRequest::new("numbers.list")).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let cursor = cursor.clone();
            std::thread::spawn(move || {
                let mut mine = vec![];
                while let Some(item) = cursor.next_blocking().unwrap() {
                    mine.push(item["Number"].as_str().unwrap().to_string());
                }
                mine
            })
        })
        .collect();
    let all: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let distinct: std::collections::BTreeSet<_> = all.iter().collect();
    assert_eq!(all.len(), distinct.len());
}

#[test]
fn a_cursor_can_be_awaited_from_another_executor() {
    let w = world();
    provision(&w, 3);
    let cursor = w.client.pages(CallRequest::new("numbers.list")).unwrap();
    let first = futures::executor::block_on(cursor.next()).unwrap();
    assert!(first.is_some());
}

#[test]
fn paging_a_call_that_does_not_page_is_invalid_input() {
    let w = world();
    let e = w
        .client
        .pages(CallRequest::new("message_routes.create"))
        .err()
        .unwrap();
    assert_eq!(e.kind, "invalid_input");
}

#[test]
fn a_paging_call_that_pages_by_its_body_takes_its_fields_there() {
    let w = world();
    let fields = json!({"NumberType": "mobile", "MessageEnabled": true, "VoiceEnabled": false});
    let cursor = w
        .client
        .pages(CallRequest::placed(
            "numbers.search_available",
            Some(fields),
            None,
        ))
        .unwrap();
    let mut count = 0;
    while cursor.next_blocking().unwrap().is_some() {
        count += 1;
    }
    assert!(count > 10, "{count}");
}
