//! The manifest, `spec/operations.json`: every operation's id, HTTP shape, types, retry and paging
//! facts, and the name it has in each language.
//!
//! Bindings, the CLI and the conformance suite read this file instead of re-deriving names, so a
//! name is decided once. It must stay a faithful summary of the generated code, nothing more.

use crate::emit_rust::response_rust_ty;
use crate::naming::{camel, snake, OpNames};
use crate::Model;
use heck::ToLowerCamelCase;
use serde_json::{json, Value};

fn fields(model: &Model, type_name: &Option<String>, location: &str) -> Vec<Value> {
    let kw = model.naming.rust_keywords();
    let Some(name) = type_name else { return vec![] };
    model.registry.structs[name]
        .fields
        .iter()
        .map(|f| {
            json!({
                "wire": f.wire,
                "in": location,
                "required": f.required,
                "type": crate::emit_rust::rust_ty(&f.ty),
                "rust": snake(&f.wire, &kw),
                "python": crate::emit_python::py_name(&f.wire),
                "node": camel(&f.wire),
                "swift": camel(&f.wire),
                "kotlin": camel(&f.wire),
            })
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

pub fn manifest(model: &Model) -> String {
    let ops: Vec<Value> = model
        .ops
        .iter()
        .map(|(op, n)| {
            let mut params = fields(model, &n.params_type, "query");
            params.extend(fields(model, &n.request_type, "body"));
            json!({
                "id": n.id,
                "group": n.group.join("."),
                "method": n.method,
                "http_method": n.http_method,
                "path": n.path,
                "summary": op["summary"],
                "request_type": n.request_type,
                "params_type": n.params_type,
                "response_type": response_rust_ty(n),
                "idempotent": n.idempotent,
                "pages": n.paging.as_ref().map(|p| json!({"page": p.page, "size": p.size, "items": p.items, "total": p.total, "in": model.paged_input(n).map(|(_, at)| at)})),
                "has_200_example": op["responses"]["200"]["examples"].as_object().is_some_and(|m| !m.is_empty()),
                "call": call_paths(n),
                "parameters": params,
            })
        })
        .collect();
    let doc = json!({
        "generated": "by telegent-codegen from spec/telegent-api.json and spec/naming.json; do not edit",
        "naming_rule": "groups and methods are words; Rust and Python use snake_case, Node, Swift and Kotlin camelCase; parameters keep the spec's words in each language's case",
        "operation_count": ops.len(),
        "operations": ops,
    });
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}
