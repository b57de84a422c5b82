//! The sandbox's data: records by collection in creation order, their indexes, deterministic
//! ids, and the saved form of it all.
//!
//! Records are JSON objects keyed by the API's own field names, so what a client sends is what it
//! reads back. Ids carry the documented prefixes and come from a seeded generator, so the same
//! seed and the same calls give the same ids. A page reads only its own records: a collection
//! keeps its records in an insertion-ordered map (a page is a range of positions) and indexes
//! the fields listings filter on (`index.rs`). The store must never overwrite a record on
//! create (an insert refuses a key in use; generated ids and numbers are drawn again until
//! unused), and must never change a record except through its own methods, which keep the
//! indexes true.

use crate::index::{Field, Indexes, Members};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub type Record = Map<String, Value>;

/// How many times a generated id or number is drawn again before giving up: far more than any
/// collection needs unless its space is nearly full (a 7-digit number space, say).
const MAX_DRAWS: usize = 10_000;

/// An insert refused: the key already holds a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupied(pub String);

/// No unused value was drawn within [`MAX_DRAWS`] tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exhausted;

#[derive(Debug, Clone)]
struct Collection {
    records: IndexMap<String, Record>,
    indexes: Indexes,
}

impl Collection {
    fn new(name: &str) -> Collection {
        Collection {
            records: IndexMap::new(),
            indexes: Indexes::for_collection(name),
        }
    }

    /// A collection with these records, in this order, indexed.
    fn of(name: &str, records: IndexMap<String, Record>) -> Collection {
        let mut indexes = Indexes::for_collection(name);
        for (key, record) in &records {
            indexes.appended(key, record);
        }
        Collection { records, indexes }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Store {
    collections: BTreeMap<String, Collection>,
    pub rng: u64,
    pub sequence: u64,
    /// Records handed out since the store was made: what the page-cost tests count.
    reads: Cell<u64>,
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
        mix(self.rng)
    }

    /// `PREFIX-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, deterministic for the seed. Not checked
    /// against anything: a record's key comes from [`Store::unused`].
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

    /// Draws until `taken` says a value is free: a generated key or number never lands on one
    /// in use, however the generator repeats.
    pub fn unused(
        &mut self,
        taken: impl Fn(&Store, &str) -> bool,
        mut draw: impl FnMut(&mut Store) -> String,
    ) -> Result<String, Exhausted> {
        for _ in 0..MAX_DRAWS {
            let value = draw(self);
            if !taken(self, &value) {
                return Ok(value);
            }
        }
        Err(Exhausted)
    }

    /// A new `PREFIX-…` id that is no key of `collection`.
    pub fn unused_id(&mut self, collection: &str, prefix: &str) -> Result<String, Exhausted> {
        self.unused(|s, id| s.contains(collection, id), |s| s.new_id(prefix))
    }

    pub fn tick(&mut self) -> u64 {
        self.sequence += 1;
        self.sequence
    }

    /// Records handed out so far (every `get`, `update` and listed record counts one).
    pub fn records_read(&self) -> u64 {
        self.reads.get()
    }

    fn read(&self, records: usize) {
        self.reads.set(self.reads.get() + records as u64);
    }

    pub fn get(&self, collection: &str, key: &str) -> Option<&Record> {
        let record = self.collections.get(collection)?.records.get(key)?;
        self.read(1);
        Some(record)
    }

    /// Whether `key` holds a record (reads none).
    pub fn contains(&self, collection: &str, key: &str) -> bool {
        self.collections
            .get(collection)
            .is_some_and(|c| c.records.contains_key(key))
    }

    pub fn len(&self, collection: &str) -> usize {
        self.collections
            .get(collection)
            .map_or(0, |c| c.records.len())
    }

    /// Every collection's size, by name.
    pub fn sizes(&self) -> impl Iterator<Item = (&str, usize)> {
        self.collections
            .iter()
            .map(|(name, c)| (name.as_str(), c.records.len()))
    }

    fn collection_mut(&mut self, name: &str) -> &mut Collection {
        self.collections
            .entry(name.to_string())
            .or_insert_with(|| Collection::new(name))
    }

    /// Adds a record under a new key, last in the collection; refuses a key in use.
    pub fn insert(&mut self, collection: &str, key: &str, record: Record) -> Result<(), Occupied> {
        let c = self.collection_mut(collection);
        if c.records.contains_key(key) {
            return Err(Occupied(key.to_string()));
        }
        c.indexes.appended(key, &record);
        c.records.insert(key.to_string(), compact(record));
        Ok(())
    }

    /// Sets the record a key holds, creating it or replacing it where it stands: for records
    /// that belong to something else's key (a number's voicemail, a SIM's status), never for a
    /// create.
    pub fn put(&mut self, collection: &str, key: &str, record: Record) {
        if self.contains(collection, key) {
            self.update(collection, key, |r| *r = record);
        } else {
            let _ = self.insert(collection, key, record);
        }
    }

    /// Changes a record in place through `change`, then brings its indexes up to date.
    pub fn update<R>(
        &mut self,
        collection: &str,
        key: &str,
        change: impl FnOnce(&mut Record) -> R,
    ) -> Option<R> {
        let c = self.collections.get_mut(collection)?;
        let record = c.records.get_mut(key)?;
        let before = c.indexes.keys_of(record);
        let out = change(record);
        let after = c.indexes.keys_of(record);
        if before != after {
            c.indexes.changed(key, before, after, &c.records);
        }
        self.read(1);
        Some(out)
    }

    pub fn remove(&mut self, collection: &str, key: &str) -> Option<Record> {
        let c = self.collections.get_mut(collection)?;
        let record = c.records.get(key)?;
        c.indexes.removed(key, record);
        // Keeps the order of the others: O(n) moves, no records read.
        c.records.shift_remove(key)
    }

    /// Records `offset..offset + limit` of a collection, oldest first.
    pub fn page(&self, collection: &str, offset: usize, limit: usize) -> Vec<&Record> {
        let Some(c) = self.collections.get(collection) else {
            return vec![];
        };
        let end = offset.saturating_add(limit).min(c.records.len());
        let records: Vec<&Record> = (offset..end)
            .filter_map(|i| c.records.get_index(i).map(|(_, r)| r))
            .collect();
        self.read(records.len());
        records
    }

    pub fn first(&self, collection: &str) -> Option<&Record> {
        self.page(collection, 0, 1).into_iter().next()
    }

    /// The keys of the records whose `field` holds `value`, in collection order (reads none).
    pub fn keys_where(&self, collection: &str, field: Field, value: &str) -> Vec<&str> {
        match self.members(collection, field, value) {
            Ok(members) => members.into_iter().flatten().map(String::as_str).collect(),
            Err(c) => self
                .scan(c, field, value)
                .into_iter()
                .map(|(k, _)| k.as_str())
                .collect(),
        }
    }

    /// How many records' `field` holds `value` (reads none).
    pub fn count_where(&self, collection: &str, field: Field, value: &str) -> usize {
        match self.members(collection, field, value) {
            Ok(members) => members.map_or(0, Members::len),
            Err(c) => self.scan(c, field, value).len(),
        }
    }

    /// Records `offset..offset + limit` of those whose `field` holds `value`, oldest first.
    pub fn page_where(
        &self,
        collection: &str,
        field: Field,
        value: &str,
        offset: usize,
        limit: usize,
    ) -> Vec<&Record> {
        let records: Vec<&Record> = match self.members(collection, field, value) {
            Ok(None) => vec![],
            Ok(Some(members)) => {
                let end = offset.saturating_add(limit).min(members.len());
                let records = &self.collections[collection].records;
                (offset..end)
                    .filter_map(|i| members.get_index(i))
                    .filter_map(|k| records.get(k))
                    .collect()
            }
            Err(c) => self
                .scan(c, field, value)
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(|(_, r)| r)
                .collect(),
        };
        self.read(records.len());
        records
    }

    /// The index of `field` on `collection`, `Ok(None)` when no record holds `value`; or the
    /// collection to scan when it has no such index.
    fn members(
        &self,
        collection: &str,
        field: Field,
        value: &str,
    ) -> Result<Option<&Members>, Option<&Collection>> {
        let Some(c) = self.collections.get(collection) else {
            return Ok(None);
        };
        c.indexes.members(field, value).ok_or(Some(c))
    }

    /// The slow way, for a field no index covers: reads the whole collection.
    fn scan<'a>(
        &self,
        c: Option<&'a Collection>,
        field: Field,
        value: &str,
    ) -> Vec<(&'a String, &'a Record)> {
        let Some(c) = c else { return vec![] };
        self.read(c.records.len());
        let wanted = field.key(value);
        c.records
            .iter()
            .filter(|(_, r)| field.keys(r).contains(&wanted))
            .collect()
    }

    pub fn load(path: &Path) -> std::io::Result<Option<Store>> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice::<Saved>(&bytes)
                .map(|saved| Some(saved.into()))
                .map_err(std::io::Error::other),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The saved form, as bytes (what [`write_file`] writes).
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let saved = SavedRef {
            collections: self
                .collections
                .iter()
                .map(|(name, c)| (name.as_str(), &c.records))
                .collect(),
            rng: self.rng,
            sequence: self.sequence,
        };
        serde_json::to_vec(&saved).map_err(std::io::Error::other)
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        write_file(path, &self.to_bytes()?)
    }
}

/// The record at its exact size: one built field by field has up to twice the room it needs,
/// which at 100,000 numbers (and their orders) is hundreds of megabytes.
fn compact(record: Record) -> Record {
    record.into_iter().collect()
}

/// splitmix64's finaliser: spreads the bits of a counter over the whole word.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Writes `bytes` to `path` without ever leaving a half-written file: a temporary file first,
/// flushed to disk, then renamed over the old one.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp: PathBuf = path.with_extension("json.tmp");
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(tmp, path)
}

/// The saved form: records by collection, each collection in creation order.
#[derive(Serialize)]
struct SavedRef<'a> {
    collections: BTreeMap<&'a str, &'a IndexMap<String, Record>>,
    rng: u64,
    sequence: u64,
}

#[derive(Deserialize)]
struct Saved {
    collections: BTreeMap<String, IndexMap<String, Record>>,
    /// Files written before collections kept their order list it here (their records are
    /// sorted by key).
    #[serde(default)]
    order: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    rng: u64,
    #[serde(default)]
    sequence: u64,
}

impl From<Saved> for Store {
    fn from(saved: Saved) -> Store {
        let mut order = saved.order;
        let collections = saved
            .collections
            .into_iter()
            .map(|(name, records)| {
                let records = match order.remove(&name) {
                    Some(keys) => in_order(records, &keys),
                    None => records,
                };
                let collection = Collection::of(&name, records);
                (name, collection)
            })
            .collect();
        Store {
            collections,
            rng: saved.rng,
            sequence: saved.sequence,
            reads: Cell::new(0),
        }
    }
}

/// `records` in the order `keys` lists (records it does not list keep theirs, after).
fn in_order(mut records: IndexMap<String, Record>, keys: &[String]) -> IndexMap<String, Record> {
    let mut ordered = IndexMap::with_capacity(records.len());
    for key in keys {
        if let Some(record) = records.shift_remove(key) {
            ordered.insert(key.clone(), record);
        }
    }
    ordered.extend(records);
    ordered
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

/// The numbers a message is to: `To` as a list of numbers or `{"Number": …}`, or one number.
pub fn recipients(record: &Record) -> Vec<String> {
    match field(record, "To") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => text(o, "Number"),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => vec![],
    }
}
