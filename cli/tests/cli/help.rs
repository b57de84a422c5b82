//! Help: every operation documents its flags from the manifest, apart from the global options.
//! The snapshots are compared exactly, 100 columns wide.

use super::common::*;

fn help(args: &[&str]) -> String {
    succeeded(&telegent().args(args).arg("--help").output().unwrap())
}

#[test]
fn help_of_messages_send() {
    assert_snapshot("messages-send", &help(&["messages", "send"]));
}

#[test]
fn help_of_numbers_provision_with_choices_and_switches() {
    assert_snapshot("numbers-provision", &help(&["numbers", "provision"]));
}

#[test]
fn help_of_a_paging_operation() {
    assert_snapshot("numbers-list", &help(&["numbers", "list"]));
}

#[test]
fn help_of_an_operation_paged_by_its_body() {
    assert_snapshot(
        "numbers-search-available",
        &help(&["numbers", "search-available"]),
    );
}

#[test]
fn help_of_the_sandbox() {
    assert_snapshot("sandbox", &help(&["sandbox"]));
}

#[test]
fn the_sandbox_has_one_spelling_per_option() {
    let text = help(&["sandbox"]);
    assert_eq!(text.matches("--account-key").count(), 1, "{text}");
    assert_eq!(text.matches("--account-secret").count(), 1, "{text}");
    assert!(
        !text.contains("--key") && !text.contains("--secret"),
        "{text}"
    );
}

#[test]
fn the_summary_is_the_short_help() {
    let out = telegent()
        .args(["messages", "send", "-h"])
        .output()
        .unwrap();
    let text = succeeded(&out);
    assert!(
        text.starts_with("Send Outbound Message (POST /v1.0/message/outbound)\n"),
        "{text}"
    );
    assert!(
        !text.contains("Sends an SMS"),
        "the purpose is for --help: {text}"
    );
}

#[test]
fn help_is_the_same_whatever_the_environment_holds() {
    let plain = help(&["messages", "send"]);
    let out = telegent()
        .env("TELEGENT_ACCOUNT_KEY", "DID-from-env")
        .env("TELEGENT_ACCOUNT_SECRET", "secret-from-env")
        .env("TELEGENT_BASE_URL", "http://127.0.0.1:9")
        .args(["messages", "send", "--help"])
        .output()
        .unwrap();
    assert_eq!(succeeded(&out), plain);
}
