//! Choices (generated enums): unset is `None`; a value this SDK does not know stays readable.

use serde_json::json;
use telegent::models::*;

#[test]
fn an_unset_choice_is_none_not_an_empty_unknown_value() {
    assert_eq!(CreateMessageFilterRequest::default().filter_mode, None);
}

#[test]
fn a_choice_this_sdk_does_not_know_is_kept_as_unknown_and_sent_back() {
    let filter: CreateMessageFilterRequest =
        serde_json::from_value(json!({"FilterMode": "QUARANTINE"})).unwrap();
    assert_eq!(
        filter.filter_mode,
        Some(FilterMode::Unknown("QUARANTINE".into()))
    );
    assert_eq!(
        serde_json::to_value(&filter).unwrap(),
        json!({"FilterMode": "QUARANTINE"})
    );
}
