//! Client and per-call options, with the SDK's defaults and checks in one place.
//!
//! Every language offers the same settings under its own spelling (`timeout=` in seconds in
//! Python, `timeoutMs` in Node and Kotlin); the bindings convert units and names, and this module
//! decides what is valid, so a negative timeout or an unknown token scope is the same
//! `invalid_input` error everywhere. It must never read a secret from anywhere but the options
//! or the documented `TELEGENT_*` variables, and never print one.

use crate::errors::{ErrorRecord, FfiResult};
use std::time::Duration;

/// Settings of a client. `None` means the SDK's default (see the core's `ClientBuilder`).
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// The account key tokens are minted from.
    pub account_key: Option<String>,
    /// The account secret tokens are minted from.
    pub account_secret: Option<String>,
    /// `https://api.telegent.com` unless given.
    pub base_url: Option<String>,
    /// Per attempt (default 30 s).
    pub timeout: Option<Duration>,
    /// To open a connection (default 10 s).
    pub connect_timeout: Option<Duration>,
    /// For the whole call, retries and waits included (default derived from the others).
    pub total_timeout: Option<Duration>,
    /// Retries of a failed attempt that is safe to repeat (default 2).
    pub max_retries: Option<u32>,
    /// `per_endpoint` (default: one token per endpoint URL) or `shared` (one token for all).
    pub token_scope: Option<String>,
    /// Appended to the user agent after the language's name.
    pub user_agent: Option<String>,
    /// An `http://` or `https://` proxy URL.
    pub proxy: Option<String>,
    /// Allows `http://` base URLs off loopback. Only for trusted networks.
    pub allow_insecure_http: bool,
    /// Fill credentials and base URL from `TELEGENT_*` where the options leave them unset.
    pub from_env: bool,
}

/// Settings of one call, overriding the client's.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CallOptions {
    /// Per attempt.
    pub timeout: Option<Duration>,
    /// Retries of a failed attempt that is safe to repeat.
    pub max_retries: Option<u32>,
    /// For the whole call, retries and waits included.
    pub total_timeout: Option<Duration>,
    /// Most pages a page walk fetches before it fails (instead of stopping silently).
    pub max_pages: Option<u64>,
}

/// The token scopes a client accepts, as the options spell them.
pub const TOKEN_SCOPES: &[&str] = &["per_endpoint", "shared"];

impl ClientOptions {
    /// The core's builder for these options; `language` names the package in the user agent
    /// (`python`, `node`, `kotlin`, `swift`).
    pub fn builder(&self, language: &str) -> FfiResult<telegent::ClientBuilder> {
        let mut builder = telegent::Client::builder();
        if self.from_env {
            builder = builder.from_env();
        }
        match (&self.account_key, &self.account_secret) {
            (Some(key), Some(secret)) => builder = builder.credentials(key, secret.as_str()),
            (None, None) => {}
            _ => {
                return Err(ErrorRecord::invalid_input(
                    "client",
                    "give both the account key and the account secret, or neither",
                ))
            }
        }
        if let Some(url) = &self.base_url {
            builder = builder.base_url(url);
        }
        if let Some(t) = self.timeout {
            builder = builder.timeout(t);
        }
        if let Some(t) = self.connect_timeout {
            builder = builder.connect_timeout(t);
        }
        if let Some(t) = self.total_timeout {
            builder = builder.total_timeout(t);
        }
        if let Some(n) = self.max_retries {
            builder = builder.max_retries(n);
        }
        builder = builder.token_scope(token_scope(self.token_scope.as_deref())?);
        let suffix = match &self.user_agent {
            Some(extra) if !extra.trim().is_empty() => format!("{language} {}", extra.trim()),
            _ => language.to_string(),
        };
        builder = builder.user_agent(suffix);
        if let Some(p) = &self.proxy {
            builder = builder.proxy(p);
        }
        Ok(builder.allow_insecure_http(self.allow_insecure_http))
    }
}

fn token_scope(name: Option<&str>) -> FfiResult<telegent::TokenScope> {
    match name {
        None | Some("per_endpoint") => Ok(telegent::TokenScope::PerEndpoint),
        Some("shared") => Ok(telegent::TokenScope::Shared),
        Some(other) => Err(ErrorRecord::invalid_input(
            "client",
            format!("token scope must be one of {TOKEN_SCOPES:?}, not {other:?}"),
        )),
    }
}

impl CallOptions {
    /// The core's per-call options.
    pub fn to_core(self) -> telegent::RequestOptions {
        telegent::RequestOptions {
            timeout: self.timeout,
            max_retries: self.max_retries,
            total_timeout: self.total_timeout,
            max_pages: self.max_pages,
        }
    }

    /// These settings, with `base`'s where these leave one unset.
    pub fn or(self, base: CallOptions) -> CallOptions {
        CallOptions {
            timeout: self.timeout.or(base.timeout),
            max_retries: self.max_retries.or(base.max_retries),
            total_timeout: self.total_timeout.or(base.total_timeout),
            max_pages: self.max_pages.or(base.max_pages),
        }
    }

    /// Whether any setting differs from the client's.
    pub fn is_empty(&self) -> bool {
        *self == CallOptions::default()
    }
}

/// A duration given in seconds by a host language (`name` is the option's name there): positive
/// and finite, or an `invalid_input` error saying so.
pub fn seconds(value: f64, name: &str) -> FfiResult<Duration> {
    if value.is_finite() && value > 0.0 {
        if let Ok(d) = Duration::try_from_secs_f64(value) {
            return Ok(d);
        }
    }
    Err(ErrorRecord::invalid_input(
        "client",
        format!("{name} must be a positive, finite number of seconds, not {value}"),
    ))
}

/// A duration given in milliseconds by a host language: positive and finite, or an error.
pub fn millis(value: f64, name: &str) -> FfiResult<Duration> {
    if value.is_finite() && value > 0.0 {
        if let Ok(d) = Duration::try_from_secs_f64(value / 1000.0) {
            return Ok(d);
        }
    }
    Err(ErrorRecord::invalid_input(
        "client",
        format!("{name} must be a positive, finite number of milliseconds, not {value}"),
    ))
}
