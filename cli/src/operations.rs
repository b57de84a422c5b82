//! One subcommand per operation, built from the manifest: groups nest (`telegent guardian
//! message-filters create`), each request field is a `--flag`, `--json`/`--params` take the whole
//! body or query as JSON, and paging operations take `--all-pages`.

use clap::{Arg, ArgMatches, Command};
use heck::ToKebabCase;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::OnceLock;

static MANIFEST_TEXT: &str = include_str!("../../spec/operations.json");

fn manifest() -> &'static Vec<Value> {
    static OPS: OnceLock<Vec<Value>> = OnceLock::new();
    OPS.get_or_init(|| {
        let doc: Value = serde_json::from_str(MANIFEST_TEXT).expect("spec/operations.json is JSON");
        doc["operations"].as_array().cloned().unwrap_or_default()
    })
}

#[derive(Default)]
struct Group {
    children: BTreeMap<String, Group>,
    ops: Vec<&'static Value>,
}

fn tree() -> Group {
    let mut root = Group::default();
    for op in manifest() {
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
        .map(|(name, group)| group_command(name, group))
        .collect()
}

fn group_command(name: &str, group: &Group) -> Command {
    let mut cmd = Command::new(name.to_kebab_case())
        .about(format!("{} operations", name.replace('_', " ")))
        .subcommand_required(true)
        .arg_required_else_help(true);
    for (child, sub) in &group.children {
        cmd = cmd.subcommand(group_command(child, sub));
    }
    for op in &group.ops {
        cmd = cmd.subcommand(op_command(op));
    }
    cmd
}

fn op_command(op: &Value) -> Command {
    let method = op["method"].as_str().unwrap_or_default();
    let about = format!(
        "{} ({} {})",
        op["summary"].as_str().unwrap_or(""),
        op["http_method"].as_str().unwrap_or(""),
        op["path"].as_str().unwrap_or("")
    );
    let mut cmd = Command::new(method.to_kebab_case())
        .about(about)
        .arg(
            Arg::new("json")
                .long("json")
                .value_name("JSON")
                .help("The whole request body as JSON (wire names); flags override its fields"),
        )
        .arg(
            Arg::new("params")
                .long("params")
                .value_name("JSON")
                .help("The whole query as JSON (wire names); flags override its fields"),
        );
    let mut seen = std::collections::HashSet::new();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let flag = p["python"].as_str().unwrap_or_default().to_kebab_case();
        if !seen.insert(flag.clone())
            || ["json", "params", "all-pages", "help"].contains(&flag.as_str())
        {
            continue;
        }
        let wire = p["wire"].as_str().unwrap_or_default();
        let required = if p["required"] == true {
            " (required)"
        } else {
            ""
        };
        cmd = cmd.arg(
            Arg::new(flag.clone())
                .long(flag)
                .value_name(wire.to_string())
                .help(format!(
                    "{wire} [{}], in the {}{required}",
                    p["type"].as_str().unwrap_or(""),
                    p["in"].as_str().unwrap_or("")
                )),
        );
    }
    if !op["pages"].is_null() {
        cmd = cmd.arg(crate::flag(
            "all-pages",
            "Fetch every page and print all items as one JSON array",
        ));
    }
    cmd
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

/// A flag's text as the JSON the field's type wants.
/// A flag's text as a value of the manifest's neutral type (`boolean`, `integer`, `number`,
/// `string`, `list<T>`, a model or enum name, ...).
fn typed(value: &str, neutral_type: &str) -> Result<Value, String> {
    match neutral_type {
        "boolean" => value
            .parse::<bool>()
            .map(Value::Bool)
            .map_err(|_| format!("{value:?} is not true or false")),
        "integer" => value
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("{value:?} is not a whole number")),
        "number" => value
            .parse::<f64>()
            .map(Value::from)
            .map_err(|_| format!("{value:?} is not a number")),
        // Text is text, even when it looks like JSON (`KeywordFilter` is stringified JSON).
        "string" => Ok(Value::String(value.to_string())),
        _ if value.trim_start().starts_with('[') || value.trim_start().starts_with('{') => {
            serde_json::from_str(value).map_err(|e| format!("{value:?} is not valid JSON: {e}"))
        }
        t if t.starts_with("list<") => Ok(Value::Array(
            value
                .split(',')
                .map(|s| Value::String(s.trim().to_string()))
                .collect(),
        )),
        _ => Ok(Value::String(value.to_string())),
    }
}

fn object_arg(matches: &ArgMatches, name: &str) -> Result<Option<Map<String, Value>>, String> {
    match matches.get_one::<String>(name) {
        None => Ok(None),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => Ok(Some(m)),
            Ok(_) => Err(format!("--{name} must be a JSON object")),
            Err(e) => Err(format!("--{name} is not valid JSON: {e}")),
        },
    }
}

fn inputs(op: &Value, matches: &ArgMatches) -> Result<(Option<Value>, Option<Value>), String> {
    let mut body = object_arg(matches, "json")?;
    let mut query = object_arg(matches, "params")?;
    for p in op["parameters"].as_array().into_iter().flatten() {
        let flag = p["python"].as_str().unwrap_or_default().to_kebab_case();
        let Ok(Some(value)) = matches.try_get_one::<String>(&flag) else {
            continue;
        };
        let wire = p["wire"].as_str().unwrap_or_default().to_string();
        let v =
            typed(value, p["type"].as_str().unwrap_or("")).map_err(|e| format!("--{flag}: {e}"))?;
        let target = if p["in"] == "query" {
            &mut query
        } else {
            &mut body
        };
        target.get_or_insert_with(Map::new).insert(wire, v);
    }
    Ok((query.map(Value::Object), body.map(Value::Object)))
}

pub fn run(global: &ArgMatches, group: &str, matches: &ArgMatches) -> ExitCode {
    let Some((op, leaf)) = resolve(group, matches) else {
        eprintln!("error: unknown command");
        return ExitCode::from(2);
    };
    let id = op["id"].as_str().unwrap_or_default();
    let (query, body) = match inputs(op, leaf) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let client = match crate::client_from(global) {
        Ok(Some(c)) => c,
        Ok(None) => {
            eprintln!("error: no credentials: pass --account-key and --account-secret (and --base-url), or set TELEGENT_ACCOUNT_KEY, TELEGENT_ACCOUNT_SECRET and TELEGENT_BASE_URL; `telegent sandbox` runs a local API to point them at");
            return ExitCode::from(2);
        }
        Err(e) => return crate::report(&e),
    };
    let result = if leaf
        .try_get_one::<bool>("all-pages")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
    {
        // The paged input is the query, or the body for operations paged by a body field.
        let paged = if op["pages"]["in"] == "body" {
            body
        } else {
            query
        };
        all_pages(&client, id, paged)
    } else {
        client.call_json(id, query, body)
    };
    match result {
        Ok(value) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => crate::report(&e),
    }
}

fn all_pages(
    client: &telegent::blocking::Client,
    id: &str,
    paged: Option<Value>,
) -> telegent::Result<Value> {
    let progress =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} items fetched ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let mut items = Vec::new();
    for item in client.call_json_all(id, paged)? {
        items.push(item?);
        progress.inc(1);
    }
    progress.finish_and_clear();
    Ok(Value::Array(items))
}

#[cfg(test)]
mod tests {
    use super::typed;
    use serde_json::json;

    #[test]
    fn text_that_looks_like_json_stays_text_for_a_text_field() {
        let filter = r#"{"CustomKeywords":["bad"]}"#;
        assert_eq!(typed(filter, "string").unwrap(), json!(filter));
        assert_eq!(
            typed("[urgent] call me", "string").unwrap(),
            json!("[urgent] call me")
        );
    }

    #[test]
    fn json_is_read_for_a_field_that_holds_objects() {
        assert_eq!(
            typed(r#"{"City": "Provo"}"#, "Address").unwrap(),
            json!({"City": "Provo"})
        );
    }
}
