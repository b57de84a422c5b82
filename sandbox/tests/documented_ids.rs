//! Every id the sandbox answers with carries the prefix its operation's 200 example shows
//! (`PhoneNumberId: "NID-…"` for a provisioned number), so code written against the docs'
//! examples sees the same shapes from the sandbox.

mod common;

use serde_json::Value;
use std::collections::HashSet;
use telegent_sandbox::Sandbox;

/// Where the docs contradict themselves, one id cannot match both examples. Each entry names the
/// operation and field, the prefix the sandbox answers there instead, and the example it follows.
/// Every entry must still be needed: the test fails on one that no answer uses.
const CONTRADICTIONS: &[(&str, &str, &str, &str)] = &[
    // A number's id: provisioning and subscriptions show NID-, number details alone TNID-.
    (
        "numbers.get",
        "TNID",
        "NID",
        "numbers.provision answers PhoneNumberId NID-",
    ),
    // Workgroups: create and update show WID-, get, list and delete WG-.
    (
        "workgroups.get",
        "WorkgroupId",
        "WID",
        "workgroups.create answers WID-",
    ),
    (
        "workgroups.list",
        "Workgroups[].WorkgroupId",
        "WID",
        "workgroups.create answers WID-",
    ),
    // The schedule example's AccountId shows DID-; every account example shows AID-.
    (
        "schedules.create",
        "AccountId",
        "AID",
        "accounts.get answers AID-",
    ),
];

/// `NID` for `NID-8bdf…`: the upper-case letters before the first dash, if there are any.
fn prefix(value: &str) -> Option<&str> {
    let (head, _) = value.split_once('-')?;
    (!head.is_empty() && head.bytes().all(|b| b.is_ascii_uppercase())).then_some(head)
}

fn is_id_field(key: &str) -> bool {
    key.ends_with("Id") || key.ends_with("ID")
}

/// Every text value of the docs' request examples: the walk sends these, and the sandbox's
/// starting state holds records named by them, so answering one is echoing the docs, not an id
/// the sandbox made.
fn docs_values(spec: &Value) -> HashSet<String> {
    fn collect(v: &Value, out: &mut HashSet<String>) {
        match v {
            Value::String(s) => {
                out.insert(s.clone());
            }
            Value::Array(items) => items.iter().for_each(|x| collect(x, out)),
            Value::Object(m) => m.values().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    let mut out = HashSet::new();
    for op in spec["operations"].as_array().unwrap() {
        collect(&op["request_example"], &mut out);
    }
    out
}

/// Walks the example and the answer side by side and reports each id field whose prefix
/// differs. A list in the answer is checked item by item against the example's first item, the
/// one the sandbox renders lists from.
fn compare(path: &str, example: &Value, answer: &Value, out: &mut Vec<(String, String, String)>) {
    match (example, answer) {
        (Value::Object(ex), Value::Object(an)) => {
            for (key, ex_value) in ex {
                let Some(an_value) = an.get(key) else {
                    continue;
                };
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if let (true, Value::String(e), Value::String(a)) =
                    (is_id_field(key), ex_value, an_value)
                {
                    if let Some(want) = prefix(e) {
                        if !a.is_empty() {
                            out.push((here.clone(), want.to_string(), a.clone()));
                        }
                    }
                }
                compare(&here, ex_value, an_value, out);
            }
        }
        (Value::Array(ex), Value::Array(an)) => {
            if let Some(first) = ex.first() {
                for item in an {
                    compare(&format!("{path}[]"), first, item, out);
                }
            }
        }
        _ => {}
    }
}

fn example_200(op: &Value) -> Option<&Value> {
    op["responses"]["200"]["examples"]
        .as_object()
        .and_then(|m| m.values().next())
}

#[test]
fn every_id_the_sandbox_answers_carries_its_operations_documented_prefix() {
    let sandbox = Sandbox::start().unwrap();
    let spec = common::walk::spec();
    let from_docs = docs_values(&spec);
    let mut checked = 0;
    let mut drift = Vec::new();
    let mut used = HashSet::new();
    for called in common::walk::every_operation(&sandbox) {
        let (Some(example), Ok(answer)) = (example_200(&called.op), &called.answer) else {
            continue;
        };
        let mut ids = Vec::new();
        compare("", example, answer, &mut ids);
        for (field, want, value) in ids {
            if from_docs.contains(&value) {
                continue;
            }
            checked += 1;
            let got = prefix(&value).unwrap_or("");
            if got == want {
                continue;
            }
            match CONTRADICTIONS
                .iter()
                .position(|(op, f, p, _)| *op == called.id && *f == field && *p == got)
            {
                Some(i) => {
                    used.insert(i);
                }
                None => drift.push(format!(
                    "{} {field}: {value} (documented {want}-)",
                    called.id
                )),
            }
        }
    }
    assert!(
        drift.is_empty(),
        "ids with another prefix than their operation's 200 example:\n{}",
        drift.join("\n")
    );
    assert!(checked > 50, "only {checked} ids were checked");
    let unused: Vec<_> = (0..CONTRADICTIONS.len())
        .filter(|i| !used.contains(i))
        .map(|i| CONTRADICTIONS[i])
        .collect();
    assert!(
        unused.is_empty(),
        "contradictions no answer needs: {unused:?}"
    );
    println!("ids checked against their examples: {checked}");
}
