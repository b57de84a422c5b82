//! Tokens as the real API issues them: minted from the account key and secret, optionally scoped
//! to one endpoint URL (`ApiEndpoint`), expiring after a configurable time, with the same
//! `tokenExpiry` text format (`MM/dd/yyyy hh:mm:ss AM|PM`, UTC) and a JWT carrying `exp`.
//!
//! A token scoped to one endpoint is refused (403) by every other endpoint; an unknown or expired
//! token gets 401. Secrets are compared, never logged.

use base64::Engine;
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug)]
pub struct Tokens {
    issued: HashMap<String, Issued>,
    pub ttl: Duration,
    pub minted: u64,
}

#[derive(Debug, Clone)]
struct Issued {
    /// Lower-cased path of `ApiEndpoint`, when scoped.
    scope: Option<String>,
    expires: SystemTime,
}

/// Why a token was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    Unknown,
    Expired,
    OutOfScope,
}

impl Tokens {
    pub fn new(ttl: Duration) -> Tokens {
        Tokens {
            issued: HashMap::new(),
            ttl,
            minted: 0,
        }
    }

    /// Mints a token; `endpoint` is the full URL it is limited to, if any.
    pub fn mint(
        &mut self,
        endpoint: Option<&str>,
        now: SystemTime,
    ) -> Result<(String, String), String> {
        let scope = match endpoint.filter(|e| !e.trim().is_empty()) {
            Some(url) => {
                let parsed = url::Url::parse(url.trim())
                    .map_err(|_| format!("ApiEndpoint {url:?} is not a URL"))?;
                Some(parsed.path().trim_end_matches('/').to_ascii_lowercase())
            }
            None => None,
        };
        self.minted += 1;
        let expires = now + self.ttl;
        let exp = expires
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let claims = serde_json::json!({"exp": exp, "n": self.minted, "scope": scope});
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let token = format!(
            "{}.{}.sandbox",
            b64.encode(br#"{"alg":"none","typ":"JWT"}"#),
            b64.encode(claims.to_string())
        );
        self.issued.insert(token.clone(), Issued { scope, expires });
        let when: chrono::DateTime<chrono::Utc> = expires.into();
        Ok((token, when.format("%m/%d/%Y %I:%M:%S %p").to_string()))
    }

    /// Checks the `Authorization` header for a request to `path`.
    pub fn check(
        &self,
        authorization: Option<&str>,
        path: &str,
        now: SystemTime,
    ) -> Result<(), Refusal> {
        let token = authorization
            .and_then(|h| {
                h.strip_prefix("Bearer ")
                    .or_else(|| h.strip_prefix("bearer "))
            })
            .ok_or(Refusal::Missing)?;
        let issued = self.issued.get(token.trim()).ok_or(Refusal::Unknown)?;
        if issued.expires <= now {
            return Err(Refusal::Expired);
        }
        match &issued.scope {
            Some(scope) if *scope != path.trim_end_matches('/').to_ascii_lowercase() => {
                Err(Refusal::OutOfScope)
            }
            _ => Ok(()),
        }
    }
}
