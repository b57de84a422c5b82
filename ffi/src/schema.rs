//! The host's input checked against the manifest's types, with errors in the caller's words.
//!
//! A Python user who passes `to=[5]` should read "`to[0]` must be Recipient (or a mapping, or a
//! str), found int", not a message about the wire field `To`; a Node user should read
//! `messageEnabled`, not `MessageEnabled`. This module walks the wire-named JSON a binding built
//! from its caller's arguments, with the generated schema (`generated/schema.rs`, from the
//! manifest), and names every problem by the caller's own parameter and field names, item
//! indexes included, and the expected type in the caller's language. It accepts exactly what the
//! core sends unchanged (a number for text, numeric text for a number, one value for a list of
//! one: the API itself mixes these) and refuses the rest before the core sees it. It never changes
//! a value, and it checks only fields the SDK knows: unknown keys are `input.rs`'s concern,
//! explicit extras are sent as given.

use crate::errors::{ErrorRecord, FfiResult};
use serde_json::{Map, Value};

#[path = "generated/schema.rs"]
mod generated;

/// One field of a model, as the manifest describes it.
pub(crate) struct Field {
    pub wire: &'static str,
    /// Python, Node, Swift, Kotlin.
    pub names: [&'static str; 4],
    /// The manifest's neutral type (`string`, `list<Recipient>`, an enum or model name).
    pub ty: &'static str,
    pub required: bool,
}

/// One model: its fields, and the field a bare text value fills (a recipient given as a number).
pub(crate) struct Model {
    pub name: &'static str,
    pub scalar: Option<&'static str>,
    pub fields: &'static [Field],
}

/// The language whose names and types errors use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// `snake_case` parameters, `str`/`int`/`list[...]`.
    Python,
    /// `camelCase` properties, `string`/`number`/`T[]`.
    Node,
    /// `camelCase` parameters, `String`/`Int64`/`[T]`.
    Swift,
    /// `camelCase` parameters, `String`/`Long`/`List<T>`.
    Kotlin,
    /// Wire names and JSON types: callers that give wire-named JSON (`call` by id, the CLI).
    Wire,
}

impl Language {
    /// The language a binding names itself by (`python`, `node`, `swift`, `kotlin`); anything
    /// else speaks wire names.
    pub fn from_name(name: &str) -> Language {
        match name {
            "python" => Language::Python,
            "node" => Language::Node,
            "swift" => Language::Swift,
            "kotlin" => Language::Kotlin,
            _ => Language::Wire,
        }
    }

    fn name_of(self, field: &Field) -> &'static str {
        match self {
            Language::Python => field.names[0],
            Language::Node => field.names[1],
            Language::Swift => field.names[2],
            Language::Kotlin => field.names[3],
            Language::Wire => field.wire,
        }
    }

    /// How a client option is set in this language (`allow_insecure_http=True` in Python).
    pub fn option(self, snake: &str, value: bool) -> String {
        let camel = heck::ToLowerCamelCase::to_lower_camel_case(snake);
        match self {
            Language::Python => format!("{snake}={}", if value { "True" } else { "False" }),
            Language::Node => format!("{{ {camel}: {value} }}"),
            Language::Swift => format!("{camel}: {value}"),
            Language::Kotlin => format!("{camel} = {value}"),
            Language::Wire => format!("{snake}({value})"),
        }
    }

    /// A neutral type as this language writes it.
    fn type_name(self, ty: &str) -> String {
        if let Some(item) = inner(ty, "list<") {
            let item = self.type_name(item);
            return match self {
                Language::Python => format!("list[{item}]"),
                Language::Node => format!("{item}[]"),
                Language::Swift => format!("[{item}]"),
                Language::Kotlin => format!("List<{item}>"),
                Language::Wire => format!("a list of {item}"),
            };
        }
        if let Some(value) = inner(ty, "map<string,") {
            let value = self.type_name(value);
            return match self {
                Language::Python => format!("dict[str, {value}]"),
                Language::Node => format!("Record<string, {value}>"),
                Language::Swift => format!("[String: {value}]"),
                Language::Kotlin => format!("Map<String, {value}>"),
                Language::Wire => format!("an object of {value}"),
            };
        }
        let words: [&str; 5] = match ty {
            "string" => ["str", "string", "String", "String", "text"],
            "integer" => ["int", "integer", "Int64", "Long", "an integer"],
            "number" => ["float", "number", "Double", "Double", "a number"],
            "boolean" => ["bool", "boolean", "Bool", "Boolean", "true or false"],
            "json" => ["any JSON value"; 5],
            enum_name if enum_values(enum_name).is_some() => {
                let text = ["str", "string", "String", "String", "text"][self.index()];
                return format!("{text} ({enum_name})");
            }
            model => return model.to_string(),
        };
        words[self.index()].to_string()
    }

    fn index(self) -> usize {
        self as usize
    }

    /// What a JSON value is, as this language would call what its caller passed.
    fn found(self, value: &Value) -> &'static str {
        let integer = value.as_i64().is_some() || value.as_u64().is_some();
        let words: [&str; 5] = match value {
            Value::Null => ["None", "null", "nil", "null", "null"],
            Value::Bool(_) => ["bool", "boolean", "Bool", "Boolean", "a boolean"],
            Value::Number(_) if integer => ["int", "number", "Int", "Long", "a number"],
            Value::Number(_) => ["float", "number", "Double", "Double", "a number"],
            Value::String(_) => ["str", "string", "String", "String", "text"],
            Value::Array(_) => ["list", "array", "Array", "List", "a list"],
            Value::Object(_) => ["dict", "object", "Dictionary", "Map", "an object"],
        };
        words[self.index()]
    }
}

fn inner<'t>(ty: &'t str, prefix: &str) -> Option<&'t str> {
    ty.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix('>'))
}

fn model(name: &str) -> Option<&'static Model> {
    generated::MODELS
        .binary_search_by(|m| m.name.cmp(name))
        .ok()
        .map(|i| &generated::MODELS[i])
}

fn enum_values(name: &str) -> Option<&'static [&'static str]> {
    generated::ENUMS
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .map(|i| generated::ENUMS[i].1)
}

/// The query and body models of operation `id`.
fn input_models(id: &str) -> (Option<&'static str>, Option<&'static str>) {
    generated::OPERATIONS
        .binary_search_by(|(op, _, _)| op.cmp(&id))
        .map(|i| (generated::OPERATIONS[i].1, generated::OPERATIONS[i].2))
        .unwrap_or((None, None))
}

/// Where an input is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The query string.
    Query,
    /// The JSON body.
    Body,
}

/// Checks the known fields of one part of a call: every value of its field's type (nested models
/// and list items too), and every required field given, in `fields` or in the caller's explicit
/// `extra`. The first problem is an `invalid_input` error naming the field in `language`.
pub fn check(
    language: Language,
    operation: &str,
    part: Part,
    fields: Option<&Map<String, Value>>,
    extra: Option<&Map<String, Value>>,
) -> FfiResult<()> {
    let (query, body) = input_models(operation);
    let Some(model) = (match part {
        Part::Query => query,
        Part::Body => body,
    })
    .and_then(model) else {
        return Ok(());
    };
    let empty = Map::new();
    let fields = fields.unwrap_or(&empty);
    let mut walk = Walk {
        language,
        problem: None,
        missing: Vec::new(),
    };
    walk.object(model, fields, "");
    if walk.problem.is_none() {
        walk.required(model, fields, extra, "");
    }
    if let Some((path, text)) = walk.problem {
        let mut record = ErrorRecord::invalid_input(operation, format!("{path} {text}"));
        record.field_errors = vec![(path, vec![text])];
        return Err(record);
    }
    if walk.missing.is_empty() {
        return Ok(());
    }
    let verb = if walk.missing.len() == 1 { "is" } else { "are" };
    let mut record = ErrorRecord::invalid_input(
        operation,
        format!("{} {verb} required", walk.missing.join(", ")),
    );
    record.field_errors = walk
        .missing
        .into_iter()
        .map(|path| (path, vec!["is required".to_string()]))
        .collect();
    Err(record)
}

struct Walk {
    language: Language,
    /// The first value of a wrong type: the path in the caller's names and what is wrong there.
    problem: Option<(String, String)>,
    /// Required fields left out, all of one object (the first that lacks any).
    missing: Vec<String>,
}

impl Walk {
    fn path(&self, at: &str, field: &Field) -> String {
        let name = self.language.name_of(field);
        if at.is_empty() {
            name.to_string()
        } else {
            format!("{at}.{name}")
        }
    }

    fn report(&mut self, path: String, text: String) {
        self.problem.get_or_insert((path, text));
    }

    fn object(&mut self, model: &Model, object: &Map<String, Value>, at: &str) {
        for (key, value) in object {
            let Some(field) = find(model, key) else {
                continue;
            };
            if value.is_null() {
                continue; // an explicit null clears a field; `required` below reports it if needed
            }
            let path = self.path(at, field);
            self.value(field.ty, value, &path);
            if self.problem.is_some() {
                return;
            }
        }
    }

    /// Required fields of `model` that `object` lacks (or gives as null), nested ones included.
    fn required(
        &mut self,
        model: &Model,
        object: &Map<String, Value>,
        extra: Option<&Map<String, Value>>,
        at: &str,
    ) {
        for field in model.fields.iter().filter(|f| f.required) {
            let given = |map: &Map<String, Value>| {
                map.iter()
                    .any(|(k, v)| k.eq_ignore_ascii_case(field.wire) && !v.is_null())
            };
            if !given(object) && !extra.is_some_and(given) {
                self.missing.push(self.path(at, field));
            }
        }
    }

    fn mismatch(&mut self, ty: &str, value: &Value, path: &str) {
        let lang = self.language;
        let mut expected = lang.type_name(ty);
        if let Some(m) = model(ty) {
            expected = match (lang, m.scalar.is_some()) {
                (Language::Python, true) => format!("{expected} (or a mapping, or a str)"),
                (Language::Python, false) => format!("{expected} (or a mapping)"),
                (Language::Node, true) => format!("a {expected} object or a string"),
                (Language::Node, false) => format!("a {expected} object"),
                (_, true) => format!("{expected} (an object, or text)"),
                (_, false) => format!("{expected} (an object)"),
            };
        }
        self.report(
            path.to_string(),
            format!("must be {expected}, found {}", lang.found(value)),
        );
    }

    fn value(&mut self, ty: &str, value: &Value, path: &str) {
        if let Some(item) = inner(ty, "list<") {
            let Value::Array(items) = value else {
                // One value for a list is sent as a list of one.
                return self.value(item, value, path);
            };
            for (i, v) in items.iter().enumerate() {
                self.value(item, v, &format!("{path}[{i}]"));
                if self.problem.is_some() {
                    return;
                }
            }
            return;
        }
        if let Some(item) = inner(ty, "map<string,") {
            let Value::Object(entries) = value else {
                return self.mismatch(ty, value, path);
            };
            for (k, v) in entries {
                self.value(item, v, &format!("{path}[{k:?}]"));
                if self.problem.is_some() {
                    return;
                }
            }
            return;
        }
        let fits = match ty {
            // A number for text is sent as its exact text (the core refuses an inexact one).
            "string" => value.is_string() || value.is_number(),
            "integer" => {
                value.is_i64()
                    || value.is_u64()
                    || value.as_f64().is_some_and(|f| f.fract() == 0.0)
                    || numeric_text(value)
            }
            "number" => value.is_number() || numeric_text(value),
            "boolean" => value.is_boolean(),
            "json" => true,
            name if enum_values(name).is_some() => value.is_string(),
            name => match model(name) {
                Some(m) => match value {
                    Value::Object(object) => {
                        self.object(m, object, path);
                        if self.problem.is_none() && self.missing.is_empty() {
                            self.required(m, object, None, path);
                        }
                        true
                    }
                    Value::String(_) => m.scalar.is_some(),
                    _ => false,
                },
                None => true,
            },
        };
        if !fits {
            self.mismatch(ty, value, path);
        }
    }
}

fn numeric_text(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|text| text.trim().parse::<f64>().is_ok_and(f64::is_finite))
}

fn find(model: &Model, key: &str) -> Option<&'static Field> {
    let fields: &'static [Field] = model.fields;
    fields
        .iter()
        .find(|f| f.wire == key)
        .or_else(|| fields.iter().find(|f| f.wire.eq_ignore_ascii_case(key)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problem(language: Language, op: &str, body: Value) -> String {
        let body = body.as_object().unwrap().clone();
        check(language, op, Part::Body, Some(&body), None)
            .unwrap_err()
            .message
    }

    #[test]
    fn every_required_field_left_out_is_named() {
        let text = problem(Language::Python, "messages.send", json!({"From": "+1"}));
        assert_eq!(text, "to, body are required");
    }

    #[test]
    fn a_wrong_list_item_is_named_by_index_in_python() {
        let text = problem(
            Language::Python,
            "messages.send",
            json!({"To": [5], "From": "+1", "Body": "x"}),
        );
        assert_eq!(
            text,
            "to[0] must be Recipient (or a mapping, or a str), found int"
        );
    }

    #[test]
    fn an_object_for_text_is_refused_in_node_words() {
        let text = problem(
            Language::Node,
            "messages.send",
            json!({"To": ["+1"], "From": {"a": 1}, "Body": "x"}),
        );
        assert_eq!(text, "from must be string, found object");
    }

    #[test]
    fn a_boolean_given_as_a_number_names_the_kotlin_field() {
        let text = problem(
            Language::Kotlin,
            "numbers.update",
            json!({"Number": "+1", "MessageEnabled": 2}),
        );
        assert_eq!(text, "messageEnabled must be Boolean, found Long");
    }

    #[test]
    fn a_required_field_given_as_null_is_missing() {
        let text = problem(
            Language::Python,
            "messages.send",
            json!({"To": ["+1"], "From": "+1", "Body": null}),
        );
        assert_eq!(text, "body is required");
    }

    #[test]
    fn a_required_field_in_the_explicit_extra_counts_as_given() {
        let body = json!({"To": ["+1"], "From": "+1"});
        let extra = json!({"Body": "x"});
        let outcome = check(
            Language::Python,
            "messages.send",
            Part::Body,
            body.as_object(),
            extra.as_object(),
        );
        assert!(outcome.is_ok(), "{outcome:?}");
    }

    #[test]
    fn every_model_and_enum_the_schema_names_exists() {
        for m in generated::MODELS {
            for f in m.fields {
                let base = inner(f.ty, "list<")
                    .or_else(|| inner(f.ty, "map<string,"))
                    .unwrap_or(f.ty);
                let known = ["string", "integer", "number", "boolean", "json"].contains(&base)
                    || model(base).is_some()
                    || enum_values(base).is_some();
                assert!(known, "{}.{} has unknown type {}", m.name, f.wire, f.ty);
            }
        }
    }
}
