//! The walk through every operation: each called once with a valid request built from the spec's
//! request example, against the sandbox's starting state (which holds what the examples refer
//! to). GET operations take their query values from the same examples, or from what earlier
//! answers returned. Operations that create run first and operations that remove something run
//! last, so they do not take away what the others refer to.

use serde_json::{Map, Value};
use telegent_sandbox::Sandbox;

pub fn spec() -> Value {
    serde_json::from_str(include_str!("../../../spec/telegent-api.json")).unwrap()
}

pub fn manifest_ids() -> Vec<String> {
    let m: Value = serde_json::from_str(include_str!("../../../spec/operations.json")).unwrap();
    m["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

/// The first string value any request example gives `name` (ignoring case).
fn example_value(spec: &Value, name: &str) -> Option<Value> {
    fn find(v: &Value, name: &str) -> Option<Value> {
        match v {
            Value::Object(m) => m.iter().find_map(|(k, x)| {
                if k.eq_ignore_ascii_case(name) && x.is_string() && x != "" {
                    Some(x.clone())
                } else {
                    find(x, name)
                }
            }),
            Value::Array(a) => a.iter().find_map(|x| find(x, name)),
            _ => None,
        }
    }
    spec["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|op| find(&op["request_example"], name))
}

fn removes(id: &str) -> bool {
    [".delete", ".remove", ".cancel", "port_out", "transfer"]
        .iter()
        .any(|s| id.ends_with(s) || id.contains(s))
}

fn creates(id: &str) -> bool {
    [".create", ".add", ".provision", ".send", ".configure"]
        .iter()
        .any(|s| id.ends_with(s))
}

/// Remembers every id-like value sent or received, so later calls can refer to what exists.
fn harvest(known: &mut Map<String, Value>, value: &Value) {
    match value {
        Value::Object(m) => {
            for (k, v) in m {
                if v.is_string()
                    && v != ""
                    && (k.ends_with("Id") || k.ends_with("ID") || k == "PhoneNumber")
                {
                    known.insert(k.to_ascii_lowercase(), v.clone());
                }
                harvest(known, v);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| harvest(known, v)),
        _ => {}
    }
}

/// What a field should be: the latest value this run used or received, else the docs' example.
fn value_for(spec: &Value, known: &Map<String, Value>, name: &str) -> Option<Value> {
    known
        .get(&name.to_ascii_lowercase())
        .cloned()
        .or_else(|| example_value(spec, name))
}

/// One operation's call in the walk: its id, the spec's entry, and what it answered.
pub struct Called {
    pub id: String,
    pub op: Value,
    pub answer: Result<Value, String>,
}

/// Calls every operation once, in the order above, and returns what each answered.
pub fn every_operation(sandbox: &Sandbox) -> Vec<Called> {
    let spec = spec();
    let client = sandbox.blocking_client().unwrap();
    let ops: Vec<(String, Value)> = manifest_ids()
        .into_iter()
        .zip(spec["operations"].as_array().unwrap().iter().cloned())
        .collect();
    let mut ordered: Vec<&(String, Value)> = ops.iter().filter(|(id, _)| creates(id)).collect();
    ordered.extend(ops.iter().filter(|(id, _)| !creates(id) && !removes(id)));
    ordered.extend(ops.iter().filter(|(id, _)| removes(id)));
    let mut known = Map::new();
    let mut called = Vec::new();
    for (id, op) in ordered {
        let mut body = op["request_example"].clone();
        if body.is_null() && op["request"].is_object() {
            // No example in the docs: fill each field from what exists.
            let fields: Map<String, Value> = op["request"]["properties"]
                .as_object()
                .unwrap()
                .keys()
                .filter_map(|k| value_for(&spec, &known, k).map(|v| (k.clone(), v)))
                .collect();
            body = Value::Object(fields);
        }
        prepare(id, &mut body, sandbox, &client);
        harvest(&mut known, &body);
        let mut params = Map::new();
        for p in op["parameters"].as_array().unwrap() {
            let name = p["name"].as_str().unwrap();
            if params.keys().any(|k| k.eq_ignore_ascii_case(name)) {
                continue;
            }
            if let Some(v) = value_for(&spec, &known, name) {
                params.insert(name.to_string(), v);
            }
        }
        let params = (!params.is_empty()).then_some(Value::Object(params));
        // A GET takes no body (the core refuses one): a request example the docs give a GET
        // only supplies values for later calls.
        let body = (!body.is_null() && op["method"] != "GET").then_some(body);
        let answer = client
            .call_json(id, params.clone(), body)
            .map_err(|e| format!("{e} (params {params:?})"));
        if let Ok(value) = &answer {
            harvest(&mut known, value);
        }
        called.push(Called {
            id: id.clone(),
            op: op.clone(),
            answer,
        });
    }
    called
}

/// The few examples that cannot be valid as written: placeholder credentials, a route the docs'
/// own provisioning example still uses, a transfer from an account the subscriber is not in.
fn prepare(id: &str, body: &mut Value, sandbox: &Sandbox, client: &telegent::blocking::Client) {
    match id {
        "tokens.create" => {
            body["AccountKey"] = Value::from(sandbox.account_key());
            body["AccountSecret"] = Value::from(sandbox.account_secret());
        }
        "message_routes.delete" => {
            let route = client.call_json("message_routes.create", None, Some(serde_json::json!({"RouteName": "to delete", "MessageUrl": "https://example.com", "MessageUrlMethod": "POST"}))).unwrap();
            body["MessageRouteId"] = route["MessageRouteId"].clone();
        }
        "voice_routes.delete" => {
            let route = client
                .call_json(
                    "voice_routes.create",
                    None,
                    Some(serde_json::json!({"RouteName": "to delete", "RouteType": "Trunk"})),
                )
                .unwrap();
            body["CallRouteId"] = route["CallRouteId"].clone();
        }
        "subscribers.transfer" => {
            let params = serde_json::json!({"SubscriberId": body["SubscriberId"].clone()});
            let subscriber = client
                .call_json("subscribers.get", Some(params), None)
                .unwrap();
            body["FromAccountId"] = subscriber["Account"]["AccountId"].clone();
            body["ToAccountId"] = Value::from(sandbox.account_id());
        }
        _ => {}
    }
}
