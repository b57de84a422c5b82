//! Webhook parsing and credential checks for Node (the work is `telegent-ffi`'s).
//!
//! An HTTP framework hands the JS layer a body as a `Buffer` or a string and the `Authorization`
//! header as a string (or nothing); these functions pass them to the binding layer and give back
//! wire-named JSON text or a yes/no. They must never quote a credential in an error, compare
//! credentials themselves (the core does, in constant time), or panic on any body.

use crate::errors::guarded;
use crate::options::{is_bytes, napi_failed, type_name, type_of};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use telegent_ffi::webhooks::{self, Credentials};
use telegent_ffi::ErrorRecord;

/// Parses a webhook body (`kind`: `inbound_message`, `delivery_report` or `event`; `body`: a
/// Buffer, a Uint8Array or a string) into JSON text.
#[napi]
pub fn parse_webhook(kind: String, body: Unknown<'_>) -> Result<String> {
    guarded(|| {
        let parsed = if is_bytes(&body)? {
            let bytes = unsafe { body.cast::<Uint8ArraySlice<'_>>() }.map_err(|_| {
                ErrorRecord::invalid_input(
                    "webhooks.parse",
                    "a webhook body must be a Buffer, a Uint8Array or a string",
                )
            })?;
            webhooks::parse(&kind, &bytes)?
        } else {
            match type_of(&body)? {
                ValueType::String => {
                    let text = unsafe { body.cast::<String>() }.map_err(napi_failed)?;
                    webhooks::parse(&kind, text.as_bytes())?
                }
                other => {
                    return Err(ErrorRecord::invalid_input(
                        "webhooks.parse",
                        format!(
                            "a webhook body must be a Buffer, a Uint8Array or a string, not {}",
                            type_name(other)
                        ),
                    ))
                }
            }
        };
        Ok(parsed.to_string())
    })
}

/// Whether an `Authorization` header carries Basic (`username` and `password`) or Bearer
/// (`token`) credentials, compared in constant time.
#[napi]
pub fn verify_webhook(
    authorization: Option<String>,
    username: Option<String>,
    password: Option<String>,
    token: Option<String>,
) -> Result<bool> {
    guarded(|| {
        let credentials = Credentials {
            username,
            password,
            token,
        };
        webhooks::verify(authorization.as_deref(), credentials)
    })
}
