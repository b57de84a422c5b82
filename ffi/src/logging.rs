//! The core's events, delivered to the host language's logger.
//!
//! Retries, token re-mints and refused tokens happen inside the core, on the SDK's I/O thread;
//! users look for them in Python's `logging`, in Node's console or their logger of choice, in
//! Logcat or OSLog. [`install`] makes this layer the process's `tracing` subscriber (unless the
//! application installed its own) and hands each event from `telegent` crates to a [`LogSink`].
//! The thread that emits an event never calls the sink: it queues the record for a logging
//! thread of this layer's own, so a sink that needs a lock the host holds (the GIL, the Node
//! event loop) can neither deadlock with the I/O thread nor slow other calls. Values of fields
//! whose names hold secrets are replaced before the record leaves this module; the core puts no
//! secret, phone number or message body into an event in the first place, and this layer adds
//! none. After `fork()`, a child process starts a logging thread of its own.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// How much an event matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    /// Detail for debugging (one line per attempt).
    Debug,
    /// Worth knowing: a retry, a re-minted token.
    Info,
    /// Something went wrong but the call went on.
    Warn,
    /// A call failed.
    Error,
}

impl LogLevel {
    fn of(level: &Level) -> LogLevel {
        match *level {
            Level::ERROR => LogLevel::Error,
            Level::WARN => LogLevel::Warn,
            Level::INFO => LogLevel::Info,
            _ => LogLevel::Debug,
        }
    }

    /// The level's name in lower case (`info`).
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
            LogLevel::Error => "error",
        }
    }
}

/// One event of the core.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRecord {
    /// How much it matters.
    pub level: LogLevel,
    /// The module that emitted it (`telegent::retry`).
    pub target: String,
    /// The message, then the event's other fields as `name=value`.
    pub message: String,
}

/// Where the records go: the host language's logger.
pub trait LogSink: Send + Sync {
    /// Takes one record. Called on this layer's logging thread, one record at a time.
    fn log(&self, record: LogRecord);
}

/// The sink, once installed.
static SINK: Mutex<Option<Arc<dyn LogSink>>> = Mutex::new(None);
/// The lowest level the sink wants (a `LogLevel` as a number; above `Error` means none).
static MIN_LEVEL: AtomicU8 = AtomicU8::new(u8::MAX);
/// Whether this layer is the process's subscriber.
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Sends core events at `level` and above to `sink`. The first call installs this layer as the
/// process's `tracing` subscriber; later calls replace the sink and its level. Answers `false`
/// when the application installed a subscriber of its own first (it wins; nothing is sent here).
pub fn install(sink: Arc<dyn LogSink>, level: LogLevel) -> bool {
    *SINK.lock().unwrap_or_else(|p| p.into_inner()) = Some(sink);
    MIN_LEVEL.store(level as u8, Ordering::Relaxed);
    if !INSTALLED.load(Ordering::Acquire) {
        let subscriber = tracing_subscriber::registry().with(ToSink);
        if tracing::subscriber::set_global_default(subscriber).is_ok() {
            INSTALLED.store(true, Ordering::Release);
        }
    }
    // Call sites remember whether they were enabled; a new level must reach them.
    tracing::callsite::rebuild_interest_cache();
    INSTALLED.load(Ordering::Acquire)
}

struct ToSink;

impl<S: Subscriber> Layer<S> for ToSink {
    fn enabled(&self, metadata: &tracing::Metadata<'_>, _: Context<'_, S>) -> bool {
        // Spans cost a registry entry per call and are not forwarded.
        !metadata.is_span() && wanted(metadata.level())
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let target = event.metadata().target();
        if !target.starts_with("telegent") {
            return;
        }
        let mut line = Line::default();
        event.record(&mut line);
        queue(LogRecord {
            level: LogLevel::of(event.metadata().level()),
            target: target.to_string(),
            message: format!("{}{}", line.message, line.fields),
        });
    }
}

fn wanted(level: &Level) -> bool {
    LogLevel::of(level) as u8 >= MIN_LEVEL.load(Ordering::Relaxed)
}

/// The event's message first, then its other fields as `name=value`, secrets replaced.
#[derive(Default)]
struct Line {
    message: String,
    fields: String,
}

impl Line {
    fn field(&mut self, field: &Field, value: std::fmt::Arguments<'_>) {
        if field.name() == "message" {
            let _ = self.message.write_fmt(value);
        } else if telegent::is_sensitive(field.name()) {
            let _ = write!(self.fields, " {}=[redacted]", field.name());
        } else {
            let _ = write!(self.fields, " {}={value}", field.name());
        }
    }
}

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.field(field, format_args!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.field(field, format_args!("{value}"));
    }
}

/// The logging thread's queue, with the process that started it (a forked child starts its own).
static QUEUE: Mutex<Option<(u32, Sender<LogRecord>)>> = Mutex::new(None);

fn queue(record: LogRecord) {
    let pid = std::process::id();
    let mut slot = QUEUE.lock().unwrap_or_else(|p| p.into_inner());
    if slot.as_ref().is_none_or(|(owner, _)| *owner != pid) {
        *slot = start_logging_thread().map(|sender| (pid, sender));
    }
    if let Some((_, sender)) = slot.as_ref() {
        let _ = sender.send(record);
    }
}

fn start_logging_thread() -> Option<Sender<LogRecord>> {
    let (sender, records) = channel::<LogRecord>();
    std::thread::Builder::new()
        .name("telegent-logging".into())
        .spawn(move || {
            for record in records {
                let sink = SINK.lock().unwrap_or_else(|p| p.into_inner()).clone();
                if let Some(sink) = sink {
                    // A sink that panics loses its record, never the logging thread.
                    let _ =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sink.log(record)));
                }
            }
        })
        .ok()?;
    Some(sender)
}
