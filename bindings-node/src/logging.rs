//! The core's events, handed to a JS callback (`setLogger`), which the JS layer routes to the
//! console or the application's logger.
//!
//! `telegent-ffi` queues each event (secrets already replaced) for a logging thread of its own;
//! the sink here, called on that thread, queues the record for the JS thread through a weak
//! threadsafe function in non-blocking mode. So the SDK's I/O thread never waits for JS, the
//! logging thread never waits for the event loop, and a logger that is set never keeps the
//! process alive. A JS logger that throws loses its line, never the call or the process. This
//! must never log arguments or add a secret to a line.

use crate::errors::{guarded, invalid_input};
use crate::options::{napi_failed, type_name, type_of};
use napi::bindgen_prelude::*;
use napi::threadsafe_function::{
    ThreadsafeFunction, ThreadsafeFunctionCallMode, UnknownReturnValue,
};
use napi_derive::napi;
use std::sync::Arc;
use telegent_ffi::{LogLevel, LogRecord, LogSink};

/// `(level, target, message)`, the arguments the JS callback gets.
type Line = FnArgs<(String, String, String)>;

/// The JS callback, callable from any thread; weak: it does not keep the event loop alive.
type Callback = ThreadsafeFunction<Line, UnknownReturnValue, Line, Status, false, true>;

struct JsLogger {
    callback: Callback,
}

impl LogSink for JsLogger {
    fn log(&self, record: LogRecord) {
        let line = (
            record.level.as_str().to_string(),
            record.target,
            record.message,
        );
        // Non-blocking: a full queue or a closing environment drops the line. The callback's
        // outcome (a thrown exception included) is taken here and let go.
        let _ = self.callback.call_with_return_value(
            line.into(),
            ThreadsafeFunctionCallMode::NonBlocking,
            |_, _| Ok(()),
        );
    }
}

/// Sends the core's events at `level` (`debug`, `info` (the default), `warn`, `error`) and above
/// to `callback(level, target, message)`. A later call replaces the callback. Answers `false`
/// when the application installed a `tracing` subscriber of its own first (nothing is sent).
#[napi]
pub fn set_logger(callback: Unknown<'_>, level: Option<String>) -> Result<bool> {
    guarded(|| {
        let level = match level.as_deref() {
            None | Some("info") => LogLevel::Info,
            Some("debug") => LogLevel::Debug,
            Some("warn") => LogLevel::Warn,
            Some("error") => LogLevel::Error,
            Some(other) => {
                return Err(invalid_input(
                    "logging",
                    format!("a log level is one of debug, info, warn, error; not {other:?}"),
                ))
            }
        };
        let kind = type_of(&callback)?;
        if kind != ValueType::Function {
            return Err(invalid_input(
                "logging",
                format!("the logger must be a function, not {}", type_name(kind)),
            ));
        }
        let function = unsafe { callback.cast::<Function<'_, Line, UnknownReturnValue>>() }
            .map_err(napi_failed)?;
        let callback: Callback = function
            .build_threadsafe_function::<Line>()
            .callee_handled::<false>()
            .weak::<true>()
            .build()
            .map_err(napi_failed)?;
        Ok(telegent_ffi::logging::install(
            Arc::new(JsLogger { callback }),
            level,
        ))
    })
}
