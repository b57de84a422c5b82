//! The core's events, forwarded to Python's `logging` under the `telegent` logger.
//!
//! `telegent-ffi` queues each event (INFO and above: a retry, a refused token; secrets already
//! replaced) for a logging thread of its own; this sink, called on that thread, takes the GIL and
//! hands the line to `logging.getLogger("telegent")`. The thread that emits an event never takes
//! the GIL, so an event emitted under a lock cannot deadlock with Python code waiting on that lock.
//! The per-call DEBUG line is written by the Python layer itself. This must never log arguments.

use pyo3::prelude::*;
use std::sync::Arc;
use telegent_ffi::{LogLevel, LogRecord, LogSink};

struct PythonLogging;

fn python_level(level: LogLevel) -> u8 {
    match level {
        LogLevel::Error => 40,
        LogLevel::Warn => 30,
        LogLevel::Info => 20,
        LogLevel::Debug => 10,
    }
}

impl LogSink for PythonLogging {
    fn log(&self, record: LogRecord) {
        Python::attach(|py| {
            let logged = py
                .import("logging")
                .and_then(|logging| logging.call_method1("getLogger", ("telegent",)))
                .and_then(|logger| {
                    logger.call_method1("log", (python_level(record.level), record.message))
                });
            // Logging must never fail a call; a broken handler is Python's own report.
            drop(logged);
        });
    }
}

/// Sends the core's INFO-and-above events to Python's `logging` (unless the embedding
/// application installed a `tracing` subscriber of its own first).
pub fn install() {
    telegent_ffi::logging::install(Arc::new(PythonLogging), LogLevel::Info);
}
