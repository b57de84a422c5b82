//! The manifest (`spec/operations.json`) is complete and language-neutral: every model and enum
//! of the generated Rust, every field with its names in five languages and a neutral type that
//! resolves, the spec's notes as docs that reach Rust and Python, corrected misspellings, and the
//! error kinds of the core.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn json(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap()
}

fn manifest() -> Value {
    json("spec/operations.json")
}

fn names(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

/// `pub struct X` / `pub enum X` names declared in the generated Rust models.
fn rust_items(kind: &str) -> BTreeSet<String> {
    let prefix = format!("pub {kind} ");
    read("core/src/generated/models.rs")
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(|rest| rest.split([' ', '{']).next().unwrap().to_string())
        .collect()
}

/// Does `ty` parse in the manifest's grammar, with every name resolving to a model or an enum?
fn resolves(ty: &str, models: &BTreeSet<String>, enums: &BTreeSet<String>) -> bool {
    if let Some(inner) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        return resolves(inner, models, enums);
    }
    if let Some(inner) = ty
        .strip_prefix("map<string,")
        .and_then(|t| t.strip_suffix('>'))
    {
        return resolves(inner, models, enums);
    }
    matches!(ty, "string" | "integer" | "number" | "boolean" | "json")
        || models.contains(ty)
        || enums.contains(ty)
}

fn fields(m: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for model in m["models"].as_array().unwrap() {
        for f in model["fields"].as_array().unwrap() {
            out.push((model["name"].as_str().unwrap().to_string(), f.clone()));
        }
    }
    for op in m["operations"].as_array().unwrap() {
        for p in op["parameters"].as_array().unwrap() {
            out.push((op["id"].as_str().unwrap().to_string(), p.clone()));
        }
    }
    out
}

#[test]
fn the_manifest_lists_every_model_and_enum_of_the_generated_rust() {
    let m = manifest();
    assert_eq!(names(&m["models"]), rust_items("struct"));
    assert_eq!(names(&m["enums"]), rust_items("enum"));
    assert_eq!(m["model_count"], m["models"].as_array().unwrap().len());
    assert_eq!(m["enum_count"], m["enums"].as_array().unwrap().len());
}

#[test]
fn every_field_has_five_names_and_a_neutral_type_that_resolves() {
    let m = manifest();
    let models = names(&m["models"]);
    let enums = names(&m["enums"]);
    for (owner, f) in fields(&m) {
        for lang in ["wire", "rust", "python", "node", "swift", "kotlin"] {
            assert!(
                f[lang].as_str().is_some_and(|s| !s.is_empty()),
                "{owner}.{}: no {lang} name",
                f["wire"]
            );
        }
        let ty = f["type"].as_str().unwrap();
        assert!(
            resolves(ty, &models, &enums),
            "{owner}.{}: type {ty} is not in the grammar",
            f["wire"]
        );
        assert!(f["required"].is_boolean() && f["secret"].is_boolean());
        assert!(f["doc"].is_string(), "{owner}.{}: no doc", f["wire"]);
    }
    for op in m["operations"].as_array().unwrap() {
        let ty = op["response_type"].as_str().unwrap();
        assert!(resolves(ty, &models, &enums), "{}: {ty}", op["id"]);
    }
}

#[test]
fn enum_values_have_a_case_name_in_every_language() {
    for e in manifest()["enums"].as_array().unwrap() {
        for v in e["values"].as_array().unwrap() {
            for lang in ["wire", "rust", "python", "node", "swift", "kotlin"] {
                assert!(
                    v[lang].as_str().is_some_and(|s| !s.is_empty()),
                    "{e}: {lang}"
                );
            }
            assert_eq!(v["python"], v["wire"]);
            assert_eq!(v["node"], v["wire"]);
        }
    }
}

#[test]
fn every_spec_note_of_a_parameter_or_body_field_is_its_doc() {
    let spec = json("spec/telegent-api.json");
    let m = manifest();
    let mut checked = 0;
    for (raw, entry) in spec["operations"]
        .as_array()
        .unwrap()
        .iter()
        .zip(m["operations"].as_array().unwrap())
    {
        // A wire name the spec also lists in another case (`MessageRouteID`) is one parameter,
        // documented by its first spelling: only exact spellings are compared.
        let find = |wire: &str, at: &str| -> Option<Value> {
            let params = entry["parameters"].as_array().unwrap();
            let any = params
                .iter()
                .any(|p| p["in"] == at && p["wire"].as_str().unwrap().eq_ignore_ascii_case(wire));
            assert!(any, "{}: no {at} parameter {wire}", entry["id"]);
            params
                .iter()
                .find(|p| p["in"] == at && p["wire"] == wire)
                .cloned()
        };
        for p in raw["parameters"].as_array().into_iter().flatten() {
            if let Some(note) = p["note"].as_str() {
                if let Some(found) = find(p["name"].as_str().unwrap(), "query") {
                    assert_eq!(found["doc"], note, "{}", entry["id"]);
                    checked += 1;
                }
            }
        }
        for (wire, prop) in raw["request"]["properties"]
            .as_object()
            .into_iter()
            .flatten()
        {
            if let Some(note) = prop["note"].as_str() {
                if let Some(found) = find(wire, "body") {
                    assert_eq!(found["doc"], note, "{}", entry["id"]);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} notes checked");
}

#[test]
fn documented_notes_reach_rust_and_python_docs() {
    let m = manifest();
    let recipient = m["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "Recipient")
        .unwrap();
    assert_eq!(recipient["fields"][0]["doc"], "recipient, E.164");
    let rust = read("core/src/generated/models.rs");
    let rust_recipient = &rust[rust.find("pub struct Recipient {").unwrap()..];
    assert!(rust_recipient[..200].contains("/// `Number`: recipient, E.164"));
    let send = &rust[rust.find("pub struct SendMessageRequest {").unwrap()..];
    assert!(send.contains("/// `From`: sender number, E.164, must be provisioned on the account"));
    let pyi = read("bindings-python/python/telegent/_models.pyi");
    let py_recipient = &pyi[pyi.find("class Recipient(Model):").unwrap()..];
    assert!(py_recipient[..400].contains("number: recipient, E.164"));
    assert!(py_recipient[..400].contains("\"\"\"recipient, E.164\"\"\""));
    let resources = read("bindings-python/python/telegent/_resources.py");
    let py_send = &resources[resources.find("    def send(").unwrap()..];
    let py_send = &py_send[..py_send.find("        return self._c").unwrap()];
    assert!(py_send.contains("Args:"), "{py_send}");
    assert!(py_send.contains("from_: sender number, E.164"), "{py_send}");
}

#[test]
fn misspelled_wire_names_get_corrected_public_names_and_keep_the_wire() {
    let m = manifest();
    let naming = json("spec/naming.json");
    let corrections = naming["spelling"]["names"].as_object().unwrap();
    assert!(corrections.contains_key("Trunk1Priortiy"));
    let mut seen = 0;
    for (owner, f) in fields(&m) {
        for lang in ["rust", "python", "node", "swift", "kotlin"] {
            let name = f[lang].as_str().unwrap().to_ascii_lowercase();
            assert!(
                !name.contains("priortiy"),
                "{owner}.{}: {lang} {name}",
                f["wire"]
            );
        }
        if f["wire"] == "Trunk1Priortiy" {
            seen += 1;
            assert_eq!(f["rust"], "trunk1_priority");
            assert_eq!(f["python"], "trunk1_priority");
            for lang in ["node", "swift", "kotlin"] {
                assert_eq!(f[lang], "trunk1Priority");
            }
        }
    }
    assert!(seen > 0);
    let rust = read("core/src/generated/models.rs");
    assert!(rust.contains("\"Trunk1Priortiy\" => trunk1_priority"));
    assert!(!rust.contains("trunk1_priortiy"));
    let py = read("bindings-python/python/telegent/_models.py");
    assert!(py.contains("(\"trunk1_priority\", \"Trunk1Priortiy\""));
}

#[test]
fn a_page_number_is_an_integer_in_every_paging_operation() {
    let m = manifest();
    for op in m["operations"].as_array().unwrap() {
        let Some(page) = op["pages"]["page"].as_str() else {
            continue;
        };
        let p = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["wire"].as_str().unwrap().eq_ignore_ascii_case(page))
            .unwrap();
        assert_eq!(p["type"], "integer", "{}", op["id"]);
    }
    let rust = read("core/src/generated/models.rs");
    let list = &rust[rust.find("pub struct ListNumberParams {").unwrap()..];
    assert!(list[..200].contains("pub page_number: Option<i64>,"));
    let pyi = read("bindings-python/python/telegent/_resources.pyi");
    assert!(pyi.contains("def list(self, *, page_number: int | None = ..., filter: str | None"));
}

#[test]
fn identical_data_usage_numbers_are_one_type() {
    let m = manifest();
    let models = names(&m["models"]);
    assert!(models.contains("DataUsageRequestNumber"));
    assert!(!models
        .iter()
        .any(|n| n.ends_with("DataUsageRequestPhoneNumber")));
}

#[test]
fn error_kinds_are_the_cores() {
    let errors = read("core/src/errors.rs");
    let as_str = &errors[errors.find("pub fn as_str(self)").unwrap()..];
    let as_str = &as_str[..as_str.find("\n    }\n").unwrap()];
    let core: BTreeSet<String> = as_str
        .lines()
        .filter_map(|l| l.trim().strip_prefix("ErrorKind::"))
        .filter_map(|l| {
            l.split_once(" => \"")
                .map(|(_, n)| n.trim_end_matches("\",").to_string())
        })
        .collect();
    let m = manifest();
    let kinds = m["error_kinds"].as_array().unwrap();
    assert_eq!(names(&m["error_kinds"]), core);
    let not_found = kinds.iter().find(|k| k["name"] == "not_found").unwrap();
    assert_eq!(not_found["statuses"], serde_json::json!(["404"]));
    assert!(kinds
        .iter()
        .all(|k| !k["meaning"].as_str().unwrap().is_empty()));
}
