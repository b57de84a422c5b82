//! Retries: which failures are retried, how long to wait, and when to stop.
//!
//! The rule that matters most: a request that may have reached the server is never resent for an
//! operation that is not idempotent, so a timeout on `messages.send` can never send an SMS twice.
//! Failures where the server certainly did not act (the connection was refused, 408, 429, 503) are
//! retried for every operation; 500, 502, 504, timeouts and broken connections only for idempotent
//! ones (a gateway's 502/504 may come after the server already acted). Waits are capped, jittered
//! and exponential, and honour `Retry-After`; a shared budget stops a failing server from turning
//! every call into a burst of retries.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// How the client retries. Defaults: 2 retries, 250 ms first wait, 8 s cap, `Retry-After` up to 60 s.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// Wait before the first retry (each later one doubles it, jittered).
    pub initial_backoff: Duration,
    /// The longest wait between attempts (unless the server's `Retry-After` says otherwise).
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this is not waited for: the error is returned instead.
    pub max_retry_after: Duration,
    /// Retry tokens shared by all calls of a client; each retry spends 5, each success earns one
    /// back.
    pub budget: u32,
}

/// What one retry costs from [`RetryPolicy::budget`].
pub const RETRY_COST: u32 = 5;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            budget: 500,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Default::default()
        }
    }
}

/// How an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The connection could not be made: the server never saw the request.
    NotSent,
    /// Timed out or broke after the request may have been written.
    MaybeDelivered,
    /// The server answered with this status.
    Status(u16),
    /// The request could not even be built (e.g. a URL too long to be one): sending it again
    /// cannot help.
    Unsendable,
}

/// Whether a failed attempt may be sent again.
pub fn is_retryable(failure: Failure, idempotent: bool) -> bool {
    match failure {
        Failure::NotSent => true,
        Failure::Status(408 | 429 | 503) => true,
        Failure::Status(500 | 502 | 504) | Failure::MaybeDelivered => idempotent,
        Failure::Status(_) | Failure::Unsendable => false,
    }
}

/// Wait before retry number `retry` (0-based): the server's `Retry-After` if it gave one, else
/// exponential backoff, capped, with "equal jitter" (between half and all of the step) so that
/// clients failing together do not retry together yet never retry at once.
pub fn backoff(policy: &RetryPolicy, retry: u32, retry_after: Option<Duration>) -> Duration {
    if let Some(wait) = retry_after {
        return wait;
    }
    let exp = policy.initial_backoff.saturating_mul(1u32 << retry.min(16));
    let cap = exp.min(policy.max_backoff);
    let jitter: f64 = rand::random::<f64>();
    cap.mul_f64(0.5 + jitter / 2.0)
}

/// `Retry-After` as seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        // A huge value saturates (and is then refused as longer than `max_retry_after`).
        return (secs >= 0.0 && secs.is_finite())
            .then(|| Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// Retry tokens shared by every call of one client.
#[derive(Debug)]
pub struct RetryBudget {
    capacity: u32,
    available: AtomicU32,
}

impl RetryBudget {
    pub fn new(capacity: u32) -> Self {
        RetryBudget {
            capacity,
            available: AtomicU32::new(capacity),
        }
    }

    /// Takes the cost of one retry, or says no when the budget is spent.
    pub fn try_spend(&self) -> bool {
        self.available
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                n.checked_sub(RETRY_COST)
            })
            .is_ok()
    }

    /// A success earns one token back, up to the capacity.
    pub fn earn(&self) {
        let _ = self
            .available
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.capacity).then_some(n + 1)
            });
    }
}
