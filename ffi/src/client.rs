//! The client every binding wraps: calls by operation id, wire-named JSON in and out.
//!
//! A call names its operation by manifest id (`messages.send`) and gives its query and body as
//! wire-named JSON, exactly as the spec spells them; the answer comes back as wire-named JSON,
//! decoded leniently by the core and encoded again, so unknown fields survive. Input is checked
//! before anything is sent (see [`crate::input`]), and every call runs on the SDK's own runtime,
//! whatever thread or executor the host calls from. This module must never drop a key a caller
//! gave, and never let a call run on a runtime the host owns.

use crate::calls::CallHandle;
use crate::errors::{guard, ErrorRecord, FfiResult};
use crate::input;
use crate::options::{CallOptions, ClientOptions};
use crate::paging::PageCursor;
use crate::schema::Language;
use serde_json::{Map, Value};

/// One call by operation id.
#[derive(Debug, Clone, Default)]
pub struct CallRequest {
    /// The manifest id, e.g. `messages.send`.
    pub operation: String,
    /// Query parameters by wire name (`MessageId`), each one the operation has.
    pub query: Option<Value>,
    /// Body fields by wire name (`From`, `To`), each one the operation has.
    pub body: Option<Value>,
    /// Query keys sent as given, whether the SDK knows them or not.
    pub extra_query: Option<Map<String, Value>>,
    /// Body keys sent as given, whether the SDK knows them or not.
    pub extra_body: Option<Map<String, Value>>,
    /// Overrides of the client's settings for this call.
    pub options: CallOptions,
    /// The caller wrote the wire-named JSON itself (a call by id): input errors name wire fields
    /// (`MessageEnabled`), not the names of the client's language (`message_enabled`).
    pub wire_names: bool,
}

impl CallRequest {
    /// A call of `operation` with nothing in it yet.
    pub fn new(operation: impl Into<String>) -> CallRequest {
        CallRequest {
            operation: operation.into(),
            ..Default::default()
        }
    }

    /// A call whose `fields` (and `extra`) go where the operation takes its input: the query of
    /// a GET, the body of a POST. For paging calls, whose page number lives in either.
    pub fn placed(
        operation: impl Into<String>,
        fields: Option<Value>,
        extra: Option<Map<String, Value>>,
    ) -> CallRequest {
        let mut request = CallRequest::new(operation);
        let is_get = telegent::operation(&request.operation)
            .is_some_and(|op| op.http_method == telegent::HttpMethod::Get);
        if is_get {
            (request.query, request.extra_query) = (fields, extra);
        } else {
            (request.body, request.extra_body) = (fields, extra);
        }
        request
    }
}

/// A Telegent client whose calls all run on the SDK's runtime. Cheap to clone; clones share
/// tokens and connections.
#[derive(Clone)]
pub struct FfiClient {
    client: telegent::Client,
    language: Language,
    /// The settings `with_options` gave this client (each call's own override these).
    options: CallOptions,
}

impl FfiClient {
    /// A client with `options`; `language` (`python`, `node`, `swift`, `kotlin`) names the
    /// package in the user agent and is the language input errors speak.
    pub fn new(options: &ClientOptions, language: &str) -> FfiResult<FfiClient> {
        let spoken = Language::from_name(language);
        guard(|| {
            let client = options
                .builder(language)?
                .runtime(telegent::RuntimeMode::Sdk)
                .build()
                .map_err(|e| in_language(ErrorRecord::from(&e), spoken))?;
            Ok(FfiClient {
                client,
                language: spoken,
                options: CallOptions::default(),
            })
        })
    }

    /// The same client with other settings for its calls; settings `options` leaves unset stay
    /// as they were.
    pub fn with_options(&self, options: CallOptions) -> FfiClient {
        let options = options.or(self.options);
        FfiClient {
            client: self.client.with_options(options.to_core()),
            language: self.language,
            options,
        }
    }

    /// The core client for one call: this client's settings, overridden by the call's own.
    fn for_call(&self, options: CallOptions) -> telegent::Client {
        if options.is_empty() {
            self.client.clone()
        } else {
            self.client.with_options(options.or(self.options).to_core())
        }
    }

    fn speaking(&self, request: &CallRequest) -> Language {
        if request.wire_names {
            Language::Wire
        } else {
            self.language
        }
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> String {
        self.client.config().base_url.clone()
    }

    /// How many tokens this client (and its clones) minted.
    pub fn tokens_minted(&self) -> u64 {
        self.client.tokens_minted()
    }

    /// The core client, for bindings that also expose typed Rust calls.
    pub fn core(&self) -> &telegent::Client {
        &self.client
    }

    /// Starts a call on the SDK runtime. Input errors are found before anything is sent and
    /// come back through the handle like every other outcome.
    pub fn call(&self, request: CallRequest) -> CallHandle<Value> {
        CallHandle::spawn(self.run(request))
    }

    /// Starts a call and hands its outcome to `on_done` on the SDK runtime's thread.
    pub fn call_with(
        &self,
        request: CallRequest,
        on_done: impl FnOnce(FfiResult<Value>) + Send + 'static,
    ) -> CallHandle<Value> {
        CallHandle::spawn_with(self.run(request), on_done)
    }

    /// Runs a call and waits for it, blocking this thread (never call it on the SDK runtime).
    pub fn call_blocking(&self, request: CallRequest) -> FfiResult<Value> {
        self.call(request).wait()
    }

    /// A cursor over every item of paging operation `operation`, starting at the page the query
    /// names (or the first). Nothing is fetched until the first item is asked for.
    pub fn pages(&self, request: CallRequest) -> FfiResult<PageCursor> {
        guard(|| {
            let op = input::operation(&request.operation)?;
            if !op.pages {
                return Err(ErrorRecord::invalid_input(
                    op.id,
                    format!("{} does not page", op.id),
                ));
            }
            let language = self.speaking(&request);
            let params = if op.http_method == telegent::HttpMethod::Get {
                input::query(op, request.query, request.extra_query, language)?
            } else {
                input::body(op, request.body, request.extra_body, language)?
            };
            let log = crate::paging::page_log();
            let recorder = log.clone();
            let client = self
                .for_call(request.options)
                .on_page(move |page| crate::paging::record_page(&recorder, page));
            let items = client.call_json_all(op.id, params)?;
            Ok(PageCursor::new(items, log))
        })
    }

    fn run(
        &self,
        request: CallRequest,
    ) -> impl std::future::Future<Output = FfiResult<Value>> + Send + 'static {
        let language = self.speaking(&request);
        let prepared = guard(|| {
            let op = input::operation(&request.operation)?;
            let query = input::query(op, request.query, request.extra_query, language)?;
            let body = input::body(op, request.body, request.extra_body, language)?;
            Ok((op.id, query, body))
        });
        let client = self.for_call(request.options);
        async move {
            let (id, query, body) = prepared?;
            client
                .call_json(id, query, body)
                .await
                .map_err(ErrorRecord::from)
        }
    }
}

/// The core's advice on opting in to plain HTTP, in the caller's spelling of the option.
fn in_language(mut record: ErrorRecord, language: Language) -> ErrorRecord {
    const CORE_SPELLING: &str = "allow_insecure_http(true)";
    let spelled = language.option("allow_insecure_http", true);
    record.message = record.message.replace(CORE_SPELLING, &spelled);
    record.display = record.display.replace(CORE_SPELLING, &spelled);
    record
}
