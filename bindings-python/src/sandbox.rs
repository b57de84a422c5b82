//! The embedded sandbox for Python (`telegent.Sandbox()`): offline development with no setup.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::sync::Mutex;

#[pyclass(module = "telegent._telegent")]
pub struct NativeSandbox {
    sandbox: Mutex<Option<telegent_sandbox::Sandbox>>,
    base_url: String,
    account_key: String,
    account_secret: String,
    account_id: String,
}

#[pymethods]
impl NativeSandbox {
    #[new]
    #[pyo3(signature = (port=0, seed=1, token_ttl=None, data_dir=None, fixtures=true))]
    fn new(
        py: Python<'_>,
        port: u16,
        seed: u64,
        token_ttl: Option<f64>,
        data_dir: Option<String>,
        fixtures: bool,
    ) -> PyResult<Self> {
        let mut config = telegent_sandbox::SandboxConfig {
            port,
            seed,
            fixtures,
            data_dir: data_dir.map(Into::into),
            ..Default::default()
        };
        if let Some(ttl) = token_ttl {
            config.token_ttl = std::time::Duration::try_from_secs_f64(ttl)
                .ok()
                .filter(|t| !t.is_zero())
                .ok_or_else(|| {
                    crate::errors::invalid_input(
                        "sandbox",
                        format!(
                            "token_ttl must be a positive, finite number of seconds, not {ttl}"
                        ),
                    )
                })?;
        }
        let sandbox = py
            .detach(|| telegent_sandbox::Sandbox::start_with(config))
            .map_err(|e| PyRuntimeError::new_err(format!("the sandbox could not start: {e}")))?;
        Ok(NativeSandbox {
            base_url: sandbox.base_url(),
            account_key: sandbox.account_key().to_string(),
            account_secret: sandbox.account_secret().to_string(),
            account_id: sandbox.account_id().to_string(),
            sandbox: Mutex::new(Some(sandbox)),
        })
    }

    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    #[getter]
    fn account_key(&self) -> &str {
        &self.account_key
    }

    #[getter]
    fn account_secret(&self) -> &str {
        &self.account_secret
    }

    #[getter]
    fn account_id(&self) -> &str {
        &self.account_id
    }

    /// How many times operation `id` really ran. Waits for the sandbox's lock with the GIL
    /// released: a request in flight may hold that lock while it needs the GIL.
    fn executions(&self, py: Python<'_>, id: &str) -> u64 {
        py.detach(|| {
            self.sandbox
                .lock()
                .ok()
                .and_then(|s| s.as_ref().map(|s| s.executions(id)))
                .unwrap_or(0)
        })
    }

    /// Stops the server (idempotent).
    fn stop(&self, py: Python<'_>) {
        let taken = self.sandbox.lock().ok().and_then(|mut s| s.take());
        py.detach(move || drop(taken));
    }
}
