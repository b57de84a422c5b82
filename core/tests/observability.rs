//! What a call tells `tracing`: one `telegent.call` span with the operation, final status and
//! latency; never a phone number, a message body or a secret, at any level.

mod common;

use common::{Reply, TestServer, SECRET};
use serde_json::json;
use std::sync::{Arc, Mutex};
use telegent::models::*;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

/// Everything recorded: span names with their fields, and event fields, as text.
#[derive(Clone, Default)]
struct Recorded(Arc<Mutex<Vec<String>>>);

struct Text<'a>(&'a mut String);

impl Visit for Text<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={:?}", field.name(), value));
    }
}

impl<S: tracing::Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Recorded {
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        _: &tracing::span::Id,
        _: Context<'_, S>,
    ) {
        let mut line = format!("span {}", attrs.metadata().name());
        attrs.record(&mut Text(&mut line));
        self.0.lock().unwrap().push(line);
    }

    fn on_record(
        &self,
        id: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        ctx: Context<'_, S>,
    ) {
        let name = ctx.span(id).map(|s| s.name()).unwrap_or("?");
        let mut line = format!("record {name}");
        values.record(&mut Text(&mut line));
        self.0.lock().unwrap().push(line);
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        let mut line = format!("event {}", event.metadata().level());
        event.record(&mut Text(&mut line));
        self.0.lock().unwrap().push(line);
    }
}

const FROM: &str = "+18018018011";
const TO: &str = "+18015737111";
const BODY: &str = "a private message body";

async fn send_with_one_retry(recorded: &Recorded) {
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(recorded.clone()));
    let server = TestServer::start().await;
    server.script(
        "/v1.0/message/outbound",
        vec![
            Reply::error(429, "slow down").header("retry-after", "0"),
            Reply::json(200, json!({"MessageId": "TMID-1"})),
        ],
    );
    let client = server.client().build().unwrap();
    client
        .messages()
        .send(&SendMessageRequest::new([TO.into()], FROM, BODY))
        .await
        .unwrap();
}

/// What a send that is retried once (429, then 200) tells tracing, line by line.
async fn lines_of_a_send_with_one_retry() -> Vec<String> {
    let recorded = Recorded::default();
    send_with_one_retry(&recorded).await;
    let lines = recorded.0.lock().unwrap().clone();
    lines
}

/// Fails unless some line starts with `start` and contains every one of `parts`.
fn assert_line(lines: &[String], start: &str, parts: &[&str]) {
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(start) && parts.iter().all(|p| l.contains(p))),
        "no line {start}... with {parts:?} in {lines:#?}"
    );
}

#[tokio::test]
async fn a_call_is_one_span_with_operation_status_and_latency() {
    let lines = lines_of_a_send_with_one_retry().await;
    assert_line(
        &lines,
        "span telegent.call",
        &["operation=\"messages.send\""],
    );
    assert_line(&lines, "record telegent.call", &["status=200"]);
    assert_line(&lines, "record telegent.call", &["latency_ms="]);
}

#[tokio::test]
async fn each_attempt_is_reported_with_its_number() {
    let lines = lines_of_a_send_with_one_retry().await;
    assert_line(&lines, "event", &["attempt=1", "status=429"]);
    assert_line(&lines, "event", &["attempt=2", "status=200"]);
}

#[tokio::test]
async fn no_phone_number_body_or_secret_reaches_tracing_at_any_level() {
    let lines = lines_of_a_send_with_one_retry().await;
    assert!(!lines.is_empty());
    for line in &lines {
        for private in [FROM, TO, BODY, SECRET, "token-1"] {
            assert!(!line.contains(private), "{private:?} in {line}");
        }
    }
}
