//! What a caller may send to an operation, checked before anything is sent.
//!
//! Calls by id take wire-named JSON. A key in the wrong place must not vanish: a body for a GET,
//! a query key the operation does not have, or a body key it does not have would otherwise be
//! dropped (or sent where the server ignores it) and the call would quietly do something other
//! than what its caller wrote. Such input is an `invalid_input` error naming the key. Keys the
//! SDK does not know but the server might are still possible, by passing them explicitly as
//! extras (`extra_query`, `extra_body`): an explicit extra is sent as given. This module must
//! never rewrite or drop a value.

use crate::errors::{ErrorRecord, FfiResult};
use crate::schema::{self, Language, Part};
use serde_json::{Map, Value};
use telegent::{HttpMethod, Operation};

/// The operation with manifest id `id`, or an `invalid_input` error.
pub fn operation(id: &str) -> FfiResult<&'static Operation> {
    telegent::operation(id)
        .ok_or_else(|| ErrorRecord::invalid_input(id, format!("there is no operation {id:?}")))
}

/// The query to send: `fields` checked against the operation's parameters (each key one it has,
/// each value of its type; errors in `language`), then `extra` added.
pub fn query(
    op: &Operation,
    fields: Option<Value>,
    extra: Option<Map<String, Value>>,
    language: Language,
) -> FfiResult<Option<Value>> {
    let fields = object(op, "query", fields)?;
    if let Some(fields) = &fields {
        for key in fields.keys() {
            if !op.query.contains(&key.as_str()) {
                return Err(unknown(op, "query parameter", key, op.query, "extra_query"));
            }
        }
    }
    if fields.is_some() || extra.is_some() {
        schema::check(
            language,
            op.id,
            Part::Query,
            fields.as_ref(),
            extra.as_ref(),
        )?;
    }
    Ok(merge(fields, extra))
}

/// The body to send: refused for a GET; `fields` checked against the operation's request
/// properties (each key one it has, each value of its type; errors in `language`), then `extra`
/// added.
pub fn body(
    op: &Operation,
    fields: Option<Value>,
    extra: Option<Map<String, Value>>,
    language: Language,
) -> FfiResult<Option<Value>> {
    let fields = object(op, "body", fields)?;
    let given = fields.as_ref().is_some_and(|f| !f.is_empty()) || extra.is_some();
    if op.http_method == HttpMethod::Get && given {
        return Err(ErrorRecord::invalid_input(
            op.id,
            format!(
                "{} is a GET ({} {}): it takes no body; send its parameters as the query",
                op.id,
                op.http_method.as_str(),
                op.path
            ),
        ));
    }
    if let Some(fields) = &fields {
        for key in fields.keys() {
            if !op.body.contains(&key.as_str()) {
                return Err(unknown(op, "body field", key, op.body, "extra_body"));
            }
        }
    }
    if op.http_method != HttpMethod::Get && (fields.is_some() || extra.is_some()) {
        schema::check(language, op.id, Part::Body, fields.as_ref(), extra.as_ref())?;
    }
    Ok(merge(fields, extra))
}

fn object(
    op: &Operation,
    what: &str,
    value: Option<Value>,
) -> FfiResult<Option<Map<String, Value>>> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(other) => Err(ErrorRecord::invalid_input(
            op.id,
            format!("the {what} must be a JSON object, not {}", kind_of(&other)),
        )),
    }
}

fn merge(fields: Option<Map<String, Value>>, extra: Option<Map<String, Value>>) -> Option<Value> {
    match (fields, extra) {
        (None, None) => None,
        (fields, extra) => {
            let mut all = fields.unwrap_or_default();
            all.extend(extra.unwrap_or_default());
            Some(Value::Object(all))
        }
    }
}

fn unknown(op: &Operation, what: &str, key: &str, known: &[&str], extra: &str) -> ErrorRecord {
    let hint = match known.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        Some(spelled) => format!(" (did you mean {spelled:?}?)"),
        None if known.is_empty() => format!(" ({} takes none)", op.id),
        None => format!(" (it has: {})", known.join(", ")),
    };
    ErrorRecord::invalid_input(
        op.id,
        format!(
            "{} has no {what} {key:?}{hint}; to send it anyway, pass it in {extra}",
            op.id
        ),
    )
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
