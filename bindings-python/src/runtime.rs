//! Waiting for a call on the SDK runtime from a Python thread, interruptibly.
//!
//! A sync call runs on the SDK's runtime (through `telegent-ffi`) while the calling thread waits
//! with the GIL released. The wait is sliced so that Python's signal handlers run between slices:
//! Ctrl-C raises `KeyboardInterrupt` within a fraction of a second and aborts the call, instead of
//! being held until every attempt and retry has timed out. This must never wait with the GIL held.

use pyo3::prelude::*;
use std::time::Duration;
use telegent_ffi::{CallHandle, FfiResult, Waited};

/// How often a waiting thread lets Python check for signals.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(50);

/// Waits for `call`; a pending signal whose handler raises (Ctrl-C) aborts it and raises here.
pub fn wait<T: Send>(py: Python<'_>, call: CallHandle<T>) -> PyResult<FfiResult<T>> {
    loop {
        match py.detach(|| call.wait_timeout(SIGNAL_CHECK_INTERVAL)) {
            Waited::Done(outcome) => return Ok(outcome),
            Waited::Pending => {
                if let Err(interrupted) = py.check_signals() {
                    call.abort();
                    return Err(interrupted);
                }
            }
        }
    }
}
