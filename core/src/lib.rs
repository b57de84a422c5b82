//! # telegent
//!
//! Client for the Telegent mPaaS API: every one of its 149 operations as a typed method, with the
//! hard parts done once: endpoint-scoped tokens minted and cached for you, retries that never send
//! an SMS twice, finite timeouts, lazy paging, typed errors, lenient decoding of a messy API, and
//! webhook parsing.
//!
//! ```no_run
//! use telegent::prelude::*;
//!
//! # async fn demo() -> telegent::Result<()> {
//! let client = Client::from_env()?;
//! let request = SendMessageRequest::new(["+18015737111".into()], "+18018018011", "Hello");
//! let sent = client.messages().send(&request).await?;
//! println!("{:?}", sent.message_id);
//!
//! // Every page, fetched as the stream is read (`try_next` comes with the prelude):
//! let mut numbers = client.numbers().list_all(&ListNumberParams::new());
//! while let Some(number) = numbers.try_next().await? {
//!     println!("{:?}", number.number);
//! }
//! # Ok(()) }
//! ```
//!
//! Requests are built with `new` (their required fields) and then the optional fields you need;
//! a request with a required field left `None` is refused with [`ErrorKind::InvalidInput`] before
//! anything is sent. `blocking::Client` has the same methods without `async`.

#![warn(missing_docs)]

#[doc(hidden)]
pub mod auth;
pub mod blocking;
pub mod config;
mod errors;
mod generated;
#[doc(hidden)]
pub mod lenient;
mod operation;
pub mod paging;
mod retry;
#[doc(hidden)]
pub mod runtime;
mod sensitive;
#[doc(hidden)]
pub mod tls;
mod transport;
pub mod webhooks;

pub use auth::{Secret, TokenScope};
pub use config::{ClientBuilder, Config};
pub use errors::{Error, ErrorDetails, ErrorKind, Result};
pub use generated::dispatch::operation;
pub use generated::models;
pub use operation::{HttpMethod, Operation};
pub use retry::RetryPolicy;
/// Whether a field name holds a secret whose value is never shown (for the language bindings'
/// own logs and representations, so every language hides the same fields).
pub use sensitive::is_sensitive;
pub use transport::{Client, RequestOptions, RuntimeMode};

/// Descriptors of every operation (`operations::ALL`, `operations::MESSAGES_SEND`, ...).
pub mod operations {
    pub use crate::generated::operations::*;
    pub use crate::operation::{HttpMethod, Operation};
}

/// The resource-group handles returned by `client.numbers()`, `client.messages()`, ...
pub mod groups {
    pub use crate::generated::groups::*;
}

/// Everything a program using the async client needs, in one import: `use telegent::prelude::*;`.
///
/// The clients and their settings, every model, the error types, and the stream extension traits
/// ([`TryStreamExt`](futures::TryStreamExt), [`StreamExt`](futures::StreamExt)) that read the
/// `*_all` streams (`while let Some(item) = items.try_next().await? { .. }`).
pub mod prelude {
    pub use crate::models::*;
    pub use crate::{
        Client, ClientBuilder, Error, ErrorDetails, ErrorKind, RequestOptions, Result, RetryPolicy,
        TokenScope,
    };
    pub use futures::{StreamExt, TryStreamExt};
}

/// Hooks for the SDK's own tests and conformance tooling; not part of the API (feature
/// `test-util`).
#[cfg(feature = "test-util")]
#[doc(hidden)]
pub mod test_util {
    pub use crate::auth::{expiry_from_jwt, parse_expiry_text, CachedToken};
    pub use crate::errors::parse_error_body;
    pub use crate::generated::dispatch::{
        decode_response_body, roundtrip_request, roundtrip_response, unread_response_fields,
    };
    pub use crate::lenient::Lenient;
    pub use crate::retry::{backoff, parse_retry_after, RETRY_COST};

    /// Reads caller JSON strictly as the by-id path does (see `lenient::input`).
    pub fn input<T: crate::lenient::Lenient + Default + serde::Serialize>(
        operation: &str,
        what: &str,
        value: Option<serde_json::Value>,
    ) -> crate::Result<T> {
        crate::lenient::input(operation, what, value)
    }
}

/// The README's Rust examples, compiled (and their `no_run` parts type-checked) by `cargo test`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
