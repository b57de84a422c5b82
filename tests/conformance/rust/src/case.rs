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
    /// The call must take at least this long (a `Retry-After` really waited out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_at_least_ms: Option<u64>,
}

impl Outcome {
    /// An outcome must be able to fail: it names a result, a part of one, or an error.
    fn check(&self) -> Result<(), String> {
        let results = self.result.is_some() || self.result_contains.is_some();
        match (results, &self.error) {
            (false, None) => Err("an outcome needs result, result_contains or error".into()),
            (true, Some(_)) => Err("an outcome cannot expect both a result and an error".into()),
            _ => Ok(()),
        }
    }
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
    /// The fields the error names (its `field_errors`), by wire name; each language checks them
    /// under its own names (`message_enabled` in Python, `messageEnabled` in Node).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
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
    /// Token lifetime the sandbox gives from now on (`POST /__sandbox/token-ttl`), in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_ttl_s: Option<f64>,
    /// Wait this long before the step's call (to let tokens age).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_ms: Option<u64>,
    /// How many tokens the sandbox has minted since the case began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_minted: Option<u64>,
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
            check(&case).map_err(|e| format!("{}: {}: {e}", file.display(), case.name()))?;
            cases.push((file.clone(), case));
        }
    }
    Ok(cases)
}

/// Refuses cases that could not fail: outcomes that expect nothing, wire cases with no exchange
/// (unless the input is refused before sending), steps that expect nothing.
fn check(case: &Case) -> Result<(), String> {
    match case {
        Case::Wire(c) => {
            c.outcome.check()?;
            let refused_before_sending = c
                .outcome
                .error
                .as_ref()
                .is_some_and(|e| e.kind == "invalid_input");
            if c.exchanges.is_empty() && !refused_before_sending {
                return Err("a wire case needs exchanges unless it expects invalid_input".into());
            }
            Ok(())
        }
        Case::Flow(c) => c
            .steps
            .iter()
            .enumerate()
            .try_for_each(|(i, step)| match &step.expect {
                Some(outcome) => outcome.check().map_err(|e| format!("step {}: {e}", i + 1)),
                None => Ok(()),
            }),
    }
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
