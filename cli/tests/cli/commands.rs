//! Commands end to end: the quick start, operations against a sandbox, the sandbox itself.

use super::common::*;
use telegent_sandbox::Sandbox;

#[test]
fn quickstart_runs_against_an_embedded_sandbox_and_prints_the_message_id() {
    let out = telegent().arg("quickstart").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("embedded sandbox"), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Quick start complete"))
        .expect("closing line");
    assert!(line.contains("message TMID-"), "{line}");
}

#[test]
fn a_bad_flag_is_a_clear_error() {
    let out = telegent()
        .args(["numbers", "get", "--no-such-flag"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--no-such-flag"), "{stderr}");
}

#[test]
fn an_operation_without_credentials_says_how_to_get_them() {
    let out = telegent().args(["numbers", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TELEGENT_ACCOUNT_KEY"));
}

#[test]
fn an_operation_prints_its_answer_as_json() {
    let sandbox = Sandbox::start().unwrap();
    let args = [
        "message-routes",
        "create",
        "--route-name",
        "Main",
        "--message-url",
        "https://example.com/in",
        "--message-url-method",
        "POST",
    ];
    let answer = printed(&against(&sandbox, &args));
    assert_eq!(answer["RouteName"], "Main");
    assert!(answer["MessageRouteId"]
        .as_str()
        .unwrap()
        .starts_with("MRID-"));
}

#[test]
fn an_api_error_prints_the_message_and_fails() {
    let sandbox = Sandbox::start().unwrap();
    let out = against(
        &sandbox,
        &["messages", "get", "--message-id", "TMID-missing"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Not found"));
}

#[test]
fn all_pages_prints_every_item() {
    let sandbox = Sandbox::start().unwrap();
    let before = sandbox
        .blocking_client()
        .unwrap()
        .call_json_all("numbers.list", None)
        .unwrap()
        .count();
    let items = printed(&against(&sandbox, &["numbers", "list", "--all-pages"]));
    assert_eq!(items.as_array().map(Vec::len), Some(before));
    assert!(before > 10, "the fixtures hold more than one page");
}

#[test]
fn all_pages_walks_an_operation_paged_by_its_body() {
    let sandbox = Sandbox::start().unwrap();
    let args = [
        "numbers",
        "search-available",
        "--number-type",
        "mobile",
        "--message-enabled",
        "--no-voice-enabled",
        "--all-pages",
    ];
    let items = printed(&against(&sandbox, &args));
    let items = items.as_array().expect("a list of areas");
    assert_eq!(items.len(), 35, "the sandbox offers 35 areas, 10 a page");
    assert!(items.iter().all(|a| a["NGP"].is_string()));
}

#[test]
fn a_json_body_and_flags_combine() {
    let sandbox = Sandbox::start().unwrap();
    let args = [
        "voice-routes",
        "create",
        "--json",
        r#"{"RouteName": "from json", "RouteType": "Trunk"}"#,
        "--trunk1-priority",
        "3",
    ];
    let answer = printed(&against(&sandbox, &args));
    assert_eq!(
        (
            answer["RouteName"].as_str(),
            answer["Trunk1Priortiy"].as_i64()
        ),
        (Some("from json"), Some(3))
    );
}

/// The first lines `telegent sandbox <args>` prints, the sandbox then stopped.
fn sandbox_banner(cmd: &mut std::process::Command, args: &[&str]) -> Vec<String> {
    use std::io::{BufRead, BufReader};
    let mut child = cmd
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lines: Vec<String> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .take(4)
        .map(Result::unwrap)
        .collect();
    child.kill().unwrap();
    let _ = child.wait();
    lines
}

#[test]
fn the_sandbox_accepts_the_credentials_it_is_given() {
    let lines = sandbox_banner(
        &mut telegent(),
        &[
            "sandbox",
            "--port",
            "0",
            "--account-key",
            "DID-mine",
            "--account-secret",
            "my-secret",
        ],
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim() == "TELEGENT_ACCOUNT_KEY=DID-mine"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim() == "TELEGENT_ACCOUNT_SECRET=my-secret"),
        "{lines:?}"
    );
}

#[test]
fn the_sandbox_still_takes_the_former_spellings_key_and_secret() {
    let lines = sandbox_banner(
        &mut telegent(),
        &[
            "sandbox",
            "--port",
            "0",
            "--key",
            "DID-old",
            "--secret",
            "old-secret",
        ],
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim() == "TELEGENT_ACCOUNT_KEY=DID-old"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim() == "TELEGENT_ACCOUNT_SECRET=old-secret"),
        "{lines:?}"
    );
}

#[test]
fn the_sandbox_takes_but_does_not_print_a_secret_from_the_environment() {
    let lines = sandbox_banner(
        telegent()
            .env("TELEGENT_ACCOUNT_KEY", "DID-env")
            .env("TELEGENT_ACCOUNT_SECRET", "secret-from-env"),
        &["sandbox", "--port", "0"],
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim() == "TELEGENT_ACCOUNT_KEY=DID-env"),
        "{lines:?}"
    );
    assert!(!lines.concat().contains("secret-from-env"), "{lines:?}");
}

#[test]
fn quickstart_live_without_credentials_is_refused() {
    let out = telegent()
        .args(["quickstart", "--live", "--to", "+18015550199"])
        .args(["--base-url", "http://127.0.0.1:9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--live needs credentials"), "{stderr}");
}

#[test]
fn quickstart_with_credentials_but_without_live_never_touches_that_account() {
    let account = Sandbox::start().unwrap();
    let out = against(&account, &["quickstart"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("--live"), "{stdout}");
    assert!(stdout.contains("Quick start complete"), "{stdout}");
    for op in [
        "message_routes.create",
        "numbers.provision",
        "messages.send",
    ] {
        assert_eq!(
            account.executions(op),
            0,
            "{op} ran on the configured account"
        );
    }
}

#[test]
fn quickstart_live_needs_the_recipient_named() {
    let account = Sandbox::start().unwrap();
    let out = against(&account, &["quickstart", "--live"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--to"));
    assert_eq!(account.executions("numbers.provision"), 0);
}

#[test]
fn quickstart_live_says_what_it_will_do_then_sends_one_message_to_the_named_number() {
    let account = Sandbox::start().unwrap();
    let out = against(&account, &["quickstart", "--live", "--to", "+18015550199"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.contains("LIVE") && first.contains("buys"), "{first}");
    assert!(first.contains("+18015550199"), "{first}");
    assert_eq!(account.executions("numbers.provision"), 1);
    assert_eq!(account.executions("messages.send"), 1);
    assert!(stdout.contains("To: [+18015550199]"), "{stdout}");
}

#[test]
fn output_closed_early_ends_the_program_without_a_panic() {
    use std::io::{BufRead, BufReader};
    let mut child = telegent()
        .arg("quickstart")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!first.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn all_pages_starts_at_the_page_number_it_is_given() {
    let sandbox = Sandbox::start().unwrap();
    let every = printed(&against(&sandbox, &["numbers", "list", "--all-pages"]));
    let every = every.as_array().expect("a list of numbers");
    assert!(
        every.len() > 10,
        "the fixtures hold more than one page of 10"
    );
    let from_two = printed(&against(
        &sandbox,
        &["numbers", "list", "--all-pages", "--page-number", "2"],
    ));
    assert_eq!(from_two.as_array().map(Vec::as_slice), Some(&every[10..]));
}

#[test]
fn a_lookup_without_the_id_it_needs_is_refused_before_sending() {
    let sandbox = Sandbox::start().unwrap();
    let out = against(&sandbox, &["messages", "get"]);
    assert_eq!(out.status.code(), Some(2), "refused as invalid input");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("missing required field(s): MessageId"),
        "{stderr}"
    );
}

#[test]
fn all_pages_refuses_a_start_page_that_is_not_a_page_number() {
    let sandbox = Sandbox::start().unwrap();
    let out = against(
        &sandbox,
        &["numbers", "list", "--all-pages", "--page-number", "0"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PageNumber"));
}
