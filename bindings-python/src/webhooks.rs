//! Webhook parsing and credential checks for Python (the work is `telegent-ffi`'s).

use crate::errors;
use pyo3::prelude::*;
use telegent_ffi::webhooks::{self, Credentials};

/// Parses a webhook body (`kind`: inbound_message, delivery_report, event) into JSON text.
#[pyfunction]
pub fn parse_webhook(kind: &str, body: &[u8]) -> PyResult<String> {
    webhooks::parse(kind, body)
        .map(|v| v.to_string())
        .map_err(errors::to_py)
}

/// Checks an `Authorization` header against Basic (`username`+`password`) or Bearer (`token`)
/// credentials, in constant time.
#[pyfunction]
#[pyo3(signature = (authorization, username=None, password=None, token=None))]
pub fn verify_webhook(
    authorization: Option<&str>,
    username: Option<String>,
    password: Option<String>,
    token: Option<String>,
) -> PyResult<bool> {
    let credentials = Credentials {
        username,
        password,
        token,
    };
    webhooks::verify(authorization, credentials).map_err(errors::to_py)
}
