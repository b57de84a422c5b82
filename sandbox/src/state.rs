//! The sandbox's data: records by collection, deterministic ids, optional persistence to a file.
//!
//! Records are JSON objects keyed by the API's own field names, so what a client sends is what it
//! reads back. Ids carry the documented prefixes and come from a seeded generator, so the same
//! seed and the same calls give the same ids. Persistence writes the whole store after each
//! change; it must never leave a half-written file (write to a temporary file, then rename).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub type Record = Map<String, Value>;

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Store {
    /// Collection name -> id -> record, in insertion order of ids (ids sort by creation).
    pub collections: BTreeMap<String, BTreeMap<String, Record>>,
    /// Creation order of ids per collection, for stable listings.
    pub order: BTreeMap<String, Vec<String>>,
    pub rng: u64,
    pub sequence: u64,
}

impl Store {
    pub fn new(seed: u64) -> Store {
        Store {
            rng: seed ^ 0x9E37_79B9_7F4A_7C15,
            ..Default::default()
        }
    }

    fn next(&mut self) -> u64 {
        // splitmix64: small, fast, and deterministic for a seed.
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `PREFIX-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, deterministic for the seed.
    pub fn new_id(&mut self, prefix: &str) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{prefix}-{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }

    /// A number of `digits` digits from the generator (phone numbers, ICCIDs).
    pub fn digits(&mut self, digits: usize) -> String {
        let mut out = String::new();
        while out.len() < digits {
            out.push_str(&format!("{:019}", self.next() % 10_000_000_000_000_000_000));
        }
        out.truncate(digits);
        out
    }

    pub fn tick(&mut self) -> u64 {
        self.sequence += 1;
        self.sequence
    }

    pub fn get(&self, collection: &str, id: &str) -> Option<&Record> {
        self.collections.get(collection)?.get(id)
    }

    pub fn get_mut(&mut self, collection: &str, id: &str) -> Option<&mut Record> {
        self.collections.get_mut(collection)?.get_mut(id)
    }

    pub fn insert(&mut self, collection: &str, id: &str, record: Record) {
        let existed = self
            .collections
            .entry(collection.to_string())
            .or_default()
            .insert(id.to_string(), record)
            .is_some();
        if !existed {
            self.order
                .entry(collection.to_string())
                .or_default()
                .push(id.to_string());
        }
    }

    pub fn remove(&mut self, collection: &str, id: &str) -> Option<Record> {
        let removed = self.collections.get_mut(collection)?.remove(id);
        if removed.is_some() {
            if let Some(order) = self.order.get_mut(collection) {
                order.retain(|x| x != id);
            }
        }
        removed
    }

    /// Every record of a collection, oldest first.
    pub fn all(&self, collection: &str) -> Vec<&Record> {
        let Some(records) = self.collections.get(collection) else {
            return vec![];
        };
        self.order
            .get(collection)
            .into_iter()
            .flatten()
            .filter_map(|id| records.get(id))
            .collect()
    }

    pub fn load(path: &Path) -> std::io::Result<Option<Store>> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(std::io::Error::other),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let tmp: PathBuf = path.with_extension("json.tmp");
        std::fs::write(
            &tmp,
            serde_json::to_vec(self).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(tmp, path)
    }
}

/// A field of a record, matched ignoring case (the API's own examples drift in case).
pub fn field<'a>(record: &'a Record, name: &str) -> Option<&'a Value> {
    record.get(name).or_else(|| {
        record
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// A text field, ignoring case of the key; empty text counts as absent.
pub fn text(record: &Record, name: &str) -> Option<String> {
    match field(record, name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A boolean field that may be `true` or `"true"`.
pub fn flag(record: &Record, name: &str) -> Option<bool> {
    match field(record, name)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}
