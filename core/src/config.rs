//! Client configuration: credentials, base URL, timeouts, retries, token scoping, user agent, proxy.
//!
//! Every setting has a finite, safe default, so `Client::from_env()` alone gives a client that
//! cannot hang forever or retry forever. Plain `http://` is refused except to loopback hosts (the
//! sandbox), unless the caller explicitly allows it: the account secret must not cross a network
//! in clear text by accident. `Debug` of a configuration never shows the secret.

use crate::auth::{Secret, TokenScope};
use crate::retry::RetryPolicy;
use crate::{Error, Result};
use std::time::Duration;

/// Where the API is unless configured otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.telegent.com";
/// Limit for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Limit for one attempt of a call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The environment variable `from_env` reads the account key from.
pub const ENV_ACCOUNT_KEY: &str = "TELEGENT_ACCOUNT_KEY";
/// The environment variable `from_env` reads the account secret from.
pub const ENV_ACCOUNT_SECRET: &str = "TELEGENT_ACCOUNT_SECRET";
/// The environment variable `from_env` reads the base URL from.
pub const ENV_BASE_URL: &str = "TELEGENT_BASE_URL";

/// Everything a client is built from.
#[derive(Debug, Clone)]
pub struct Config {
    /// The account key tokens are minted from.
    pub account_key: String,
    /// The account secret tokens are minted from (never shown by `Debug`).
    pub account_secret: Secret,
    /// Scheme and host (and port), without `/v1.0`: paths already carry it.
    pub base_url: String,
    /// Limit for opening a connection.
    pub connect_timeout: Duration,
    /// Limit for one attempt, from sending the request to reading the whole answer.
    pub timeout: Duration,
    /// Limit for a whole call: its token, every attempt and every wait between attempts. `None`
    /// derives it from the other settings (see [`Config::total_timeout_for`]).
    pub total_timeout: Option<Duration>,
    /// How failed attempts are retried.
    pub retry: RetryPolicy,
    /// Whether tokens are scoped to each endpoint or shared.
    pub token_scope: TokenScope,
    /// The `User-Agent` header: `telegent-rust/<version>` and the caller's suffix.
    pub user_agent: String,
    /// The proxy every request goes through, if any.
    pub proxy: Option<ProxyUrl>,
    /// Whether plain `http://` is allowed to hosts other than loopback.
    pub allow_insecure_http: bool,
}

/// A proxy URL; `Debug` hides the user name and password it may carry.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyUrl(String);

impl ProxyUrl {
    /// The URL as given, credentials included.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match url::Url::parse(&self.0) {
            Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
                let _ = url.set_username("[redacted]");
                let _ = url.set_password(None);
                write!(f, "{:?}", url.as_str())
            }
            Ok(_) => write!(f, "{:?}", self.0),
            Err(_) => f.write_str("[unparsable proxy URL]"),
        }
    }
}

impl Config {
    /// The total timeout of a call made with `options`: the one configured, or else enough for
    /// a token and the call, each with every attempt the retry policy allows (connect and
    /// per-attempt timeouts) and the longest wait between attempts. Finite, and never shorter
    /// than what the other settings allow.
    pub fn total_timeout_for(&self, options: &crate::RequestOptions) -> Duration {
        if let Some(total) = options.total_timeout.or(self.total_timeout) {
            return total;
        }
        let retries = options.max_retries.unwrap_or(self.retry.max_retries);
        let attempt = self.connect_timeout + options.timeout.unwrap_or(self.timeout);
        let wait = self.retry.max_backoff.max(self.retry.max_retry_after);
        let one_request =
            attempt.saturating_mul(retries.saturating_add(1)) + wait.saturating_mul(retries);
        // The token and the call, and the call once more after a 401.
        one_request.saturating_mul(3)
    }
}

/// Builds a [`crate::Client`] (or a [`crate::blocking::Client`]).
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    account_key: Option<String>,
    account_secret: Option<Secret>,
    base_url: String,
    connect_timeout: Duration,
    timeout: Duration,
    total_timeout: Option<Duration>,
    retry: RetryPolicy,
    token_scope: TokenScope,
    user_agent_suffix: Option<String>,
    proxy: Option<ProxyUrl>,
    allow_insecure_http: bool,
    runtime: crate::RuntimeMode,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            account_key: None,
            account_secret: None,
            base_url: DEFAULT_BASE_URL.to_string(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            total_timeout: None,
            retry: RetryPolicy::default(),
            token_scope: TokenScope::default(),
            user_agent_suffix: None,
            runtime: crate::RuntimeMode::default(),
            proxy: None,
            allow_insecure_http: false,
        }
    }
}

impl ClientBuilder {
    /// The account key and secret that tokens are minted from.
    pub fn credentials(
        mut self,
        account_key: impl Into<String>,
        account_secret: impl Into<String>,
    ) -> Self {
        self.account_key = Some(account_key.into());
        self.account_secret = Some(Secret::new(account_secret));
        self
    }

    /// Where the API is (default `https://api.telegent.com`); a trailing `/v1.0` is tolerated.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Limit for opening a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limit for one attempt of a call (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limit for a whole call, token and retries included. By default it is derived from the
    /// other settings, so it never cuts short what they allow (see [`Config::total_timeout_for`]).
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// How failed attempts are retried (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Shorthand for changing only the number of retries.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// Whether tokens are scoped to each endpoint (the default, as Telegent documents) or shared.
    pub fn token_scope(mut self, scope: TokenScope) -> Self {
        self.token_scope = scope;
        self
    }

    /// Appended to the SDK's user agent, e.g. `my-app/1.2`.
    pub fn user_agent(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Sends every request through this HTTP(S) proxy URL.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(ProxyUrl(url.into()));
        self
    }

    /// Allows `http://` to hosts other than loopback. Only for trusted networks.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Fills credentials and base URL from `TELEGENT_ACCOUNT_KEY`, `TELEGENT_ACCOUNT_SECRET` and
    /// `TELEGENT_BASE_URL` (each only if set).
    pub fn from_env(mut self) -> Self {
        if let (Ok(key), Ok(secret)) = (
            std::env::var(ENV_ACCOUNT_KEY),
            std::env::var(ENV_ACCOUNT_SECRET),
        ) {
            self = self.credentials(key, secret);
        }
        if let Ok(url) = std::env::var(ENV_BASE_URL) {
            if !url.trim().is_empty() {
                self.base_url = url;
            }
        }
        self
    }

    /// Checks the settings and produces the configuration.
    pub fn config(self) -> Result<Config> {
        let fail = |m: String| Error::invalid_input("client", m);
        let account_key = self.account_key.filter(|k| !k.trim().is_empty()).ok_or_else(|| {
            fail(format!("no account key: call .credentials(key, secret) or set {ENV_ACCOUNT_KEY} and {ENV_ACCOUNT_SECRET}"))
        })?;
        let account_secret = self
            .account_secret
            .filter(|s| !s.expose().is_empty())
            .ok_or_else(|| {
                fail(format!(
                    "no account secret: call .credentials(key, secret) or set {ENV_ACCOUNT_SECRET}"
                ))
            })?;
        let base_url = normalize_base_url(&self.base_url, self.allow_insecure_http)?;
        if self.timeout.is_zero()
            || self.connect_timeout.is_zero()
            || self.total_timeout.is_some_and(|t| t.is_zero())
        {
            return Err(fail("timeouts must be greater than zero".into()));
        }
        let mut user_agent = format!("telegent-rust/{}", env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = self.user_agent_suffix {
            user_agent = format!("{user_agent} {suffix}");
        }
        Ok(Config {
            account_key,
            account_secret,
            base_url,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            total_timeout: self.total_timeout,
            retry: self.retry,
            token_scope: self.token_scope,
            user_agent,
            proxy: self.proxy,
            allow_insecure_http: self.allow_insecure_http,
        })
    }

    /// Which runtime runs the client's calls (default [`RuntimeMode::Caller`]; the blocking
    /// client always uses [`RuntimeMode::Sdk`]).
    ///
    /// [`RuntimeMode::Caller`]: crate::RuntimeMode::Caller
    /// [`RuntimeMode::Sdk`]: crate::RuntimeMode::Sdk
    pub fn runtime(mut self, mode: crate::RuntimeMode) -> Self {
        self.runtime = mode;
        self
    }

    /// Builds the async client.
    pub fn build(self) -> Result<crate::Client> {
        let mode = self.runtime;
        crate::Client::from_config(self.config()?).map(|c| c.in_mode(mode))
    }

    /// Builds the blocking client.
    pub fn build_blocking(self) -> Result<crate::blocking::Client> {
        self.build().map(crate::blocking::Client::from)
    }
}

/// `https://host[:port]` without a trailing slash or `/v1.0`; refuses clear text off loopback.
pub(crate) fn normalize_base_url(raw: &str, allow_insecure_http: bool) -> Result<String> {
    let fail = |m: String| Error::invalid_input("client", m);
    let parsed = url::Url::parse(raw.trim())
        .map_err(|e| fail(format!("base URL {raw:?} is not a URL: {e}")))?;
    let host = parsed
        .host_str()
        .ok_or_else(|| fail(format!("base URL {raw:?} has no host")))?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(host) => {}
        "http" => {
            return Err(fail(format!(
                "refusing plain http:// to {host}: the account secret would cross the network unencrypted \
                 (use https://, or allow_insecure_http(true) on a trusted network)"
            )))
        }
        other => return Err(fail(format!("base URL scheme must be https, not {other:?}"))),
    }
    let mut base = format!(
        "{}://{}",
        parsed.scheme(),
        parsed.host_str().unwrap_or_default()
    );
    if parsed.host_str().is_some_and(|h| h.contains(':')) {
        base = format!(
            "{}://[{}]",
            parsed.scheme(),
            host.trim_matches(|c| c == '[' || c == ']')
        );
    }
    if let Some(port) = parsed.port() {
        base = format!("{base}:{port}");
    }
    let path = parsed.path().trim_end_matches('/');
    let path = path.strip_suffix("/v1.0").unwrap_or(path);
    Ok(format!("{base}{path}"))
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_matches(|c| c == '[' || c == ']');
    bare.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
