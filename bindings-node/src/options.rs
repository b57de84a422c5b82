//! Option objects from JS (`NativeClientOptions`, `NativeCallOptions`, the sandbox's) read into
//! `telegent-ffi`'s settings.
//!
//! JS callers hand plain objects whose values may be anything at run time, so each known key is
//! read and its type checked here, and a value of the wrong type is an `invalid_input` record like
//! every other bad setting rather than napi's own conversion error. Durations arrive in
//! milliseconds and go through `telegent_ffi::options::millis`, counts must be whole numbers in
//! range. Unknown keys are ignored, as JS option bags are. This module must never clamp, round or
//! silently drop a value it was given, and never echo a secret (credentials are never quoted).

use napi::bindgen_prelude::*;
use napi::JsValue;
use std::time::Duration;
use telegent_ffi::options::millis;
use telegent_ffi::{CallOptions, ClientOptions, ErrorRecord, FfiResult};

/// Most retries a client or a call may ask for.
pub const MAX_RETRIES: f64 = 100.0;

/// The largest whole number a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JS options object (or `null`/`undefined`: every setting left to its default).
pub struct JsOptions<'env> {
    object: Option<Object<'env>>,
    /// What errors name as the failing operation (`client`, `sandbox`).
    operation: &'static str,
}

impl<'env> JsOptions<'env> {
    /// Reads `value`, which must be an object, `null` or `undefined`.
    pub fn new(value: Option<Unknown<'env>>, operation: &'static str) -> FfiResult<Self> {
        let object = match value {
            None => None,
            Some(value) => match type_of(&value)? {
                ValueType::Undefined | ValueType::Null => None,
                ValueType::Object => {
                    Some(unsafe { value.cast::<Object<'env>>() }.map_err(napi_failed)?)
                }
                other => {
                    return Err(invalid(
                        operation,
                        format!("the options must be an object, not {}", type_name(other)),
                    ))
                }
            },
        };
        Ok(JsOptions { object, operation })
    }

    fn get(&self, key: &str) -> FfiResult<Option<(Unknown<'env>, ValueType)>> {
        let Some(object) = &self.object else {
            return Ok(None);
        };
        let value: Option<Unknown<'env>> = object.get(key).map_err(napi_failed)?;
        match value {
            None => Ok(None),
            Some(value) => match type_of(&value)? {
                ValueType::Undefined | ValueType::Null => Ok(None),
                kind => Ok(Some((value, kind))),
            },
        }
    }

    fn wrong_type(&self, key: &str, wanted: &str, found: ValueType) -> ErrorRecord {
        invalid(
            self.operation,
            format!("{key} must be {wanted}, not {}", type_name(found)),
        )
    }

    /// A number, unchecked (the callers check its range).
    pub fn number(&self, key: &str) -> FfiResult<Option<f64>> {
        match self.get(key)? {
            None => Ok(None),
            Some((value, ValueType::Number)) => {
                Ok(Some(unsafe { value.cast::<f64>() }.map_err(napi_failed)?))
            }
            Some((_, other)) => Err(self.wrong_type(key, "a number", other)),
        }
    }

    /// A string.
    pub fn string(&self, key: &str) -> FfiResult<Option<String>> {
        match self.get(key)? {
            None => Ok(None),
            Some((value, ValueType::String)) => Ok(Some(
                unsafe { value.cast::<String>() }.map_err(napi_failed)?,
            )),
            Some((_, other)) => Err(self.wrong_type(key, "a string", other)),
        }
    }

    /// A boolean.
    pub fn boolean(&self, key: &str) -> FfiResult<Option<bool>> {
        match self.get(key)? {
            None => Ok(None),
            Some((value, ValueType::Boolean)) => {
                Ok(Some(unsafe { value.cast::<bool>() }.map_err(napi_failed)?))
            }
            Some((_, other)) => Err(self.wrong_type(key, "a boolean", other)),
        }
    }

    /// A duration in milliseconds: positive and finite.
    pub fn millis(&self, key: &str) -> FfiResult<Option<Duration>> {
        self.number(key)?
            .map(|ms| duration(ms, key, self.operation))
            .transpose()
    }

    /// A whole number from `min` to `max`.
    pub fn whole(&self, key: &str, min: f64, max: f64) -> FfiResult<Option<u64>> {
        self.number(key)?
            .map(|n| whole(n, key, min, max, self.operation))
            .transpose()
    }

    /// A retry count: a whole number from 0 to [`MAX_RETRIES`].
    pub fn retries(&self, key: &str) -> FfiResult<Option<u32>> {
        // In range, so the conversion is exact.
        Ok(self.whole(key, 0.0, MAX_RETRIES)?.map(|n| n as u32))
    }
}

/// A duration given in milliseconds, checked by the binding layer (positive and finite).
pub fn duration(ms: f64, key: &str, operation: &str) -> FfiResult<Duration> {
    millis(ms, key).map_err(|mut e| {
        e.operation = operation.into();
        e
    })
}

/// `value` as a whole number from `min` to `max`, or an `invalid_input` record naming `key`.
pub fn whole(value: f64, key: &str, min: f64, max: f64, operation: &str) -> FfiResult<u64> {
    if value.is_finite() && value.fract() == 0.0 && value >= min && value <= max {
        // Whole, non-negative and at most 2^53: exact.
        return Ok(value as u64);
    }
    Err(invalid(
        operation,
        format!("{key} must be a whole number from {min} to {max}, not {value}"),
    ))
}

/// `NativeClientOptions` as the binding layer's client options.
pub fn client_options(value: Option<Unknown<'_>>) -> FfiResult<ClientOptions> {
    let js = JsOptions::new(value, "client")?;
    Ok(ClientOptions {
        account_key: js.string("accountKey")?,
        account_secret: js.string("accountSecret")?,
        base_url: js.string("baseUrl")?,
        timeout: js.millis("timeoutMs")?,
        connect_timeout: js.millis("connectTimeoutMs")?,
        total_timeout: js.millis("totalTimeoutMs")?,
        max_retries: js.retries("maxRetries")?,
        token_scope: js.string("tokenScope")?,
        user_agent: js.string("userAgent")?,
        proxy: js.string("proxy")?,
        allow_insecure_http: js.boolean("allowInsecureHttp")?.unwrap_or(false),
        from_env: js.boolean("fromEnv")?.unwrap_or(false),
    })
}

/// `NativeCallOptions` as the binding layer's per-call options.
pub fn call_options(value: Option<Unknown<'_>>) -> FfiResult<CallOptions> {
    let js = JsOptions::new(value, "client")?;
    Ok(CallOptions {
        timeout: js.millis("timeoutMs")?,
        max_retries: js.retries("maxRetries")?,
        total_timeout: js.millis("totalTimeoutMs")?,
        max_pages: js.whole("maxPages", 1.0, MAX_SAFE_INTEGER)?,
    })
}

/// The type of a JS value, or an `internal` record when N-API cannot tell.
pub fn type_of(value: &Unknown<'_>) -> FfiResult<ValueType> {
    value.get_type().map_err(napi_failed)
}

/// How errors name a JS type (`typeof`'s words).
pub fn type_name(kind: ValueType) -> &'static str {
    match kind {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external",
        ValueType::BigInt => "a bigint",
        _ => "a value of unknown type",
    }
}

fn invalid(operation: &str, message: String) -> ErrorRecord {
    ErrorRecord::invalid_input(operation, message)
}

/// An N-API call that should not fail did (the environment is shutting down, say).
pub fn napi_failed(e: Error) -> ErrorRecord {
    ErrorRecord::internal(format!("a Node-API call failed: {}", e.reason))
}

/// Whether `value` is a Buffer (or another `Uint8Array`).
pub fn is_bytes(value: &Unknown<'_>) -> FfiResult<bool> {
    Ok(value.is_buffer().map_err(napi_failed)? || value.is_typedarray().map_err(napi_failed)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_and_message(e: ErrorRecord) -> (String, String) {
        (e.kind, e.message)
    }

    #[test]
    fn milliseconds_must_be_positive_and_finite() {
        assert_eq!(
            duration(1500.0, "timeoutMs", "client").unwrap(),
            Duration::from_millis(1500)
        );
        for bad in [-1.0, 0.0, f64::NAN, f64::INFINITY] {
            let (kind, message) =
                kind_and_message(duration(bad, "timeoutMs", "client").unwrap_err());
            assert_eq!(kind, "invalid_input");
            assert!(message.contains("timeoutMs"), "{message}");
        }
    }

    #[test]
    fn retries_are_whole_numbers_up_to_one_hundred() {
        assert_eq!(
            whole(0.0, "maxRetries", 0.0, MAX_RETRIES, "client").unwrap(),
            0
        );
        assert_eq!(
            whole(100.0, "maxRetries", 0.0, MAX_RETRIES, "client").unwrap(),
            100
        );
        for bad in [-1.0, 1.5, 101.0, f64::NAN, f64::INFINITY] {
            let (kind, message) =
                kind_and_message(whole(bad, "maxRetries", 0.0, MAX_RETRIES, "client").unwrap_err());
            assert_eq!(kind, "invalid_input");
            assert!(
                message.contains("maxRetries must be a whole number"),
                "{message}"
            );
        }
    }
}
