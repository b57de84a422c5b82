//! Lenient, lossless decoding and exact encoding of Telegent JSON.
//!
//! The Telegent API is inconsistent: the same field arrives as `true` or `"true"`, `0.0045` or
//! `"0.0045"`, keys change case between operations (`Tnid`/`TNID`), `"NULL"` stands for null and
//! some objects arrive as JSON text inside a string. Every generated model reads all of that and
//! keeps whatever it cannot read: a value of an unexpected shape stays in the model's `extra` map
//! under its original key, and encoding writes it back unchanged. A known field that is null
//! (JSON `null`, or the API's other spellings of it: `"NULL"`, and `""` where text does not
//! belong) is that field, absent (`None`), not an unknown field: it is recorded in the model's
//! `nulls` ([`Nulls`]) as spelled, so that encoding writes it back as it came. Decoding must
//! never panic and never drop data; encoding must write exactly the spec's field names.
//!
//! Every field of a model is an `Option`, required request fields included: a required field the
//! caller did not set is `None`, and `check` refuses it before anything is sent, on the typed
//! path and on the by-id path alike (never a default such as `""` or `false` sent in its place).
//!
//! Documented normalisations when a decoded value is encoded again: key case follows the spec
//! (`TNID` is written as the model's `Tnid`), `"true"`/`"false"` in a boolean field become JSON
//! booleans, numeric text in a number field becomes a JSON number, a number in a text field
//! becomes text, an integral number in a decimal field is written `100.0`, a single value in a
//! list field becomes a list of one, and a recipient sent as bare text (`"To": "+1801..."`)
//! becomes `[{"Number": "+1801..."}]`. Everything else is written back exactly as it arrived.

use serde::ser::SerializeMap;
use serde_json::Value;

/// Fields a model does not know (or could not read), kept in arrival order and sent back
/// unchanged.
pub type Extra = serde_json::Map<String, Value>;

/// The known fields of a model that are null on the wire, as opposed to absent.
///
/// JSON has three states for an optional field (absent, null, a value) and `Option` has two. A
/// known field that arrives as null reads as `None`, like an absent one, and its name is recorded
/// here so that encoding writes it back as it came: the model's `extra` holds only fields the SDK
/// does not know. "Null" is JSON `null` or one of the API's other spellings of it, which are kept
/// as spelled: the text `"NULL"`, and `""` in a field that is not text.
///
/// In a request, [`Nulls::insert`] sends a field as JSON `null` (how an update clears a value,
/// e.g. `CallbackMessageUrl`). A field marked here must be `None`, and a name that is not a field
/// of the model is refused before sending (unknown fields belong in `extra`). A required field
/// marked as JSON `null` is missing; one that arrived as `"NULL"` or `""` was given, and is sent
/// as given.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Nulls(std::collections::BTreeMap<&'static str, Spelling>);

/// How a null arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Spelling {
    /// JSON `null`.
    Null,
    /// Text the API uses for "no value": `"NULL"`, or `""` where text does not belong.
    Text(&'static str),
}

impl Nulls {
    /// No field is null.
    pub fn new() -> Nulls {
        Nulls::default()
    }

    /// Marks the field with this wire name (e.g. `"CallbackMessageUrl"`) as JSON `null`.
    pub fn insert(&mut self, wire: &'static str) {
        self.0.insert(wire, Spelling::Null);
    }

    /// Unmarks the field with this wire name (letter case ignored); whether it was marked.
    pub fn remove(&mut self, wire: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|w, _| !w.eq_ignore_ascii_case(wire));
        before != self.0.len()
    }

    /// Whether the field with this wire name (letter case ignored) is marked as null.
    pub fn contains(&self, wire: &str) -> bool {
        self.spelling(wire).is_some()
    }

    /// Whether no field is marked.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many fields are marked.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The wire names of the marked fields.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.keys().copied()
    }

    fn spelling(&self, wire: &str) -> Option<Spelling> {
        self.0
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(wire))
            .map(|(_, s)| *s)
    }

    /// Records how a known field arrived, if that is one of the spellings of null.
    pub(crate) fn record(&mut self, wire: &'static str, value: &Value) -> bool {
        let spelling = match value {
            Value::Null => Spelling::Null,
            Value::String(s) if is_null_text(s) => Spelling::Text("NULL"),
            Value::String(s) if s.is_empty() => Spelling::Text(""),
            _ => return false,
        };
        self.0.insert(wire, spelling);
        true
    }

    /// What encoding writes for a marked field.
    pub(crate) fn value(&self, wire: &str) -> Option<Value> {
        self.spelling(wire).map(|s| match s {
            Spelling::Null => Value::Null,
            Spelling::Text(text) => Value::String(text.to_string()),
        })
    }

    /// Whether the field arrived as text (`"NULL"`, `""`): a value the caller wrote, sent as given.
    pub(crate) fn given_as_text(&self, wire: &str) -> bool {
        matches!(self.spelling(wire), Some(Spelling::Text(_)))
    }
}

impl std::fmt::Debug for Nulls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut set = f.debug_set();
        for (wire, spelling) in &self.0 {
            match spelling {
                Spelling::Null => set.entry(wire),
                Spelling::Text(text) => set.entry(&format_args!("{wire}={text:?}")),
            };
        }
        set.finish()
    }
}

impl<const N: usize> From<[&'static str; N]> for Nulls {
    fn from(names: [&'static str; N]) -> Nulls {
        names.into_iter().collect()
    }
}

impl FromIterator<&'static str> for Nulls {
    fn from_iter<I: IntoIterator<Item = &'static str>>(names: I) -> Nulls {
        Nulls(names.into_iter().map(|n| (n, Spelling::Null)).collect())
    }
}

/// A type that can be read leniently from JSON.
pub trait Lenient: Sized {
    /// Reads `value`, or hands it back untouched when it cannot be read as `Self`.
    fn from_json(value: Value) -> Result<Self, Value>;

    /// What an empty response body means for this type, if anything.
    fn from_empty() -> Option<Self> {
        None
    }

    /// How many top-level values were kept in `extra` instead of a typed field (lists: summed over
    /// their items). Tests use it to prove known fields are read into typed fields.
    fn unread(&self) -> usize {
        0
    }

    /// Notes what makes this value unfit to send: a known field whose value was of the wrong
    /// type (kept in `extra`), a required field left unset, a `null` mark that names no field or
    /// a field holding a value. `at` is the value's path (`""` at the top). Lenient for a
    /// response; an `InvalidInput` error for a caller's input (see `check`).
    fn inspect(&self, _at: &str, _found: &mut Problems) {}
}

/// What [`Lenient::inspect`] found, by dotted path (`CurrentBillingAddress.City`, `To[0].Number`).
#[derive(Debug, Default)]
pub struct Problems {
    misfit: Option<String>,
    missing: Vec<String>,
    nulls: Option<String>,
}

impl Problems {
    /// A known field whose value is of the wrong type for it.
    pub fn misfit(&mut self, path: String) {
        self.misfit.get_or_insert(path);
    }

    /// A required field left unset.
    pub fn missing(&mut self, path: String) {
        self.missing.push(path);
    }

    /// A `null` mark that cannot be sent as marked.
    pub fn null_mark(&mut self, problem: String) {
        self.nulls.get_or_insert(problem);
    }

    /// Each problem by its path (what an input error's `field_errors` hold): the misfit if there
    /// is one (the message reports it first), else every missing field.
    fn by_field(&self) -> std::collections::BTreeMap<String, Vec<String>> {
        match &self.misfit {
            Some(path) => [(
                path.clone(),
                vec!["has the wrong type for that field".to_string()],
            )]
            .into(),
            None => self
                .missing
                .iter()
                .map(|path| (path.clone(), vec!["is required".to_string()]))
                .collect(),
        }
    }

    /// The one message an input error gives for what was found, if anything.
    fn message(self, what: &str) -> Option<String> {
        if let Some(path) = self.misfit {
            return Some(format!(
                "{what} field {path} has the wrong type for that field"
            ));
        }
        if !self.missing.is_empty() {
            return Some(format!(
                "{what} is missing required field(s): {}",
                self.missing.join(", ")
            ));
        }
        self.nulls.map(|problem| format!("{what}: {problem}"))
    }
}

/// The path of field `wire` of the value at `at`.
pub fn path(at: &str, wire: &str) -> String {
    if at.is_empty() {
        wire.to_string()
    } else {
        format!("{at}.{wire}")
    }
}

/// The one check of a caller's input, typed or given as JSON, before anything is sent: every
/// required field is set (a required field is an `Option` like every other, so "missing" means
/// `None`, never a guess such as an empty default), no known field holds a value of the wrong
/// type, and `null` marks name fields that are `None`. `what` is `"body"` or `"params"`.
pub(crate) fn check<T: Lenient>(what: &str, value: &T) -> crate::Result<()> {
    let mut found = Problems::default();
    value.inspect("", &mut found);
    let fields = found.by_field();
    match found.message(what) {
        Some(message) => {
            let mut error = crate::Error::invalid_input("", message);
            error.details_mut().field_errors = fields;
            Err(error)
        }
        None => Ok(()),
    }
}

/// A field of a generated model: knows how to fill itself from JSON and write itself back. Every
/// field is an `Option` (required ones too: see [`check`]).
pub(crate) trait Slot {
    /// Stores `value`, or files it under `key` in `extra` when it cannot be read.
    fn fill(&mut self, key: String, value: Value, extra: &mut Extra);
    /// Whether encoding will write this field.
    fn is_set(&self) -> bool;
    /// Writes the field under its wire name (nothing for an unset field).
    fn emit<M: SerializeMap>(&self, wire: &str, map: &mut M) -> Result<(), M::Error>;
    /// See [`Lenient::inspect`].
    fn inspect(&self, at: &str, found: &mut Problems);
}

impl<T: Lenient + serde::Serialize> Slot for Option<T> {
    fn fill(&mut self, key: String, value: Value, extra: &mut Extra) {
        if self.is_some() {
            // A second spelling of a key already read (`Tnid` and `TNID` both present): keep both.
            extra.insert(key, value);
            return;
        }
        match T::from_json(value) {
            Ok(v) => *self = Some(v),
            Err(v) => {
                extra.insert(key, v);
            }
        }
    }
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn emit<M: SerializeMap>(&self, wire: &str, map: &mut M) -> Result<(), M::Error> {
        match self {
            Some(v) => map.serialize_entry(wire, v),
            None => Ok(()),
        }
    }
    fn inspect(&self, at: &str, found: &mut Problems) {
        if let Some(v) = self {
            v.inspect(at, found);
        }
    }
}

/// `"NULL"` is how parts of the API write null.
fn is_null_text(s: &str) -> bool {
    s == "NULL"
}

impl Lenient for String {
    fn from_json(value: Value) -> Result<Self, Value> {
        match value {
            Value::String(s) if !is_null_text(&s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            other => Err(other),
        }
    }
}

impl Lenient for bool {
    fn from_json(value: Value) -> Result<Self, Value> {
        match &value {
            Value::Bool(b) => Ok(*b),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => Ok(true),
                "false" | "no" | "0" => Ok(false),
                _ => Err(value),
            },
            Value::Number(n) if n.as_i64() == Some(1) => Ok(true),
            Value::Number(n) if n.as_i64() == Some(0) => Ok(false),
            _ => Err(value),
        }
    }
}

impl Lenient for i64 {
    fn from_json(value: Value) -> Result<Self, Value> {
        let parsed = match &value {
            Value::Number(n) => n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    .map(|f| f as i64)
            }),
            Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        parsed.ok_or(value)
    }
}

impl Lenient for f64 {
    fn from_json(value: Value) -> Result<Self, Value> {
        let parsed = match &value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
            _ => None,
        };
        parsed.ok_or(value)
    }
}

impl Lenient for Value {
    fn from_json(value: Value) -> Result<Self, Value> {
        Ok(value)
    }
    fn from_empty() -> Option<Self> {
        Some(Value::Null)
    }
}

impl<T: Lenient + serde::Serialize> Lenient for Vec<T> {
    fn from_json(value: Value) -> Result<Self, Value> {
        match value {
            Value::Array(items) => {
                // All or nothing: a list with an unreadable item is kept whole, as JSON.
                let mut out = Vec::with_capacity(items.len());
                let mut rest = items.into_iter();
                while let Some(item) = rest.next() {
                    match T::from_json(item) {
                        Ok(v) => out.push(v),
                        Err(bad) => {
                            let mut whole: Vec<Value> = out.iter().map(encode_value).collect();
                            whole.push(bad);
                            whole.extend(rest);
                            return Err(Value::Array(whole));
                        }
                    }
                }
                Ok(out)
            }
            Value::String(s) if s.trim_start().starts_with('[') => {
                match serde_json::from_str::<Value>(&s) {
                    Ok(inner @ Value::Array(_)) => {
                        Self::from_json(inner).map_err(|_| Value::String(s))
                    }
                    _ => Err(Value::String(s)),
                }
            }
            Value::Null => Err(Value::Null),
            Value::String(s) if is_null_text(&s) || s.is_empty() => Err(Value::String(s)),
            // "To comes as a list or a string": one value is a list of one.
            single => T::from_json(single).map(|v| vec![v]),
        }
    }
    fn from_empty() -> Option<Self> {
        Some(Vec::new())
    }
    fn unread(&self) -> usize {
        self.iter().map(T::unread).sum()
    }
    fn inspect(&self, at: &str, found: &mut Problems) {
        for (i, item) in self.iter().enumerate() {
            item.inspect(&format!("{at}[{i}]"), found);
        }
    }
}

impl<T: Lenient + serde::Serialize> Lenient for std::collections::BTreeMap<String, T> {
    fn from_json(value: Value) -> Result<Self, Value> {
        let map = object(value)?;
        let mut out = std::collections::BTreeMap::new();
        let mut rest = map.into_iter();
        while let Some((key, item)) = rest.next() {
            match T::from_json(item) {
                Ok(v) => {
                    out.insert(key, v);
                }
                Err(bad) => {
                    // All or nothing, like lists: the whole object is kept as it came.
                    let mut whole: serde_json::Map<String, Value> = out
                        .iter()
                        .map(|(k, v)| (k.clone(), encode_value(v)))
                        .collect();
                    whole.insert(key, bad);
                    whole.extend(rest);
                    return Err(Value::Object(whole));
                }
            }
        }
        Ok(out)
    }
    fn from_empty() -> Option<Self> {
        Some(std::collections::BTreeMap::new())
    }
    fn inspect(&self, at: &str, found: &mut Problems) {
        for (key, item) in self {
            item.inspect(&path(at, key), found);
        }
    }
}

/// Reads JSON that arrives as text inside a string, e.g. `KeywordFilter`. Accepts the form the API
/// examples show with the outer braces missing (`"CustomKeywords":[..],"SeverityMap":{..}`).
pub fn json_in_string(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return serde_json::from_str(trimmed).ok();
    }
    if trimmed.starts_with('"') && trimmed.contains(':') {
        return serde_json::from_str(&format!("{{{trimmed}}}")).ok();
    }
    None
}

/// The object inside `value`, whether it arrived as JSON or as JSON text.
pub(crate) fn object(value: Value) -> Result<serde_json::Map<String, Value>, Value> {
    match value {
        Value::Object(map) => Ok(map),
        Value::String(s) => match json_in_string(&s) {
            Some(Value::Object(map)) => Ok(map),
            _ => Err(Value::String(s)),
        },
        other => Err(other),
    }
}

/// `null`, `""` or `"NULL"`: how the API writes "no value"; kept verbatim, never a type error.
pub(crate) fn absent_looking(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty() || is_null_text(s),
        _ => false,
    }
}

/// Decodes a JSON value into `T`, handing the value back when it is not a `T`.
#[cfg(feature = "test-util")]
pub(crate) fn decode_value<T: Lenient>(value: Value) -> Result<T, Value> {
    T::from_json(value)
}

/// Encodes a model to JSON. Models always encode (keys are strings, numbers finite).
pub fn encode_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Why a response body could not be read as the operation's type.
#[derive(Debug)]
pub struct BodyError {
    /// What was wrong with it, in words.
    pub reason: String,
    /// The JSON parser's error, when the body was not JSON.
    pub(crate) cause: Option<serde_json::Error>,
}

/// Decodes a whole response body: empty bodies, JSON, and JSON of the wrong shape.
pub fn decode_body<T: Lenient>(body: &[u8]) -> Result<T, BodyError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return T::from_empty().ok_or_else(|| BodyError {
            reason: "the response body is empty".into(),
            cause: None,
        });
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| BodyError {
        reason: format!("the response body is not JSON ({e})"),
        cause: Some(e),
    })?;
    T::from_json(value).map_err(|v| BodyError {
        cause: None,
        reason: format!(
            "expected {}, found {}",
            std::any::type_name::<T>()
                .rsplit("::")
                .next()
                .unwrap_or("?"),
            kind_of(&v)
        ),
    })
}

pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads caller-supplied JSON (wire names) as an operation's typed input; `None` means "no fields".
///
/// Unlike a response, a caller's input is read strictly: lenience there would turn a mistake into
/// a silently different request (a `2` sent as `false`, an object sent as `""`). The typed value
/// must pass [`check`], the same check the typed methods run (every required field present and
/// not null, every value of its field's type), and encoding it must give back what the caller
/// wrote (no `"true"` for a boolean, no inexact number for a text). Unknown fields pass through
/// unchanged.
pub(crate) fn input<T: Lenient + Default + serde::Serialize>(
    operation: &str,
    what: &str,
    value: Option<Value>,
) -> crate::Result<T> {
    let fail = |message: String| crate::Error::invalid_input(operation, message);
    let given = match value {
        None | Some(Value::Null) => serde_json::Map::new(),
        Some(Value::Object(map)) => map,
        Some(other) => {
            return Err(fail(format!(
                "{what} must be a JSON object, found {}",
                kind_of(&other)
            )))
        }
    };
    let original = Value::Object(given);
    let typed = T::from_json(original.clone()).map_err(|v| {
        fail(format!(
            "{what} must be a JSON object, found {}",
            kind_of(&v)
        ))
    })?;
    check(what, &typed).map_err(|mut e| {
        e.details_mut().operation = operation.to_string();
        e
    })?;
    if let Some(problem) = changed(&original, &encode_value(&typed), "") {
        let mut error = fail(format!("{what} field {problem}"));
        if let Some((path, text)) = problem.split_once(' ') {
            error.details_mut().field_errors = [(path.to_string(), vec![text.to_string()])].into();
        }
        return Err(error);
    }
    Ok(typed)
}

/// Where encoding the typed input changed what the caller gave (a coerced value), if anywhere.
/// Keys are matched ignoring case (the spec's spelling wins); a single value given for a list
/// field may become a list of one; text given for a model that takes text (`"To": ["+1801..."]`)
/// becomes that model; numbers compare by value (`100` and `100.0` are the same).
fn changed(given: &Value, encoded: &Value, path: &str) -> Option<String> {
    match (given, encoded) {
        (Value::Object(g), Value::Object(e)) => g.iter().find_map(|(key, value)| {
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let found = e.get(key).or_else(|| {
                e.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
                    .map(|(_, v)| v)
            });
            match found {
                Some(out) => changed(value, out, &here),
                None if value.is_null() => None,
                None => Some(format!("{here} was not understood")),
            }
        }),
        (Value::Array(g), Value::Array(e)) if g.len() == e.len() => g
            .iter()
            .zip(e)
            .enumerate()
            .find_map(|(i, (a, b))| changed(a, b, &format!("{path}[{i}]"))),
        (single, Value::Array(e)) if !single.is_array() && e.len() == 1 => {
            changed(single, &e[0], path)
        }
        (Value::String(s), Value::Object(_)) if json_in_string(s).is_some() => None,
        // Text for a model that can be given as text (a recipient's number) becomes that model.
        (Value::String(s), Value::Object(o))
            if o.len() == 1 && o.values().next() == Some(&Value::String(s.clone())) =>
        {
            None
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        // Numeric text for a number field, when nothing is lost.
        (Value::String(text), Value::Number(n))
            if text.trim().parse::<f64>().ok() == n.as_f64() =>
        {
            None
        }
        // A number for a text field, when its text is exact (a 20-digit ICCID given as a number
        // arrives as a rounded float: refused).
        (Value::Number(n), Value::String(text))
            if !text.contains(['e', 'E']) && text.parse::<f64>().ok() == n.as_f64() =>
        {
            None
        }
        // Enum values are read ignoring case and sent in the spec's spelling.
        (Value::String(a), Value::String(b)) if a.eq_ignore_ascii_case(b) => None,
        (a, b) if a == b => None,
        (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => {
            Some(format!("{path} would be sent as {b}, not as given ({a})"))
        }
        (a, b) => Some(format!(
            "{path} must be {}, found {}",
            kind_of(b),
            kind_of(a)
        )),
    }
}

/// Implements reading, writing and serde for a generated model struct. Each field is
/// `"Wire" => field` followed by its flags: `required` (a request field the call cannot go
/// without) and `redacted` (a secret `Debug` must not show).
macro_rules! model {
    (@flag $want:ident) => { false };
    (@flag required required $($rest:ident)*) => { true };
    (@flag redacted redacted $($rest:ident)*) => { true };
    (@flag $want:ident $other:ident $($rest:ident)*) => { $crate::lenient::model!(@flag $want $($rest)*) };
    ($name:ident scalar $scalar:ident { $($body:tt)* }) => {
        $crate::lenient::model!(@impls $name, |value: serde_json::Value| match value {
            serde_json::Value::String(s) if $crate::lenient::json_in_string(&s).is_none() && !s.is_empty() && s != "NULL" => {
                Ok($crate::lenient::ObjectOr::Value(Self { $scalar: Some(s), ..Default::default() }))
            }
            other => $crate::lenient::object(other).map($crate::lenient::ObjectOr::Object),
        }, { $($body)* });

        /// The model holding just this text, as the API itself accepts it in its place.
        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self { $scalar: Some(value.to_string()), ..Default::default() }
            }
        }

        /// The model holding just this text, as the API itself accepts it in its place.
        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self { $scalar: Some(value), ..Default::default() }
            }
        }
    };
    ($name:ident { $($body:tt)* }) => {
        $crate::lenient::model!(@impls $name, |value: serde_json::Value| $crate::lenient::object(value).map($crate::lenient::ObjectOr::Object), { $($body)* });
    };
    (@impls $name:ident, $read:expr, { $($wire:literal => $field:ident $($flag:ident)*),* $(,)? }) => {
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut s = f.debug_struct(stringify!($name));
                $(
                    if $crate::lenient::model!(@flag redacted $($flag)*) {
                        s.field(stringify!($field), &$crate::lenient::Redacted($crate::lenient::Slot::is_set(&self.$field)));
                    } else {
                        s.field(stringify!($field), &self.$field);
                    }
                )*
                if !self.nulls.is_empty() {
                    s.field("nulls", &self.nulls);
                }
                s.field("extra", &$crate::lenient::RedactedExtra(&self.extra)).finish()
            }
        }

        impl $crate::lenient::Lenient for $name {
            fn from_json(value: serde_json::Value) -> Result<Self, serde_json::Value> {
                let read: fn(serde_json::Value) -> Result<$crate::lenient::ObjectOr<Self>, serde_json::Value> = $read;
                let map = match read(value)? {
                    $crate::lenient::ObjectOr::Object(map) => map,
                    $crate::lenient::ObjectOr::Value(done) => return Ok(done),
                };
                let mut out = Self::default();
                for (key, value) in map {
                    $(
                        if key.eq_ignore_ascii_case($wire) {
                            if $crate::lenient::Slot::is_set(&out.$field) || out.nulls.contains($wire) {
                                // A second spelling of a key already read (`Tnid` and `TNID`): keep both.
                                out.extra.insert(key, value);
                            } else if value.is_null() || value.as_str() == Some("NULL") {
                                // A known field that is null is that field, absent (written back as it came).
                                out.nulls.record($wire, &value);
                            } else {
                                let empty = value.as_str() == Some("");
                                $crate::lenient::Slot::fill(&mut out.$field, key.clone(), value, &mut out.extra);
                                if empty && !$crate::lenient::Slot::is_set(&out.$field) {
                                    // "" where text does not belong: the API's other spelling of null.
                                    if let Some(v) = out.extra.remove(&key) {
                                        out.nulls.record($wire, &v);
                                    }
                                }
                            }
                            continue;
                        }
                    )*
                    out.extra.insert(key, value);
                }
                Ok(out)
            }
            fn from_empty() -> Option<Self> {
                Some(Self::default())
            }
            fn unread(&self) -> usize {
                self.extra.len()
            }
            fn inspect(&self, at: &str, found: &mut $crate::lenient::Problems) {
                // Null, "" and "NULL" are kept and sent back verbatim (a caller clearing a field,
                // an empty choice): not misfits.
                for (key, value) in &self.extra {
                    if !$crate::lenient::absent_looking(value) && (false $( || key.eq_ignore_ascii_case($wire) )*) {
                        found.misfit($crate::lenient::path(at, key));
                    }
                }
                for name in self.nulls.iter() {
                    if !(false $( || name.eq_ignore_ascii_case($wire) )*) {
                        found.null_mark(format!(
                            "{} is marked null, but {} has no such field (unknown fields go in `extra`)",
                            $crate::lenient::path(at, name),
                            stringify!($name)
                        ));
                    }
                }
                $(
                    let set = $crate::lenient::Slot::is_set(&self.$field);
                    if set && self.nulls.contains($wire) {
                        found.null_mark(format!(
                            "{} is marked null but holds a value",
                            $crate::lenient::path(at, $wire)
                        ));
                    }
                    // A required value given as "" or "NULL" was given (and is sent as given); one
                    // kept in `extra` for its wrong type is a misfit, reported first.
                    if $crate::lenient::model!(@flag required $($flag)*)
                        && !set
                        && !self.nulls.given_as_text($wire)
                        && !self.extra.iter().any(|(k, v)| k.eq_ignore_ascii_case($wire) && !v.is_null())
                    {
                        found.missing($crate::lenient::path(at, $wire));
                    }
                    if set {
                        $crate::lenient::Slot::inspect(&self.$field, &$crate::lenient::path(at, $wire), found);
                    }
                )*
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                $(
                    if $crate::lenient::Slot::is_set(&self.$field) {
                        $crate::lenient::Slot::emit(&self.$field, $wire, &mut map)?;
                    } else if let Some(null) = self.nulls.value($wire) {
                        map.serialize_entry($wire, &null)?;
                    }
                )*
                for (key, value) in &self.extra {
                    let shadowed = false $( || (key == $wire && ($crate::lenient::Slot::is_set(&self.$field) || self.nulls.contains($wire))) )*;
                    if !shadowed {
                        map.serialize_entry(key, value)?;
                    }
                }
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                <$name as $crate::lenient::Lenient>::from_json(value).map_err(|v| {
                    <D::Error as serde::de::Error>::custom(format!(
                        "expected an object for {}, found {}",
                        stringify!($name),
                        $crate::lenient::kind_of(&v)
                    ))
                })
            }
        }
    };
}
pub(crate) use model;

/// What a model's reader found: an object to read field by field, or a finished value.
pub(crate) enum ObjectOr<T> {
    Object(serde_json::Map<String, Value>),
    Value(T),
}

/// Unmodelled fields in `Debug` output, with the values of secret-named ones hidden.
pub(crate) struct RedactedExtra<'a>(pub &'a serde_json::Map<String, Value>);

impl std::fmt::Debug for RedactedExtra<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for (key, value) in self.0 {
            if crate::sensitive::is_sensitive(key) {
                map.entry(key, &Redacted(true));
            } else {
                map.entry(key, value);
            }
        }
        map.finish()
    }
}

/// Stands in for a secret field in `Debug` output.
pub(crate) struct Redacted(pub bool);

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0 { "[redacted]" } else { "None" })
    }
}

/// Implements wire names, reading, writing and serde for a generated enum with an `Unknown` escape.
/// There is no default value: an unset field is `None`, never a made-up choice.
macro_rules! wire_enum {
    ($name:ident { $($wire:literal => $variant:ident),* $(,)? }) => {
        impl $name {
            /// The value exactly as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Unknown(other) => other,
                }
            }

            /// Reads a wire value: exact match first, then ignoring case, else `Unknown`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )*
                    other => {
                        $( if other.eq_ignore_ascii_case($wire) { return Self::$variant; } )*
                        Self::Unknown(other.to_string())
                    }
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Reads a wire value (see `from_wire`).
        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::from_wire(value)
            }
        }

        impl $crate::lenient::Lenient for $name {
            fn from_json(value: serde_json::Value) -> Result<Self, serde_json::Value> {
                match value {
                    serde_json::Value::String(s) if !s.is_empty() && s != "NULL" => Ok(Self::from_wire(&s)),
                    other => Err(other),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                <$name as $crate::lenient::Lenient>::from_json(value).map_err(|v| {
                    <D::Error as serde::de::Error>::custom(format!(
                        "expected a string for {}, found {}",
                        stringify!($name),
                        $crate::lenient::kind_of(&v)
                    ))
                })
            }
        }
    };
}
pub(crate) use wire_enum;
