//! Webhook parsing and credential checks through the binding layer.

use telegent_ffi::webhooks::{parse, verify, Credentials};

#[test]
fn an_inbound_message_is_parsed_into_wire_named_json() {
    let body = br#"{"Message_ID":"M1","Owner":"+18015550100","To":"+18015550100","From":"+18015550199","Message_Body":"hi","Segment":1}"#;
    let parsed = parse("inbound_message", body).unwrap();
    assert_eq!(parsed["Message_Body"], "hi");
}

#[test]
fn an_unknown_kind_is_invalid_input() {
    assert_eq!(parse("sms", b"{}").unwrap_err().kind, "invalid_input");
}

#[test]
fn invalid_utf8_is_invalid_input_not_a_panic() {
    let e = parse("event", &[0xff, 0xfe, 0x00]).unwrap_err();
    assert_eq!(e.kind, "invalid_input");
    assert!(e.message.contains("UTF-8"), "{}", e.message);
}

#[test]
fn basic_credentials_are_checked() {
    let credentials = Credentials {
        username: Some("u".into()),
        password: Some("p".into()),
        token: None,
    };
    assert!(verify(Some("Basic dTpw"), credentials.clone()).unwrap());
    assert!(!verify(Some("Basic dTpx"), credentials).unwrap());
}

#[test]
fn credentials_of_both_kinds_at_once_are_refused() {
    let both = Credentials {
        username: Some("u".into()),
        password: Some("p".into()),
        token: Some("t".into()),
    };
    assert_eq!(verify(None, both).unwrap_err().kind, "invalid_input");
}

#[test]
fn credentials_never_show_in_their_debug_text() {
    let credentials = Credentials {
        username: Some("u".into()),
        password: Some("hunter2".into()),
        token: Some("tok-123".into()),
    };
    let text = format!("{credentials:?}");
    assert!(
        !text.contains("hunter2") && !text.contains("tok-123"),
        "{text}"
    );
}
