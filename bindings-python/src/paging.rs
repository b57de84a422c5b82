//! Page walkers for Python over `telegent-ffi`'s cursor: a blocking iterator (GIL released,
//! Ctrl-C honoured while a page is fetched) and an async iterator whose `__anext__` settles an
//! asyncio future.

use crate::client::settle;
use crate::errors;
use pyo3::exceptions::PyStopIteration;
use pyo3::prelude::*;
use telegent_ffi::PageCursor;

#[pyclass(frozen, module = "telegent._telegent")]
pub struct NativePages {
    cursor: PageCursor,
}

impl NativePages {
    pub fn new(cursor: PageCursor) -> Self {
        NativePages { cursor }
    }
}

#[pymethods]
impl NativePages {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<String> {
        match crate::runtime::wait(py, self.cursor.next())? {
            Ok(Some(item)) => Ok(item.to_string()),
            Ok(None) => Err(PyStopIteration::new_err(())),
            Err(e) => Err(errors::to_py(e)),
        }
    }

    /// Pages fetched since last asked: `(page, items, milliseconds)`, oldest first.
    fn take_pages(&self) -> Vec<(u64, usize, f64)> {
        pages_of(&self.cursor)
    }
}

fn pages_of(cursor: &PageCursor) -> Vec<(u64, usize, f64)> {
    cursor
        .take_pages()
        .into_iter()
        .map(|p| (p.page, p.items, p.elapsed.as_secs_f64() * 1000.0))
        .collect()
}

#[pyclass(frozen, module = "telegent._telegent")]
pub struct NativeAsyncPages {
    cursor: PageCursor,
}

impl NativeAsyncPages {
    pub fn new(cursor: PageCursor) -> Self {
        NativeAsyncPages { cursor }
    }
}

#[pymethods]
impl NativeAsyncPages {
    /// Fetches the next item and settles `future` with its JSON, or with `null` at the end.
    fn next_into(&self, event_loop: Py<PyAny>, future: Py<PyAny>, resolve: Py<PyAny>) {
        // The handle is let go at once: the fetch runs to its end (a page walk is cancelled by
        // dropping the iterator, not one item).
        self.cursor
            .next_with(move |outcome| settle(event_loop, future, resolve, outcome))
            .detach();
    }

    /// Pages fetched since last asked: `(page, items, milliseconds)`, oldest first.
    fn take_pages(&self) -> Vec<(u64, usize, f64)> {
        pages_of(&self.cursor)
    }
}
