//! Core events reach the installed sink from a thread of their own, secrets replaced.

mod common;

use common::*;
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use telegent_ffi::{LogLevel, LogRecord, LogSink};

#[derive(Default)]
struct Collect {
    records: Mutex<Vec<(LogRecord, String)>>,
}

impl LogSink for Collect {
    fn log(&self, record: LogRecord) {
        let thread = std::thread::current().name().unwrap_or("").to_string();
        self.records.lock().unwrap().push((record, thread));
    }
}

#[test]
fn a_retry_reaches_the_sink_on_the_logging_thread_without_secrets() {
    let sink = Arc::new(Collect::default());
    assert!(telegent_ffi::logging::install(sink.clone(), LogLevel::Info));
    let w = world();
    w.sandbox
        .inject(
            json!({"path": "/v1.0/message/routes", "status": 503, "headers": {"Retry-After": "0"}}),
        )
        .unwrap();
    let _ = w.client.call_blocking(query_call(
        "message_routes.get",
        json!({"MessageRouteId": "MRID-1"}),
    ));
    let deadline = Instant::now() + Duration::from_secs(5);
    let records = loop {
        let records = sink.records.lock().unwrap().clone();
        if !records.is_empty() || Instant::now() > deadline {
            break records;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!records.is_empty(), "no record arrived");
    for (record, thread) in &records {
        assert_eq!(thread, "telegent-logging");
        assert!(record.level >= LogLevel::Info);
        assert!(record.target.starts_with("telegent"));
        assert!(
            !record.message.contains(w.sandbox.account_secret()),
            "{}",
            record.message
        );
    }
    assert!(
        records.iter().any(|(r, _)| r.message.contains("retry")),
        "{records:?}"
    );
}
