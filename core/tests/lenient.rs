//! Lenient decoding, one rule per test: every quirk the spec documents is read, nothing is lost.

use serde_json::{json, Value};
use telegent::lenient::{decode_body, json_in_string};
use telegent::models::*;
use telegent::test_util::Lenient;

fn decode<T: Lenient>(v: Value) -> T {
    T::from_json(v).unwrap_or_else(|v| panic!("rejected {v}"))
}

fn encode<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn booleans_arrive_as_booleans_or_text() {
    let a: Number = decode(json!({"MessageEnabled": true, "VoiceEnabled": "true"}));
    assert_eq!(
        (a.message_enabled, a.voice_enabled),
        (Some(true), Some(true))
    );
    let b: Number = decode(json!({"MessageEnabled": "False"}));
    assert_eq!(b.message_enabled, Some(false));
}

#[test]
fn numbers_arrive_as_numbers_or_numeric_text() {
    let n: Number = decode(json!({"SwapsRemaining": "2"}));
    assert_eq!(n.swaps_remaining, Some(2));
}

#[test]
fn a_number_in_a_text_field_is_read_as_text() {
    let area: AvailableNumbers = decode(json!({"AreaCode": 201}));
    assert_eq!(area.area_code.as_deref(), Some("201"));
}

#[test]
fn the_text_null_means_absent_and_is_sent_back_unchanged() {
    let n: Number = decode(json!({"Cnam": "NULL", "Number": "+1"}));
    assert_eq!(n.cnam, None);
    assert_eq!(encode(&n), json!({"Number": "+1", "Cnam": "NULL"}));
}

#[test]
fn json_null_is_absent_and_sent_back_unchanged() {
    let n: Number = decode(json!({"Iccid": null}));
    assert_eq!(n.iccid, None);
    assert_eq!(encode(&n), json!({"Iccid": null}));
}

#[test]
fn keys_match_whatever_their_case() {
    let a: NumberDetails = decode(json!({"tnid": "TNID-1"}));
    let b: NumberDetails = decode(json!({"TNID": "TNID-1"}));
    assert_eq!(a.tnid, b.tnid);
    assert_eq!(a.tnid.as_deref(), Some("TNID-1"));
}

#[test]
fn unknown_fields_are_kept_and_sent_back() {
    let r: MessageRoute =
        decode(json!({"MessageRouteId": "MRID-1", "BrandNewField": {"x": [1, 2]}}));
    assert_eq!(r.extra["BrandNewField"], json!({"x": [1, 2]}));
    assert_eq!(
        encode(&r),
        json!({"MessageRouteId": "MRID-1", "BrandNewField": {"x": [1, 2]}})
    );
}

#[test]
fn unknown_enum_values_are_kept_verbatim() {
    let f: CreateMessageFilterRequest = decode(json!({"FilterMode": "QUARANTINE"}));
    assert_eq!(
        f.filter_mode,
        Some(FilterMode::Unknown("QUARANTINE".into()))
    );
    assert_eq!(encode(&f)["FilterMode"], json!("QUARANTINE"));
}

#[test]
fn enum_values_match_ignoring_case() {
    assert_eq!(
        FilterMode::from_wire("monitor_only"),
        FilterMode::MonitorOnly
    );
    assert_eq!(FilterMode::MonitorOnly.as_str(), "MONITOR_ONLY");
}

#[test]
fn an_object_inside_a_string_is_read_as_the_object() {
    let a: Address = decode(json!("{\"City\": \"Provo\"}"));
    assert_eq!(a.city.as_deref(), Some("Provo"));
}

#[test]
fn keyword_filter_text_without_its_braces_is_still_json() {
    let text = "\"CustomKeywords\":[\"banned\"],\"SeverityMap\":{\"Word1\":\"HIGH\"}";
    assert_eq!(
        json_in_string(text),
        Some(json!({"CustomKeywords": ["banned"], "SeverityMap": {"Word1": "HIGH"}}))
    );
}

#[test]
fn a_bare_array_body_is_a_list() {
    let filters: Vec<MessageFilter> = decode_body(br#"[{"FilterId": "MFID-1"}]"#).unwrap();
    assert_eq!(filters[0].filter_id.as_deref(), Some("MFID-1"));
}

#[test]
fn an_empty_body_is_an_empty_model() {
    let out: Service = decode_body(b"  ").unwrap();
    assert_eq!(out, Service::default());
}

#[test]
fn a_single_value_where_a_list_belongs_is_a_list_of_one() {
    let m: Message = decode(json!({"To": "+18015550100"}));
    assert_eq!(m.to.unwrap()[0].number.as_deref(), Some("+18015550100"));
}

#[test]
fn a_list_with_an_unreadable_item_is_kept_whole() {
    let n: NumberInventory = decode(json!({"PhoneNumbers": [{"Number": "+1"}, 7]}));
    assert_eq!(n.phone_numbers, None);
    assert_eq!(n.extra["PhoneNumbers"], json!([{"Number": "+1"}, 7]));
}

#[test]
fn a_value_of_the_wrong_shape_is_kept_not_dropped() {
    let n: Number = decode(json!({"SwapsRemaining": {"weird": true}}));
    assert_eq!(n.swaps_remaining, None);
    assert_eq!(encode(&n), json!({"SwapsRemaining": {"weird": true}}));
}

#[test]
fn a_body_of_the_wrong_shape_is_an_error_not_a_panic() {
    let err = decode_body::<MessageRoute>(b"[1,2]").unwrap_err();
    assert!(err.reason.contains("an array"), "{}", err.reason);
    assert!(decode_body::<MessageRoute>(b"{not json").is_err());
}

#[test]
fn an_unset_required_field_is_not_encoded_as_a_made_up_default() {
    assert_eq!(encode(&SendMessageRequest::default()), json!({}));
}

#[test]
fn models_work_with_plain_serde() {
    let route: MessageRoute = serde_json::from_str(r#"{"MessageRouteEnabled": "true"}"#).unwrap();
    assert_eq!(route.message_route_enabled, Some(true));
    assert!(serde_json::from_str::<MessageRoute>("42").is_err());
}

#[test]
fn an_object_whose_keys_are_data_is_a_map() {
    let k: FilterKeywords = decode(json!({"SeverityMap": {"banned": "HIGH", "Word1": "LOW"}}));
    let map = k.severity_map.unwrap();
    assert_eq!(map.get("banned").map(String::as_str), Some("HIGH"));
    assert_eq!(map.len(), 2);
}

// ---- a caller's input is read strictly ----

fn send_input(body: Value) -> telegent::Result<SendMessageRequest> {
    telegent::test_util::input("messages.send", "body", Some(body))
}

#[test]
fn input_with_every_required_field_is_accepted() {
    let request = send_input(
        json!({"From": "+18018018011", "To": [{"Number": "+18015550100"}], "Body": "hi"}),
    )
    .unwrap();
    assert_eq!(request.body.as_deref(), Some("hi"));
}

#[test]
fn input_missing_a_required_field_names_it() {
    let err = send_input(json!({"From": "+18018018011", "To": []})).unwrap_err();
    assert_eq!(err.kind(), telegent::ErrorKind::InvalidInput);
    assert!(
        err.message().contains("missing required field(s): Body"),
        "{err}"
    );
}

#[test]
fn input_recipients_may_be_bare_numbers() {
    let request = send_input(json!({"From": "+1", "To": ["+18015550100"], "Body": "hi"})).unwrap();
    assert_eq!(
        request.to.unwrap()[0].number.as_deref(),
        Some("+18015550100")
    );
}

#[test]
fn input_of_the_wrong_type_is_refused_not_coerced() {
    let err = send_input(json!({"From": "+1", "To": [], "Body": true})).unwrap_err();
    assert!(err.message().contains("Body"), "{err}");
}

#[test]
fn input_numeric_text_for_a_number_field_is_accepted_when_nothing_is_lost() {
    let params: SearchMessageParams =
        telegent::test_util::input("messages.search", "params", Some(json!({"Page": "2"})))
            .unwrap();
    assert_eq!(params.page, Some(2));
}

#[test]
fn input_an_explicit_null_is_kept_to_clear_a_field() {
    let body: UpdateMessageRouteRequest = telegent::test_util::input(
        "message_routes.update",
        "body",
        Some(json!({"MessageRouteId": "MRID-1", "CallbackMessageUrl": null})),
    )
    .unwrap();
    assert_eq!(encode(&body)["CallbackMessageUrl"], Value::Null);
}

fn route_input(body: Value) -> telegent::Result<CreateMessageRouteRequest> {
    telegent::test_util::input("message_routes.create", "body", Some(body))
}

#[test]
fn input_enum_values_in_another_case_are_sent_in_the_spec_spelling() {
    let route = route_input(
        json!({"RouteName": "r", "MessageUrl": "https://x", "MessageUrlMethod": "post"}),
    )
    .unwrap();
    assert_eq!(encode(&route)["MessageUrlMethod"], "POST");
}

#[test]
fn input_an_empty_choice_is_sent_back_verbatim() {
    let route = route_input(json!({"RouteName": "r", "MessageUrl": "https://x", "MessageUrlMethod": "POST", "MessageAuthenticationType": ""})).unwrap();
    assert_eq!(encode(&route)["MessageAuthenticationType"], "");
}

#[test]
fn input_the_text_null_in_a_required_text_field_is_sent_as_given() {
    let request =
        send_input(json!({"From": "+1", "To": ["+18015550100"], "Body": "NULL"})).unwrap();
    assert_eq!(encode(&request)["Body"], "NULL");
}

#[test]
fn input_a_wrong_type_inside_a_required_nested_model_is_refused() {
    let err = telegent::test_util::input::<CreatePortInRequest>(
        "numbers.port_ins.create",
        "body",
        Some(json!({"CurrentBillingAddress": {"City": ["x"]}})),
    )
    .unwrap_err();
    assert!(
        err.message().contains("CurrentBillingAddress.City"),
        "{err}"
    );
}

#[test]
fn input_a_number_too_long_for_exact_text_is_refused() {
    let body = json!({"From": "+1", "To": ["+18015550100"], "Body": 89012116777740607321u128.to_string().parse::<f64>().unwrap()});
    let err = send_input(body).unwrap_err();
    assert!(err.message().contains("Body"), "{err}");
}

#[test]
fn input_a_decimal_number_for_a_text_field_is_sent_as_its_text() {
    let request = send_input(json!({"From": "+1", "To": ["+18015550100"], "Body": 9.99})).unwrap();
    assert_eq!(request.body.as_deref(), Some("9.99"));
}
