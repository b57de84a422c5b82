//! Every example in the spec goes through the typed models: request examples encode to exactly
//! the example JSON; every 200 example decodes and encodes back to the same JSON, up to the
//! documented normalisations (see `lenient.rs`).

mod common;

use common::{same_json, spec};
use serde_json::Value;

fn operations() -> Vec<(String, Value)> {
    let spec = spec();
    let ops = spec["operations"].as_array().unwrap().clone();
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/operations.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let ids: Vec<String> = manifest["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    ids.into_iter().zip(ops).collect()
}

#[test]
fn every_request_example_encodes_to_exactly_the_example() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (id, op) in operations() {
        let example = &op["request_example"];
        if example.is_null() || !op["request"].is_object() {
            continue;
        }
        match telegent::test_util::roundtrip_request(&id, example.clone())
            .expect("operation has a request type")
        {
            Ok(encoded) if &encoded == example => {}
            Ok(encoded) => failures.push(format!("{id}: encodes to {encoded}")),
            Err(v) => failures.push(format!("{id}: rejected {v}")),
        }
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "request examples that do not encode exactly:\n{}",
        failures.join("\n")
    );
    println!("request examples encoded exactly: {checked}");
    assert_eq!(checked, 83, "operations with a request body example");
}

#[test]
fn every_response_example_decodes_and_encodes_back() {
    let mut operations_checked = 0;
    let mut examples_checked = 0;
    let mut failures = Vec::new();
    for (id, op) in operations() {
        let Some(examples) = op["responses"]["200"]["examples"]
            .as_object()
            .filter(|m| !m.is_empty())
        else {
            continue;
        };
        for (name, example) in examples {
            match telegent::test_util::roundtrip_response(&id, example.clone())
                .expect("known operation")
            {
                Ok(encoded) => {
                    if let Err(diff) = same_json(example, &encoded, &id) {
                        failures.push(format!("{id}/{name}: {diff}"));
                    }
                }
                Err(v) => failures.push(format!("{id}/{name}: rejected {v}")),
            }
            examples_checked += 1;
        }
        operations_checked += 1;
    }
    assert!(
        failures.is_empty(),
        "examples that do not survive decode + encode:\n{}",
        failures.join("\n")
    );
    println!("operations with 200 examples round-tripped: {operations_checked} ({examples_checked} examples)");
    assert_eq!(operations_checked, 138);
}

#[test]
fn response_examples_fill_typed_fields_not_just_extra() {
    // A decoder that put everything into `extra` would pass the round trip; this proves every
    // example value lands in a typed field. Null values (`null`, `"NULL"`, `""` where text does
    // not belong) are their field, absent, and recorded in `nulls`: never left in `extra`.
    let mut failures = Vec::new();
    for (id, op) in operations() {
        let Some(examples) = op["responses"]["200"]["examples"].as_object() else {
            continue;
        };
        for example in examples.values() {
            let unread = telegent::test_util::unread_response_fields(&id, example.clone()).unwrap();
            if unread > 0 {
                failures.push(format!("{id}: {unread} values left in extra"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
