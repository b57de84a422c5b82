//! Arbitrary input into every parser that reads what a server or a webhook sender wrote: error
//! bodies, `Retry-After`, token expiries, webhook payloads and credentials. They may refuse the
//! input; they must never panic.

use proptest::prelude::*;
use std::time::{Instant, SystemTime};
use telegent::test_util::{expiry_from_jwt, parse_expiry_text, CachedToken};
use telegent::webhooks::{self, WebhookAuth};

fn jwt_with_exp(exp: &str) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!("h.{}.s", b64.encode(format!("{{\"exp\": {exp}}}")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn error_bodies_never_panic(status in 0u16..1000, body in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = telegent::test_util::parse_error_body(status, &body);
    }

    #[test]
    fn retry_after_values_never_panic(value in "\\PC{0,40}") {
        let _ = telegent::test_util::parse_retry_after(&value);
    }

    #[test]
    fn numeric_retry_after_values_never_panic(secs in any::<f64>()) {
        let _ = telegent::test_util::parse_retry_after(&secs.to_string());
    }

    #[test]
    fn expiry_texts_never_panic(text in "\\PC{0,40}") {
        let _ = parse_expiry_text(&text);
    }

    #[test]
    fn jwt_exp_claims_never_panic_and_give_a_bounded_lifetime(exp in any::<f64>()) {
        let token = jwt_with_exp(&serde_json::Value::from(exp).to_string());
        let _ = expiry_from_jwt(&token);
        let now = Instant::now();
        let cached = CachedToken::new(token, None, now, SystemTime::now());
        prop_assert!(cached.expires_at - now <= std::time::Duration::from_secs(24 * 60 * 60));
    }

    #[test]
    fn webhook_bodies_never_panic(body in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = webhooks::parse_inbound_message(&body);
        let _ = webhooks::parse_delivery_report(&body);
        let _ = webhooks::parse_event(&body);
    }

    #[test]
    fn authorization_headers_never_panic(header in "\\PC{0,60}") {
        let basic = WebhookAuth::Basic { username: "u".into(), password: "p".into() };
        let bearer = WebhookAuth::Bearer { token: "t".into() };
        prop_assert!(!basic.verify(Some(&header)) || header.to_ascii_lowercase().contains("basic"));
        prop_assert!(!bearer.verify(Some(&header)) || header.contains('t'));
    }
}

#[test]
fn a_retry_after_too_long_for_a_duration_saturates() {
    assert_eq!(
        telegent::test_util::parse_retry_after("99999999999999999999"),
        Some(std::time::Duration::MAX)
    );
}

#[test]
fn an_exp_beyond_the_clock_is_no_expiry() {
    assert_eq!(expiry_from_jwt(&jwt_with_exp("1e300")), None);
}

#[test]
fn retry_after_may_be_an_http_date() {
    let in_a_minute = chrono::Utc::now() + chrono::Duration::seconds(60);
    let wait = telegent::test_util::parse_retry_after(&in_a_minute.to_rfc2822()).unwrap();
    assert!(
        wait > std::time::Duration::from_secs(55) && wait <= std::time::Duration::from_secs(60),
        "{wait:?}"
    );
}

#[test]
fn a_retry_after_date_in_the_past_means_now() {
    assert_eq!(
        telegent::test_util::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(std::time::Duration::ZERO)
    );
}

proptest! {
    #[test]
    fn backoff_stays_between_half_and_all_of_its_capped_step(retry in 0u32..40) {
        let policy = telegent::RetryPolicy::default();
        let step = policy
            .initial_backoff
            .saturating_mul(1u32 << retry.min(16))
            .min(policy.max_backoff);
        let wait = telegent::test_util::backoff(&policy, retry, None);
        prop_assert!(wait >= step / 2 && wait <= step, "{wait:?} for step {step:?}");
    }
}
