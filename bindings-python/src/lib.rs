//! `telegent._telegent`: the native half of the Python package.
//!
//! It exposes the Rust core to the Python layer (`python/telegent/`) through a deliberately small
//! surface: calls by manifest id with JSON in and out, page walkers, the sandbox and the webhook
//! helpers. Everything Python users touch — typed models, resource groups, exceptions — lives in
//! the generated and hand-written Python on top. This layer must never hold the GIL while it
//! waits, never let a panic cross into Python, and never put a secret into an exception.

mod client;
mod errors;
mod logging;
mod paging;
mod runtime;
#[cfg(feature = "sandbox")]
mod sandbox;
mod webhooks;

use pyo3::prelude::*;

#[pymodule]
fn _telegent(m: &Bound<'_, PyModule>) -> PyResult<()> {
    logging::install();
    m.add("NativeError", m.py().get_type::<errors::NativeError>())?;
    m.add_class::<client::NativeClient>()?;
    m.add_class::<client::NativeTask>()?;
    m.add_class::<paging::NativePages>()?;
    m.add_class::<paging::NativeAsyncPages>()?;
    #[cfg(feature = "sandbox")]
    m.add_class::<sandbox::NativeSandbox>()?;
    m.add_function(wrap_pyfunction!(webhooks::parse_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(webhooks::verify_webhook, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
