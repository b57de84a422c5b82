//! Flags reach the wire as the API wants them: switches, repeated lists, choices; and the
//! limits of a call (`--timeout`, `--deadline`, `--max-retries`) apply.

use super::common::*;
use serde_json::json;
use std::time::{Duration, Instant};
use telegent_sandbox::Sandbox;

/// A provisioning command without its two required switches.
const PROVISION: [&str; 8] = [
    "numbers",
    "provision",
    "--number-type",
    "mvno",
    "--message-type",
    "p2p",
    "--product-type",
    "Sms+Data",
];

#[test]
fn a_switch_sends_true_and_its_no_form_sends_false() {
    let request = sent(&[&PROVISION[..], &["--message-enabled", "--no-voice-enabled"]].concat());
    assert_eq!(request.body["MessageEnabled"], json!(true));
    assert_eq!(request.body["VoiceEnabled"], json!(false));
}

#[test]
fn a_switch_left_out_is_not_sent() {
    let request = sent(&[&PROVISION[..], &["--message-enabled", "--voice-enabled"]].concat());
    let body = request.body.as_object().unwrap();
    assert!(!body.contains_key("DataEnabled"), "{body:?}");
}

#[test]
fn the_last_of_a_switch_and_its_no_form_wins() {
    let request = sent(
        &[
            &PROVISION[..],
            &[
                "--voice-enabled",
                "--message-enabled",
                "--no-message-enabled",
            ],
        ]
        .concat(),
    );
    assert_eq!(request.body["MessageEnabled"], json!(false));
}

#[test]
fn a_switch_takes_no_value() {
    let out = telegent()
        .args([&PROVISION[..], &["--message-enabled", "true"]].concat())
        .output()
        .unwrap();
    assert!(refused(&out).contains("'true'"));
}

#[test]
fn a_repeated_list_flag_sends_every_item_in_order() {
    let request = sent(&[
        "messages",
        "send",
        "--from",
        "+18015550100",
        "--body",
        "hi",
        "--to",
        "+18015550101",
        "--to",
        "+18015550102",
    ]);
    assert_eq!(request.line, "POST /v1.0/message/outbound HTTP/1.1");
    assert_eq!(
        request.body["To"],
        json!([{"Number": "+18015550101"}, {"Number": "+18015550102"}])
    );
}

#[test]
fn a_list_flag_also_takes_json_items_and_arrays() {
    let request = sent(&[
        "messages",
        "send",
        "--from",
        "+18015550100",
        "--body",
        "hi",
        "--to",
        r#"{"Number": "+18015550101"}"#,
        "--to",
        r#"["+18015550102", {"Number": "+18015550103"}]"#,
    ]);
    assert_eq!(
        request.body["To"],
        json!([{"Number": "+18015550101"}, {"Number": "+18015550102"}, {"Number": "+18015550103"}])
    );
}

#[test]
fn a_list_of_text_repeats_and_is_sent_as_an_array_of_text() {
    let request = sent(&[
        "guardian",
        "message-filters",
        "create",
        "--subscriber-id",
        "TSUID-1",
        "--phone",
        "+18015550100",
        "--filter-mode",
        "active",
        "--blocked-contacts",
        "+18015550101",
        "--blocked-contacts",
        "+18015550102, ext 3",
    ]);
    assert_eq!(
        request.body["BlockedContacts"],
        json!(["+18015550101", "+18015550102, ext 3"])
    );
}

#[test]
fn a_choice_is_taken_in_any_case_and_sent_as_the_api_spells_it() {
    let request = sent(&[
        "numbers",
        "provision",
        "--number-type",
        "MVNO",
        "--message-type",
        "P2P",
        "--product-type",
        "sms+data",
        "--message-enabled",
        "--voice-enabled",
    ]);
    assert_eq!(request.body["NumberType"], json!("mvno"));
    assert_eq!(request.body["MessageType"], json!("p2p"));
    assert_eq!(request.body["ProductType"], json!("Sms+Data"));
}

#[test]
fn a_value_that_is_not_a_choice_is_refused_with_the_choices() {
    let out = telegent()
        .args(["numbers", "provision", "--number-type", "landline"])
        .output()
        .unwrap();
    let said = refused(&out);
    assert!(said.contains("mobile, mvno, iot"), "{said}");
}

#[test]
fn an_integer_flag_is_sent_as_a_number() {
    let request = sent(&[
        "numbers",
        "list",
        "--page-number",
        "2",
        "--filter",
        "Active",
    ]);
    assert!(
        request.line.starts_with("GET /v1.0/numbers/inventory?"),
        "{}",
        request.line
    );
    assert!(request.line.contains("PageNumber=2"), "{}", request.line);
    assert!(request.line.contains("Filter=Active"), "{}", request.line);
}

#[test]
fn an_integer_flag_refuses_text() {
    let out = telegent()
        .args(["numbers", "list", "--page-number", "two"])
        .output()
        .unwrap();
    assert!(refused(&out).contains("--page-number"));
}

#[test]
fn the_token_call_takes_the_credentials_of_the_global_options() {
    let request = sent(&["tokens", "create"]);
    assert_eq!(request.body["AccountKey"], json!("DID-key"));
    assert_eq!(request.body["AccountSecret"], json!("secret"));
}

#[test]
fn timeout_takes_fractions_of_a_second() {
    let sandbox = Sandbox::start().unwrap();
    fault(&sandbox, "/v1.0/numbers/inventory", |f| {
        f.delay_ms = Some(3000)
    });
    let started = Instant::now();
    let out = against(
        &sandbox,
        &["numbers", "list", "--timeout", "0.5", "--max-retries", "0"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
    assert!(started.elapsed() < Duration::from_millis(2500));
}

#[test]
fn deadline_bounds_the_whole_call_even_below_the_timeout_of_one_attempt() {
    let sandbox = Sandbox::start().unwrap();
    fault(&sandbox, "/v1.0/numbers/inventory", |f| {
        f.delay_ms = Some(3000)
    });
    let started = Instant::now();
    let out = against(
        &sandbox,
        &["numbers", "list", "--timeout", "10", "--deadline", "0.5"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
    assert!(started.elapsed() < Duration::from_millis(2500));
}

#[test]
fn a_failed_attempt_is_retried_by_default() {
    let sandbox = Sandbox::start().unwrap();
    fault(&sandbox, "/v1.0/numbers/inventory", |f| {
        f.status = Some(503)
    });
    succeeded(&against(&sandbox, &["numbers", "list"]));
}

#[test]
fn max_retries_0_gives_up_after_the_first_failed_attempt() {
    let sandbox = Sandbox::start().unwrap();
    fault(&sandbox, "/v1.0/numbers/inventory", |f| {
        f.status = Some(503)
    });
    let out = against(&sandbox, &["numbers", "list", "--max-retries", "0"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("503"), "{}", stderr(&out));
}

#[test]
fn limits_come_from_the_environment_too() {
    let sandbox = Sandbox::start().unwrap();
    fault(&sandbox, "/v1.0/numbers/inventory", |f| {
        f.status = Some(503)
    });
    let out = telegent_for(&sandbox)
        .env("TELEGENT_MAX_RETRIES", "0")
        .args(["numbers", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn a_limit_that_is_not_a_number_is_refused_naming_its_variable() {
    let out = telegent()
        .env("TELEGENT_TIMEOUT", "soon")
        .args([
            "numbers",
            "list",
            "--account-key",
            "k",
            "--account-secret",
            "s",
        ])
        .output()
        .unwrap();
    assert!(refused(&out).contains("TELEGENT_TIMEOUT"));
}
