//! Type inference: turns the spec's request schemas and its 200 examples into named, typed models.
//!
//! The spec describes requests with schemas but most responses only by example, and the examples
//! disagree with each other (`true` vs `"true"`, `0.0045` vs `"$0.0045"`). This module merges every
//! sighting of a field into one type that can hold all of them, so the lenient decoder never has to
//! drop a value. It must never guess a narrower type than the evidence allows: a value that only
//! ever appeared as text stays text.

use serde_json::Value;
use std::collections::BTreeMap;

/// What a field holds, as far as the spec and its examples show.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// Only `null`/`"NULL"` seen: the shape is unknown, so the value is kept as JSON.
    Unknown,
    /// Text that is always `"true"`/`"false"`; becomes `Bool` if a real boolean is also seen.
    BoolText,
    /// Text that is always a number; becomes a number if a real number is also seen.
    NumText,
    Str,
    Bool,
    Int,
    Float,
    Any,
    Enum(String),
    Struct(String),
    List(Box<Ty>),
    /// An object whose keys are data: text keys to values of one type.
    Map(Box<Ty>),
}

impl Ty {
    /// The type a field finally gets once every sighting is merged.
    pub fn settled(&self) -> Ty {
        match self {
            Ty::Unknown => Ty::Any,
            Ty::BoolText | Ty::NumText => Ty::Str,
            Ty::List(inner) => Ty::List(Box::new(inner.settled())),
            Ty::Map(inner) => Ty::Map(Box::new(inner.settled())),
            other => other.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub wire: String,
    /// The words of the public name in every language: the wire name, or its correction from
    /// `spelling` in `spec/naming.json` when the API misspells it.
    pub words: String,
    pub ty: Ty,
    pub required: bool,
    pub doc: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Request,
    Params,
    Response,
}

#[derive(Clone, Debug)]
pub struct StructDef {
    pub name: String,
    pub doc: String,
    pub role: Role,
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<String>,
}

/// Every named type the generator emits. Types with the same name are one type: their fields are
/// the union of every place that names them (this is how shapes are shared between operations).
#[derive(Default)]
pub struct Registry {
    pub structs: BTreeMap<String, StructDef>,
    pub enums: BTreeMap<String, EnumDef>,
    pub nested_names: BTreeMap<String, String>,
    pub enum_names: BTreeMap<String, String>,
}

pub fn merge(a: &Ty, b: &Ty) -> Ty {
    use Ty::*;
    match (a, b) {
        (x, y) if x == y => x.clone(),
        (Unknown, x) | (x, Unknown) => x.clone(),
        (Bool, BoolText) | (BoolText, Bool) => Bool,
        (Int, NumText) | (NumText, Int) => Int,
        (Float, NumText) | (NumText, Float) | (Int, Float) | (Float, Int) => Float,
        (Str | BoolText | NumText, Str | BoolText | NumText) => Str,
        (Int | Float | Bool, Str) | (Str, Int | Float | Bool) => Str,
        (Enum(e), Str | BoolText | NumText) | (Str | BoolText | NumText, Enum(e)) => {
            Enum(e.clone())
        }
        (List(x), List(y)) => List(Box::new(merge(x, y))),
        // A shape seen as an object stays an object; text in its place is kept verbatim in `extra`.
        (Struct(s), Str | BoolText | NumText | Int | Float | Bool)
        | (Str | BoolText | NumText | Int | Float | Bool, Struct(s)) => Struct(s.clone()),
        // "To comes as a list or a string": the list can hold both.
        (List(x), y) | (y, List(x)) => List(Box::new(merge(x, y))),
        _ => Any,
    }
}

fn rename_struct(ty: &Ty, from: &str, to: &str) -> Ty {
    match ty {
        Ty::Struct(n) if n == from => Ty::Struct(to.to_string()),
        Ty::List(inner) => Ty::List(Box::new(rename_struct(inner, from, to))),
        Ty::Map(inner) => Ty::Map(Box::new(rename_struct(inner, from, to))),
        other => other.clone(),
    }
}

/// Two shapes are the same when their fields are: wire names, types and requiredness, in order.
pub fn same_shape(a: &StructDef, b: &StructDef) -> bool {
    a.role == b.role
        && a.fields.len() == b.fields.len()
        && a.fields.iter().zip(&b.fields).all(|(x, y)| {
            x.wire == y.wire && x.ty.settled() == y.ty.settled() && x.required == y.required
        })
}

fn replace_struct(ty: &Ty, name: &str, value: &Ty) -> Ty {
    match ty {
        Ty::Struct(n) if n == name => Ty::Map(Box::new(value.clone())),
        Ty::List(inner) => Ty::List(Box::new(replace_struct(inner, name, value))),
        Ty::Map(inner) => Ty::Map(Box::new(replace_struct(inner, name, value))),
        other => other.clone(),
    }
}

pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if word.ends_with("ss") {
        return word.to_string();
    }
    word.strip_suffix('s').unwrap_or(word).to_string()
}

impl Registry {
    /// Turns the named structs into maps (keys are data), wherever they are used.
    pub fn make_maps(&mut self, names: &[String]) {
        for name in names {
            let Some(def) = self.structs.remove(name) else {
                continue;
            };
            let value = def
                .fields
                .iter()
                .fold(Ty::Unknown, |acc, f| merge(&acc, &f.ty));
            for other in self.structs.values_mut() {
                for f in &mut other.fields {
                    f.ty = replace_struct(&f.ty, name, &value);
                }
            }
        }
    }

    /// Replaces identical shapes by one type called `name` (`merged_types` in `spec/naming.json`).
    pub fn merge_structs(&mut self, name: &str, members: &[String]) {
        let defs: Vec<StructDef> = members
            .iter()
            .map(|m| {
                self.structs.remove(m).unwrap_or_else(|| {
                    panic!("spec/naming.json merged_types: {name} lists {m}, which is not a type")
                })
            })
            .collect();
        let mut merged = defs[0].clone();
        for other in &defs[1..] {
            assert!(
                same_shape(&merged, other),
                "spec/naming.json merged_types: {} and {} are not the same shape",
                merged.name,
                other.name
            );
            for (f, o) in merged.fields.iter_mut().zip(&other.fields) {
                if f.doc.is_empty() {
                    f.doc = o.doc.clone();
                }
            }
        }
        merged.name = name.to_string();
        if merged.doc.is_empty() {
            merged.doc = format!(
                "One shape shared by {}.",
                members
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for def in self.structs.values_mut() {
            for f in &mut def.fields {
                for m in members {
                    f.ty = rename_struct(&f.ty, m, name);
                }
            }
        }
        assert!(
            self.structs.insert(name.to_string(), merged).is_none(),
            "spec/naming.json merged_types: {name} is already a type"
        );
    }

    fn nested_name(&self, owner: &str, field: &str) -> String {
        self.nested_names
            .get(field)
            .cloned()
            .unwrap_or_else(|| format!("{owner}{}", singular(field)))
    }

    pub fn ensure_struct(&mut self, name: &str, role: Role, doc: &str) {
        let entry = self
            .structs
            .entry(name.to_string())
            .or_insert_with(|| StructDef {
                name: name.to_string(),
                doc: doc.to_string(),
                role: role.clone(),
                fields: Vec::new(),
            });
        // A type shared by a request and a response is documented as a response shape too.
        if entry.role != role && role == Role::Response {
            entry.role = Role::Response;
        }
        if entry.doc.is_empty() {
            entry.doc = doc.to_string();
        }
    }

    pub fn add_field(&mut self, owner: &str, field: Field) {
        let def = self.structs.get_mut(owner).expect("owner struct exists");
        match def
            .fields
            .iter_mut()
            .find(|f| f.wire.eq_ignore_ascii_case(&field.wire))
        {
            Some(existing) => {
                existing.ty = merge(&existing.ty, &field.ty);
                existing.required = existing.required && field.required;
                if existing.doc.is_empty() {
                    existing.doc = field.doc;
                }
            }
            None => def.fields.push(field),
        }
    }

    /// A request or parameter field described by a spec schema property.
    pub fn schema_ty(
        &mut self,
        owner: &str,
        name: &str,
        prop: &Value,
        example: Option<&Value>,
    ) -> Ty {
        let kind = prop.get("type").and_then(Value::as_str).unwrap_or("");
        if let Some(values) = prop.get("enum").and_then(Value::as_array) {
            let values: Vec<String> = values
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            if !values.is_empty() {
                return Ty::Enum(self.add_enum(name, values));
            }
        }
        match kind {
            "string" => Ty::Str,
            "integer" => Ty::Int,
            "number" => Ty::Float,
            "boolean" => Ty::Bool,
            "array" => {
                let items = prop.get("items").cloned().unwrap_or(Value::Null);
                let first = example.and_then(Value::as_array).and_then(|a| a.first());
                let inner = if items.get("type").and_then(Value::as_str) == Some("object")
                    || items.get("properties").is_some()
                {
                    let nested = self.nested_name(owner, name);
                    self.schema_struct(&nested, Role::Request, "", &items, first);
                    if let Some(all) = example.and_then(Value::as_array) {
                        for item in all {
                            self.example_struct(&nested, Role::Request, item);
                        }
                    }
                    Ty::Struct(nested)
                } else if items.is_object() && items.get("type").is_some() {
                    self.schema_ty(owner, name, &items, first)
                } else {
                    match example.and_then(Value::as_array) {
                        Some(all) => self.example_list(owner, name, Role::Request, all),
                        None => Ty::Str,
                    }
                };
                Ty::List(Box::new(inner))
            }
            "object" => {
                let nested = self.nested_name(owner, name);
                self.schema_struct(&nested, Role::Request, "", prop, example);
                if let Some(ex) = example {
                    self.example_struct(&nested, Role::Request, ex);
                }
                Ty::Struct(nested)
            }
            _ => match example {
                Some(ex) => self.example_ty(owner, name, Role::Request, ex),
                None => Ty::Any,
            },
        }
    }

    /// A struct from a schema object (`properties` + `required`), with an example to fill in shapes
    /// the schema leaves out.
    pub fn schema_struct(
        &mut self,
        name: &str,
        role: Role,
        doc: &str,
        schema: &Value,
        example: Option<&Value>,
    ) {
        self.ensure_struct(name, role.clone(), doc);
        let required: Vec<String> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (key, prop) in props {
            let example_value = example.and_then(|e| e.get(key));
            let ty = self.schema_ty(name, key, prop, example_value);
            let doc = prop
                .get("note")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            self.add_field(
                name,
                Field {
                    wire: key.clone(),
                    words: key.clone(),
                    ty,
                    required: required.contains(key) && role != Role::Response,
                    doc,
                },
            );
        }
    }

    /// A struct whose shape is only known from an example value.
    pub fn example_struct(&mut self, name: &str, role: Role, example: &Value) {
        self.ensure_struct(name, role.clone(), "");
        let Some(map) = example.as_object() else {
            return;
        };
        for (key, value) in map {
            let ty = self.example_ty(name, key, role.clone(), value);
            self.add_field(
                name,
                Field {
                    wire: key.clone(),
                    words: key.clone(),
                    ty,
                    required: false,
                    doc: String::new(),
                },
            );
        }
    }

    fn example_list(&mut self, owner: &str, key: &str, role: Role, items: &[Value]) -> Ty {
        let mut inner = Ty::Unknown;
        for item in items {
            let t = self.example_ty(owner, key, role.clone(), item);
            inner = merge(&inner, &t);
        }
        if inner == Ty::Unknown && items.is_empty() {
            // An empty list in every example: its items could be anything.
            return Ty::Unknown;
        }
        inner
    }

    pub fn example_ty(&mut self, owner: &str, key: &str, role: Role, value: &Value) -> Ty {
        match value {
            Value::Null => Ty::Unknown,
            Value::Bool(_) => Ty::Bool,
            Value::Number(n) if n.is_i64() || n.is_u64() => Ty::Int,
            Value::Number(_) => Ty::Float,
            Value::String(s) if s == "NULL" => Ty::Unknown,
            Value::String(s)
                if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") =>
            {
                Ty::BoolText
            }
            Value::String(s)
                if !s.is_empty() && s.trim().parse::<f64>().is_ok() && !s.starts_with('+') =>
            {
                Ty::NumText
            }
            Value::String(_) => Ty::Str,
            Value::Object(_) => {
                let nested = self.nested_name(owner, key);
                self.example_struct(&nested, role, value);
                Ty::Struct(nested)
            }
            Value::Array(items) => Ty::List(Box::new(self.example_list(owner, key, role, items))),
        }
    }

    pub fn add_enum(&mut self, field: &str, values: Vec<String>) -> String {
        let name = self
            .enum_names
            .get(field)
            .cloned()
            .unwrap_or_else(|| heck::AsUpperCamelCase(field).to_string());
        let entry = self.enums.entry(name.clone()).or_insert_with(|| EnumDef {
            name: name.clone(),
            values: Vec::new(),
        });
        for v in values {
            if !entry.values.contains(&v) {
                entry.values.push(v);
            }
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_boolean_seen_as_text_and_as_a_boolean_is_a_boolean() {
        assert_eq!(merge(&Ty::BoolText, &Ty::Bool), Ty::Bool);
    }

    #[test]
    fn text_that_was_never_seen_as_anything_else_stays_text() {
        assert_eq!(merge(&Ty::NumText, &Ty::NumText).settled(), Ty::Str);
        assert_eq!(Ty::BoolText.settled(), Ty::Str);
    }

    #[test]
    fn a_number_also_seen_as_non_numeric_text_is_text() {
        assert_eq!(merge(&Ty::Float, &Ty::Str), Ty::Str);
    }

    #[test]
    fn a_value_seen_as_a_list_and_as_a_single_item_is_a_list() {
        assert_eq!(
            merge(&Ty::List(Box::new(Ty::Str)), &Ty::Str),
            Ty::List(Box::new(Ty::Str))
        );
    }

    #[test]
    fn an_object_stays_an_object_when_also_seen_as_text() {
        assert_eq!(
            merge(&Ty::Struct("Recipient".into()), &Ty::Str),
            Ty::Struct("Recipient".into())
        );
    }

    #[test]
    fn only_nulls_give_a_json_value() {
        assert_eq!(Ty::Unknown.settled(), Ty::Any);
    }

    fn number_shape(reg: &mut Registry, name: &str, ty: Ty) {
        reg.ensure_struct(name, Role::Request, "");
        reg.add_field(
            name,
            Field {
                wire: "Number".into(),
                words: "Number".into(),
                ty,
                required: false,
                doc: "phone number, E.164".into(),
            },
        );
    }

    #[test]
    fn identical_shapes_merge_into_one_type_and_references_follow() {
        let mut reg = Registry::default();
        number_shape(&mut reg, "AThing", Ty::Str);
        number_shape(&mut reg, "BThing", Ty::Str);
        reg.ensure_struct("Owner", Role::Request, "");
        reg.add_field(
            "Owner",
            Field {
                wire: "Things".into(),
                words: "Things".into(),
                ty: Ty::List(Box::new(Ty::Struct("BThing".into()))),
                required: true,
                doc: String::new(),
            },
        );
        reg.merge_structs("Thing", &["AThing".into(), "BThing".into()]);
        assert!(reg.structs.contains_key("Thing") && !reg.structs.contains_key("AThing"));
        assert_eq!(
            reg.structs["Owner"].fields[0].ty,
            Ty::List(Box::new(Ty::Struct("Thing".into())))
        );
    }

    #[test]
    #[should_panic(expected = "not the same shape")]
    fn different_shapes_are_never_merged() {
        let mut reg = Registry::default();
        number_shape(&mut reg, "AThing", Ty::Str);
        number_shape(&mut reg, "BThing", Ty::Int);
        reg.merge_structs("Thing", &["AThing".into(), "BThing".into()]);
    }

    #[test]
    fn plural_field_names_become_singular_type_names() {
        assert_eq!(singular("PhoneNumbers"), "PhoneNumber");
        assert_eq!(singular("Activities"), "Activity");
        assert_eq!(singular("Address"), "Address");
    }
}
