//! One subcommand per operation, built from the manifest: groups nest (`telegent guardian
//! message-filters create`) and each parameter is a `--flag` typed from the manifest's neutral
//! type:
//!
//! | type | flag |
//! |---|---|
//! | `string`, `integer`, `number` | `--flag <TEXT>`, `<INTEGER>`, `<NUMBER>` |
//! | `boolean` | a switch: `--flag` sends true, `--no-flag` false, neither sends nothing |
//! | enum | `--flag <CHOICE>`, one of the enum's wire values, in any case |
//! | model, `map<..>`, `json` | `--flag <JSON>` |
//! | `list<T>` | repeated, one item each (`--to A --to B`), or one JSON array; an item of a model with a `scalar` (a recipient's `Number`) may be that text |
//!
//! `--json`/`--params` take the whole body or query as JSON (flags override their fields), and
//! paging operations take `--all-pages`. A flag's value is never quoted back in an error when the
//! parameter holds a secret.

use crate::output::{self, Format, Printer, Records};
use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, ArgMatches, Command};
use futures::{FutureExt, StreamExt};
use heck::ToKebabCase;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::process::ExitCode;
use std::sync::OnceLock;

static MANIFEST_TEXT: &str = include_str!("../../spec/operations.json");

const OPERATION: &str = "Operation options";
const OUTPUT: &str = "Output options";

/// The parts of the manifest the CLI reads.
struct Manifest {
    operations: Vec<Value>,
    models: HashMap<String, Value>,
    enums: HashMap<String, Vec<String>>,
    groups: Map<String, Value>,
}

fn manifest() -> &'static Manifest {
    static MANIFEST: OnceLock<Manifest> = OnceLock::new();
    MANIFEST.get_or_init(|| {
        let doc: Value = serde_json::from_str(MANIFEST_TEXT).expect("spec/operations.json is JSON");
        let named = |key: &str| -> Vec<(String, Value)> {
            doc[key]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| {
                    (
                        v["name"].as_str().unwrap_or_default().to_string(),
                        v.clone(),
                    )
                })
                .collect()
        };
        Manifest {
            operations: doc["operations"].as_array().cloned().unwrap_or_default(),
            models: named("models").into_iter().collect(),
            enums: named("enums")
                .into_iter()
                .map(|(name, e)| {
                    let values = e["values"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v["wire"].as_str().map(str::to_string))
                        .collect();
                    (name, values)
                })
                .collect(),
            groups: doc["groups"].as_object().cloned().unwrap_or_default(),
        }
    })
}

/// What a parameter's neutral type is to the command line.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Text,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Json,
    /// A JSON object whose keys are data.
    Map,
    /// One of an enum's wire values.
    Choice(&'static [String]),
    /// A model: a JSON object with these fields (wire names), or the text of its `scalar` field.
    Model {
        name: String,
        fields: Vec<String>,
        scalar: Option<String>,
    },
    List(Box<Kind>),
}

fn kind(neutral: &str) -> Kind {
    match neutral {
        "string" => Kind::Text,
        "integer" => Kind::Integer,
        "number" => Kind::Number,
        "boolean" => Kind::Boolean,
        "json" => Kind::Json,
        t if t.starts_with("list<") && t.ends_with('>') => {
            Kind::List(Box::new(kind(&t[5..t.len() - 1])))
        }
        t if t.starts_with("map<") => Kind::Map,
        name => {
            let m = manifest();
            if let Some(values) = m.enums.get(name) {
                Kind::Choice(values.as_slice())
            } else if let Some(model) = m.models.get(name) {
                Kind::Model {
                    name: name.to_string(),
                    fields: model["fields"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|f| f["wire"].as_str().map(str::to_string))
                        .collect(),
                    scalar: model["scalar"].as_str().map(str::to_string),
                }
            } else {
                Kind::Json
            }
        }
    }
}

impl Kind {
    /// The value name shown in help: a neutral type, never a language's.
    fn value_name(&self) -> &'static str {
        match self {
            Kind::Text => "TEXT",
            Kind::Integer => "INTEGER",
            Kind::Number => "NUMBER",
            Kind::Choice(_) => "CHOICE",
            Kind::Model {
                scalar: Some(_), ..
            } => "TEXT|JSON",
            Kind::Boolean | Kind::Json | Kind::Map | Kind::Model { .. } => "JSON",
            Kind::List(item) => item.value_name(),
        }
    }

    /// What the help adds about the value's form.
    fn form(&self) -> Option<String> {
        match self {
            Kind::Text | Kind::Integer | Kind::Number | Kind::Boolean | Kind::Choice(_) => None,
            Kind::Json => Some("any JSON value".into()),
            Kind::Map => Some("a JSON object".into()),
            Kind::Model { .. } => Some(format!("a JSON object{}", self.fields_hint())),
            Kind::List(item) => Some(match &**item {
                Kind::Model {
                    scalar: Some(scalar),
                    ..
                } => format!(
                    "repeatable: each a {scalar} as text or a JSON object{}; or one JSON array",
                    item.fields_hint()
                ),
                Kind::Model { .. } => format!(
                    "repeatable: each a JSON object{}; or one JSON array",
                    item.fields_hint()
                ),
                _ => "repeatable, or one JSON array".into(),
            }),
        }
    }

    fn fields_hint(&self) -> String {
        match self {
            Kind::Model { fields, .. } if !fields.is_empty() => {
                format!(" with {}", fields.join(", "))
            }
            _ => String::new(),
        }
    }
}

#[derive(Default)]
struct Group {
    children: BTreeMap<String, Group>,
    ops: Vec<&'static Value>,
}

fn tree() -> Group {
    let mut root = Group::default();
    for op in &manifest().operations {
        let mut node = &mut root;
        for part in op["group"].as_str().unwrap_or_default().split('.') {
            node = node.children.entry(part.to_string()).or_default();
        }
        node.ops.push(op);
    }
    root
}

/// The subcommands of every top-level group.
pub fn commands() -> Vec<Command> {
    tree()
        .children
        .iter()
        .map(|(name, group)| group_command(name, name, group))
        .collect()
}

fn group_command(name: &str, path: &str, group: &Group) -> Command {
    let about = manifest().groups[path]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| format!("{} operations", name.replace('_', " ")));
    let mut cmd = Command::new(name.to_kebab_case())
        .about(about)
        .subcommand_required(true)
        .arg_required_else_help(true);
    for (child, sub) in &group.children {
        cmd = cmd.subcommand(group_command(child, &format!("{path}.{child}"), sub));
    }
    for op in &group.ops {
        cmd = cmd.subcommand(op_command(op));
    }
    cmd
}

/// Flags that are not a parameter's: the options every operation has.
const RESERVED: [&str; 13] = [
    "json",
    "params",
    "all-pages",
    "help",
    "output",
    "fields",
    "no-header",
    "profile",
    "base-url",
    "account-key",
    "account-secret",
    "timeout",
    "deadline",
];

/// The flag of a parameter (`from_` is `--from`).
fn flag_name(p: &Value) -> String {
    p["python"].as_str().unwrap_or_default().to_kebab_case()
}

/// The parameters that have a flag of their own, with it. A parameter whose flag would be one of
/// the options every operation has (`tokens create`'s `AccountKey`) takes that option's value.
fn flagged(op: &Value) -> Vec<(String, &Value)> {
    let mut seen = HashSet::new();
    op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| (flag_name(p), p))
        .filter(|(flag, _)| {
            !RESERVED.contains(&flag.as_str())
                && flag != "max-retries"
                && !flag.starts_with("no-")
                && seen.insert(flag.clone())
        })
        .collect()
}

fn param_id(flag: &str) -> String {
    format!("param:{flag}")
}

fn negated_id(flag: &str) -> String {
    format!("param:no-{flag}")
}

fn text(op: &Value, key: &str) -> String {
    op[key].as_str().unwrap_or_default().trim().to_string()
}

fn op_command(op: &'static Value) -> Command {
    let summary = text(op, "summary");
    let line = format!(
        "Operation {}: {} {}",
        text(op, "id"),
        text(op, "http_method"),
        text(op, "path")
    );
    let mut long = vec![summary.clone()];
    for key in ["purpose", "note"] {
        let t = text(op, key);
        if !t.is_empty() {
            long.push(if key == "note" {
                format!("Note: {t}")
            } else {
                t
            });
        }
    }
    long.push(line);
    let mut cmd = Command::new(text(op, "method").to_kebab_case())
        .about(format!(
            "{summary} ({} {})",
            text(op, "http_method"),
            text(op, "path")
        ))
        .long_about(long.join("\n\n"))
        .disable_help_flag(true);
    for (flag, p) in flagged(op) {
        cmd = cmd.args(param_args(&flag, p));
    }
    for (place, id, what) in [
        ("body", "json", "request body"),
        ("query", "params", "query"),
    ] {
        let wires: Vec<&str> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == place)
            .filter_map(|p| p["wire"].as_str())
            .collect();
        if !wires.is_empty() {
            cmd = cmd.arg(
                Arg::new(id)
                    .long(id)
                    .value_name("JSON")
                    .help_heading(OPERATION)
                    .help(format!(
                        "The whole {what} as a JSON object with wire names ({}); flags override its fields",
                        wires.join(", ")
                    )),
            );
        }
    }
    cmd = cmd.args(output_args(op));
    cmd.args(crate::settings::args())
        .arg(crate::settings::help_arg())
}

/// The values a choice takes, as clap would list them (kept in the help text so short and long
/// help show them alike).
fn possible_values(values: &[String]) -> String {
    let shown: Vec<String> = values
        .iter()
        .map(|v| {
            if v.contains(char::is_whitespace) {
                format!("{v:?}")
            } else {
                v.clone()
            }
        })
        .collect();
    format!(" [possible values: {}]", shown.join(", "))
}

fn param_args(flag: &str, p: &Value) -> Vec<Arg> {
    let k = kind(p["type"].as_str().unwrap_or_default());
    let secret = p["secret"] == true;
    let mut help = p["doc"].as_str().unwrap_or_default().trim().to_string();
    if help.is_empty() {
        help = p["wire"].as_str().unwrap_or_default().to_string();
    }
    if p["required"] == true {
        help.push_str(" [required]");
    }
    if let Some(form) = k.form() {
        help.push_str(&format!(" [{form}]"));
    }
    if let Kind::Choice(values) = &k {
        help.push_str(&possible_values(values));
    }
    if let Kind::List(item) = &k {
        if let Kind::Choice(values) = &**item {
            help.push_str(&possible_values(values));
        }
    }
    let arg = Arg::new(param_id(flag))
        .long(flag.to_string())
        .help_heading(OPERATION);
    match &k {
        Kind::Boolean => {
            let no = format!("no-{flag}");
            help.push_str(&format!(" [--{no} sends false]"));
            vec![
                arg.action(ArgAction::SetTrue)
                    .overrides_with(negated_id(flag))
                    .help(help),
                Arg::new(negated_id(flag))
                    .long(no)
                    .action(ArgAction::SetTrue)
                    .overrides_with(param_id(flag))
                    .hide(true),
            ]
        }
        _ => {
            let arg = arg.value_name(k.value_name()).help(help);
            let arg = match &k {
                Kind::List(_) => arg.action(ArgAction::Append),
                _ => arg.action(ArgAction::Set),
            };
            let choices = match &k {
                Kind::Choice(values) => Some(*values),
                Kind::List(item) => match **item {
                    Kind::Choice(values) => Some(values),
                    _ => None,
                },
                _ => None,
            };
            // A secret's text is checked after parsing, where errors never quote it.
            let arg = match (&k, choices, secret) {
                (_, _, true) => arg,
                (_, Some(values), _) => arg
                    .value_parser(PossibleValuesParser::new(values.iter().map(String::as_str)))
                    .ignore_case(true)
                    .hide_possible_values(true),
                (Kind::Integer, _, _) => arg.value_parser(integer),
                (Kind::Number, _, _) => arg.value_parser(number),
                _ => arg,
            };
            vec![arg]
        }
    }
}

/// Checks an integer flag while parsing, so a mistake is a usage error with the flag named.
fn integer(text: &str) -> Result<String, String> {
    text.trim()
        .parse::<i64>()
        .map(|_| text.trim().to_string())
        .map_err(|_| "not a whole number".to_string())
}

fn number(text: &str) -> Result<String, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(|_| text.trim().to_string())
        .ok_or_else(|| "not a number".to_string())
}

fn output_args(op: &Value) -> Vec<Arg> {
    let mut args = vec![
        Arg::new("output")
            .short('o')
            .long("output")
            .value_name("FORMAT")
            .value_parser(PossibleValuesParser::new(Format::NAMES))
            .ignore_case(true)
            .default_value("json")
            .hide_default_value(true)
            .hide_possible_values(true)
            .help_heading(OUTPUT)
            .help("How to print the answer: json (the whole answer, as the API gave it), ndjson (a record a line), table (aligned columns, for reading) or tsv (tab-separated, for scripts) [default: json] [possible values: json, ndjson, table, tsv]"),
        Arg::new("fields")
            .long("fields")
            .value_name("FIELD,...")
            .value_delimiter(',')
            .action(ArgAction::Append)
            .help_heading(OUTPUT)
            .help(format!(
                "Only these fields{}, in this order (wire or snake_case names, any case); every format",
                match records_of(op) {
                    (Records::Single, Some(name)) => format!(" of the {name}"),
                    (_, Some(name)) => format!(" of each {name}"),
                    (_, None) => String::new(),
                }
            )),
        Arg::new("no-header")
            .long("no-header")
            .action(ArgAction::SetTrue)
            .help_heading(OUTPUT)
            .help("Leave out the header line of table and tsv"),
    ];
    if !op["pages"].is_null() {
        args.push(
            Arg::new("all-pages")
                .long("all-pages")
                .action(ArgAction::SetTrue)
                .help_heading(OUTPUT)
                .help(format!(
                    "Fetch every page from --{} (or 1): json prints one array at the end; ndjson, table and tsv print each page as it arrives (table column widths come from the first page)",
                    op["pages"]["page"].as_str().unwrap_or("PageNumber").to_kebab_case()
                )),
        );
    }
    args
}

/// Where an operation's answer keeps its records, and the model of one record.
fn records_of(op: &Value) -> (Records, Option<String>) {
    if let Some(items) = op["pages"]["items"].as_str() {
        return (
            Records::Field(items.to_string()),
            op["pages"]["item_type"].as_str().map(str::to_string),
        );
    }
    let response = op["response_type"].as_str().unwrap_or_default();
    if let Kind::List(item) = kind(response) {
        let model = match *item {
            Kind::Model { name, .. } => Some(name),
            _ => None,
        };
        return (Records::Array, model);
    }
    // A listing that is not paged: the one list of models in its answer.
    if text(op, "method").starts_with("list") {
        if let Some(model) = manifest().models.get(response) {
            let lists: Vec<(&str, String)> = model["fields"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| match kind(f["type"].as_str()?) {
                    Kind::List(item) => match *item {
                        Kind::Model { name, .. } => Some((f["wire"].as_str()?, name)),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            if let [(wire, item)] = lists.as_slice() {
                return (Records::Field(wire.to_string()), Some(item.clone()));
            }
        }
    }
    let model = manifest()
        .models
        .contains_key(response)
        .then(|| response.to_string());
    (Records::Single, model)
}

fn record_model(op: &Value) -> Option<String> {
    records_of(op).1
}

/// The wire names `--fields` names, checked against the record's model before anything is sent.
fn chosen_fields(op: &Value, names: Vec<String>) -> Result<Vec<String>, String> {
    let Some(model) = record_model(op).and_then(|m| manifest().models.get(&m).map(|v| (m, v)))
    else {
        return Ok(names);
    };
    let (model_name, model) = model;
    let fields: Vec<&Value> = model["fields"].as_array().into_iter().flatten().collect();
    names
        .iter()
        .map(|name| {
            let wanted = output::normalized(name);
            fields
                .iter()
                .find(|f| {
                    ["wire", "python"]
                        .iter()
                        .any(|k| f[k].as_str().map(output::normalized).as_deref() == Some(&wanted))
                })
                .and_then(|f| f["wire"].as_str().map(str::to_string))
                .ok_or_else(|| {
                    format!(
                        "--fields: {model_name} has no field {name:?}; its fields: {}",
                        fields
                            .iter()
                            .filter_map(|f| f["wire"].as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
        })
        .collect()
}

/// Finds the operation a parsed command line names, walking nested groups.
fn resolve<'a>(group: &str, matches: &'a ArgMatches) -> Option<(&'static Value, &'a ArgMatches)> {
    let mut path = vec![group.to_string()];
    let mut current = matches;
    while let Some((name, sub)) = current.subcommand() {
        path.push(name.to_string());
        current = sub;
    }
    let (method, groups) = path.split_last()?;
    manifest()
        .operations
        .iter()
        .find(|op| {
            op["method"].as_str().map(|m| m.to_kebab_case()).as_deref() == Some(method.as_str())
                && op["group"]
                    .as_str()
                    .map(|g| g.split('.').map(|p| p.to_kebab_case()).collect::<Vec<_>>())
                    .as_deref()
                    == Some(groups)
        })
        .map(|op| (op, current))
}

/// A flag's text as a value of the parameter's kind. `flag` names it in errors; `secret` keeps
/// the text itself out of them.
fn typed(value: &str, k: &Kind, flag: &str, secret: bool) -> Result<Value, String> {
    let shown = |v: &str| {
        if secret {
            "the value given".to_string()
        } else {
            format!("{v:?}")
        }
    };
    let json = |v: &str| -> Result<Value, String> {
        serde_json::from_str(v).map_err(|e| {
            if secret {
                format!("--{flag}: the value given is not valid JSON")
            } else {
                format!("--{flag}: {v:?} is not valid JSON: {e}")
            }
        })
    };
    match k {
        Kind::Boolean => match value.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("--{flag}: {} is not true or false", shown(value))),
        },
        Kind::Integer => value
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("--{flag}: {} is not a whole number", shown(value))),
        Kind::Number => value
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
            .ok_or_else(|| format!("--{flag}: {} is not a number", shown(value))),
        // Text is text, even when it looks like JSON (`KeywordFilter` is stringified JSON).
        Kind::Text => Ok(Value::String(value.to_string())),
        // The canonical spelling of a value given in any case.
        Kind::Choice(values) => Ok(Value::String(
            values
                .iter()
                .find(|v| v.eq_ignore_ascii_case(value))
                .cloned()
                .unwrap_or_else(|| value.to_string()),
        )),
        Kind::Json => json(value),
        Kind::Map | Kind::Model { scalar: None, .. } => match json(value)? {
            v @ Value::Object(_) => Ok(v),
            _ => Err(format!("--{flag} must be a JSON object")),
        },
        Kind::Model {
            scalar: Some(scalar),
            ..
        } => {
            if value.trim_start().starts_with('{') {
                json(value)
            } else {
                Ok(serde_json::json!({ scalar.as_str(): value }))
            }
        }
        Kind::List(item) => typed(value, item, flag, secret),
    }
}

/// The items one occurrence of a list flag gives: one, or each of a JSON array.
fn list_items(value: &str, item: &Kind, flag: &str, secret: bool) -> Result<Vec<Value>, String> {
    if value.trim_start().starts_with('[') {
        match serde_json::from_str::<Value>(value) {
            Ok(Value::Array(items)) => {
                return items
                    .into_iter()
                    .map(|v| match (v, item) {
                        // Text in an array of models with a scalar is that field's value.
                        (Value::String(s), Kind::Model { .. } | Kind::Choice(_)) => {
                            typed(&s, item, flag, secret)
                        }
                        (v, _) => Ok(v),
                    })
                    .collect();
            }
            // Text that only looks like an array (`[urgent] call me`) is one item.
            _ if matches!(item, Kind::Text) => {}
            Ok(_) => unreachable!("a JSON text starting with [ is an array"),
            Err(e) => {
                return Err(if secret {
                    format!("--{flag}: the value given is not a valid JSON array")
                } else {
                    format!("--{flag}: {value:?} is not a valid JSON array: {e}")
                })
            }
        }
    }
    typed(value, item, flag, secret).map(|v| vec![v])
}

/// The settings a parameter whose flag is an option of every operation takes its value from.
fn from_settings(flag: &str, settings: &crate::settings::Settings) -> Option<String> {
    match flag {
        "account-key" => settings.account_key.clone(),
        "account-secret" => settings.account_secret.clone(),
        "base-url" => settings.base_url.clone(),
        _ => None,
    }
}

fn object_arg(matches: &ArgMatches, name: &str) -> Result<Option<Map<String, Value>>, String> {
    match matches.try_get_one::<String>(name).ok().flatten() {
        None => Ok(None),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => Ok(Some(m)),
            Ok(_) => Err(format!("--{name} must be a JSON object")),
            Err(e) => Err(format!("--{name} is not valid JSON: {e}")),
        },
    }
}

type Inputs = (Option<Value>, Option<Value>);

fn inputs(
    op: &Value,
    matches: &ArgMatches,
    settings: &crate::settings::Settings,
) -> Result<Inputs, String> {
    let mut body = object_arg(matches, "json")?;
    let mut query = object_arg(matches, "params")?;
    let flagged: HashMap<String, &Value> = flagged(op).into_iter().collect();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let flag = flag_name(p);
        let wire = p["wire"].as_str().unwrap_or_default().to_string();
        let target = if p["in"] == "query" {
            &mut query
        } else {
            &mut body
        };
        if !flagged.contains_key(&flag) {
            // An option of every operation standing for this parameter fills it when the JSON
            // input does not.
            if let Some(v) = from_settings(&flag, settings) {
                let target = target.get_or_insert_with(Map::new);
                if !target.keys().any(|k| k.eq_ignore_ascii_case(&wire)) {
                    target.insert(wire, Value::String(v));
                }
            }
            continue;
        }
        if !std::ptr::eq(flagged[&flag], p) {
            continue;
        }
        let k = kind(p["type"].as_str().unwrap_or_default());
        let secret = p["secret"] == true;
        let value = match &k {
            Kind::Boolean => {
                if matches.get_flag(&param_id(&flag)) {
                    Value::Bool(true)
                } else if matches.get_flag(&negated_id(&flag)) {
                    Value::Bool(false)
                } else {
                    continue;
                }
            }
            Kind::List(item) => {
                let Some(values) = matches.get_many::<String>(&param_id(&flag)) else {
                    continue;
                };
                let mut items = Vec::new();
                for v in values {
                    items.extend(list_items(v, item, &flag, secret)?);
                }
                Value::Array(items)
            }
            _ => {
                let Some(v) = matches.get_one::<String>(&param_id(&flag)) else {
                    continue;
                };
                typed(v, &k, &flag, secret)?
            }
        };
        let target = target.get_or_insert_with(Map::new);
        // A flag replaces the field, whatever case the JSON input spelled it in.
        target.retain(|key, _| !key.eq_ignore_ascii_case(&wire));
        target.insert(wire, value);
    }
    Ok((query.map(Value::Object), body.map(Value::Object)))
}

pub fn run(global: &ArgMatches, group: &str, matches: &ArgMatches) -> ExitCode {
    let Some((op, leaf)) = resolve(group, matches) else {
        eprintln!("error: unknown command");
        return ExitCode::from(2);
    };
    let usage = |e: String| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    };
    let id = op["id"].as_str().unwrap_or_default();
    let printer = Printer {
        format: Format::from_name(
            leaf.get_one::<String>("output")
                .map(String::as_str)
                .unwrap_or("json"),
        ),
        fields: match leaf.get_many::<String>("fields") {
            None => None,
            Some(names) => {
                let names: Vec<String> = names
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect();
                match chosen_fields(op, names) {
                    Ok(f) => Some(f),
                    Err(e) => return usage(e),
                }
            }
        },
        header: !leaf.get_flag("no-header"),
    };
    let settings = match crate::settings::resolve(&[leaf, global]) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let (query, body) = match inputs(op, leaf, &settings) {
        Ok(x) => x,
        Err(e) => return usage(e),
    };
    let client = match crate::settings::client(&settings) {
        Ok(Some(c)) => c,
        Ok(None) => return usage(crate::settings::NO_CREDENTIALS.into()),
        Err(e) => return crate::report(&e),
    };
    let all_pages = leaf
        .try_get_one::<bool>("all-pages")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false);
    if all_pages {
        // The paged input is the query, or the body for operations paged by a body field.
        let paged = if op["pages"]["in"] == "body" {
            body
        } else {
            query
        };
        return match all_pages_printed(&client, id, paged, &printer) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => crate::report(&e),
        };
    }
    match client.call_json(id, query, body) {
        Ok(answer) => {
            let _ = printer.answer(&records_of(op).0, &answer);
            ExitCode::SUCCESS
        }
        Err(e) => crate::report(&e),
    }
}

fn all_pages_printed(
    client: &telegent::blocking::Client,
    id: &str,
    paged: Option<Value>,
    printer: &Printer,
) -> telegent::Result<()> {
    // The spinner only while json collects every page; other formats print rows as they come.
    let progress = if printer.format == Format::Json {
        indicatif::ProgressDrawTarget::stderr()
    } else {
        indicatif::ProgressDrawTarget::hidden()
    };
    let progress = indicatif::ProgressBar::with_draw_target(None, progress);
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} items fetched ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let pages = Pages {
        items: client.inner().call_json_all(id, paged)?,
        error: None,
        done: false,
    };
    let printed = printer.pages(pages, |n| progress.inc(n as u64));
    progress.finish_and_clear();
    printed
}

/// The items of a paging operation grouped as they arrive: each group is the items that were
/// there without waiting, which is a page (the next page is fetched only once they are taken).
struct Pages {
    items: telegent::paging::Items<Value>,
    error: Option<telegent::Error>,
    done: bool,
}

impl Iterator for Pages {
    type Item = telegent::Result<Vec<Value>>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.error.take() {
            self.done = true;
            return Some(Err(e));
        }
        if self.done {
            return None;
        }
        let first = match futures::executor::block_on(self.items.next())? {
            Ok(item) => item,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        let mut page = vec![first];
        loop {
            match self.items.next().now_or_never() {
                Some(Some(Ok(item))) => page.push(item),
                Some(Some(Err(e))) => {
                    self.error = Some(e);
                    break;
                }
                Some(None) => {
                    self.done = true;
                    break;
                }
                // The next page is on its way: this one is complete.
                None => break,
            }
        }
        Some(Ok(page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn flag_value(value: &str, neutral: &str) -> Result<Value, String> {
        typed(value, &kind(neutral), "flag", false)
    }

    #[test]
    fn text_that_looks_like_json_stays_text_for_a_text_field() {
        let filter = r#"{"CustomKeywords":["bad"]}"#;
        assert_eq!(flag_value(filter, "string").unwrap(), json!(filter));
        assert_eq!(
            flag_value("[urgent] call me", "string").unwrap(),
            json!("[urgent] call me")
        );
    }

    #[test]
    fn json_is_read_for_a_field_that_holds_objects() {
        assert_eq!(
            flag_value(r#"{"City": "Provo"}"#, "Address").unwrap(),
            json!({"City": "Provo"})
        );
    }

    #[test]
    fn a_choice_is_sent_in_the_manifest_spelling_whatever_its_case() {
        assert_eq!(flag_value("MVNO", "NumberType").unwrap(), json!("mvno"));
        assert_eq!(
            flag_value("sms+data", "ProductType").unwrap(),
            json!("Sms+Data")
        );
    }

    #[test]
    fn text_for_a_model_with_a_scalar_fills_that_field() {
        assert_eq!(
            list_items("+18015550100", &kind("Recipient"), "to", false).unwrap(),
            vec![json!({"Number": "+18015550100"})]
        );
        assert_eq!(
            list_items(
                r#"["+1", {"Number": "+2"}]"#,
                &kind("Recipient"),
                "to",
                false
            )
            .unwrap(),
            vec![json!({"Number": "+1"}), json!({"Number": "+2"})]
        );
    }

    #[test]
    fn a_secret_value_is_never_quoted_in_an_error() {
        let e = typed("s3cr3t-value", &Kind::Integer, "pin", true).unwrap_err();
        assert!(!e.contains("s3cr3t-value"), "{e}");
    }

    #[test]
    fn only_the_token_call_has_parameters_named_like_the_options_of_every_operation() {
        let mut taken = Vec::new();
        for op in &manifest().operations {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let flag = flag_name(p);
                if RESERVED.contains(&flag.as_str())
                    || flag == "max-retries"
                    || flag.starts_with("no-")
                {
                    taken.push(format!("{} {flag}", op["id"].as_str().unwrap()));
                }
            }
        }
        assert_eq!(
            taken,
            ["tokens.create account-key", "tokens.create account-secret"],
            "give these parameters a flag of their own"
        );
    }

    /// The help of every operation command, by its path.
    fn every_help() -> Vec<(String, String)> {
        fn walk(cmd: &mut Command, path: String, out: &mut Vec<(String, String)>) {
            if cmd.get_name() == "help" {
                return; // clap's own `help` subcommand
            }
            let path = format!("{path} {}", cmd.get_name());
            if cmd.get_subcommands().next().is_none() {
                // Unwrapped: words joined by single spaces.
                let help = cmd.render_long_help().to_string();
                out.push((
                    path.clone(),
                    help.split_whitespace().collect::<Vec<_>>().join(" "),
                ));
            }
            for sub in cmd.get_subcommands_mut() {
                walk(sub, path.clone(), out);
            }
        }
        let mut out = Vec::new();
        for mut cmd in commands() {
            cmd.build();
            walk(&mut cmd, "telegent".into(), &mut out);
        }
        out
    }

    #[test]
    fn help_names_neutral_types_only() {
        let helps = every_help();
        assert_eq!(helps.len(), manifest().operations.len());
        for (path, help) in helps {
            for rust in [
                "Vec<", "Option<", "String", "i64", "f64", "bool", "list<", "map<",
            ] {
                assert!(!help.contains(rust), "{path} names {rust}:\n{help}");
            }
        }
    }

    #[test]
    fn help_lists_the_values_of_every_choice() {
        let helps: HashMap<String, String> = every_help().into_iter().collect();
        for op in &manifest().operations {
            let path = std::iter::once("telegent".to_string())
                .chain(
                    op["group"]
                        .as_str()
                        .unwrap()
                        .split('.')
                        .map(|g| g.to_kebab_case()),
                )
                .chain([op["method"].as_str().unwrap().to_kebab_case()])
                .collect::<Vec<_>>()
                .join(" ");
            for (flag, p) in flagged(op) {
                if let Kind::Choice(values) = kind(p["type"].as_str().unwrap()) {
                    assert!(
                        helps[&path].contains(&possible_values(values)),
                        "{path} --{flag}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_operation_command_builds() {
        for cmd in commands() {
            cmd.debug_assert();
        }
    }
}
