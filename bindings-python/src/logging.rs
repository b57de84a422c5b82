//! The core's `tracing` events, forwarded to Python's `logging` under the `telegent` logger.
//!
//! Retries, token re-mints and other things worth knowing about happen inside the core, on its
//! I/O thread; Python users look for them in `logging`, not in a Rust subscriber. Events at INFO
//! and above are forwarded (they are rare: a retry, a refused token); the per-call DEBUG line is
//! written by the Python layer itself. The thread that emits an event never takes the GIL: it
//! queues the line for a logging thread of its own, so an event emitted under a lock (or on the
//! I/O thread) can neither deadlock with Python code waiting on that lock nor stall other calls.
//! The core never puts a secret, a phone number or a message body into an event, and this layer
//! adds nothing: it must never log arguments.

use pyo3::prelude::*;
use std::fmt::Write as _;
use std::sync::mpsc::{channel, Sender};
use std::sync::Mutex;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// Installs the forwarding layer as the process's tracing subscriber, unless one is already set
/// (an embedding application's own subscriber wins).
pub fn install() {
    let subscriber = tracing_subscriber::registry().with(ToPythonLogging);
    let _ = tracing::subscriber::set_global_default(subscriber);
}

struct ToPythonLogging;

/// The event's message first, then its other fields as `name=value`.
#[derive(Default)]
struct Line {
    message: String,
    fields: String,
}

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            let _ = write!(self.fields, " {}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            let _ = write!(self.fields, " {}={value}", field.name());
        }
    }
}

fn python_level(level: &Level) -> u8 {
    match *level {
        Level::ERROR => 40,
        Level::WARN => 30,
        Level::INFO => 20,
        Level::DEBUG => 10,
        Level::TRACE => 5,
    }
}

impl<S: Subscriber> Layer<S> for ToPythonLogging {
    fn enabled(&self, metadata: &tracing::Metadata<'_>, _: Context<'_, S>) -> bool {
        // Spans are not needed here (and cost a registry entry per call); events from INFO up.
        !metadata.is_span() && *metadata.level() <= Level::INFO
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        if !event.metadata().target().starts_with("telegent") {
            return;
        }
        let mut line = Line::default();
        event.record(&mut line);
        let text = format!("{}{}", line.message, line.fields);
        queue(python_level(event.metadata().level()), text);
    }
}

/// A log line: Python's level number and the text.
type LogLine = (u8, String);

/// The logging thread's queue, with the process that started it (a forked child starts its own).
static QUEUE: Mutex<Option<(u32, Sender<LogLine>)>> = Mutex::new(None);

fn queue(level: u8, text: String) {
    let pid = std::process::id();
    let mut slot = QUEUE.lock().unwrap_or_else(|p| p.into_inner());
    if slot.as_ref().is_none_or(|(owner, _)| *owner != pid) {
        *slot = start_logging_thread().map(|sender| (pid, sender));
    }
    if let Some((_, sender)) = slot.as_ref() {
        let _ = sender.send((level, text));
    }
}

fn start_logging_thread() -> Option<Sender<LogLine>> {
    let (sender, lines) = channel::<LogLine>();
    std::thread::Builder::new()
        .name("telegent-logging".into())
        .spawn(move || {
            for (level, text) in lines {
                Python::attach(|py| {
                    let logged = py
                        .import("logging")
                        .and_then(|logging| logging.call_method1("getLogger", ("telegent",)))
                        .and_then(|logger| logger.call_method1("log", (level, text)));
                    // Logging must never fail a call; a broken handler is Python's own report.
                    drop(logged);
                });
            }
        })
        .ok()?;
    Some(sender)
}
