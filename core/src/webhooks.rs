//! Webhooks: what Telegent POSTs to your URLs, parsed leniently, and the check of its credentials.
//!
//! Telegent delivers inbound messages to a message route's `MessageUrl`, delivery reports to its
//! `CallbackMessageUrl`, and account events to webhook subscriptions, authenticating with the
//! Basic or Bearer credentials configured on the route. Parsing accepts the same mess as
//! responses do (and form-encoded bodies) and never panics; the credential check compares in
//! constant time and never logs what it compares.

use crate::lenient::{object, Lenient};
use crate::{Error, Result};
use base64::Engine;
use serde_json::Value;
use subtle::ConstantTimeEq;

pub use crate::generated::models::{DeliveryReport, InboundMessage, WebhookEvent};

const OPERATION: &str = "webhooks.parse";

/// Reads a webhook body (JSON, or `application/x-www-form-urlencoded`) as `T`.
pub(crate) fn parse<T: Lenient>(body: &[u8]) -> Result<T> {
    let value = body_value(body)?;
    T::from_json(value).map_err(|v| {
        Error::invalid_input(
            OPERATION,
            format!(
                "the webhook body is {}, not an object",
                crate::lenient::kind_of(&v)
            ),
        )
    })
}

/// An inbound message from its raw body.
pub fn parse_inbound_message(body: &[u8]) -> Result<InboundMessage> {
    parse(body)
}

/// A delivery report from its raw body.
pub fn parse_delivery_report(body: &[u8]) -> Result<DeliveryReport> {
    parse(body)
}

/// An account event from its raw body.
pub fn parse_event(body: &[u8]) -> Result<WebhookEvent> {
    parse(body)
}

fn body_value(body: &[u8]) -> Result<Value> {
    let text = std::str::from_utf8(body)
        .map_err(|_| Error::invalid_input(OPERATION, "the webhook body is not UTF-8"))?;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid_input(OPERATION, "the webhook body is empty"));
    }
    if trimmed.starts_with('{') || trimmed.starts_with('"') {
        let value: Value = serde_json::from_str(trimmed).map_err(|e| {
            Error::invalid_input(
                OPERATION,
                format!("the webhook body is not valid JSON: {e}"),
            )
        })?;
        return object(value).map(Value::Object).map_err(|v| {
            Error::invalid_input(
                OPERATION,
                format!(
                    "the webhook body is {}, not an object",
                    crate::lenient::kind_of(&v)
                ),
            )
        });
    }
    if trimmed.contains('=') {
        let map: serde_json::Map<String, Value> = url::form_urlencoded::parse(trimmed.as_bytes())
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect();
        return Ok(Value::Object(map));
    }
    Err(Error::invalid_input(
        OPERATION,
        "the webhook body is neither JSON nor a form",
    ))
}

/// The credentials a message route was configured with, which Telegent sends back.
#[derive(Clone)]
#[non_exhaustive]
pub enum WebhookAuth {
    /// `Authorization: Basic base64(username:password)`.
    Basic {
        /// The user name configured on the route.
        username: String,
        /// The password configured on the route.
        password: String,
    },
    /// `Authorization: Bearer token`.
    Bearer {
        /// The token configured on the route.
        token: String,
    },
}

impl std::fmt::Debug for WebhookAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebhookAuth::Basic { username, .. } => write!(
                f,
                "Basic {{ username: {username:?}, password: [redacted] }}"
            ),
            WebhookAuth::Bearer { .. } => f.write_str("Bearer { token: [redacted] }"),
        }
    }
}

impl WebhookAuth {
    /// Whether an `Authorization` header carries exactly these credentials (constant time).
    pub fn verify(&self, authorization: Option<&str>) -> bool {
        let Some(header) = authorization.map(str::trim) else {
            return false;
        };
        let Some((scheme, value)) = header.split_once(' ') else {
            return false;
        };
        let value = value.trim();
        match self {
            WebhookAuth::Basic { username, password } if scheme.eq_ignore_ascii_case("basic") => {
                let expected = base64::engine::general_purpose::STANDARD
                    .encode(format!("{username}:{password}"));
                bool::from(value.as_bytes().ct_eq(expected.as_bytes()))
            }
            WebhookAuth::Bearer { token } if scheme.eq_ignore_ascii_case("bearer") => {
                bool::from(value.as_bytes().ct_eq(token.as_bytes()))
            }
            _ => false,
        }
    }
}
