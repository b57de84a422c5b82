//! The manifest, `spec/operations.json`: every operation, model, enum and error kind, with the
//! name each has in every language and language-neutral types.
//!
//! Bindings, the CLI and the conformance suite read this file instead of re-deriving names, so a
//! name is decided once. The Python emitter reads only this file (never the internal registry),
//! which proves it is enough for the emitters of the other languages. It must stay a faithful
//! summary of the generated code, nothing more.
//!
//! Type grammar (also written at the top of the manifest, `type_grammar`):
//! `string`, `integer`, `number`, `boolean`, `json` (any JSON value: a field only ever seen as
//! null), `list<T>`, `map<string,T>`, or the name of a model or enum of the manifest.

use crate::emit_rust::{is_sensitive, variant_names};
use crate::naming::{camel, snake, OpNames};
use crate::types::{Field, Role, Ty};
use crate::Model;
use heck::{ToLowerCamelCase, ToShoutySnakeCase};
use serde_json::{json, Value};

/// A field's type in the manifest's language-neutral grammar.
pub fn neutral_ty(ty: &Ty) -> String {
    match ty.settled() {
        Ty::Str => "string".into(),
        Ty::Bool => "boolean".into(),
        Ty::Int => "integer".into(),
        Ty::Float => "number".into(),
        Ty::Any | Ty::Unknown | Ty::BoolText | Ty::NumText => "json".into(),
        Ty::Enum(n) | Ty::Struct(n) => n,
        Ty::List(inner) => format!("list<{}>", neutral_ty(&inner)),
        Ty::Map(inner) => format!("map<string,{}>", neutral_ty(&inner)),
    }
}

/// The names of one field in every language, its neutral type and its documentation.
fn field(model: &Model, f: &Field) -> Value {
    let kw = model.naming.rust_keywords();
    json!({
        "wire": f.wire,
        "type": neutral_ty(&f.ty),
        "required": f.required,
        "secret": is_sensitive(&f.wire),
        "doc": f.doc,
        "rust": snake(&f.words, &kw),
        "python": crate::emit_python::py_name(&f.words),
        "node": camel(&f.words),
        "swift": camel(&f.words),
        "kotlin": camel(&f.words),
    })
}

fn parameters(model: &Model, type_name: &Option<String>, location: &str) -> Vec<Value> {
    let Some(name) = type_name else { return vec![] };
    model.registry.structs[name]
        .fields
        .iter()
        .map(|f| {
            let mut v = field(model, f);
            v["in"] = json!(location);
            v
        })
        .collect()
}

fn call_paths(n: &OpNames) -> Value {
    let camel_groups: Vec<String> = n.group.iter().map(|g| g.to_lower_camel_case()).collect();
    let camel_method = n.method.to_lower_camel_case();
    json!({
        "rust": format!("client.{}().{}", n.group.join("()."), n.method),
        "python": format!("client.{}.{}", n.group.join("."), n.method),
        "node": format!("client.{}.{}", camel_groups.join("."), camel_method),
        "swift": format!("client.{}.{}", camel_groups.join("."), camel_method),
        "kotlin": format!("client.{}.{}", camel_groups.join("."), camel_method),
    })
}

/// The type an operation returns, in the neutral grammar.
pub fn response_ty(n: &OpNames) -> String {
    if n.response_is_string_list {
        "list<string>".into()
    } else if n.response_is_list {
        format!("list<{}>", n.response_type)
    } else {
        n.response_type.clone()
    }
}

fn pages(model: &Model, n: &OpNames) -> Value {
    let Some(p) = &n.paging else {
        return Value::Null;
    };
    let item_type =
        crate::page_item(&model.registry, &n.response_type, p).map(|inner| neutral_ty(&inner));
    json!({
        "page": p.page,
        "size": p.size,
        "items": p.items,
        "total": p.total,
        "in": model.paged_input(n).map(|(_, at)| at),
        "item_type": item_type,
    })
}

fn models(model: &Model) -> Vec<Value> {
    model
        .registry
        .structs
        .values()
        .map(|def| {
            let scalar = model.naming.scalar_field(&def.name);
            json!({
                "name": def.name,
                "role": match def.role {
                    Role::Request => "request",
                    Role::Params => "params",
                    Role::Response => "response",
                },
                "doc": def.doc,
                "scalar": scalar,
                "fields": def.fields.iter().map(|f| field(model, f)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn enums(model: &Model) -> Vec<Value> {
    model
        .registry
        .enums
        .values()
        .map(|def| {
            let cases = variant_names(&def.values);
            let values: Vec<Value> = def
                .values
                .iter()
                .zip(&cases)
                .map(|(wire, case)| {
                    json!({
                        "wire": wire,
                        "rust": case,
                        "python": wire,
                        "node": wire,
                        "swift": case.to_lower_camel_case(),
                        "kotlin": case.to_shouty_snake_case(),
                    })
                })
                .collect();
            json!({"name": def.name, "values": values})
        })
        .collect()
}

/// The error kinds, read from `core/src/errors.rs` (the `ErrorKind::as_str` names, the statuses of
/// `kind_for_status`, the first doc line of each `Error` variant), so the table cannot drift.
pub fn error_kinds(errors_rs: &str) -> Vec<Value> {
    let section = |start: &str| -> Vec<&str> {
        errors_rs
            .lines()
            .skip_while(|l| !l.contains(start))
            .skip(1)
            .take_while(|l| !l.starts_with('}') && !l.starts_with("    }"))
            .collect()
    };
    let mut kinds = Vec::new();
    for line in section("pub fn as_str(self)") {
        let Some((variant, name)) = line.trim().split_once(" => ") else {
            continue;
        };
        let variant = variant.trim_start_matches("ErrorKind::").to_string();
        let name = name.trim_end_matches(',').trim_matches('"').to_string();
        kinds.push((variant, name));
    }
    let mut meanings = std::collections::BTreeMap::new();
    let mut doc = Vec::new();
    for line in section("pub enum Error {") {
        let line = line.trim();
        if let Some(text) = line.strip_prefix("///") {
            doc.push(text.trim().to_string());
        } else if let Some((variant, _)) = line.split_once('(') {
            meanings.insert(variant.to_string(), doc.join(" "));
            doc.clear();
        }
    }
    let mut statuses: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in section("fn kind_for_status(") {
        let Some((pattern, kind)) = line.trim().split_once(" => ") else {
            continue;
        };
        let kind = kind
            .trim_end_matches(',')
            .trim_start_matches("ErrorKind::")
            .to_string();
        for p in pattern.split('|') {
            let p = p.trim().replace("..=", "-");
            let p = if p == "_" { "any other".to_string() } else { p };
            statuses.entry(kind.clone()).or_default().push(p);
        }
    }
    assert!(
        !kinds.is_empty(),
        "core/src/errors.rs: no ErrorKind::as_str"
    );
    kinds
        .into_iter()
        .map(|(variant, name)| {
            json!({
                "name": name,
                "statuses": statuses.get(&variant).cloned().unwrap_or_default(),
                "meaning": meanings.get(&variant).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

fn groups(model: &Model) -> Value {
    let mut out = serde_json::Map::new();
    for (_, n) in &model.ops {
        for i in 1..=n.group.len() {
            let path = n.group[..i].join(".");
            out.entry(path.clone())
                .or_insert_with(|| json!(model.naming.group_doc(&path)));
        }
    }
    Value::Object(out)
}

/// The manifest as a JSON value (what the Python emitter reads).
pub fn build(model: &Model, errors_rs: &str) -> Value {
    let ops: Vec<Value> = model
        .ops
        .iter()
        .map(|(op, n)| {
            let mut params = parameters(model, &n.params_type, "query");
            params.extend(parameters(model, &n.request_type, "body"));
            json!({
                "id": n.id,
                "group": n.group.join("."),
                "method": n.method,
                "http_method": n.http_method,
                "path": n.path,
                "summary": op["summary"],
                "purpose": op["purpose"],
                "note": n.note.as_deref().map(Value::from).unwrap_or_else(|| op["note"].clone()),
                "request_type": n.request_type,
                "params_type": n.params_type,
                "response_type": response_ty(n),
                "idempotent": n.idempotent,
                "pages": pages(model, n),
                "has_200_example": op["responses"]["200"]["examples"].as_object().is_some_and(|m| !m.is_empty()),
                "call": call_paths(n),
                "parameters": params,
            })
        })
        .collect();
    let models = models(model);
    let enums = enums(model);
    let errors = error_kinds(errors_rs);
    let field_count: usize = models
        .iter()
        .map(|m| m["fields"].as_array().unwrap().len())
        .sum();
    json!({
        "generated": "by telegent-codegen from spec/telegent-api.json and spec/naming.json; do not edit",
        "naming_rule": "groups and methods are words; Rust and Python use snake_case, Node, Swift and Kotlin camelCase; parameters keep the spec's words in each language's case (misspelled wire names corrected: `spelling` in spec/naming.json); enum cases are UpperCamelCase in Rust, lowerCamelCase in Swift, SCREAMING_SNAKE_CASE in Kotlin, the wire value itself as a literal in Python and Node",
        "type_grammar": {
            "string": "text",
            "integer": "a whole number (64-bit)",
            "number": "a decimal number (64-bit float)",
            "boolean": "true or false",
            "json": "any JSON value, kept as received (a field the API has only ever shown as null)",
            "list<T>": "a JSON array of T",
            "map<string,T>": "a JSON object whose keys are data, each value a T",
            "Name": "a model (`models`) or an enum (`enums`) of this manifest. Enums are open: a value the SDK does not list is kept verbatim. A model with `scalar` may also be given (and may arrive) as a bare value of that field. Every model keeps fields it does not know (`extra`) and records known fields that were null (`nulls`)",
            "optional": "every field may be absent; `required` fields must be set before a call is sent",
        },
        "operation_count": ops.len(),
        "model_count": models.len(),
        "enum_count": enums.len(),
        "field_count": field_count,
        "groups": groups(model),
        "operations": ops,
        "models": models,
        "enums": enums,
        "error_kinds": errors,
    })
}

pub fn manifest(doc: &Value) -> String {
    serde_json::to_string_pretty(doc).unwrap() + "\n"
}
