//! Faults tests inject, and the counters that prove what actually ran.
//!
//! A fault is queued for a path (or `*`) and consumed by the next matching request: an error
//! status with its body and headers (`Retry-After`), a delay before or after the operation runs,
//! a connection broken before or after it runs, or a corrupted body. Counters record how many
//! times each operation really executed, so a test can prove an SMS was sent exactly once. This
//! module decides nothing about operations; it must never execute one itself.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// When, relative to running the operation, a delay or a broken connection happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum When {
    #[default]
    Before,
    After,
}

/// How a successful body is spoiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Corrupt {
    /// The first half of the JSON.
    Truncated,
    /// Plain text instead of JSON.
    NotJson,
    /// An empty 200 body.
    Empty,
}

/// One injected fault (the admin API's JSON).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Path it applies to (`/v1.0/message/outbound`), or `*` for any.
    pub path: String,
    /// How many requests it applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
    /// Answer this status instead of running the operation.
    #[serde(default)]
    pub status: Option<u16>,
    /// Body of that answer (JSON, or text); default `{"StatusCode","Message"}`.
    #[serde(default)]
    pub body: Option<Value>,
    /// Extra headers of that answer, e.g. `{"Retry-After": "1"}`.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Wait this long...
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// ...before or after running the operation.
    #[serde(default)]
    pub delay: When,
    /// Break the connection, before or after running the operation.
    #[serde(default)]
    pub reset: Option<When>,
    /// Run the operation, then spoil its body.
    #[serde(default)]
    pub corrupt: Option<Corrupt>,
}

fn one() -> u32 {
    1
}

/// Queued faults and execution counters.
#[derive(Debug, Default)]
pub struct Faults {
    queue: HashMap<String, VecDeque<Fault>>,
    pub executed: BTreeMap<String, u64>,
    pub requests: u64,
}

impl Faults {
    pub fn push(&mut self, fault: Fault) {
        self.queue
            .entry(fault.path.to_ascii_lowercase())
            .or_default()
            .push_back(fault);
    }

    /// The fault for the next request to `path`, if one is queued.
    pub fn take(&mut self, path: &str) -> Option<Fault> {
        for key in [path.to_ascii_lowercase(), "*".to_string()] {
            if let Some(queue) = self.queue.get_mut(&key) {
                if let Some(front) = queue.front_mut() {
                    let fault = front.clone();
                    front.times = front.times.saturating_sub(1);
                    if front.times == 0 {
                        queue.pop_front();
                    }
                    return Some(fault);
                }
            }
        }
        None
    }

    pub fn clear(&mut self) {
        self.queue.clear();
    }

    pub fn count(&mut self, operation: &str) {
        *self.executed.entry(operation.to_string()).or_default() += 1;
    }
}
