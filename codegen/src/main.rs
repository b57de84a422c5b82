//! `telegent-codegen`: spec/telegent-api.json + spec/naming.json -> generated Rust and the manifest.
//!
//! Usage: `cargo run -p telegent-codegen` writes the generated files; `--check` regenerates in
//! memory and fails if any committed file differs (CI runs this). Generated files are never edited
//! by hand: change the spec, the naming table or this generator.

mod emit_ffi;
mod emit_node;
mod emit_python;
mod emit_rust;
mod manifest;
mod manifest_view;
mod naming;
mod types;

use naming::{Naming, OpNames};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use types::{Registry, Role};

/// Everything the emitters need: the spec, every operation's names, and every type.
pub struct Model {
    pub spec: Value,
    pub ops: Vec<(Value, OpNames)>,
    pub registry: Registry,
    pub naming: Naming,
}

impl Model {
    /// Where a paging operation takes its page number: the type that holds it and whether it
    /// travels in the query (`"query"`) or the JSON body (`"body"`).
    pub fn paged_input(&self, n: &OpNames) -> Option<(String, &'static str)> {
        let paging = n.paging.as_ref()?;
        let holds_page = |ty: &Option<String>| -> Option<String> {
            ty.clone().filter(|t| {
                self.registry.structs[t.as_str()]
                    .fields
                    .iter()
                    .any(|f| f.wire.eq_ignore_ascii_case(&paging.page))
            })
        };
        if let Some(t) = holds_page(&n.params_type) {
            return Some((t, "query"));
        }
        holds_page(&n.request_type).map(|t| (t, "body"))
    }
}

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = workspace_root();
    let model = build_model(&root);
    let errors_rs =
        std::fs::read_to_string(root.join("core/src/errors.rs")).expect("read core/src/errors.rs");
    let manifest = manifest::build(&model, &errors_rs);
    let outputs = vec![
        (
            root.join("core/src/generated/models.rs"),
            rustfmt(&emit_rust::models(&model)),
        ),
        (
            root.join("core/src/generated/operations.rs"),
            rustfmt(&emit_rust::operations(&model)),
        ),
        (
            root.join("core/src/generated/groups.rs"),
            rustfmt(&emit_rust::groups(&model, false)),
        ),
        (
            root.join("core/src/generated/blocking_groups.rs"),
            rustfmt(&emit_rust::groups(&model, true)),
        ),
        (
            root.join("core/src/generated/dispatch.rs"),
            rustfmt(&emit_rust::dispatch(&model)),
        ),
        (
            root.join("bindings-node/lib/generated/schema.js"),
            emit_node::schema_js(&manifest),
        ),
        (
            root.join("bindings-node/lib/generated/resources.js"),
            emit_node::resources_js(&manifest),
        ),
        (
            root.join("bindings-node/lib/generated/api.d.ts"),
            emit_node::api_dts(&manifest),
        ),
        (
            root.join("ffi/src/generated/schema.rs"),
            rustfmt(&emit_ffi::schema(&manifest)),
        ),
        (
            root.join("spec/operations.json"),
            manifest::manifest(&manifest),
        ),
        (
            root.join("bindings-python/python/telegent/_models.py"),
            emit_python::models_py(&manifest),
        ),
        (
            root.join("bindings-python/python/telegent/_models.pyi"),
            emit_python::models_pyi(&manifest),
        ),
        (
            root.join("bindings-python/python/telegent/_resources.py"),
            emit_python::resources_py(&manifest),
        ),
        (
            root.join("bindings-python/python/telegent/_resources.pyi"),
            emit_python::resources_pyi(&manifest),
        ),
        (
            root.join("bindings-python/python/telegent/_client.pyi"),
            emit_python::client_pyi(&manifest),
        ),
    ];
    let mut drift = Vec::new();
    for (path, text) in &outputs {
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if &current == text {
            continue;
        }
        if check {
            drift.push(
                path.strip_prefix(&root)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
            );
        } else {
            std::fs::create_dir_all(path.parent().unwrap()).expect("create output dir");
            std::fs::write(path, text).expect("write generated file");
            println!(
                "wrote {}",
                path.strip_prefix(&root).unwrap_or(path).display()
            );
        }
    }
    if !drift.is_empty() {
        eprintln!(
            "generated files differ from a fresh run of the generator: {}",
            drift.join(", ")
        );
        eprintln!("run `cargo run -p telegent-codegen` and commit the result");
        return ExitCode::FAILURE;
    }
    println!(
        "{} operations, {} models, {} enums{}",
        model.ops.len(),
        model.registry.structs.len(),
        model.registry.enums.len(),
        if check {
            ": generated files are up to date"
        } else {
            ""
        }
    );
    ExitCode::SUCCESS
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits in the workspace")
        .to_path_buf()
}

fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

pub fn build_model(root: &Path) -> Model {
    let spec = read_json(&root.join("spec/telegent-api.json"));
    let naming = Naming::new(read_json(&root.join("spec/naming.json")));
    let mut registry = Registry::default();
    for (field, name) in naming.nested_types() {
        registry.nested_names.insert(field, name);
    }
    for (field, name) in naming.enum_types() {
        registry.enum_names.insert(field, name);
    }
    let mut ops = Vec::new();
    for op in spec["operations"].as_array().expect("operations") {
        let names = naming.name_operation(op);
        register_request(&mut registry, op, &names);
        register_params(&mut registry, op, &names);
        register_response(&mut registry, &naming, op, &names);
        ops.push((op.clone(), names));
    }
    registry.make_maps(&naming.map_types());
    let webhooks = read_json(&root.join("spec/webhooks.json"));
    for (name, payload) in webhooks["payloads"].as_object().expect("webhook payloads") {
        registry.ensure_struct(name, Role::Response, payload["doc"].as_str().unwrap_or(""));
        registry.example_struct(name, Role::Response, &payload["example"]);
    }
    for (name, members) in naming.merged_types() {
        registry.merge_structs(&name, &members);
    }
    refuse_unmerged_duplicates(&registry, &naming, &ops, &webhooks);
    document_responses(&mut registry, &ops);
    // A page number is an integer in every language, whatever text the spec shows it as.
    for (_, n) in &ops {
        let Some(paging) = &n.paging else { continue };
        for t in [&n.params_type, &n.request_type].into_iter().flatten() {
            let def = registry.structs.get_mut(t).expect("input type");
            if let Some(f) = def
                .fields
                .iter_mut()
                .find(|f| f.wire.eq_ignore_ascii_case(&paging.page))
            {
                f.ty = types::Ty::Int;
                break;
            }
        }
    }
    for def in registry.structs.values_mut() {
        for f in &mut def.fields {
            f.words = naming.words(&f.wire);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for (_, n) in &ops {
        assert!(
            seen.insert(n.id.clone()),
            "two operations are both named {}",
            n.id
        );
    }
    Model {
        spec,
        ops,
        registry,
        naming,
    }
}

/// A response type shared by several operations (`Number`: what `numbers.update` answers and
/// what `numbers.list` lists) says so, instead of naming only the first operation that produced it.
fn document_responses(registry: &mut Registry, ops: &[(Value, OpNames)]) {
    let mut answered: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut listed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (op, n) in ops {
        let label = format!("`{}` ({})", n.id, op["summary"].as_str().unwrap_or(""));
        if n.response_is_list {
            listed
                .entry(n.response_type.clone())
                .or_default()
                .push(label.clone());
        } else {
            answered
                .entry(n.response_type.clone())
                .or_default()
                .push(label.clone());
        }
        let Some(p) = &n.paging else { continue };
        if let Some(types::Ty::Struct(item)) = page_item(registry, &n.response_type, p) {
            listed.entry(item).or_default().push(label);
        }
    }
    for def in registry.structs.values_mut() {
        if !def.doc.starts_with("What `") {
            continue; // a doc of its own (webhook payloads, nested shapes)
        }
        let mut parts = Vec::new();
        if let Some(ops) = answered.get(&def.name) {
            let verb = if ops.len() == 1 { "answers" } else { "answer" };
            parts.push(format!("What {} {verb}", listing(ops)));
        }
        if let Some(ops) = listed.get(&def.name) {
            let verb = if ops.len() == 1 { "lists" } else { "list" };
            parts.push(format!("one item of what {} {verb}", listing(ops)));
        }
        if !parts.is_empty() {
            let mut doc = parts.join("; ");
            doc.push('.');
            def.doc = doc;
        }
    }
}

/// The type of one item of a paging operation's pages: the list field `paging.items` of its
/// response type.
pub fn page_item(
    registry: &Registry,
    response_type: &str,
    paging: &naming::Paging,
) -> Option<types::Ty> {
    registry
        .structs
        .get(response_type)?
        .fields
        .iter()
        .find(|f| f.wire.eq_ignore_ascii_case(&paging.items))
        .and_then(|f| match f.ty.settled() {
            types::Ty::List(inner) => Some(*inner),
            _ => None,
        })
}

/// `a`, `a and b`, `a, b and c`.
fn listing(items: &[String]) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Two structurally equal types whose names the rule made (owner + field) are one shape under two
/// names: `merged_types` in `spec/naming.json` must name them once.
fn refuse_unmerged_duplicates(
    registry: &Registry,
    naming: &Naming,
    ops: &[(Value, OpNames)],
    webhooks: &Value,
) {
    let mut chosen: std::collections::BTreeSet<String> =
        naming.nested_types().into_iter().map(|(_, v)| v).collect();
    chosen.extend(naming.merged_types().into_iter().map(|(k, _)| k));
    for (_, n) in ops {
        chosen.extend(n.request_type.clone());
        chosen.extend(n.params_type.clone());
        chosen.insert(n.response_type.clone());
        chosen.extend(n.paging.as_ref().and_then(|p| p.item_type.clone()));
        chosen.insert(naming.group_type(&n.group.join(".")));
    }
    chosen.extend(
        webhooks["payloads"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k.clone()),
    );
    let derived: Vec<&types::StructDef> = registry
        .structs
        .values()
        .filter(|d| !chosen.contains(&d.name))
        .collect();
    for (i, a) in derived.iter().enumerate() {
        for b in &derived[i + 1..] {
            assert!(
                !types::same_shape(a, b),
                "{} and {} are the same shape: name them once under merged_types in spec/naming.json",
                a.name,
                b.name
            );
        }
    }
}

fn register_request(registry: &mut Registry, op: &Value, names: &OpNames) {
    let Some(name) = &names.request_type else {
        return;
    };
    let doc = format!(
        "Body of `{}` ({}).",
        names.key,
        op["summary"].as_str().unwrap_or("")
    );
    let example = op.get("request_example").filter(|e| !e.is_null());
    registry.schema_struct(name, Role::Request, &doc, &op["request"], example);
}

fn register_params(registry: &mut Registry, op: &Value, names: &OpNames) {
    let Some(name) = &names.params_type else {
        return;
    };
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for p in op["parameters"].as_array().unwrap() {
        let pname = p["name"].as_str().unwrap().to_string();
        if p["required"].as_bool() == Some(true) {
            required.push(Value::String(pname.clone()));
        }
        properties.insert(pname, p.clone());
    }
    let schema = serde_json::json!({ "properties": properties, "required": required });
    let doc = format!(
        "Query parameters of `{}` ({}).",
        names.key,
        op["summary"].as_str().unwrap_or("")
    );
    registry.schema_struct(name, Role::Params, &doc, &schema, None);
}

fn register_response(registry: &mut Registry, naming: &Naming, op: &Value, names: &OpNames) {
    let resp = &op["responses"]["200"];
    let doc = format!(
        "What `{}` ({}) answers.",
        names.key,
        op["summary"].as_str().unwrap_or("")
    );
    let examples: Vec<Value> = resp["examples"]
        .as_object()
        .map(|m| m.values().cloned().collect())
        .unwrap_or_default();
    let schema = &resp["schema"];
    let name = &names.response_type;
    if names.response_is_list {
        let items_are_strings = examples.iter().any(|e| {
            e.as_array()
                .and_then(|a| a.first())
                .is_some_and(Value::is_string)
        }) || schema["items"]["type"].as_str() == Some("string");
        if items_are_strings {
            return;
        }
        registry.schema_struct(name, Role::Response, &doc, &schema["items"], None);
        for ex in &examples {
            for item in ex.as_array().into_iter().flatten() {
                registry.example_struct(name, Role::Response, item);
            }
        }
        return;
    }
    // In a list or page, the array of records holds the group's own resource type, unless the
    // paging entry names another (`item_type`).
    let list_like = names.method.starts_with("list") || names.paging.is_some();
    if list_like {
        let items_field = names.paging.as_ref().map(|p| p.items.clone()).or_else(|| {
            examples.first().and_then(Value::as_object).and_then(|m| {
                m.iter()
                    .find(|(_, v)| {
                        v.as_array()
                            .and_then(|a| a.first())
                            .is_some_and(Value::is_object)
                    })
                    .map(|(k, _)| k.clone())
            })
        });
        if let Some(field) = items_field {
            let item_type = names
                .paging
                .as_ref()
                .and_then(|p| p.item_type.clone())
                .unwrap_or_else(|| naming.group_type(&names.group.join(".")));
            registry.nested_names.insert(field.clone(), item_type);
            registry.schema_struct(name, Role::Response, &doc, schema, None);
            for ex in &examples {
                registry.example_struct(name, Role::Response, ex);
            }
            registry.nested_names.remove(&field);
            restore_nested(registry, naming, &field);
            return;
        }
    }
    if schema.is_object() {
        registry.schema_struct(name, Role::Response, &doc, schema, None);
    }
    registry.ensure_struct(name, Role::Response, &doc);
    for ex in &examples {
        registry.example_struct(name, Role::Response, ex);
    }
}

fn restore_nested(registry: &mut Registry, naming: &Naming, field: &str) {
    if let Some((_, v)) = naming.nested_types().into_iter().find(|(k, _)| k == field) {
        registry.nested_names.insert(field.to_string(), v);
    }
}

/// Formats generated Rust with the toolchain's rustfmt, so output is stable and readable.
fn rustfmt(source: &str) -> String {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("rustfmt is part of the Rust toolchain");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(source.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().expect("rustfmt runs");
    if !out.status.success() {
        let dump = std::env::temp_dir().join("telegent-codegen-unformatted.rs");
        std::fs::write(&dump, source).ok();
        panic!(
            "rustfmt rejected generated code (saved to {})",
            dump.display()
        );
    }
    String::from_utf8(out.stdout).unwrap()
}
