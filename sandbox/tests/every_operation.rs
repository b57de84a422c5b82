//! Every one of the 149 operations answers 200 for a valid request built from the spec's request
//! example, against the sandbox's starting state (the walk is in `common/walk.rs`).

mod common;

use telegent_sandbox::Sandbox;

#[test]
fn every_operation_answers_200_to_its_documented_example() {
    let sandbox = Sandbox::start().unwrap();
    let called = common::walk::every_operation(&sandbox);
    let failures: Vec<String> = called
        .iter()
        .filter_map(|c| c.answer.as_ref().err().map(|e| format!("{}: {e}", c.id)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} operations failed:\n{}",
        failures.len(),
        called.len(),
        failures.join("\n")
    );
    assert_eq!(called.len(), 149);
    println!("operations answering 200: {}", called.len());
}
