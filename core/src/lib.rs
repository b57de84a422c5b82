//! # telegent
//!
//! Client for the Telegent mPaaS API: every one of its 149 operations as a typed method, with the
//! hard parts done once: endpoint-scoped tokens minted and cached for you, retries that never send
//! an SMS twice, finite timeouts, lazy paging, typed errors, lenient decoding of a messy API, and
//! webhook parsing.
//!
//! ```no_run
//! # async fn demo() -> telegent::Result<()> {
//! use telegent::models::SendMessageRequest;
//! let client = telegent::Client::from_env()?;
//! let sent = client
//!     .messages()
//!     .send(&SendMessageRequest {
//!         from: "+18018018011".into(),
//!         to: vec![telegent::models::Recipient { number: Some("+18015737111".into()), ..Default::default() }],
//!         body: "Hello".into(),
//!         ..Default::default()
//!     })
//!     .await?;
//! println!("{:?}", sent.message_id);
//! # Ok(()) }
//! ```
//!
//! `blocking::Client` has the same methods without `async`.

pub mod auth;
pub mod blocking;
pub mod config;
pub mod errors;
mod generated;
pub mod lenient;
pub mod operation;
pub mod paging;
pub mod retry;
pub mod runtime;
pub mod sensitive;
pub mod tls;
pub mod transport;
pub mod webhooks;

pub use auth::TokenScope;
pub use config::{ClientBuilder, Config};
pub use errors::{Error, ErrorDetails, ErrorKind, Result};
pub use generated::dispatch::{
    decode_response_body, operation, roundtrip_request, roundtrip_response, unread_response_fields,
};
pub use generated::models;
pub use operation::{HttpMethod, Operation};
pub use retry::RetryPolicy;
pub use transport::{Client, Input, RequestOptions};

/// Descriptors of every operation (`operations::ALL`, `operations::MESSAGES_SEND`, ...).
pub mod operations {
    pub use crate::generated::operations::*;
}

/// The resource-group handles returned by `client.numbers()`, `client.messages()`, ...
pub mod groups {
    pub use crate::generated::groups::*;
}
