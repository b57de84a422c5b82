//! What the runtime needs to know about an operation: its id, HTTP method, path and whether
//! resending it is safe.
//!
//! Values of this type are generated (`generated/operations.rs`), one per spec operation; nothing
//! here may describe a particular operation by hand.

/// The HTTP methods Telegent uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl HttpMethod {
    /// The method's name on the wire, `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// One Telegent operation, as described by the spec. Only the SDK makes these (one per
/// operation, in `operations`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Operation {
    /// Stable id, `group.method` (e.g. `messages.send`), the same in every language.
    pub id: &'static str,
    /// How it is called.
    pub http_method: HttpMethod,
    /// Path as the spec writes it, including `/v1.0`.
    pub path: &'static str,
    /// Safe to resend after it may have reached the server (GETs, updates, deletes).
    pub idempotent: bool,
    /// Has a page parameter and a `*_all` walker.
    pub pages: bool,
    /// What it does, in a few words (the spec's summary).
    pub summary: &'static str,
    /// Wire names of its query parameters, in spec order.
    pub query: &'static [&'static str],
    /// Wire names of its request body's fields, in spec order.
    pub body: &'static [&'static str],
}
