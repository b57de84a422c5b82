//! Output formats: `-o json` (the default), `ndjson`, `table`, `tsv`, `--fields`, and
//! `--all-pages` printing pages as they arrive.

use super::common::*;
use serde_json::json;
use std::io::{BufRead, BufReader};
use telegent_sandbox::Sandbox;

/// Every number of the sandbox, as the SDK lists them.
fn every_number(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    sandbox
        .blocking_client()
        .unwrap()
        .call_json_all("numbers.list", None)
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn json_is_the_default_and_prints_the_whole_answer() {
    let sandbox = Sandbox::start().unwrap();
    let answer = printed(&against(&sandbox, &["numbers", "list"]));
    assert!(answer["PhoneNumbers"].is_array(), "{answer}");
    assert!(answer.get("TotalResults").is_some(), "{answer}");
}

#[test]
fn tsv_of_a_list_is_a_header_then_a_line_per_item() {
    let sandbox = Sandbox::start().unwrap();
    let first_page = &every_number(&sandbox)[..10];
    let out = succeeded(&against(
        &sandbox,
        &["numbers", "list", "-o", "tsv", "--fields", "Number,Status"],
    ));
    let mut expected = vec!["Number\tStatus".to_string()];
    expected.extend(first_page.iter().map(|n| {
        format!(
            "{}\t{}",
            n["Number"].as_str().unwrap(),
            n["Status"].as_str().unwrap()
        )
    }));
    assert_eq!(lines(&out), expected);
}

#[test]
fn table_of_a_list_aligns_its_columns() {
    let sandbox = Sandbox::start().unwrap();
    let out = succeeded(&against(
        &sandbox,
        &[
            "numbers",
            "list",
            "-o",
            "table",
            "--fields",
            "Number,Status,NumberType",
        ],
    ));
    let lines = lines(&out);
    assert_eq!(lines.len(), 11, "a header and a page of 10: {out}");
    let header = lines[0];
    assert!(
        header.starts_with("Number ") && header.contains("  Status  NumberType"),
        "{header}"
    );
    let status_at = header.find("Status").unwrap();
    let type_at = header.find("NumberType").unwrap();
    for line in &lines[1..] {
        assert_eq!(line.find("Active"), Some(status_at), "{out}");
        assert_eq!(&line[type_at..], "mobile", "{out}");
    }
}

#[test]
fn fields_take_wire_or_snake_case_names_in_any_case() {
    let sandbox = Sandbox::start().unwrap();
    let out = succeeded(&against(
        &sandbox,
        &[
            "numbers",
            "list",
            "-o",
            "tsv",
            "--fields",
            "number_type,MESSAGEENABLED,message-route-id",
        ],
    ));
    assert_eq!(lines(&out)[0], "NumberType\tMessageEnabled\tMessageRouteId");
}

#[test]
fn fields_may_also_be_repeated() {
    let sandbox = Sandbox::start().unwrap();
    let out = succeeded(&against(
        &sandbox,
        &[
            "numbers", "list", "-o", "tsv", "--fields", "Number", "--fields", "Status",
        ],
    ));
    assert_eq!(lines(&out)[0], "Number\tStatus");
}

#[test]
fn an_unknown_field_is_refused_before_anything_is_sent() {
    let sandbox = Sandbox::start().unwrap();
    let out = against(
        &sandbox,
        &[
            "message-routes",
            "create",
            "--route-name",
            "Main",
            "--message-url",
            "https://example.com/in",
            "--message-url-method",
            "POST",
            "--fields",
            "RouteNmae",
        ],
    );
    let said = refused(&out);
    assert!(
        said.contains("\"RouteNmae\"") && said.contains("RouteName"),
        "{said}"
    );
    assert_eq!(sandbox.executions("message_routes.create"), 0);
}

/// Creates a message route with the CLI, printed with the output arguments given.
fn route_created(sandbox: &Sandbox, output: &[&str]) -> String {
    let args = [
        &[
            "message-routes",
            "create",
            "--route-name",
            "Main",
            "--message-url",
            "https://example.com/in",
            "--message-url-method",
            "POST",
        ][..],
        output,
    ]
    .concat();
    succeeded(&against(sandbox, &args))
}

#[test]
fn table_of_one_object_has_a_line_per_field() {
    let sandbox = Sandbox::start().unwrap();
    let out = route_created(
        &sandbox,
        &["-o", "table", "--fields", "route_name,MessageUrl"],
    );
    assert_eq!(
        lines(&out),
        ["RouteName   Main", "MessageUrl  https://example.com/in"]
    );
}

#[test]
fn tsv_of_one_object_is_a_header_and_one_line() {
    let sandbox = Sandbox::start().unwrap();
    let out = route_created(
        &sandbox,
        &["-o", "tsv", "--fields", "RouteName,MessageUrlMethod"],
    );
    assert_eq!(lines(&out), ["RouteName\tMessageUrlMethod", "Main\tPOST"]);
}

#[test]
fn json_with_fields_keeps_only_those_fields() {
    let sandbox = Sandbox::start().unwrap();
    let out = route_created(&sandbox, &["--fields", "RouteName,MessageUrlMethod"]);
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        answer,
        json!({"RouteName": "Main", "MessageUrlMethod": "POST"})
    );
}

#[test]
fn nested_values_are_compact_json_in_a_cell() {
    let sandbox = Sandbox::start().unwrap();
    let from = every_number(&sandbox)[0]["Number"]
        .as_str()
        .unwrap()
        .to_string();
    let out = succeeded(&against(
        &sandbox,
        &[
            "messages",
            "send",
            "--from",
            &from,
            "--body",
            "hi",
            "--to",
            "+18015550101",
            "--to",
            "+18015550102",
            "-o",
            "tsv",
            "--fields",
            "To",
        ],
    ));
    assert_eq!(
        lines(&out),
        [
            "To",
            r#"[{"Number":"+18015550101"},{"Number":"+18015550102"}]"#
        ]
    );
}

#[test]
fn no_header_leaves_out_the_header() {
    let sandbox = Sandbox::start().unwrap();
    let out = succeeded(&against(
        &sandbox,
        &[
            "numbers",
            "list",
            "-o",
            "tsv",
            "--fields",
            "Number",
            "--no-header",
        ],
    ));
    assert!(lines(&out).iter().all(|l| l.starts_with('+')), "{out}");
}

#[test]
fn ndjson_prints_a_record_a_line() {
    let sandbox = Sandbox::start().unwrap();
    let out = succeeded(&against(
        &sandbox,
        &["numbers", "list", "-o", "ndjson", "--fields", "Number"],
    ));
    let first = &every_number(&sandbox)[0];
    assert_eq!(lines(&out).len(), 10);
    assert_eq!(
        lines(&out)[0],
        json!({"Number": first["Number"]}).to_string()
    );
}

#[test]
fn all_pages_as_tsv_prints_every_item_under_one_header() {
    let sandbox = Sandbox::start().unwrap();
    let every = every_number(&sandbox);
    assert!(every.len() > 10, "the fixtures hold more than one page");
    let out = succeeded(&against(
        &sandbox,
        &[
            "numbers",
            "list",
            "--all-pages",
            "-o",
            "tsv",
            "--fields",
            "Number",
        ],
    ));
    let mut expected = vec!["Number".to_string()];
    expected.extend(
        every
            .iter()
            .map(|n| n["Number"].as_str().unwrap().to_string()),
    );
    assert_eq!(lines(&out), expected);
}

#[test]
fn all_pages_as_ndjson_prints_every_item() {
    let sandbox = Sandbox::start().unwrap();
    let every = every_number(&sandbox);
    let out = succeeded(&against(
        &sandbox,
        &["numbers", "list", "--all-pages", "-o", "ndjson"],
    ));
    let items: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items, every);
}

#[test]
fn all_pages_as_tsv_prints_a_page_before_the_next_arrives() {
    let sandbox = Sandbox::start().unwrap();
    // The first page comes at once, the second one 3 s later.
    fault(&sandbox, "/v1.0/numbers/inventory", |f| {
        f.delay_ms = Some(1)
    });
    fault(&sandbox, "/v1.0/numbers/inventory", |f| {
        f.delay_ms = Some(3000)
    });
    let mut child = telegent_for(&sandbox)
        .args([
            "numbers",
            "list",
            "--all-pages",
            "-o",
            "tsv",
            "--fields",
            "Number",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    for _ in 0..11 {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "the header and the first page");
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the first page was printed while the second was still on its way"
    );
    assert!(child.wait().unwrap().success());
}
