//! Webhook parsing and credential checks for Python.

use crate::errors;
use pyo3::prelude::*;

/// Parses a webhook body (`kind`: inbound_message, delivery_report, event) into JSON text.
#[pyfunction]
pub fn parse_webhook(kind: &str, body: &[u8]) -> PyResult<String> {
    let value = match kind {
        "inbound_message" => telegent::webhooks::parse_inbound_message(body)
            .map(|m| telegent::lenient::encode_value(&m)),
        "delivery_report" => telegent::webhooks::parse_delivery_report(body)
            .map(|m| telegent::lenient::encode_value(&m)),
        "event" => {
            telegent::webhooks::parse_event(body).map(|m| telegent::lenient::encode_value(&m))
        }
        other => {
            return Err(errors::invalid_input(
                "webhooks.parse",
                format!("unknown webhook kind {other:?}"),
            ))
        }
    };
    value.map(|v| v.to_string()).map_err(|e| errors::to_py(&e))
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
    let auth = match (username, password, token) {
        (Some(username), Some(password), None) => {
            telegent::webhooks::WebhookAuth::Basic { username, password }
        }
        (None, None, Some(token)) => telegent::webhooks::WebhookAuth::Bearer { token },
        _ => {
            return Err(errors::invalid_input(
                "webhooks.verify",
                "give either username and password, or token",
            ))
        }
    };
    Ok(auth.verify(authorization))
}
