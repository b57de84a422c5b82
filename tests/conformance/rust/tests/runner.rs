//! The runner itself: it passes the suite's own cases and fails every kind of wrong expectation.

use serde_json::{json, Value};
use telegent_conformance::case::{self, Case};
use telegent_conformance::runner::{run, Target};
use telegent_sandbox::Sandbox;

struct Fixture {
    _sandbox: Sandbox,
    target: Target,
}

fn fixture() -> Fixture {
    let sandbox = Sandbox::start().unwrap();
    let target = Target::new(
        &sandbox.base_url(),
        sandbox.account_key(),
        sandbox.account_secret(),
    )
    .unwrap();
    Fixture {
        _sandbox: sandbox,
        target,
    }
}

fn case_named(name: &str) -> Case {
    let all = case::load(&telegent_conformance::cases_dir()).unwrap();
    all.into_iter()
        .map(|(_, c)| c)
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

fn mutate(c: &Case, change: impl FnOnce(&mut Value)) -> Case {
    let mut v = serde_json::to_value(c).unwrap();
    change(&mut v);
    serde_json::from_value(v).unwrap()
}

const WIRE: &str = "lenient: a boolean as text is read as a boolean";
const ERROR: &str = "errors: HTTP 404 is not_found";
const FLOW: &str = "billing: products";

#[test]
fn the_suite_cases_pass_as_written() {
    let f = fixture();
    for name in [WIRE, ERROR, FLOW] {
        run(&f.target, &case_named(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn a_wrong_field_value_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(WIRE), |v| {
        v["outcome"]["result"]["MessageRouteEnabled"] = json!(false)
    });
    let why = run(&f.target, &wrong).unwrap_err();
    assert!(why.contains("result differs"), "{why}");
}

#[test]
fn a_wrong_error_kind_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(ERROR), |v| {
        v["outcome"]["error"]["kind"] = json!("conflict")
    });
    let why = run(&f.target, &wrong).unwrap_err();
    assert!(why.contains("kind not_found (expected conflict)"), "{why}");
}

#[test]
fn a_wrong_expected_request_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(WIRE), |v| {
        v["exchanges"][0]["expect"]["query"]["MessageRouteId"] = json!("MRID-2")
    });
    let why = run(&f.target, &wrong).unwrap_err();
    assert!(why.contains("expected query"), "{why}");
}

#[test]
fn a_request_that_was_never_made_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(WIRE), |v| {
        let first = v["exchanges"][0].clone();
        v["exchanges"].as_array_mut().unwrap().push(first);
    });
    let why = run(&f.target, &wrong).unwrap_err();
    assert!(why.contains("never made"), "{why}");
}

#[test]
fn a_wrong_flow_expectation_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(FLOW), |v| {
        v["steps"][1]["expect"]["result_contains"]["SKU"] = json!("OTHER")
    });
    let why = run(&f.target, &wrong).unwrap_err();
    assert!(why.contains("step 2"), "{why}");
}

#[test]
fn an_expected_error_that_does_not_happen_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(WIRE), |v| {
        v["outcome"] = json!({"error": {"kind": "server"}})
    });
    assert!(run(&f.target, &wrong)
        .unwrap_err()
        .contains("expected a server error"));
}

#[test]
fn the_suite_has_the_promised_size() {
    let all = case::load(&telegent_conformance::cases_dir()).unwrap();
    let wire = all
        .iter()
        .filter(|(_, c)| matches!(c, Case::Wire(_)))
        .count();
    let flows = all.len() - wire;
    assert!(wire >= 149 + 60, "{wire} wire cases");
    assert!(flows >= 40, "{flows} flow cases");
}

#[test]
fn a_request_after_the_script_ran_out_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(WIRE), |v| v["exchanges"] = json!([]));
    let why = run(&f.target, &wrong).unwrap_err();
    assert!(why.contains("the script is empty"), "{why}");
}

#[test]
fn a_body_where_none_is_expected_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(WIRE), |v| {
        v["exchanges"][0]["expect"]["body"] = json!({"MessageRouteId": "MRID-1"})
    });
    let why = run(&f.target, &wrong).unwrap_err();
    assert!(why.contains("expected body"), "{why}");
}

#[test]
fn a_reference_to_nothing_saved_fails_the_case() {
    let f = fixture();
    let wrong = mutate(&case_named(FLOW), |v| {
        v["steps"][1]["expect"]["result_contains"]["SKU"] = json!("${nothing.SKU}")
    });
    let why = run(&f.target, &wrong).unwrap_err();
    assert!(why.contains("names nothing saved"), "{why}");
}

fn load_one(case: Value) -> Result<Vec<(std::path::PathBuf, Case)>, String> {
    let dir = std::env::temp_dir().join(format!(
        "telegent-conformance-load-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("case.json"), case.to_string()).unwrap();
    let loaded = case::load(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    loaded
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[test]
fn an_outcome_that_expects_nothing_is_refused_when_loading() {
    let mut c = serde_json::to_value(case_named(WIRE)).unwrap();
    c["outcome"] = json!({});
    let why = load_one(c).unwrap_err();
    assert!(why.contains("an outcome needs"), "{why}");
}

#[test]
fn a_wire_case_without_exchanges_is_refused_when_loading_unless_refused_before_sending() {
    let mut c = serde_json::to_value(case_named(WIRE)).unwrap();
    c["exchanges"] = json!([]);
    let why = load_one(c.clone()).unwrap_err();
    assert!(why.contains("needs exchanges"), "{why}");
    c["outcome"] = json!({"error": {"kind": "invalid_input"}});
    assert!(load_one(c).is_ok());
}
