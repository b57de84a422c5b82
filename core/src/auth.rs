//! Tokens: minted from the account key and secret, cached per scope, refreshed before they expire.
//!
//! Telegent tokens live a few minutes and have no refresh flow, and by default each token is
//! scoped to one endpoint URL (`ApiEndpoint`), so a busy client holds one token per endpoint it
//! calls. The cache mints at most one token per scope at a time (single flight: a thousand
//! concurrent calls on a cold cache cause one mint), reads the expiry from the JWT `exp` claim or
//! else from the `tokenExpiry` text read as UTC, and refreshes ahead of expiry. A 401 makes the
//! transport drop the token and mint once more. Secrets and tokens must never reach `Debug`,
//! `Display`, logs or errors: they live in [`Secret`], which prints as `[redacted]`.

use base64::Engine;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A string that must not be shown: prints as `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }
    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How tokens are scoped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenScope {
    /// One token per endpoint URL, minted with `ApiEndpoint` (what Telegent documents).
    #[default]
    PerEndpoint,
    /// One unscoped token shared by every endpoint.
    Shared,
}

/// A token and when to stop using it.
#[derive(Clone, Debug)]
pub struct CachedToken {
    pub token: Secret,
    pub refresh_at: Instant,
    pub expires_at: Instant,
}

impl CachedToken {
    /// Builds a cache entry from a freshly minted token and its `tokenExpiry` text.
    pub fn new(
        token: String,
        expiry_text: Option<&str>,
        now: Instant,
        wall_now: SystemTime,
    ) -> CachedToken {
        let lifetime = expiry_from_jwt(&token)
            .or_else(|| expiry_text.and_then(parse_expiry_text))
            .and_then(|expires| expires.duration_since(wall_now).ok())
            .unwrap_or(DEFAULT_LIFETIME)
            // A clock that disagrees with the server must not make every call mint a token; a
            // token that is really expired gets a 401, and the 401 gets a fresh token.
            .max(MIN_LIFETIME)
            // Nor may an absurd expiry keep a token (or overflow the clock) forever.
            .min(MAX_LIFETIME);
        let margin = (lifetime / 4).min(REFRESH_MARGIN);
        CachedToken {
            token: Secret(token),
            refresh_at: now + (lifetime - margin),
            expires_at: now + lifetime,
        }
    }

    fn fresh(&self, now: Instant) -> bool {
        now < self.refresh_at
    }
}

const DEFAULT_LIFETIME: Duration = Duration::from_secs(60);
const MIN_LIFETIME: Duration = Duration::from_secs(1);
const MAX_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
const REFRESH_MARGIN: Duration = Duration::from_secs(30);

/// `exp` of a JWT, without checking its signature (the server does that).
pub fn expiry_from_jwt(token: &str) -> Option<SystemTime> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = claims.get("exp")?.as_f64()?;
    if exp <= 0.0 {
        return None;
    }
    UNIX_EPOCH.checked_add(Duration::try_from_secs_f64(exp).ok()?)
}

/// `05/02/2025 06:36:13 PM` (no zone; Telegent's own tokens show it is UTC).
pub fn parse_expiry_text(text: &str) -> Option<SystemTime> {
    let parsed = chrono::NaiveDateTime::parse_from_str(text.trim(), "%m/%d/%Y %I:%M:%S %p")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text.trim(), "%m/%d/%Y %H:%M:%S"))
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(
                text.trim().trim_end_matches('Z'),
                "%Y-%m-%dT%H:%M:%S%.f",
            )
        })
        .ok()?;
    let secs = u64::try_from(parsed.and_utc().timestamp()).ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

/// One scope's token, and the outcome of its latest mint so that callers who queued behind a
/// failing mint share its error instead of each minting again in turn.
#[derive(Default)]
struct SlotState {
    token: Option<CachedToken>,
    /// Mints finished so far; a caller that saw this change while it waited did not start one.
    mints: u64,
    last_error: Option<crate::Error>,
}

#[derive(Default)]
struct ScopeSlot {
    state: tokio::sync::Mutex<SlotState>,
    mints: std::sync::atomic::AtomicU64,
}

type Slot = Arc<ScopeSlot>;

/// Tokens by scope key (the endpoint URL, or "" for the shared token).
#[derive(Default)]
pub(crate) struct TokenCache {
    scopes: Mutex<HashMap<String, Slot>>,
}

impl TokenCache {
    fn slot(&self, scope: &str) -> Slot {
        let mut scopes = self.scopes.lock().unwrap_or_else(|p| p.into_inner());
        scopes.entry(scope.to_string()).or_default().clone()
    }

    /// A fresh token for `scope`, minting one with `mint` if needed. Concurrent callers for the
    /// same scope wait for the one mint in progress instead of starting their own, and get its
    /// token or its error.
    pub async fn get<F, Fut>(&self, scope: &str, mint: F) -> crate::Result<Secret>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = crate::Result<CachedToken>>,
    {
        use std::sync::atomic::Ordering;
        let slot = self.slot(scope);
        let mints_seen = slot.mints.load(Ordering::Acquire);
        let mut state = slot.state.lock().await;
        if let Some(token) = state.token.as_ref().filter(|t| t.fresh(Instant::now())) {
            return Ok(token.token.clone());
        }
        if state.mints != mints_seen {
            if let Some(error) = &state.last_error {
                return Err(error.clone());
            }
        }
        let outcome = mint().await;
        state.mints += 1;
        slot.mints.store(state.mints, Ordering::Release);
        match outcome {
            Ok(token) => {
                let secret = token.token.clone();
                state.token = Some(token);
                state.last_error = None;
                Ok(secret)
            }
            Err(error) => {
                state.last_error = Some(error.clone());
                Err(error)
            }
        }
    }

    /// Forgets `token` for `scope` (after a 401), unless a newer token already replaced it.
    pub async fn invalidate(&self, scope: &str, token: &Secret) {
        let slot = self.slot(scope);
        let mut state = slot.state.lock().await;
        if state.token.as_ref().is_some_and(|t| &t.token == token) {
            state.token = None;
        }
    }

    /// How many scopes hold a token (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.scopes.lock().map(|s| s.len()).unwrap_or(0)
    }
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenCache {{ scopes: {} }}", self.len())
    }
}
