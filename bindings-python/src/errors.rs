//! The error record as one native exception whose arguments carry every detail; the Python layer
//! (`telegent/_errors.py`) turns it into the typed hierarchy (`NotFoundError`, ...).

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use telegent_ffi::ErrorRecord;

create_exception!(
    _telegent,
    NativeError,
    PyException,
    "An SDK error; telegent._errors maps it to its typed class."
);

/// The arguments of a `NativeError`: (kind, status, message, operation, request_id, retries,
/// retry_after_seconds, field_errors, body_excerpt, text).
pub type ErrorArgs = (
    String,
    Option<u16>,
    String,
    String,
    Option<String>,
    u32,
    Option<f64>,
    Vec<(String, Vec<String>)>,
    Option<String>,
    String,
);

pub fn args(e: ErrorRecord) -> ErrorArgs {
    (
        e.kind,
        e.status,
        e.message,
        e.operation,
        e.request_id,
        e.retries,
        e.retry_after.map(|w| w.as_secs_f64()),
        e.field_errors,
        e.body_excerpt,
        e.display,
    )
}

pub fn to_py(e: ErrorRecord) -> PyErr {
    NativeError::new_err(args(e))
}

pub fn invalid_input(operation: &str, message: impl Into<String>) -> PyErr {
    to_py(ErrorRecord::invalid_input(operation, message))
}
