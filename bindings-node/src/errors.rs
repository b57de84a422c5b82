//! The error record as one JS `Error`: `TELEGENT_ERROR:` followed by the record as JSON.
//!
//! N-API errors carry a message and a code string, nothing structured; rather than building an
//! object field by field on the JS thread, every failure (thrown, or a rejected promise) is an
//! `Error` whose message is this marker and the whole `ErrorRecord` as camelCase JSON, which the JS
//! layer parses into its `TelegentError` subclasses by `kind`. Besides the core's kinds this crate
//! adds one: `aborted`, for a call its `NativeAbort` cancelled. Nothing here may panic, re-word the
//! core's text, or put into a record anything the core's error did not hold (it holds no secret).

use napi::bindgen_prelude::*;
use serde_json::{json, Value};
use telegent_ffi::{ErrorRecord, FfiResult};

/// What every error message of this module starts with.
pub const MARKER: &str = "TELEGENT_ERROR:";

/// The kind of a call cancelled through its `NativeAbort` (not one of the core's kinds).
pub const ABORTED: &str = "aborted";

/// The record as the JSON object the JS layer reads (camelCase keys, every key present).
pub fn to_json(record: &ErrorRecord) -> Value {
    json!({
        "kind": record.kind,
        "status": record.status,
        "message": record.message,
        "operation": record.operation,
        "requestId": record.request_id,
        "retries": record.retries,
        "retryAfterMs": record.retry_after.map(|wait| u64::try_from(wait.as_millis()).unwrap_or(u64::MAX)),
        "fieldErrors": record.field_errors,
        "bodyExcerpt": record.body_excerpt,
        "display": record.display,
    })
}

/// The message of the JS `Error` for `record`.
pub fn message(record: &ErrorRecord) -> String {
    format!("{MARKER}{}", to_json(record))
}

/// The record as a napi error (thrown, or the reason a promise rejects with).
pub fn to_napi(record: ErrorRecord) -> Error {
    Error::new(Status::GenericFailure, message(&record))
}

/// A caller's mistake found before anything was sent.
pub fn invalid_input(operation: &str, message: impl Into<String>) -> ErrorRecord {
    ErrorRecord::invalid_input(operation, message)
}

/// The record of a call of `operation` that its `NativeAbort` cancelled.
pub fn aborted(operation: &str) -> ErrorRecord {
    let message = "the call was aborted";
    ErrorRecord {
        kind: ABORTED.into(),
        status: None,
        message: message.into(),
        operation: operation.into(),
        request_id: None,
        retries: 0,
        retry_after: None,
        field_errors: Vec::new(),
        body_excerpt: None,
        display: format!("aborted: {message} (operation {operation})"),
    }
}

/// Runs a synchronous entry point: a failure or a panic (an `internal` record) becomes the error
/// thrown in JS.
pub fn guarded<T>(work: impl FnOnce() -> FfiResult<T>) -> Result<T> {
    telegent_ffi::errors::guard(work).map_err(to_napi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_message_is_the_marker_and_every_field_in_camel_case() {
        let mut record = ErrorRecord::invalid_input("messages.send", "To is required");
        record.status = Some(429);
        record.request_id = Some("req-1".into());
        record.retries = 2;
        record.retry_after = Some(Duration::from_millis(1500));
        record.field_errors = vec![("$.To".into(), vec!["required".into(), "a list".into()])];
        record.body_excerpt = Some("<html>".into());
        let text = message(&record);
        let json = text
            .strip_prefix("TELEGENT_ERROR:")
            .expect("the marker comes first");
        let value: Value = serde_json::from_str(json).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "kind",
                "status",
                "message",
                "operation",
                "requestId",
                "retries",
                "retryAfterMs",
                "fieldErrors",
                "bodyExcerpt",
                "display"
            ]
        );
        assert_eq!(value["kind"], "invalid_input");
        assert_eq!(value["status"], 429);
        assert_eq!(value["operation"], "messages.send");
        assert_eq!(value["requestId"], "req-1");
        assert_eq!(value["retries"], 2);
        assert_eq!(value["retryAfterMs"], 1500);
        assert_eq!(
            value["fieldErrors"],
            json!([["$.To", ["required", "a list"]]])
        );
        assert_eq!(value["bodyExcerpt"], "<html>");
        assert_eq!(value["display"], record.display);
    }

    #[test]
    fn absent_details_are_null_never_missing() {
        let value = to_json(&ErrorRecord::internal("boom"));
        for key in ["status", "requestId", "retryAfterMs", "bodyExcerpt"] {
            assert!(value[key].is_null(), "{key} should be null: {value}");
        }
        assert_eq!(value["fieldErrors"], json!([]));
        assert_eq!(value["kind"], "internal");
    }

    #[test]
    fn an_aborted_call_names_its_operation() {
        let value = to_json(&aborted("numbers.list"));
        assert_eq!(value["kind"], "aborted");
        assert_eq!(value["message"], "the call was aborted");
        assert_eq!(value["operation"], "numbers.list");
        assert_eq!(
            value["display"],
            "aborted: the call was aborted (operation numbers.list)"
        );
    }

    #[test]
    fn a_panic_becomes_an_internal_record() {
        let error = guarded::<()>(|| panic!("kaboom")).unwrap_err();
        let json: Value = serde_json::from_str(error.reason.strip_prefix(MARKER).unwrap()).unwrap();
        assert_eq!(json["kind"], "internal");
        assert!(json["message"].as_str().unwrap().contains("kaboom"));
    }
}
