//! Webhook helpers for every binding: parse what Telegent POSTs to you, check its credentials.
//!
//! Inbound messages, delivery reports and webhook events arrive as JSON in the API's messy
//! shapes; the core parses them leniently and this module hands them back as wire-named JSON.
//! Credentials are compared in constant time by the core. A body that cannot be read is a
//! `decode` error, never a panic, and an error never quotes a credential.

use crate::errors::{guard, ErrorRecord, FfiResult};
use serde_json::Value;
use telegent::lenient::encode_value;
use telegent::webhooks;

/// What a webhook body is.
pub const KINDS: &[&str] = &["inbound_message", "delivery_report", "event"];

/// Parses a webhook body of kind `kind` (one of [`KINDS`]) into wire-named JSON.
pub fn parse(kind: &str, body: &[u8]) -> FfiResult<Value> {
    guard(|| {
        let parsed = match kind {
            "inbound_message" => webhooks::parse_inbound_message(body).map(|m| encode_value(&m)),
            "delivery_report" => webhooks::parse_delivery_report(body).map(|m| encode_value(&m)),
            "event" => webhooks::parse_event(body).map(|m| encode_value(&m)),
            other => {
                return Err(ErrorRecord::invalid_input(
                    "webhooks.parse",
                    format!("a webhook kind is one of {KINDS:?}, not {other:?}"),
                ))
            }
        };
        parsed.map_err(ErrorRecord::from)
    })
}

/// The credentials a route was configured with.
#[derive(Clone, Default)]
pub struct Credentials {
    /// Basic auth user name (with `password`).
    pub username: Option<String>,
    /// Basic auth password (with `username`).
    pub password: Option<String>,
    /// Bearer token (alone).
    pub token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// Whether an `Authorization` header carries `credentials`: Basic (user name and password) or
/// Bearer (token), never both; compared in constant time.
pub fn verify(authorization: Option<&str>, credentials: Credentials) -> FfiResult<bool> {
    let auth = match credentials {
        Credentials {
            username: Some(username),
            password: Some(password),
            token: None,
        } => webhooks::WebhookAuth::Basic { username, password },
        Credentials {
            username: None,
            password: None,
            token: Some(token),
        } => webhooks::WebhookAuth::Bearer { token },
        _ => {
            return Err(ErrorRecord::invalid_input(
                "webhooks.verify",
                "give either a user name and a password, or a token",
            ))
        }
    };
    Ok(auth.verify(authorization))
}
