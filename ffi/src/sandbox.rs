//! The embedded sandbox for every binding (cargo feature `sandbox`).
//!
//! `telegent.Sandbox()` in Python, `Sandbox.start()` in Node and Kotlin: a whole local Telegent
//! API in the host process, for offline development and every test. What tests need is here too:
//! injected faults, reset, and how often an operation really ran. Starting, stopping and asking
//! for counters never block a host thread on a lock that a request in flight may hold for long,
//! and a sandbox that cannot start is an error record, never a panic.

use crate::errors::{guard, ErrorRecord, FfiResult};
use serde_json::Value;
use std::sync::Mutex;
use std::time::Duration;

/// How a sandbox starts.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// 0 picks a free port.
    pub port: u16,
    /// Ids are deterministic per seed.
    pub seed: u64,
    /// How long its tokens live (default 5 minutes).
    pub token_ttl: Option<Duration>,
    /// Keep state in this directory across restarts.
    pub data_dir: Option<String>,
    /// Start with the records the docs' examples refer to.
    pub fixtures: bool,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            port: 0,
            seed: 1,
            token_ttl: None,
            data_dir: None,
            fixtures: true,
        }
    }
}

/// A running sandbox; stopped by [`FfiSandbox::stop`] or when dropped.
pub struct FfiSandbox {
    sandbox: Mutex<Option<telegent_sandbox::Sandbox>>,
    base_url: String,
    account_key: String,
    account_secret: String,
    account_id: String,
}

impl FfiSandbox {
    /// Starts a sandbox on loopback.
    pub fn start(options: SandboxOptions) -> FfiResult<FfiSandbox> {
        guard(|| {
            let mut config = telegent_sandbox::SandboxConfig {
                port: options.port,
                seed: options.seed,
                fixtures: options.fixtures,
                data_dir: options.data_dir.map(Into::into),
                ..Default::default()
            };
            if let Some(ttl) = options.token_ttl {
                if ttl.is_zero() {
                    return Err(ErrorRecord::invalid_input(
                        "sandbox",
                        "the token lifetime must be greater than zero",
                    ));
                }
                config.token_ttl = ttl;
            }
            let sandbox = telegent_sandbox::Sandbox::start_with(config)
                .map_err(|e| ErrorRecord::internal(format!("the sandbox could not start: {e}")))?;
            Ok(FfiSandbox {
                base_url: sandbox.base_url(),
                account_key: sandbox.account_key().to_string(),
                account_secret: sandbox.account_secret().to_string(),
                account_id: sandbox.account_id().to_string(),
                sandbox: Mutex::new(Some(sandbox)),
            })
        })
    }

    /// Where it listens (`http://127.0.0.1:<port>`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Its account key (a development credential, safe to show).
    pub fn account_key(&self) -> &str {
        &self.account_key
    }

    /// Its account secret (a development credential, safe to show).
    pub fn account_secret(&self) -> &str {
        &self.account_secret
    }

    /// The id of the account its credentials belong to.
    pub fn account_id(&self) -> &str {
        &self.account_id
    }

    /// Client options pointed at this sandbox.
    pub fn client_options(&self) -> crate::ClientOptions {
        crate::ClientOptions {
            account_key: Some(self.account_key.clone()),
            account_secret: Some(self.account_secret.clone()),
            base_url: Some(self.base_url.clone()),
            ..Default::default()
        }
    }

    /// How many times operation `id` really ran; an unknown id is an `invalid_input` error.
    pub fn executions(&self, id: &str) -> FfiResult<u64> {
        crate::input::operation(id)?;
        self.with(|s| Ok(s.executions(id)))
    }

    /// Queues a fault (the admin API's JSON: `{"path", "status", "times", ...}`); an
    /// `"operation": "messages.send"` names the operation instead of its path.
    pub fn inject(&self, mut fault: Value) -> FfiResult<()> {
        if let Some(object) = fault.as_object_mut() {
            if let Some(id) = object.remove("operation") {
                let id = id.as_str().ok_or_else(|| {
                    ErrorRecord::invalid_input("sandbox.fault", "operation must be an operation id")
                })?;
                let op = crate::input::operation(id)?;
                object.insert("path".into(), Value::from(op.path));
            }
        }
        let fault: telegent_sandbox::faults::Fault =
            serde_json::from_value(fault).map_err(|e| {
                ErrorRecord::invalid_input("sandbox.fault", format!("not a fault: {e}"))
            })?;
        self.with(|s| {
            s.inject(fault);
            Ok(())
        })
    }

    /// Drops every queued fault, keeping records and counters.
    pub fn clear_faults(&self) -> FfiResult<()> {
        self.with(|s| {
            s.clear_faults();
            Ok(())
        })
    }

    /// Back to the starting state: records, counters, faults and token lifetime.
    pub fn reset(&self) -> FfiResult<()> {
        self.with(|s| {
            s.reset();
            Ok(())
        })
    }

    /// Stops the server (idempotent).
    pub fn stop(&self) {
        let taken = self
            .sandbox
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        drop(taken);
    }

    fn with<T>(
        &self,
        work: impl FnOnce(&telegent_sandbox::Sandbox) -> FfiResult<T>,
    ) -> FfiResult<T> {
        let slot = self.sandbox.lock().unwrap_or_else(|p| p.into_inner());
        match slot.as_ref() {
            Some(sandbox) => work(sandbox),
            None => Err(ErrorRecord::invalid_input(
                "sandbox",
                "the sandbox was stopped",
            )),
        }
    }
}
