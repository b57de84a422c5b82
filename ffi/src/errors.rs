//! One error record for every binding: the core's error with every detail, as plain data.
//!
//! Each language turns this record into its own idiom (a Python exception class, a JS `Error`
//! subclass, a Kotlin exception, a Swift error) by `kind`; none of them re-reads the core's error
//! or re-formats its message: `Display` here is the one text users see. A record must never hold
//! a secret: it is built only from the core's error, which already keeps tokens, credentials and
//! URLs (phone numbers) out.

use std::fmt;
use std::time::Duration;

/// The result of every fallible entry point of this layer.
pub type FfiResult<T> = Result<T, ErrorRecord>;

/// Everything the core knows about a failed call.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorRecord {
    /// The error kind's stable name (`not_found`, `rate_limited`, ...; see [`KINDS`]).
    pub kind: String,
    /// HTTP status, when an answer arrived.
    pub status: Option<u16>,
    /// The API's message, or the SDK's explanation.
    pub message: String,
    /// The operation id (`messages.send`), or what was being done (`client`, `sandbox`).
    pub operation: String,
    /// The server's request id (`X-Request-Id` or problem-details `TraceId`).
    pub request_id: Option<String>,
    /// How many times the call was retried before this error.
    pub retries: u32,
    /// How long the server asked to wait (`Retry-After`).
    pub retry_after: Option<Duration>,
    /// Per-field validation messages (`$.AreaCode` -> messages), in field order.
    pub field_errors: Vec<(String, Vec<String>)>,
    /// The start of an unreadable answer body.
    pub body_excerpt: Option<String>,
    /// The complete text users see (the core's `Display`).
    pub display: String,
}

/// Every error kind, in the order the docs list them.
pub const KINDS: &[&str] = &[
    "authentication",
    "permission_denied",
    "not_found",
    "conflict",
    "invalid_request",
    "rate_limited",
    "server",
    "timeout",
    "network",
    "decode",
    "invalid_input",
    "internal",
];

impl ErrorRecord {
    /// A caller's mistake found before anything was sent.
    pub fn invalid_input(operation: &str, message: impl Into<String>) -> ErrorRecord {
        ErrorRecord::from(&telegent::Error::invalid_input(operation, message))
    }

    /// A defect of the SDK itself (a panic caught at the boundary, a task that vanished).
    pub fn internal(message: impl Into<String>) -> ErrorRecord {
        let mut details = telegent::ErrorDetails::default();
        details.message = message.into();
        ErrorRecord::from(&telegent::Error::new(
            telegent::ErrorKind::Internal,
            details,
        ))
    }

    /// Whether retrying the same call later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind.as_str(),
            "rate_limited" | "server" | "timeout" | "network"
        )
    }
}

impl From<&telegent::Error> for ErrorRecord {
    fn from(e: &telegent::Error) -> ErrorRecord {
        let d = e.details();
        ErrorRecord {
            kind: e.kind().as_str().to_string(),
            status: d.status,
            message: d.message.clone(),
            operation: d.operation.clone(),
            request_id: d.request_id.clone(),
            retries: d.retries,
            retry_after: d.retry_after,
            field_errors: d
                .field_errors
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            body_excerpt: d.body_excerpt.clone(),
            display: e.to_string(),
        }
    }
}

impl From<telegent::Error> for ErrorRecord {
    fn from(e: telegent::Error) -> ErrorRecord {
        ErrorRecord::from(&e)
    }
}

impl fmt::Display for ErrorRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

impl std::error::Error for ErrorRecord {}

/// Runs `work`, turning a panic into an `internal` error record: no panic may unwind into a
/// host language's frames.
pub fn guard<T>(work: impl FnOnce() -> FfiResult<T>) -> FfiResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        Err(ErrorRecord::internal(format!(
            "the SDK failed unexpectedly ({}); please report this",
            panic_text(&*panic)
        )))
    })
}

/// The message of a caught panic, when it has one.
pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}
