//! The one error type of the SDK, shared by every language binding.
//!
//! Each variant is a kind a caller reacts to differently (re-authenticate, fix the input, back
//! off, report a bug) and carries the same details: HTTP status, the API's message, the operation,
//! the request id, how many times the call was retried. Telegent answers errors in two shapes,
//! `{"StatusCode","Message"}` and ASP.NET problem details (`Title`, `Detail`, `Errors`,
//! `TraceId`); both are read here. An error must never carry a secret: no token, no account
//! secret, no `Authorization` header, and no body excerpt of the token operation.

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// Result of every SDK call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, and everything known about it.
///
/// Match on [`Error::kind`] (or on the variants) with a wildcard arm: later versions may add
/// kinds. [`std::error::Error::source`] gives the underlying cause when there is one (the
/// network, I/O or JSON error under a `Network`, `Timeout` or `Decode` error), never holding a
/// URL: a query string may carry phone numbers.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Error {
    /// 401: the account key/secret or the token was rejected (after one fresh token was tried).
    Authentication(Box<ErrorDetails>),
    /// 403: the token may not call this endpoint.
    PermissionDenied(Box<ErrorDetails>),
    /// 404: the resource does not exist or belongs to another account.
    NotFound(Box<ErrorDetails>),
    /// 409: the resource already exists (e.g. a subscriber e-mail).
    Conflict(Box<ErrorDetails>),
    /// 400, 405 and other 4xx: the request is wrong and will not succeed if repeated.
    InvalidRequest(Box<ErrorDetails>),
    /// 429: slow down; `retry_after` says for how long when the server said.
    RateLimited(Box<ErrorDetails>),
    /// 5xx other than 504.
    Server(Box<ErrorDetails>),
    /// No answer in time: the client's timeout, or 408/504 from the server.
    Timeout(Box<ErrorDetails>),
    /// The connection failed or broke.
    Network(Box<ErrorDetails>),
    /// A 2xx answer whose body could not be read as the operation's result, or a page walk whose
    /// answers never ended (its page cap reached).
    Decode(Box<ErrorDetails>),
    /// The SDK refused the input before sending anything (bad configuration, bad argument, a
    /// required field left unset).
    InvalidInput(Box<ErrorDetails>),
    /// A bug in the SDK (it never panics across a call; this is what it reports instead).
    Internal(Box<ErrorDetails>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind() {
            ErrorKind::Authentication => "authentication failed",
            ErrorKind::PermissionDenied => "permission denied",
            ErrorKind::NotFound => "not found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::InvalidRequest => "invalid request",
            ErrorKind::RateLimited => "rate limited",
            ErrorKind::Server => "server error",
            ErrorKind::Timeout => "timed out",
            ErrorKind::Network => "network error",
            ErrorKind::Decode => "could not decode the response",
            ErrorKind::InvalidInput => "invalid input",
            ErrorKind::Internal => "internal SDK error",
        };
        write!(f, "{what}: {}", self.details())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.details()
            .cause
            .as_ref()
            .map(|c| &*c.0 as &(dyn std::error::Error + 'static))
    }
}

/// The kinds of [`Error`], as plain values (the same names in every language).
///
/// Match with a wildcard arm: later versions may add kinds.
///
/// ```compile_fail,E0004
/// fn exit_code(kind: telegent::ErrorKind) -> u8 {
///     use telegent::ErrorKind::*;
///     match kind {
///         Authentication | PermissionDenied | NotFound | Conflict | InvalidRequest
///         | RateLimited | Server | Timeout | Network | Decode | InvalidInput | Internal => 1,
///     }
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::Authentication`].
    Authentication,
    /// See [`Error::PermissionDenied`].
    PermissionDenied,
    /// See [`Error::NotFound`].
    NotFound,
    /// See [`Error::Conflict`].
    Conflict,
    /// See [`Error::InvalidRequest`].
    InvalidRequest,
    /// See [`Error::RateLimited`].
    RateLimited,
    /// See [`Error::Server`].
    Server,
    /// See [`Error::Timeout`].
    Timeout,
    /// See [`Error::Network`].
    Network,
    /// See [`Error::Decode`].
    Decode,
    /// See [`Error::InvalidInput`].
    InvalidInput,
    /// See [`Error::Internal`].
    Internal,
}

impl ErrorKind {
    /// Stable snake_case name, used by the conformance suite and the bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Authentication => "authentication",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Network => "network",
            ErrorKind::Decode => "decode",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Details every error carries.
///
/// Later versions may add details: build one from `ErrorDetails::default()` and set its fields.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ErrorDetails {
    /// HTTP status, when an answer arrived.
    pub status: Option<u16>,
    /// The API's `Message` (or problem-details `Detail`/`Title`), or the SDK's explanation.
    pub message: String,
    /// Operation id from the manifest, e.g. `messages.send`.
    pub operation: String,
    /// `X-Request-Id`/`Request-Id` header or problem-details `TraceId`.
    pub request_id: Option<String>,
    /// How many times the call was retried before this error.
    pub retries: u32,
    /// How long the server asked to wait (`Retry-After`).
    pub retry_after: Option<Duration>,
    /// Per-field validation messages of a problem-details answer (`$.AreaCode` -> messages).
    pub field_errors: BTreeMap<String, Vec<String>>,
    /// The start of an unreadable body (never for the token operation).
    pub body_excerpt: Option<String>,
    /// The underlying error, reached through `std::error::Error::source` of the [`Error`].
    pub(crate) cause: Option<Cause>,
}

/// The error under an [`Error`] (a network, I/O or JSON error), shared between clones. Whoever
/// stores one makes sure its text holds no URL (`reqwest::Error::without_url`).
#[derive(Clone)]
pub(crate) struct Cause(std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>);

impl Cause {
    pub(crate) fn new(error: impl std::error::Error + Send + Sync + 'static) -> Cause {
        Cause(std::sync::Arc::new(error))
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

/// Causes compare by what they say.
impl PartialEq for Cause {
    fn eq(&self, other: &Cause) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

impl fmt::Display for ErrorDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        let mut notes = vec![format!("operation {}", self.operation)];
        if let Some(status) = self.status {
            notes.push(format!("HTTP {status}"));
        }
        if let Some(id) = &self.request_id {
            notes.push(format!("request id {id}"));
        }
        if self.retries > 0 {
            notes.push(format!("after {} retries", self.retries));
        }
        write!(f, " ({})", notes.join(", "))
    }
}

impl Error {
    /// An error of this kind with these details.
    pub fn new(kind: ErrorKind, details: ErrorDetails) -> Error {
        let d = Box::new(details);
        match kind {
            ErrorKind::Authentication => Error::Authentication(d),
            ErrorKind::PermissionDenied => Error::PermissionDenied(d),
            ErrorKind::NotFound => Error::NotFound(d),
            ErrorKind::Conflict => Error::Conflict(d),
            ErrorKind::InvalidRequest => Error::InvalidRequest(d),
            ErrorKind::RateLimited => Error::RateLimited(d),
            ErrorKind::Server => Error::Server(d),
            ErrorKind::Timeout => Error::Timeout(d),
            ErrorKind::Network => Error::Network(d),
            ErrorKind::Decode => Error::Decode(d),
            ErrorKind::InvalidInput => Error::InvalidInput(d),
            ErrorKind::Internal => Error::Internal(d),
        }
    }

    /// An input the SDK refuses before sending anything.
    pub fn invalid_input(operation: &str, message: impl Into<String>) -> Error {
        Error::new(
            ErrorKind::InvalidInput,
            ErrorDetails {
                message: message.into(),
                operation: operation.to_string(),
                ..Default::default()
            },
        )
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Authentication(_) => ErrorKind::Authentication,
            Error::PermissionDenied(_) => ErrorKind::PermissionDenied,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::InvalidRequest(_) => ErrorKind::InvalidRequest,
            Error::RateLimited(_) => ErrorKind::RateLimited,
            Error::Server(_) => ErrorKind::Server,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Network(_) => ErrorKind::Network,
            Error::Decode(_) => ErrorKind::Decode,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// Everything known about the error.
    pub fn details(&self) -> &ErrorDetails {
        match self {
            Error::Authentication(d)
            | Error::PermissionDenied(d)
            | Error::NotFound(d)
            | Error::Conflict(d)
            | Error::InvalidRequest(d)
            | Error::RateLimited(d)
            | Error::Server(d)
            | Error::Timeout(d)
            | Error::Network(d)
            | Error::Decode(d)
            | Error::InvalidInput(d)
            | Error::Internal(d) => d,
        }
    }

    /// The same error with `cause` as its [`std::error::Error::source`].
    pub(crate) fn caused_by(mut self, cause: Option<Cause>) -> Error {
        self.details_mut().cause = cause;
        self
    }

    pub(crate) fn details_mut(&mut self) -> &mut ErrorDetails {
        match self {
            Error::Authentication(d)
            | Error::PermissionDenied(d)
            | Error::NotFound(d)
            | Error::Conflict(d)
            | Error::InvalidRequest(d)
            | Error::RateLimited(d)
            | Error::Server(d)
            | Error::Timeout(d)
            | Error::Network(d)
            | Error::Decode(d)
            | Error::InvalidInput(d)
            | Error::Internal(d) => d,
        }
    }

    /// The HTTP status, when an answer arrived.
    pub fn status(&self) -> Option<u16> {
        self.details().status
    }

    /// The API's message, or the SDK's explanation.
    pub fn message(&self) -> &str {
        &self.details().message
    }

    /// The operation id, e.g. `messages.send`.
    pub fn operation(&self) -> &str {
        &self.details().operation
    }

    /// The request id the server gave, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.details().request_id.as_deref()
    }

    /// How many times the call was retried before this error.
    pub fn retries(&self) -> u32 {
        self.details().retries
    }

    /// How long the server asked to wait, if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.details().retry_after
    }

    /// Whether the same call may succeed later without changes (it says nothing about whether
    /// resending is safe: the SDK already retried what was safe to retry).
    pub fn is_retryable(&self) -> bool {
        match self.kind() {
            ErrorKind::RateLimited | ErrorKind::Timeout | ErrorKind::Network => true,
            ErrorKind::Server => matches!(self.status(), Some(500 | 502 | 503)),
            _ => false,
        }
    }
}

/// The kind of error an HTTP status means.
pub(crate) fn kind_for_status(status: u16) -> ErrorKind {
    match status {
        401 => ErrorKind::Authentication,
        403 => ErrorKind::PermissionDenied,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::Conflict,
        429 => ErrorKind::RateLimited,
        408 | 504 => ErrorKind::Timeout,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::InvalidRequest,
    }
}

/// Reads an error body in either of Telegent's shapes. Keys are matched ignoring case.
pub fn parse_error_body(
    status: u16,
    body: &[u8],
) -> (String, Option<String>, BTreeMap<String, Vec<String>>) {
    let fallback = || default_message(status);
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        let text = String::from_utf8_lossy(body).trim().to_string();
        let message = if text.is_empty() || text.len() > 300 || text.starts_with('<') {
            fallback()
        } else {
            text
        };
        return (message, None, BTreeMap::new());
    };
    let get = |name: &str| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    let text = |name: &str| {
        get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let mut field_errors = BTreeMap::new();
    if let Some(Value::Object(errors)) = get("Errors") {
        for (field, messages) in errors {
            let list = match messages {
                Value::Array(items) => items
                    .iter()
                    .map(|m| {
                        m.as_str()
                            .map(String::from)
                            .unwrap_or_else(|| m.to_string())
                    })
                    .collect(),
                Value::String(s) => vec![s.clone()],
                other => vec![other.to_string()],
            };
            field_errors.insert(field.clone(), list);
        }
    }
    let mut message = text("Message")
        .or_else(|| text("Detail"))
        .or_else(|| text("Title"))
        .or_else(|| text("Error"))
        .unwrap_or_else(fallback);
    if !field_errors.is_empty() {
        let summary: Vec<String> = field_errors
            .iter()
            .map(|(f, m)| format!("{f}: {}", m.join("; ")))
            .collect();
        message = format!("{message} [{}]", summary.join(", "));
    }
    (message, text("TraceId"), field_errors)
}

fn default_message(status: u16) -> String {
    match status {
        400 => "Bad request".into(),
        401 => "Unauthorized".into(),
        403 => "Forbidden".into(),
        404 => "Not found".into(),
        405 => "Method not allowed".into(),
        408 => "Request timeout".into(),
        409 => "Conflict".into(),
        429 => "Too many requests".into(),
        500 => "Internal server error".into(),
        502 => "Bad gateway".into(),
        503 => "Service unavailable".into(),
        504 => "Gateway timeout".into(),
        other => format!("HTTP {other}"),
    }
}
