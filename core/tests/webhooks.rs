//! Webhook payloads parse leniently; webhook credentials are checked exactly.

use telegent::webhooks::{parse_delivery_report, parse_event, parse_inbound_message, WebhookAuth};
use telegent::ErrorKind;

#[test]
fn an_inbound_message_parses_from_json() {
    let m = parse_inbound_message(br#"{"Message_ID":"TMID-1","Owner":"+18018018011","To":"+18018018011","From":"+12016093801","Message_Body":"hi","Segment":"1"}"#).unwrap();
    assert_eq!(m.message_id.as_deref(), Some("TMID-1"));
    assert_eq!(m.to, Some(vec!["+18018018011".to_string()]));
    assert_eq!(m.message_body.as_deref(), Some("hi"));
    assert_eq!(m.segment, Some(1));
}

#[test]
fn an_inbound_message_parses_from_a_form() {
    let m =
        parse_inbound_message(b"Message_ID=TMID-2&From=%2B12016093801&Message_Body=hello+there")
            .unwrap();
    assert_eq!(m.from.as_deref(), Some("+12016093801"));
    assert_eq!(m.message_body.as_deref(), Some("hello there"));
}

#[test]
fn a_delivery_report_keeps_fields_it_does_not_know() {
    let r = parse_delivery_report(br#"{"MessageId":"TMID-1","Status":"Delivered","Carrier":"X"}"#)
        .unwrap();
    assert_eq!(r.status.as_deref(), Some("Delivered"));
    assert_eq!(r.extra["Carrier"], "X");
}

#[test]
fn an_event_names_its_kind() {
    let e = parse_event(br#"{"Event":"New_SMS","AccountId":"AID-1","Data":{"x":1}}"#).unwrap();
    assert_eq!(e.event.as_deref(), Some("New_SMS"));
}

#[test]
fn garbage_is_an_invalid_input_error() {
    for body in [&b""[..], b"\xff\xfe", b"[1,2]", b"{broken", b"just text"] {
        let err = parse_inbound_message(body).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }
}

#[test]
fn basic_credentials_are_verified() {
    let auth = WebhookAuth::Basic {
        username: "admin".into(),
        password: "pw".into(),
    };
    assert!(auth.verify(Some("Basic YWRtaW46cHc=")));
    assert!(!auth.verify(Some("Basic YWRtaW46eHg=")));
    assert!(!auth.verify(Some("Bearer YWRtaW46cHc=")));
    assert!(!auth.verify(None));
}

#[test]
fn bearer_credentials_are_verified() {
    let auth = WebhookAuth::Bearer {
        token: "t0k3n".into(),
    };
    assert!(auth.verify(Some("Bearer t0k3n")));
    assert!(!auth.verify(Some("Bearer t0k3")));
    assert!(!format!("{auth:?}").contains("t0k3n"));
}
