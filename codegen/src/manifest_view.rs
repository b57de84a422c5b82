//! The manifest (`spec/operations.json`) indexed for the language emitters: models and enums by
//! name, operations, group docs, and the small readers every emitter needs. Emitters read the
//! manifest only through this view, never the generator's internal registry.

use serde_json::Value;
use std::collections::BTreeMap;

/// Text of a JSON string value, or "".
pub fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// `list<T>` -> `T` (with prefix `list<`); `map<string,T>` -> `T` (with prefix `map<string,`).
pub fn inner<'t>(ty: &'t str, prefix: &str) -> Option<&'t str> {
    ty.strip_prefix(prefix).and_then(|r| r.strip_suffix('>'))
}

/// The manifest, indexed.
pub struct ManifestView<'a> {
    pub doc: &'a Value,
    pub models: BTreeMap<&'a str, &'a Value>,
    /// Enum name -> its wire values.
    pub enums: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> ManifestView<'a> {
    pub fn new(doc: &'a Value) -> Self {
        let models = doc["models"]
            .as_array()
            .expect("manifest models")
            .iter()
            .map(|m| (s(&m["name"]), m))
            .collect();
        let enums = doc["enums"]
            .as_array()
            .expect("manifest enums")
            .iter()
            .map(|e| {
                let values = e["values"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|v| s(&v["wire"]))
                    .collect();
                (s(&e["name"]), values)
            })
            .collect();
        ManifestView { doc, models, enums }
    }

    pub fn ops(&self) -> &'a [Value] {
        self.doc["operations"]
            .as_array()
            .expect("manifest operations")
    }

    pub fn is_model(&self, name: &str) -> bool {
        self.models.contains_key(name)
    }

    /// Whether the model may be given as just text (its `scalar` field).
    pub fn scalar(&self, name: &str) -> bool {
        self.models
            .get(name)
            .is_some_and(|m| m["scalar"].is_string())
    }

    pub fn group_doc(&self, path: &[String]) -> &'a str {
        self.doc["groups"][path.join(".")].as_str().unwrap_or("")
    }

    /// The first sentence of the doc of the model `ty` names (or of its items, for a list): what
    /// a method's "returns" line says about it. "" when the model has no doc.
    pub fn first_sentence(&self, ty: &str) -> &'a str {
        let name = inner(ty, "list<").unwrap_or(ty);
        let doc = self
            .models
            .get(name)
            .map(|model| s(&model["doc"]))
            .unwrap_or("");
        match doc.find(". ") {
            Some(end) => &doc[..=end],
            None => doc,
        }
    }
}
