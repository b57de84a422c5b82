//! The core's errors as one native exception whose arguments carry every detail; the Python layer
//! (`telegent/_errors.py`) turns it into the typed hierarchy (`NotFoundError`, ...).

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    _telegent,
    NativeError,
    PyException,
    "An SDK error; telegent._errors maps it to its typed class."
);

/// The arguments of a `NativeError`: (kind, status, message, operation, request_id, retries,
/// retry_after_seconds, field_errors).
pub type ErrorArgs = (
    String,
    Option<u16>,
    String,
    String,
    Option<String>,
    u32,
    Option<f64>,
    Vec<(String, Vec<String>)>,
);

pub fn args(e: &telegent::Error) -> ErrorArgs {
    let d = e.details();
    (
        e.kind().as_str().to_string(),
        d.status,
        d.message.clone(),
        d.operation.clone(),
        d.request_id.clone(),
        d.retries,
        d.retry_after.map(|w| w.as_secs_f64()),
        d.field_errors
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

pub fn to_py(e: &telegent::Error) -> PyErr {
    NativeError::new_err(args(e))
}

pub fn invalid_input(operation: &str, message: impl Into<String>) -> PyErr {
    to_py(&telegent::Error::invalid_input(operation, message))
}

/// A bug in the SDK, reported as the `internal` kind instead of a panic.
pub fn internal(message: impl Into<String>) -> PyErr {
    let mut details = telegent::ErrorDetails::default();
    details.message = message.into();
    to_py(&telegent::Error::new(
        telegent::ErrorKind::Internal,
        details,
    ))
}
