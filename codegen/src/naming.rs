//! Naming: decides, once, what every operation and type is called in every language.
//!
//! Users read these names every day, so they come from one rule plus the reviewed override table in
//! `spec/naming.json`, never from ad-hoc edits of generated code. Each language then applies only its
//! own case convention, so docs and examples translate word for word. This module must stay a pure
//! function of the spec and the table: same input, same names.

use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

/// One operation with every name the generator derives for it.
#[derive(Clone, Debug)]
pub struct OpNames {
    pub key: String,
    pub http_method: String,
    pub path: String,
    /// Group path, e.g. `["guardian", "message_filters"]`.
    pub group: Vec<String>,
    pub method: String,
    pub id: String,
    pub request_type: Option<String>,
    pub params_type: Option<String>,
    pub response_type: String,
    pub response_is_list: bool,
    /// The 200 body is a bare array of strings.
    pub response_is_string_list: bool,
    pub idempotent: bool,
    pub paging: Option<Paging>,
    /// What users must know about the answer that the spec does not say (from `spec/naming.json`).
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Paging {
    pub page: String,
    pub size: Option<String>,
    pub items: String,
    pub total: Option<String>,
    /// The type of the items, when they are not the group's own resource type.
    pub item_type: Option<String>,
}

pub struct Naming {
    table: Value,
}

impl Naming {
    pub fn new(table: Value) -> Self {
        Naming { table }
    }

    pub fn group_type(&self, group: &str) -> String {
        self.table["groups"][group]["type"]
            .as_str()
            .unwrap_or_else(|| panic!("spec/naming.json: group {group} has no type"))
            .to_string()
    }

    pub fn group_doc(&self, group: &str) -> String {
        self.table["groups"][group]["doc"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn nested_types(&self) -> Vec<(String, String)> {
        self.pairs("nested_types")
    }

    pub fn enum_types(&self) -> Vec<(String, String)> {
        self.pairs("enum_types")
    }

    fn pairs(&self, key: &str) -> Vec<(String, String)> {
        self.table[key]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The field a bare value fills when the API sends a one-field object as just that value.
    pub fn scalar_field(&self, type_name: &str) -> Option<String> {
        self.table["scalar_types"][type_name]
            .as_str()
            .map(String::from)
    }

    /// The words of a field's public name: the correction from `spelling` when the API misspells
    /// the wire name, else the wire name itself.
    pub fn words(&self, wire: &str) -> String {
        self.table["spelling"]["names"][wire]["words"]
            .as_str()
            .unwrap_or(wire)
            .to_string()
    }

    /// Misspelled wire names and their corrected words.
    pub fn spellings(&self) -> Vec<(String, String)> {
        self.table["spelling"]["names"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v["words"].as_str().unwrap_or(k).to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Merged type name -> the rule-made names of the identical shapes it replaces.
    pub fn merged_types(&self) -> Vec<(String, Vec<String>)> {
        self.table["merged_types"]["names"]
            .as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), strings(v))).collect())
            .unwrap_or_default()
    }

    pub fn map_types(&self) -> Vec<String> {
        strings(&self.table["map_types"]["names"])
    }

    pub fn rust_keywords(&self) -> Vec<String> {
        strings(&self.table["keywords"]["rust"])
    }

    fn group_for(&self, rest: &str) -> (String, String) {
        let mut best: Option<(&str, &str)> = None;
        for pair in self.table["prefixes"].as_array().expect("prefixes") {
            let prefix = pair[0].as_str().unwrap();
            let group = pair[1].as_str().unwrap();
            let matches = rest == prefix || rest.starts_with(&format!("{prefix}/"));
            if matches && best.is_none_or(|(p, _)| prefix.len() > p.len()) {
                best = Some((prefix, group));
            }
        }
        let (prefix, group) =
            best.unwrap_or_else(|| panic!("spec/naming.json: no group prefix for {rest}"));
        let remainder = rest[prefix.len()..].trim_start_matches('/').to_string();
        (group.to_string(), remainder)
    }

    pub fn name_operation(&self, op: &Value) -> OpNames {
        let http_method = op["method"].as_str().unwrap().to_string();
        let path = op["path"].as_str().unwrap().to_string();
        let key = format!("{http_method} {path}");
        let rest = path
            .trim_start_matches("/v1.0/")
            .trim_start_matches("/v1.0");
        let (group, remainder) = self.group_for(rest);
        let overrides = &self.table["operations"][&key];
        let method = match overrides["method"].as_str() {
            Some(m) => m.to_string(),
            None if remainder.is_empty() && http_method == "GET" => {
                if rest.starts_with("account/") || rest.starts_with("distributor/") {
                    "list".to_string()
                } else {
                    "get".to_string()
                }
            }
            None if remainder.is_empty() => "create".to_string(),
            None => remainder.replace(['/', '-'], "_").to_snake_case(),
        };
        let group_path: Vec<String> = group.split('.').map(String::from).collect();
        let resource = self.group_type(&group);
        let verb = method.to_upper_camel_case();
        let has_body = op["request"].is_object();
        let has_params = op["parameters"].as_array().is_some_and(|p| !p.is_empty());
        let request_type = has_body.then(|| format!("{verb}{resource}Request"));
        let params_type = has_params.then(|| format!("{verb}{resource}Params"));
        let examples = &op["responses"]["200"]["examples"];
        let first_example = examples.as_object().and_then(|m| m.values().next());
        let schema = &op["responses"]["200"]["schema"];
        let response_is_list = first_example.is_some_and(Value::is_array)
            || schema.get("type").and_then(Value::as_str) == Some("array");
        let response_is_string_list = response_is_list
            && (first_example
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .is_some_and(Value::is_string)
                || schema["items"]["type"].as_str() == Some("string"));
        let response_type = match overrides["response"].as_str() {
            Some(r) => r.to_string(),
            None if method.starts_with("list") && !response_is_list => format!("{resource}List"),
            None => resource.clone(),
        };
        let idempotent = overrides["idempotent"].as_bool().unwrap_or(
            http_method == "GET"
                || strings(&self.table["verbs"]["idempotent_post_verbs"]).contains(&method),
        );
        let paging = overrides.get("paging").map(|p| Paging {
            page: p["page"].as_str().unwrap().to_string(),
            size: p["size"].as_str().map(String::from),
            items: p["items"].as_str().unwrap().to_string(),
            total: p["total"].as_str().map(String::from),
            item_type: p["item_type"].as_str().map(String::from),
        });
        let id = format!("{group}.{method}");
        OpNames {
            key,
            http_method,
            path,
            group: group_path,
            method,
            id,
            request_type,
            params_type,
            response_type,
            response_is_list,
            response_is_string_list,
            idempotent,
            paging,
            note: overrides["note"].as_str().map(String::from),
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

/// `PascalCase` wire name -> Rust/Python field name.
pub fn snake(wire: &str, keywords: &[String]) -> String {
    let s = wire.to_snake_case();
    if keywords.contains(&s) {
        format!("{s}_")
    } else {
        s
    }
}

/// The public words of the field of `fields` with this wire name (the wire name if none has it).
pub fn words_of(fields: &[crate::types::Field], wire: &str) -> String {
    fields
        .iter()
        .find(|f| f.wire == wire)
        .map(|f| f.words.clone())
        .unwrap_or_else(|| wire.to_string())
}

/// Wire name -> Node/Swift/Kotlin property name.
pub fn camel(wire: &str) -> String {
    wire.to_snake_case().to_lower_camel_case()
}

/// Group path -> Rust type name of the group handle, e.g. `GuardianMessageFiltersApi`.
pub fn group_struct(group: &[String]) -> String {
    let words: String = group.iter().map(|g| g.to_upper_camel_case()).collect();
    format!("{words}Api")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn naming() -> Naming {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/naming.json");
        Naming::new(serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
    }

    fn op(method: &str, path: &str) -> OpNames {
        naming().name_operation(&json!({"method": method, "path": path, "parameters": [], "request": null, "responses": {}}))
    }

    #[test]
    fn a_post_to_a_collection_creates() {
        let n = op("POST", "/v1.0/message/routes");
        assert_eq!(
            (n.id.as_str(), n.idempotent),
            ("message_routes.create", false)
        );
    }

    #[test]
    fn a_get_under_account_lists() {
        assert_eq!(
            op("GET", "/v1.0/account/voice/routes").id,
            "voice_routes.list"
        );
    }

    #[test]
    fn the_last_path_word_is_the_verb_and_updates_are_idempotent() {
        let n = op(
            "POST",
            "/v1.0/subscribers/call-filter/blocked-numbers/remove",
        );
        assert_eq!(
            (n.id.as_str(), n.idempotent),
            ("guardian.call_filters.blocked_numbers.remove", true)
        );
    }

    #[test]
    fn overrides_win_over_the_rule() {
        assert_eq!(op("POST", "/v1.0/message/outbound").id, "messages.send");
    }

    #[test]
    fn case_conventions_keep_the_words() {
        assert_eq!(snake("Trunk1Priortiy", &[]), "trunk1_priortiy");
        assert_eq!(naming().words("Trunk1Priortiy"), "Trunk1Priority");
        assert_eq!(
            snake(&naming().words("Trunk1Priortiy"), &[]),
            "trunk1_priority"
        );
        assert_eq!(camel(&naming().words("Trunk2Priortiy")), "trunk2Priority");
        assert_eq!(naming().words("PageNumber"), "PageNumber");
        assert_eq!(camel("MessageRouteId"), "messageRouteId");
        assert_eq!(snake("Type", &["type".into()]), "type_");
    }
}
