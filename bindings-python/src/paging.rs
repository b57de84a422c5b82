//! Page walkers for Python: a blocking iterator (GIL released, Ctrl-C honoured while a page is
//! fetched) and an async iterator whose `__anext__` settles an asyncio future.

use crate::client::settle;
use crate::errors;
use futures::StreamExt;
use pyo3::exceptions::PyStopIteration;
use pyo3::prelude::*;
use serde_json::Value;
use std::sync::Arc;

#[pyclass(module = "telegent._telegent")]
pub struct NativePages {
    items: Arc<tokio::sync::Mutex<telegent::paging::Items<Value>>>,
}

impl NativePages {
    pub fn new(items: telegent::paging::Items<Value>) -> Self {
        NativePages {
            items: Arc::new(tokio::sync::Mutex::new(items)),
        }
    }
}

#[pymethods]
impl NativePages {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<String> {
        let items = self.items.clone();
        let next = crate::runtime::wait(py, async move { items.lock().await.next().await })?;
        match next {
            Some(Ok(v)) => Ok(v.to_string()),
            Some(Err(e)) => Err(errors::to_py(&e)),
            None => Err(PyStopIteration::new_err(())),
        }
    }
}

#[pyclass(module = "telegent._telegent")]
pub struct NativeAsyncPages {
    items: Arc<tokio::sync::Mutex<telegent::paging::Items<Value>>>,
}

impl NativeAsyncPages {
    pub fn new(items: telegent::paging::Items<Value>) -> Self {
        NativeAsyncPages {
            items: Arc::new(tokio::sync::Mutex::new(items)),
        }
    }
}

#[pymethods]
impl NativeAsyncPages {
    /// Fetches the next item and settles `future` with its JSON, or with `None` at the end.
    fn next_into(&self, event_loop: Py<PyAny>, future: Py<PyAny>, resolve: Py<PyAny>) {
        let items = self.items.clone();
        telegent::runtime::runtime().spawn(async move {
            let next = items.lock().await.next().await;
            let outcome = match next {
                Some(Ok(v)) => Ok(v),
                Some(Err(e)) => Err(e),
                None => Ok(Value::Null),
            };
            settle(event_loop, future, resolve, outcome);
        });
    }
}
