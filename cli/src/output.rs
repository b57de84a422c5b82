//! How an answer is printed: `-o json` (the whole answer, as the API gave it: the default),
//! `-o ndjson` (one record a line), `-o table` (aligned columns, for reading) or `-o tsv`
//! (tab-separated, for scripts), and `--fields` to choose the fields shown.
//!
//! The records of an answer are the items of a list (a page's items, an array, or the one list
//! of a `list` operation's answer) or else the answer itself. A table of one object has a line
//! per field; a table of a list has a column per field: the `--fields`, or else the fields of the
//! first records. A cell holds text as it is, other values as compact JSON, and nothing for null;
//! in table and tsv cells, `\`, tab, newline and carriage return are written `\\`, `\t`, `\n`,
//! `\r` so a record stays on one line. With `--all-pages`, ndjson, table and tsv print each page
//! as it arrives: a table's column widths come from the first page (a longer cell later shifts
//! its line), and the columns of table and tsv from the first page unless `--fields` names them.

use serde_json::{Map, Value};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    Json,
    Ndjson,
    Table,
    Tsv,
}

impl Format {
    pub const NAMES: [&'static str; 4] = ["json", "ndjson", "table", "tsv"];

    pub fn from_name(name: &str) -> Format {
        match name.to_ascii_lowercase().as_str() {
            "ndjson" => Format::Ndjson,
            "table" => Format::Table,
            "tsv" => Format::Tsv,
            _ => Format::Json,
        }
    }
}

/// Where an answer's records are.
#[derive(Clone, Debug, PartialEq)]
pub enum Records {
    /// The answer is one record.
    Single,
    /// The answer is an array of records.
    Array,
    /// The records are the array in this field of the answer.
    Field(String),
}

pub struct Printer {
    pub format: Format,
    /// The wire names of the fields to show, when chosen.
    pub fields: Option<Vec<String>>,
    pub header: bool,
}

/// A field's value in a record: by its exact name, else ignoring case, `_` and `-` (the API
/// changes the case of some keys between operations).
fn field<'a>(record: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    record.get(name).or_else(|| {
        let wanted = normalized(name);
        record
            .iter()
            .find(|(k, _)| normalized(k) == wanted)
            .map(|(_, v)| v)
    })
}

/// A name without case, `_` or `-`: `phone_number`, `phone-number` and `PhoneNumber` are one.
pub fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// A record with only the chosen fields, in their order.
fn project(record: &Value, fields: &[String]) -> Value {
    match record {
        Value::Object(map) => Value::Object(
            fields
                .iter()
                .map(|f| (f.clone(), field(map, f).cloned().unwrap_or(Value::Null)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A value as a cell: text as it is, null as nothing, anything else as compact JSON.
fn cell(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    escape(&text)
}

fn escape(text: &str) -> String {
    if !text.contains(['\\', '\t', '\n', '\r']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// The column names of records: every key, in the order first seen.
fn keys_of(records: &[Value]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for r in records {
        if let Value::Object(map) = r {
            for k in map.keys() {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
    }
    keys
}

fn row(record: &Value, columns: &[String]) -> Vec<String> {
    match record {
        Value::Object(map) => columns.iter().map(|c| cell(field(map, c))).collect(),
        other => vec![cell(Some(other))],
    }
}

fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// One table line: every cell but the last padded to its column's width.
fn table_line(cells: &[String], widths: &[usize]) -> String {
    let mut line = String::new();
    for (i, c) in cells.iter().enumerate() {
        if i + 1 < cells.len() {
            let pad = widths.get(i).copied().unwrap_or(0).saturating_sub(width(c));
            line.push_str(c);
            line.push_str(&" ".repeat(pad + 2));
        } else {
            line.push_str(c);
        }
    }
    line.trim_end().to_string()
}

impl Printer {
    /// Prints one answer.
    pub fn answer(&self, records: &Records, answer: &Value) -> io::Result<()> {
        let list = match records {
            Records::Array => answer.as_array(),
            Records::Field(name) => answer
                .as_object()
                .and_then(|m| field(m, name))
                .and_then(Value::as_array),
            Records::Single => None,
        };
        let mut out = io::stdout().lock();
        match (self.format, list) {
            (Format::Json, _) if self.fields.is_none() => pretty(&mut out, answer),
            (Format::Json, Some(items)) => pretty(&mut out, &self.projected_all(items)),
            (Format::Json, None) => pretty(&mut out, &self.projected(answer)),
            (Format::Ndjson, Some(items)) => self.ndjson(&mut out, items),
            (Format::Ndjson, None) => self.ndjson(&mut out, std::slice::from_ref(answer)),
            (Format::Tsv, Some(items)) => {
                let columns = self.columns(items);
                self.tsv(&mut out, &columns, items, true)
            }
            (Format::Tsv, None) => {
                let one = std::slice::from_ref(answer);
                self.tsv(&mut out, &self.columns(one), one, true)
            }
            (Format::Table, Some(items)) => {
                let columns = self.columns(items);
                let widths = self.widths(&columns, items);
                self.table(&mut out, &columns, &widths, items, true)
            }
            (Format::Table, None) => self.object_table(&mut out, answer),
        }
    }

    fn projected(&self, record: &Value) -> Value {
        match &self.fields {
            Some(fields) => project(record, fields),
            None => record.clone(),
        }
    }

    fn projected_all(&self, records: &[Value]) -> Value {
        Value::Array(records.iter().map(|r| self.projected(r)).collect())
    }

    fn columns(&self, records: &[Value]) -> Vec<String> {
        match &self.fields {
            Some(fields) => fields.clone(),
            None if records.iter().any(Value::is_object) => keys_of(records),
            None => vec!["Value".to_string()],
        }
    }

    fn widths(&self, columns: &[String], records: &[Value]) -> Vec<usize> {
        let mut widths: Vec<usize> = if self.header {
            columns.iter().map(|c| width(c)).collect()
        } else {
            vec![0; columns.len()]
        };
        for r in records {
            for (w, c) in widths.iter_mut().zip(row(r, columns)) {
                *w = (*w).max(width(&c));
            }
        }
        widths
    }

    fn ndjson(&self, out: &mut impl Write, records: &[Value]) -> io::Result<()> {
        for r in records {
            writeln!(out, "{}", self.projected(r))?;
        }
        out.flush()
    }

    fn tsv(
        &self,
        out: &mut impl Write,
        columns: &[String],
        records: &[Value],
        first: bool,
    ) -> io::Result<()> {
        if first && self.header {
            writeln!(out, "{}", columns.join("\t"))?;
        }
        for r in records {
            writeln!(out, "{}", row(r, columns).join("\t"))?;
        }
        out.flush()
    }

    fn table(
        &self,
        out: &mut impl Write,
        columns: &[String],
        widths: &[usize],
        records: &[Value],
        first: bool,
    ) -> io::Result<()> {
        if first && self.header && !columns.is_empty() {
            writeln!(out, "{}", table_line(columns, widths))?;
        }
        for r in records {
            writeln!(out, "{}", table_line(&row(r, columns), widths))?;
        }
        out.flush()
    }

    /// One object as a line per field: name, then value.
    fn object_table(&self, out: &mut impl Write, record: &Value) -> io::Result<()> {
        let Value::Object(map) = record else {
            return self.table(
                out,
                &self.columns(&[]),
                &[],
                std::slice::from_ref(record),
                false,
            );
        };
        let names: Vec<String> = match &self.fields {
            Some(fields) => fields.clone(),
            None => map.keys().cloned().collect(),
        };
        let w = names.iter().map(|n| width(n)).max().unwrap_or(0);
        for name in &names {
            let line = table_line(&[name.clone(), cell(field(map, name))], &[w]);
            writeln!(out, "{line}")?;
        }
        out.flush()
    }

    /// Prints the items of every page as the pages arrive (`--all-pages`); json waits for the
    /// last page and prints one array.
    pub fn pages(
        &self,
        pages: impl Iterator<Item = telegent::Result<Vec<Value>>>,
        mut progress: impl FnMut(usize),
    ) -> Result<(), telegent::Error> {
        let mut out = io::stdout().lock();
        let mut layout: Option<(Vec<String>, Vec<usize>)> = None;
        let mut all = Vec::new();
        for page in pages {
            let page = page?;
            progress(page.len());
            let first = layout.is_none();
            let (columns, widths) = layout.get_or_insert_with(|| {
                let columns = self.columns(&page);
                let widths = self.widths(&columns, &page);
                (columns, widths)
            });
            let printed = match self.format {
                Format::Json => {
                    all.extend(page);
                    Ok(())
                }
                Format::Ndjson => self.ndjson(&mut out, &page),
                Format::Tsv => self.tsv(&mut out, columns, &page, first),
                Format::Table => self.table(&mut out, columns, widths, &page, first),
            };
            if printed.is_err() {
                // The reader went away (SIGPIPE is not in use): nothing more to print.
                return Ok(());
            }
        }
        if self.format == Format::Json {
            let _ = pretty(&mut out, &self.projected_all(&all));
        } else if layout.is_none() && self.header && self.fields.is_some() {
            // No items: the header alone, so a script still sees its columns.
            let columns = self.columns(&[]);
            let _ = match self.format {
                Format::Tsv => self.tsv(&mut out, &columns, &[], true),
                Format::Table => {
                    let widths = self.widths(&columns, &[]);
                    self.table(&mut out, &columns, &widths, &[], true)
                }
                _ => Ok(()),
            };
        }
        Ok(())
    }
}

fn pretty(out: &mut impl Write, value: &Value) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    )?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_keep_text_and_write_other_values_as_compact_json() {
        assert_eq!(cell(Some(&json!("a b"))), "a b");
        assert_eq!(cell(Some(&json!(3))), "3");
        assert_eq!(cell(Some(&json!(null))), "");
        assert_eq!(cell(None), "");
        assert_eq!(
            cell(Some(&json!([{"Number": "+1"}]))),
            r#"[{"Number":"+1"}]"#
        );
    }

    #[test]
    fn a_cell_stays_on_one_line() {
        assert_eq!(cell(Some(&json!("a\tb\nc\\d"))), "a\\tb\\nc\\\\d");
    }

    #[test]
    fn fields_are_found_ignoring_case_and_separators() {
        let record = json!({"PhoneNumber": "+1", "TNID": "T-1"});
        let map = record.as_object().unwrap();
        assert_eq!(field(map, "phone_number"), Some(&json!("+1")));
        assert_eq!(field(map, "Tnid"), Some(&json!("T-1")));
    }

    #[test]
    fn table_lines_pad_every_column_but_the_last() {
        let widths = [4, 3];
        assert_eq!(
            table_line(&["a".into(), "b".into(), "c".into()], &widths),
            "a     b    c"
        );
    }
}
