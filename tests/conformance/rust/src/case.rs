//! The case format (documented in `tests/conformance/README.md`): wire cases replay exact
//! exchanges, flow cases tell stories against the stateful sandbox.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Case {
    Wire(Box<WireCase>),
    Flow(FlowCase),
}

impl Case {
    pub fn name(&self) -> &str {
        match self {
            Case::Wire(c) => &c.name,
            Case::Flow(c) => &c.name,
        }
    }
}

/// Client settings a case asks for (the same names in every language's runner).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClientOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retries: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u64>,
    /// `per_endpoint` (default) or `shared`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_scope: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// What the caller must get back.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The result, exactly, as wire JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    /// Only these parts of the result (objects compared key by key, recursively).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_contains: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ExpectedError>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExpectedError {
    /// `authentication`, `not_found`, `rate_limited`, ... (the core's `ErrorKind::as_str`).
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Text the message must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_contains: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WireCase {
    pub name: String,
    pub operation: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub client: ClientOptions,
    #[serde(default, skip_serializing_if = "is_default")]
    pub input: Input,
    /// Every request the call must make, in order, with the answer each gets (the sandbox's
    /// script format). Token requests appear only when the case is about them.
    pub exchanges: Vec<Value>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FlowCase {
    pub name: String,
    pub steps: Vec<Step>,
}

/// One step of a flow: a call, a fault, a counter check or a change of client settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// Name the result for `${name.Field}` references in later steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Outcome>,
    /// A sandbox fault to queue (`POST /__sandbox/faults`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<Value>,
    /// How many times operations really ran (`GET /__sandbox/counters`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executions: Option<BTreeMap<String, u64>>,
    /// Client settings for the following steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientOptions>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// Every case under `dir` (files hold one case or a list of cases), sorted by file then order.
pub fn load(dir: &Path) -> Result<Vec<(PathBuf, Case)>, String> {
    let mut files = Vec::new();
    collect(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let value: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let list = match value {
            Value::Array(items) => items,
            one => vec![one],
        };
        for item in list {
            let case: Case =
                serde_json::from_value(item).map_err(|e| format!("{}: {e}", file.display()))?;
            cases.push((file.clone(), case));
        }
    }
    Ok(cases)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}
