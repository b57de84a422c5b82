//! `NativePages`: the items of a paging operation for a JS async iterator, one promise per item.
//!
//! The cursor is `telegent-ffi`'s: pages are fetched on the SDK's runtime, one at a time, only
//! when the next item is asked for; `takePages()` reports each page fetched so the JS layer can
//! log every page request as it logs every call. This file only converts: it must never fetch
//! ahead, block the JS thread while a page is fetched, or resolve two `next()` calls with the same
//! item.

use crate::client::promise;
use crate::errors::guarded;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use telegent_ffi::PageCursor;

#[napi]
pub struct NativePages {
    cursor: PageCursor,
}

impl NativePages {
    pub fn new(cursor: PageCursor) -> Self {
        NativePages { cursor }
    }
}

#[napi]
impl NativePages {
    /// The next item as JSON text, or `null` after the last one.
    #[napi]
    pub fn next(&self, env: &Env) -> Result<AsyncBlock<Option<String>>> {
        let item = telegent_ffi::errors::guard(|| Ok(self.cursor.next()));
        promise(env, async move {
            Ok(item?.await?.map(|value| value.to_string()))
        })
    }

    /// Pages fetched since last asked: `[page, items, milliseconds]`, oldest first.
    #[napi]
    pub fn take_pages(&self) -> Result<Vec<(f64, u32, f64)>> {
        guarded(|| {
            Ok(self
                .cursor
                .take_pages()
                .into_iter()
                .map(|p| {
                    (
                        p.page as f64,
                        u32::try_from(p.items).unwrap_or(u32::MAX),
                        p.elapsed.as_secs_f64() * 1000.0,
                    )
                })
                .collect())
        })
    }
}
