//! Calls run on the SDK runtime and can be waited for, awaited, aborted or handed to a callback.

mod common;

use common::*;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use telegent_ffi::{CallHandle, Waited};

fn slow_route_create(w: &World, delay_ms: u64) {
    let fault = json!({"path": "/v1.0/message/routes", "delay_ms": delay_ms, "delay": "before"});
    w.sandbox.inject(fault).unwrap();
}

#[test]
fn a_call_can_be_awaited_from_another_executor() {
    let w = world();
    let call = w
        .client
        .call(body_call("message_routes.create", route_body()));
    let route = futures::executor::block_on(call).unwrap();
    assert!(route["MessageRouteId"]
        .as_str()
        .unwrap()
        .starts_with("MRID-"));
}

#[test]
fn a_bounded_wait_answers_pending_while_the_call_runs() {
    let w = world();
    slow_route_create(&w, 600);
    let call = w
        .client
        .call(body_call("message_routes.create", route_body()));
    assert!(matches!(
        call.wait_timeout(Duration::from_millis(50)),
        Waited::Pending
    ));
    assert!(call.wait().is_ok());
}

#[test]
fn an_aborted_call_ends_at_once_and_never_calls_back() {
    let w = world();
    slow_route_create(&w, 1500);
    let called = Arc::new(AtomicBool::new(false));
    let flag = called.clone();
    let call = w.client.call_with(
        body_call("message_routes.create", route_body()),
        move |_| flag.store(true, Ordering::SeqCst),
    );
    std::thread::sleep(Duration::from_millis(100));
    call.abort();
    std::thread::sleep(Duration::from_millis(1700));
    assert!(!called.load(Ordering::SeqCst));
}

#[test]
fn dropping_a_handle_cancels_its_call() {
    let w = world();
    slow_route_create(&w, 1000);
    let started = Instant::now();
    let called = Arc::new(AtomicBool::new(false));
    let flag = called.clone();
    drop(w.client.call_with(
        body_call("message_routes.create", route_body()),
        move |_| flag.store(true, Ordering::SeqCst),
    ));
    std::thread::sleep(Duration::from_millis(1300));
    assert!(!called.load(Ordering::SeqCst));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_detached_call_runs_to_its_end() {
    let w = world();
    let (done, outcome) = std::sync::mpsc::channel();
    w.client
        .call_with(body_call("message_routes.create", route_body()), move |r| {
            let _ = done.send(r);
        })
        .detach();
    assert!(outcome
        .recv_timeout(Duration::from_secs(10))
        .unwrap()
        .is_ok());
}

#[test]
fn a_panic_inside_a_call_becomes_an_internal_error() {
    let call: CallHandle<()> = CallHandle::spawn(async { panic!("inside") });
    let e = call.wait().unwrap_err();
    assert_eq!(e.kind, "internal");
    assert!(e.message.contains("inside"), "{}", e.message);
}

#[test]
fn thousands_of_concurrent_calls_all_answer() {
    let w = world();
    let calls: Vec<_> = (0..2000)
        .map(|i| {
            w.client.call(query_call(
                "message_routes.get",
                json!({"MessageRouteId": format!("MRID-{i}")}),
            ))
        })
        .collect();
    let not_found = calls
        .into_iter()
        .map(|c| c.wait())
        .filter(|r| r.as_ref().is_err_and(|e| e.kind == "not_found"))
        .count();
    assert_eq!(not_found, 2000);
}
