//! `NativeSandbox`: the embedded sandbox for Node (`Sandbox.start()`), over `telegent-ffi`'s.
//!
//! Starting binds a port and starts the sandbox's threads, and stopping waits for its server
//! thread to end, so both run off the JS thread and answer with promises; the counters, faults
//! and reset are quick and synchronous. A sandbox the JS side lets go without `stop()` is stopped
//! on a thread of its own when it is collected. Nothing here may block the event loop for longer
//! than a lock held for a counter update, keep the process alive once the sandbox is stopped or
//! collected, or panic when the sandbox cannot start (that is an error record).

use crate::client::promise;
use crate::errors::{guarded, invalid_input};
use crate::options::{duration, JsOptions, MAX_SAFE_INTEGER};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use telegent_ffi::sandbox::{FfiSandbox, SandboxOptions};
use telegent_ffi::{ErrorRecord, FfiResult};

#[napi]
pub struct NativeSandbox {
    sandbox: Arc<FfiSandbox>,
    /// `stop()` was called (the collector has nothing left to stop).
    stopped: AtomicBool,
}

#[napi]
impl NativeSandbox {
    /// Starts a sandbox on loopback (`{ port, seed, tokenTtlMs, dataDir, fixtures }`, each
    /// optional) off the JS thread; the promise rejects with an error record when it cannot.
    #[napi]
    pub fn start(env: &Env, options: Option<Unknown<'_>>) -> Result<AsyncBlock<NativeSandbox>> {
        let options = telegent_ffi::errors::guard(|| sandbox_options(options));
        promise(env, async move {
            let options = options?;
            let sandbox = tokio::task::spawn_blocking(move || FfiSandbox::start(options))
                .await
                .map_err(|e| {
                    ErrorRecord::internal(format!("the sandbox's start did not finish: {e}"))
                })??;
            Ok(NativeSandbox {
                sandbox: Arc::new(sandbox),
                stopped: AtomicBool::new(false),
            })
        })
    }

    /// Where it listens (`http://127.0.0.1:<port>`).
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.sandbox.base_url().to_string()
    }

    /// Its account key (a development credential, safe to show).
    #[napi(getter)]
    pub fn account_key(&self) -> String {
        self.sandbox.account_key().to_string()
    }

    /// Its account secret (a development credential, safe to show).
    #[napi(getter)]
    pub fn account_secret(&self) -> String {
        self.sandbox.account_secret().to_string()
    }

    /// The id of the account its credentials belong to.
    #[napi(getter)]
    pub fn account_id(&self) -> String {
        self.sandbox.account_id().to_string()
    }

    /// How many times operation `operation` really ran; an unknown id throws `invalid_input`.
    #[napi]
    pub fn executions(&self, operation: String) -> Result<f64> {
        guarded(|| Ok(self.sandbox.executions(&operation)? as f64))
    }

    /// Queues a fault (JSON: `{"operation" or "path", "status", "times", "delay_ms", ...}`).
    #[napi]
    pub fn fault(&self, fault_json: String) -> Result<()> {
        guarded(|| {
            let fault = serde_json::from_str(&fault_json)
                .map_err(|e| invalid_input("sandbox.fault", format!("not JSON: {e}")))?;
            self.sandbox.inject(fault)
        })
    }

    /// Drops every queued fault, keeping records and counters.
    #[napi]
    pub fn clear_faults(&self) -> Result<()> {
        guarded(|| self.sandbox.clear_faults())
    }

    /// Back to the starting state: records, counters, faults and token lifetime.
    #[napi]
    pub fn reset(&self) -> Result<()> {
        guarded(|| self.sandbox.reset())
    }

    /// Stops the server, off the JS thread (idempotent).
    #[napi]
    pub fn stop(&self, env: &Env) -> Result<AsyncBlock<()>> {
        self.stopped.store(true, Ordering::SeqCst);
        let sandbox = self.sandbox.clone();
        promise(env, async move {
            tokio::task::spawn_blocking(move || sandbox.stop())
                .await
                .map_err(|e| {
                    ErrorRecord::internal(format!("the sandbox's stop did not finish: {e}"))
                })
        })
    }
}

impl Drop for NativeSandbox {
    /// Collected without `stop()`: the server is stopped on a thread of its own, since stopping
    /// waits for the server thread and this runs on the JS thread.
    fn drop(&mut self) {
        if !self.stopped.load(Ordering::SeqCst) {
            let sandbox = self.sandbox.clone();
            let stopping = std::thread::Builder::new()
                .name("telegent-sandbox-stop".into())
                .spawn(move || sandbox.stop());
            // No thread to be had: stop it here rather than leave it running.
            if stopping.is_err() {
                self.sandbox.stop();
            }
        }
    }
}

fn sandbox_options(value: Option<Unknown<'_>>) -> FfiResult<SandboxOptions> {
    let js = JsOptions::new(value, "sandbox")?;
    let defaults = SandboxOptions::default();
    Ok(SandboxOptions {
        // In range, so the conversions are exact.
        port: js
            .whole("port", 0.0, f64::from(u16::MAX))?
            .map_or(defaults.port, |p| p as u16),
        seed: js
            .whole("seed", 0.0, MAX_SAFE_INTEGER)?
            .unwrap_or(defaults.seed),
        token_ttl: js
            .number("tokenTtlMs")?
            .map(|ms| duration(ms, "tokenTtlMs", "sandbox"))
            .transpose()?,
        data_dir: js.string("dataDir")?,
        fixtures: js.boolean("fixtures")?.unwrap_or(defaults.fixtures),
    })
}
