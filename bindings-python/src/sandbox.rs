//! The embedded sandbox for Python (`telegent.Sandbox()`), over `telegent-ffi`'s.

use crate::errors;
use pyo3::prelude::*;
use telegent_ffi::options::seconds;
use telegent_ffi::sandbox::{FfiSandbox, SandboxOptions};

#[pyclass(frozen, module = "telegent._telegent")]
pub struct NativeSandbox {
    sandbox: FfiSandbox,
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
        let token_ttl = token_ttl
            .map(|ttl| seconds(ttl, "token_ttl"))
            .transpose()
            .map_err(errors::to_py)?;
        let options = SandboxOptions {
            port,
            seed,
            token_ttl,
            data_dir,
            fixtures,
        };
        let sandbox = py
            .detach(|| FfiSandbox::start(options))
            .map_err(errors::to_py)?;
        Ok(NativeSandbox { sandbox })
    }

    #[getter]
    fn base_url(&self) -> &str {
        self.sandbox.base_url()
    }

    #[getter]
    fn account_key(&self) -> &str {
        self.sandbox.account_key()
    }

    #[getter]
    fn account_secret(&self) -> &str {
        self.sandbox.account_secret()
    }

    #[getter]
    fn account_id(&self) -> &str {
        self.sandbox.account_id()
    }

    /// How many times operation `id` really ran. Waits for the sandbox's lock with the GIL
    /// released: a request in flight may hold that lock while it needs the GIL.
    fn executions(&self, py: Python<'_>, id: &str) -> PyResult<u64> {
        py.detach(|| self.sandbox.executions(id))
            .map_err(errors::to_py)
    }

    /// Queues a fault (JSON: `{"operation" or "path", "status", "times", ...}`).
    fn fault(&self, py: Python<'_>, fault: &str) -> PyResult<()> {
        let fault: serde_json::Value = serde_json::from_str(fault)
            .map_err(|e| errors::invalid_input("sandbox.fault", format!("not JSON: {e}")))?;
        py.detach(|| self.sandbox.inject(fault))
            .map_err(errors::to_py)
    }

    /// Drops every queued fault, keeping records and counters.
    fn clear_faults(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.sandbox.clear_faults())
            .map_err(errors::to_py)
    }

    /// Back to the starting state: records, counters, faults and token lifetime.
    fn reset(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.sandbox.reset()).map_err(errors::to_py)
    }

    /// Stops the server (idempotent).
    fn stop(&self, py: Python<'_>) {
        py.detach(|| self.sandbox.stop());
    }
}
