//! Wire cases derived from the spec: one per operation, from its request example (or a minimal
//! valid request) and its 200 example (or, where the spec has none, an answer built from the
//! response schema or borrowed from an operation answering the same type). Their expected results are the 200 example after the
//! SDK's documented normalisations, as the core computes them; a change in decoding therefore
//! shows up as drift in `conformance generate --check`, for review.

use crate::case::{Case, Input, Outcome, WireCase};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

static SPEC: &str = include_str!("../../../../spec/telegent-api.json");
static MANIFEST: &str = include_str!("../../../../spec/operations.json");

/// A plausible value for a query parameter, by its name and type.
fn param_value(name: &str, kind: &str, allowed: Option<&Vec<Value>>) -> Value {
    if let Some(first) = allowed.and_then(|a| a.first()) {
        return first.clone();
    }
    let lower = name.to_ascii_lowercase();
    match kind {
        "integer" => json!(1),
        _ if lower.contains("phone") || lower == "number" => json!("+18015550100"),
        _ if lower == "iccid" => json!("8901240397190195850"),
        _ if lower.contains("page") => json!("1"),
        _ if lower.ends_with("id") => json!(format!(
            "{}-0001",
            name.trim_end_matches("Id")
                .trim_end_matches("ID")
                .to_ascii_uppercase()
        )),
        _ => json!(format!("example-{name}")),
    }
}

/// A minimal valid body from the schema: every required field, with a value of its type.
fn minimal_body(request: &Value) -> Value {
    let mut body = Map::new();
    let required: Vec<&str> = request["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (name, prop) in request["properties"].as_object().into_iter().flatten() {
        if !required.contains(&name.as_str()) {
            continue;
        }
        let value = match (
            prop["enum"].as_array().and_then(|a| a.first()),
            prop["type"].as_str(),
        ) {
            (Some(first), _) => first.clone(),
            (None, Some("integer")) => json!(1),
            (None, Some("number")) => json!(1.5),
            (None, Some("boolean")) => json!(true),
            (None, Some("array")) => json!([]),
            (None, Some("object")) => json!({}),
            _ => json!(format!("example-{name}")),
        };
        body.insert(name.clone(), value);
    }
    Value::Object(body)
}

/// A value for every property of a response schema, so that an operation without a 200 example
/// is still checked decoding a full answer.
fn sample_from_schema(schema: &Value, name: &str) -> Value {
    if let Some(first) = schema["enum"].as_array().and_then(|a| a.first()) {
        return first.clone();
    }
    match schema["type"].as_str() {
        Some("object") => Value::Object(
            schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), sample_from_schema(v, k)))
                .collect(),
        ),
        Some("array") => {
            let items = &schema["items"];
            if items.is_object() && !items["type"].is_null() {
                json!([sample_from_schema(items, name)])
            } else {
                json!([format!("example-{name}")])
            }
        }
        Some("integer") => json!(1),
        Some("number") => json!(1.5),
        Some("boolean") => json!(true),
        _ => json!(format!("example-{name}")),
    }
}

/// The answer a generated case replays: the 200 example; else one built from the response
/// schema; else the example of another operation answering the same type (the spec says so of
/// `schedules.get`: "assumed shaped like Create Schedule's response").
fn answer_for(raw: &Value, entry: &Value, spec: &Value, manifest: &Value) -> Option<Value> {
    let first_example = |op: &Value| {
        op["responses"]["200"]["examples"]
            .as_object()
            .and_then(|m| m.values().next())
            .cloned()
    };
    if let Some(example) = first_example(raw) {
        return Some(example);
    }
    let schema = &raw["responses"]["200"]["schema"];
    if schema.is_object() && !schema["type"].is_null() {
        return Some(sample_from_schema(schema, "Result"));
    }
    spec["operations"]
        .as_array()?
        .iter()
        .zip(manifest["operations"].as_array()?)
        .filter(|(_, other)| other["response_type"] == entry["response_type"])
        .find_map(|(op, _)| first_example(op))
}

/// The generated case of every operation, in spec order.
pub fn cases() -> Vec<(String, Case)> {
    let spec: Value = serde_json::from_str(SPEC).expect("spec");
    let manifest: Value = serde_json::from_str(MANIFEST).expect("manifest");
    let mut out = Vec::new();
    for (raw, entry) in spec["operations"]
        .as_array()
        .unwrap()
        .iter()
        .zip(manifest["operations"].as_array().unwrap())
    {
        let id = entry["id"].as_str().unwrap().to_string();
        let mut params = Map::new();
        for p in raw["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap();
            if params.keys().any(|k| k.eq_ignore_ascii_case(name)) {
                continue;
            }
            // The SDK's type wins where it is stricter than the spec (a page number is an integer).
            let sdk_type = entry["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|q| q["in"] == "query" && q["wire"] == name)
                .and_then(|q| q["type"].as_str());
            let kind = match sdk_type {
                Some("integer") => "integer",
                _ => p["type"].as_str().unwrap_or("string"),
            };
            params.insert(
                name.to_string(),
                param_value(name, kind, p["enum"].as_array()),
            );
        }
        let body = match (&raw["request"], &raw["request_example"]) {
            (Value::Object(_), Value::Null) => Some(minimal_body(&raw["request"])),
            (Value::Object(_), example) => Some(example.clone()),
            _ => None,
        };
        let example = answer_for(raw, entry, &spec, &manifest);
        let response_bytes = example
            .as_ref()
            .map(|e| serde_json::to_vec(e).unwrap())
            .unwrap_or_default();
        let result = telegent::test_util::decode_response_body(&id, &response_bytes)
            .expect("known operation")
            .expect("examples decode");
        let query: Map<String, Value> = params
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    Value::String(match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }),
                )
            })
            .collect();
        let mut expect = json!({"method": raw["method"], "path": raw["path"], "query": query, "body": body.clone().unwrap_or(Value::Null)});
        if expect["query"].as_object().is_some_and(Map::is_empty) {
            expect["query"] = json!({});
        }
        let mut respond = json!({"status": 200});
        if let Some(e) = example {
            respond["body"] = e;
        }
        let case = Case::Wire(Box::new(WireCase {
            name: format!("{id}: the documented example"),
            operation: id.clone(),
            client: Default::default(),
            input: Input {
                params: (!params.is_empty()).then(|| Value::Object(params.clone())),
                body,
            },
            exchanges: vec![json!({"expect": expect, "respond": respond})],
            outcome: Outcome {
                result: Some(result),
                ..Default::default()
            },
        }));
        out.push((id, case));
    }
    out
}

fn file_for(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.json"))
}

/// Writes (or, with `check`, compares) `dir/<id>.json` for every operation; returns drifted files.
pub fn write(dir: &Path, check: bool) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut drift = Vec::new();
    let cases = cases();
    let wanted: Vec<PathBuf> = cases.iter().map(|(id, _)| file_for(dir, id)).collect();
    for (id, case) in &cases {
        let path = file_for(dir, id);
        let text = serde_json::to_string_pretty(case).unwrap() + "\n";
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            drift.push(path.clone());
            if !check {
                std::fs::write(&path, text)?;
            }
        }
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if !wanted.contains(&path) {
            drift.push(path.clone());
            if !check {
                std::fs::remove_file(&path)?;
            }
        }
    }
    Ok(drift)
}
