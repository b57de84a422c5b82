//! Token expiry: read from the JWT `exp` claim, else from Telegent's expiry text as UTC.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use telegent::test_util::{expiry_from_jwt, parse_expiry_text, CachedToken};
use telegent::Secret;

#[test]
fn expiry_text_is_read_as_utc() {
    assert_eq!(
        parse_expiry_text("05/02/2025 06:36:13 PM"),
        Some(UNIX_EPOCH + Duration::from_secs(1_746_210_973))
    );
}

#[test]
fn unreadable_expiry_text_is_none() {
    assert_eq!(parse_expiry_text("tomorrow-ish"), None);
}

#[test]
fn the_jwt_exp_claim_is_read() {
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiAxNzQ2MjEwMDAwLCAic3ViIjogIngifQ.sig";
    assert_eq!(
        expiry_from_jwt(jwt),
        Some(UNIX_EPOCH + Duration::from_secs(1_746_210_000))
    );
}

#[test]
fn the_jwt_claim_wins_over_the_text() {
    let jwt = "h.eyJleHAiOiAxNzQ2MjEwMDAwLCAic3ViIjogIngifQ.s";
    let wall = UNIX_EPOCH + Duration::from_secs(1_746_209_000);
    let now = Instant::now();
    let token = CachedToken::new(jwt.into(), Some("05/02/2025 06:36:13 PM"), now, wall);
    assert_eq!(token.expires_at - now, Duration::from_secs(1000));
}

#[test]
fn tokens_are_refreshed_before_they_expire() {
    let now = Instant::now();
    let token = CachedToken::new("opaque".into(), None, now, SystemTime::now());
    assert!(token.refresh_at < token.expires_at);
}

#[test]
fn an_expiry_in_the_past_does_not_make_every_call_mint() {
    let now = Instant::now();
    let token = CachedToken::new(
        "opaque".into(),
        Some("01/01/2001 01:00:00 AM"),
        now,
        SystemTime::now(),
    );
    assert!(token.refresh_at > now);
}

#[test]
fn secrets_print_as_redacted() {
    let s = Secret::new("hunter2");
    assert_eq!(format!("{s} {s:?}"), "[redacted] [redacted]");
}
