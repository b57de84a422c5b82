//! Answers shaped exactly like the spec's 200 examples, filled from the sandbox's state.
//!
//! The example of each operation is the template: every key it has is answered, with the key's
//! exact spelling (`AccountID` here, `AccountId` there — the quirks are the point), the value
//! taken from the record when the record has it and a neutral value of the example's type when
//! it does not. Example data itself (names, numbers) is never passed off as state.

use crate::state::{field, Record};
use serde_json::{Map, Value};

/// Renders one record through `template`. `items` fills the template's list of records, and
/// counts (`Total*` keys) when given.
pub fn render(template: &Value, record: &Record, items: Option<&[Record]>) -> Value {
    match template {
        // No shape documented at all: answer the record itself.
        Value::Object(keys) if keys.is_empty() => Value::Object(
            record
                .iter()
                .filter(|(k, _)| !k.starts_with("__"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        Value::Object(keys) => Value::Object(render_object(keys, record, items)),
        Value::Array(inner) => {
            let item_template = inner.first().cloned().unwrap_or(Value::Object(Map::new()));
            match items {
                Some(items) => Value::Array(
                    items
                        .iter()
                        .map(|r| render(&item_template, r, None))
                        .collect(),
                ),
                None => field(record, "__list")
                    .cloned()
                    .unwrap_or(Value::Array(vec![])),
            }
        }
        other => other.clone(),
    }
}

fn render_object(
    keys: &Map<String, Value>,
    record: &Record,
    items: Option<&[Record]>,
) -> Map<String, Value> {
    let mut out = Map::new();
    let list_key = keys
        .iter()
        .find(|(_, v)| {
            v.as_array()
                .and_then(|a| a.first())
                .is_some_and(Value::is_object)
        })
        .map(|(k, _)| k.clone());
    for (key, example) in keys {
        let value = if items.is_some() && list_key.as_deref() == Some(key.as_str()) {
            let item_template = example
                .as_array()
                .and_then(|a| a.first())
                .cloned()
                .unwrap_or_default();
            Value::Array(
                items
                    .unwrap_or_default()
                    .iter()
                    .map(|r| render(&item_template, r, None))
                    .collect(),
            )
        } else if let Some(v) = field(record, key) {
            shape_like(example, v)
        } else if items.is_some() && key.contains("Total") && example.is_number() {
            Value::from(items.map_or(0, <[Record]>::len))
        } else {
            neutral(example)
        };
        out.insert(key.clone(), value);
    }
    out
}

/// A stored value rendered under an example: nested objects go through the nested template.
fn shape_like(example: &Value, value: &Value) -> Value {
    match (example, value) {
        // Nested objects keep keys the example does not show: they are often maps
        // (`SeverityMap`) whose keys are the data.
        (Value::Object(keys), Value::Object(inner)) => {
            let mut out = render_object(keys, inner, None);
            for (k, v) in inner {
                if !keys.keys().any(|t| t.eq_ignore_ascii_case(k)) {
                    out.insert(k.clone(), v.clone());
                }
            }
            Value::Object(out)
        }
        (Value::Array(ex), Value::Array(items)) if ex.first().is_some_and(Value::is_object) => {
            let t = &ex[0];
            Value::Array(
                items
                    .iter()
                    .map(|i| match i {
                        Value::Object(r) => render(t, r, None),
                        other => other.clone(),
                    })
                    .collect(),
            )
        }
        _ => value.clone(),
    }
}

/// What a field the state knows nothing about answers: empty, zero, false — never example data.
fn neutral(example: &Value) -> Value {
    match example {
        Value::String(_) => Value::String(String::new()),
        Value::Number(_) => Value::from(0),
        Value::Bool(_) => Value::Bool(false),
        Value::Array(_) => Value::Array(vec![]),
        Value::Object(keys) => Value::Object(render_object(keys, &Record::new(), None)),
        Value::Null => Value::Null,
    }
}
