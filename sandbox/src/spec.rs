//! The API the sandbox serves, read from the project's own spec and manifest at build time.
//!
//! Paths, methods, required fields, enum values and the 200 examples that shape every answer all
//! come from `spec/telegent-api.json` and `spec/operations.json`; nothing here restates them. The
//! sandbox must never accept a path or a value the spec does not describe as valid.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

static SPEC_TEXT: &str = include_str!("../../spec/telegent-api.json");
static MANIFEST_TEXT: &str = include_str!("../../spec/operations.json");

/// One operation as the sandbox needs it.
#[derive(Debug)]
pub struct Op {
    pub id: String,
    pub method: String,
    pub path: String,
    pub required_body: Vec<String>,
    pub body_enums: HashMap<String, Vec<String>>,
    pub required_query: Vec<String>,
    pub query_enums: HashMap<String, Vec<String>>,
    /// The first 200 example, or the 200 schema's properties turned into a template.
    pub template: Value,
    pub request_example: Value,
    pub query_names: Vec<String>,
}

pub struct Api {
    pub ops: Vec<Op>,
    by_route: HashMap<(String, String), usize>,
}

pub fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(load)
}

fn load() -> Api {
    let spec: Value = serde_json::from_str(SPEC_TEXT).expect("spec/telegent-api.json is JSON");
    let manifest: Value =
        serde_json::from_str(MANIFEST_TEXT).expect("spec/operations.json is JSON");
    let mut ops = Vec::new();
    let mut by_route = HashMap::new();
    for (raw, entry) in spec["operations"]
        .as_array()
        .unwrap()
        .iter()
        .zip(manifest["operations"].as_array().unwrap())
    {
        let method = raw["method"].as_str().unwrap().to_string();
        let path = raw["path"].as_str().unwrap().to_string();
        let request = &raw["request"];
        let required_body = strings(&request["required"]);
        let body_enums = enums(request["properties"].as_object());
        let params = raw["parameters"].as_array().cloned().unwrap_or_default();
        let required_query = params
            .iter()
            .filter(|p| p["required"] == true)
            .filter_map(|p| p["name"].as_str().map(String::from))
            .collect();
        let query_enums = params
            .iter()
            .filter_map(|p| Some((p["name"].as_str()?.to_string(), strings(&p["enum"]))))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let query_names = params
            .iter()
            .filter_map(|p| p["name"].as_str().map(String::from))
            .collect();
        by_route.insert((method.clone(), path.to_ascii_lowercase()), ops.len());
        ops.push(Op {
            id: entry["id"].as_str().unwrap().to_string(),
            method,
            path,
            required_body,
            body_enums,
            required_query,
            query_enums,
            template: template(&raw["responses"]["200"]),
            request_example: raw["request_example"].clone(),
            query_names,
        });
    }
    borrow_sibling_templates(&mut ops, &manifest);
    Api { ops, by_route }
}

/// Operations the docs give no answer shape for (`schedules.get`, `services.update`, ...) answer
/// in the shape of their group's create operation, as the spec assumes for schedules.
fn borrow_sibling_templates(ops: &mut [Op], manifest: &Value) {
    let groups: Vec<String> = manifest["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["group"].as_str().unwrap_or("").to_string())
        .collect();
    let methods: Vec<String> = manifest["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["method"].as_str().unwrap_or("").to_string())
        .collect();
    for i in 0..ops.len() {
        let empty = ops[i].template.as_object().is_some_and(|m| m.is_empty());
        if !empty {
            continue;
        }
        let sibling = (0..ops.len()).find(|&j| {
            groups[j] == groups[i]
                && (methods[j] == "create" || methods[j] == "add")
                && ops[j].template.as_object().is_some_and(|m| !m.is_empty())
        });
        if let Some(j) = sibling {
            ops[i].template = ops[j].template.clone();
        }
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn enums(props: Option<&Map<String, Value>>) -> HashMap<String, Vec<String>> {
    props
        .into_iter()
        .flatten()
        .map(|(k, p)| (k.clone(), strings(&p["enum"])))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn template(response: &Value) -> Value {
    if let Some(example) = response["examples"]
        .as_object()
        .and_then(|m| m.values().next())
    {
        return example.clone();
    }
    let schema = &response["schema"];
    let (props, is_list) = if schema["type"] == "array" {
        (&schema["items"]["properties"], true)
    } else {
        (&schema["properties"], false)
    };
    let object: Map<String, Value> = props
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, p)| {
                    let v = match p["type"].as_str() {
                        Some("boolean") => Value::Bool(false),
                        Some("integer") | Some("number") => Value::from(0),
                        Some("array") => Value::Array(vec![]),
                        _ => Value::String(String::new()),
                    };
                    (k.clone(), v)
                })
                .collect()
        })
        .unwrap_or_default();
    if is_list {
        Value::Array(vec![Value::Object(object)])
    } else {
        Value::Object(object)
    }
}

impl Api {
    /// The operation at a path (matched ignoring case: the docs write the token path both ways).
    pub fn find(&self, method: &str, path: &str) -> Result<&Op, bool> {
        let key = (
            method.to_string(),
            path.trim_end_matches('/').to_ascii_lowercase(),
        );
        match self.by_route.get(&key) {
            Some(&i) => Ok(&self.ops[i]),
            // `true`: the path exists with another method.
            None => Err(self.by_route.keys().any(|(_, p)| *p == key.1)),
        }
    }

    pub fn by_id(&self, id: &str) -> Option<&Op> {
        self.ops.iter().find(|op| op.id == id)
    }
}
