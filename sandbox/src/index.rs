//! Secondary indexes: for each field a listing filters on (a number's status, a child's parent,
//! a subscriber's e-mail, ...), which records hold each value, in the collection's order. With
//! them a filtered page, its total, or an in-use check reads only the records it answers with,
//! never the whole collection.
//!
//! An index belongs to its collection in the store and changes only through the store's insert,
//! update and remove, which is what keeps it from ever going stale: nothing else may hold or
//! change one. Indexes are never saved; the store rebuilds them when it loads.

use crate::operations::{
    CALL_FILTERS, FEATURE_ASSIGNMENTS, MESSAGES, MESSAGE_FILTERS, MESSAGE_ROUTES, NUMBERS,
    PACKAGES, PACKAGE_ITEMS, PRODUCTS, RELATIONS, SCHEDULES, SERVICES, SERVICE_ITEMS, SUBSCRIBERS,
    SUBSCRIPTIONS, THRESHOLD_ASSIGNMENTS, VOICE_ROUTES, WEBHOOKS, WORKGROUPS,
};
use crate::state::{flag, recipients, text, Record};
use indexmap::{IndexMap, IndexSet};
use std::collections::HashMap;

/// A field a listing filters on, read the way that listing compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The field's text, exactly.
    Text(&'static str),
    /// The field's text, ignoring case (statuses, e-mail addresses).
    Folded(&'static str),
    /// `Active`, which counts as true when absent: `"true"` or `"false"`.
    Active,
    /// Every number a message is from or to.
    Parties,
}

impl Field {
    /// The index key a listing looks `value` up by.
    pub fn key(self, value: &str) -> String {
        match self {
            Field::Folded(_) => value.to_ascii_lowercase(),
            _ => value.to_string(),
        }
    }

    /// The keys a record is found by (none when it lacks the field).
    pub fn keys(self, record: &Record) -> Vec<String> {
        match self {
            Field::Text(name) => text(record, name).into_iter().collect(),
            Field::Folded(name) => text(record, name)
                .map(|t| t.to_ascii_lowercase())
                .into_iter()
                .collect(),
            Field::Active => vec![flag(record, "Active").unwrap_or(true).to_string()],
            Field::Parties => {
                let mut parties: Vec<String> = text(record, "From").into_iter().collect();
                for to in recipients(record) {
                    if !parties.contains(&to) {
                        parties.push(to);
                    }
                }
                parties
            }
        }
    }
}

/// The fields each collection's listings filter on. A field missing here still answers
/// correctly (the store then scans), but costs the whole collection: the page-cost tests would
/// fail.
const INDEXED: &[(&str, &[Field])] = &[
    (
        NUMBERS.collection,
        &[
            Field::Folded("Status"),
            Field::Text("Iccid"),
            Field::Text("Tnid"),
            Field::Text("MessageRouteId"),
            Field::Text("VoiceRouteId"),
        ],
    ),
    (MESSAGES.collection, &[Field::Parties]),
    (SUBSCRIBERS.collection, &[Field::Folded("Email")]),
    (SERVICE_ITEMS.collection, &[Field::Text("ServiceId")]),
    (PACKAGE_ITEMS.collection, &[Field::Text("PackageId")]),
    (
        SUBSCRIPTIONS.collection,
        &[Field::Active, Field::Text("PackageId")],
    ),
    (
        THRESHOLD_ASSIGNMENTS.collection,
        &[Field::Text("ThresholdId")],
    ),
    (FEATURE_ASSIGNMENTS.collection, &[Field::Text("FeatureId")]),
    (
        MESSAGE_FILTERS.collection,
        &[Field::Text("SubscriberId"), Field::Text("Phone")],
    ),
    (
        CALL_FILTERS.collection,
        &[Field::Text("SubscriberId"), Field::Text("Phone")],
    ),
    (
        RELATIONS.collection,
        &[
            Field::Text("ParentSubscriberId"),
            Field::Text("ChildSubscriberId"),
        ],
    ),
    (
        WORKGROUPS.collection,
        &[Field::Active, Field::Text("ScheduleId")],
    ),
    (MESSAGE_ROUTES.collection, &[Field::Active]),
    (VOICE_ROUTES.collection, &[Field::Active]),
    (SERVICES.collection, &[Field::Active]),
    (PRODUCTS.collection, &[Field::Active]),
    (PACKAGES.collection, &[Field::Active]),
    (SCHEDULES.collection, &[Field::Active]),
    (WEBHOOKS.collection, &[Field::Active]),
];

/// Record keys in the collection's order; `IndexSet` gives a page by position at once.
pub type Members = IndexSet<String>;

/// One field's index: value key -> the keys of the records holding it.
#[derive(Debug, Clone)]
struct Index {
    field: Field,
    members: HashMap<String, Members>,
}

/// The indexes of one collection.
#[derive(Debug, Clone, Default)]
pub struct Indexes(Vec<Index>);

impl Indexes {
    pub fn for_collection(collection: &str) -> Indexes {
        let fields = INDEXED
            .iter()
            .find(|(c, _)| *c == collection)
            .map_or(&[][..], |(_, f)| *f);
        Indexes(
            fields
                .iter()
                .map(|&field| Index {
                    field,
                    members: HashMap::new(),
                })
                .collect(),
        )
    }

    /// The records holding `value` in `field`, or `None` when this collection does not index it.
    pub fn members(&self, field: Field, value: &str) -> Option<Option<&Members>> {
        let index = self.0.iter().find(|i| i.field == field)?;
        Some(index.members.get(&field.key(value)))
    }

    /// Each index's keys for a record, to compare before and after a change.
    pub fn keys_of(&self, record: &Record) -> Vec<Vec<String>> {
        self.0.iter().map(|i| i.field.keys(record)).collect()
    }

    /// A record added at the end of the collection: it goes last under each of its values.
    pub fn appended(&mut self, key: &str, record: &Record) {
        for index in &mut self.0 {
            for value in index.field.keys(record) {
                index
                    .members
                    .entry(value)
                    .or_default()
                    .insert(key.to_string());
            }
        }
    }

    /// A record changed where it stands: it leaves the values it no longer holds and joins the
    /// new ones at its place in the collection's order.
    pub fn changed(
        &mut self,
        key: &str,
        before: Vec<Vec<String>>,
        after: Vec<Vec<String>>,
        order: &IndexMap<String, Record>,
    ) {
        let position = |k: &String| order.get_index_of(k).unwrap_or(usize::MAX);
        let Some(own) = order.get_index_of(key) else {
            return;
        };
        for ((index, old), new) in self.0.iter_mut().zip(before).zip(after) {
            for value in old.iter().filter(|v| !new.contains(v)) {
                leave(&mut index.members, value, key);
            }
            for value in new.into_iter().filter(|v| !old.contains(v)) {
                let members = index.members.entry(value).or_default();
                let at = members.partition_point(|k| position(k) < own);
                members.shift_insert(at, key.to_string());
            }
        }
    }

    /// A record about to leave the collection.
    pub fn removed(&mut self, key: &str, record: &Record) {
        for index in &mut self.0 {
            for value in index.field.keys(record) {
                leave(&mut index.members, &value, key);
            }
        }
    }
}

/// Takes `key` out of `value`'s members, and drops the value once nobody holds it.
fn leave(members: &mut HashMap<String, Members>, value: &str, key: &str) {
    if let Some(set) = members.get_mut(value) {
        set.shift_remove(key);
        if set.is_empty() {
            members.remove(value);
        }
    }
}
