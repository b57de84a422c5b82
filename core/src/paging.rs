//! Paging: walks every page of a paging operation lazily, as a stream of items.
//!
//! Telegent pages by number (`PageNumber` or `Page`), and its totals do not always agree with
//! the lists it returns, so the walk stops at the first of: an empty page, a page identical to the
//! previous one (a server that ignores the page number), the reported total reached, or a hard
//! cap on pages. It must never loop forever and never fetch a page before it is needed.

use crate::lenient::Lenient;
use crate::operation::Operation;
use crate::transport::Input;
use crate::{Client, Result};
use futures::stream::{self, Stream, StreamExt, TryStreamExt};
use serde::Serialize;
use std::pin::Pin;

/// A lazily fetched stream of every item of a paging operation.
pub type Items<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send>>;

/// No walk fetches more pages than this.
pub const MAX_PAGES: u64 = 100_000;

struct Walk<P, T> {
    client: Client,
    params: P,
    page: u64,
    seen: u64,
    previous: Option<Vec<T>>,
    done: bool,
}

/// Walks `op` from page 1. `set_page` writes the page number into the parameters, `encode` sends
/// them (as the query, or as the body of operations that page by a body field); `split` takes a
/// page apart into its items and the reported total (if any).
pub fn items<P, R, T>(
    client: Client,
    op: &'static Operation,
    params: P,
    set_page: fn(&mut P, u64),
    split: fn(R) -> (Vec<T>, Option<u64>),
    encode: fn(&P) -> Result<Input>,
) -> Items<T>
where
    P: Serialize + Send + Sync + 'static,
    R: Lenient + Send + 'static,
    T: PartialEq + Clone + Send + 'static,
{
    let start = Walk {
        client,
        params,
        page: 1,
        seen: 0,
        previous: None,
        done: false,
    };
    let pages = stream::try_unfold(start, move |mut walk| async move {
        if walk.done || walk.page > MAX_PAGES {
            return Ok(None);
        }
        set_page(&mut walk.params, walk.page);
        let answer: R = walk.client.call(op, encode(&walk.params)).await?;
        let (items, total) = split(answer);
        let repeated = walk.previous.as_ref().is_some_and(|p| *p == items);
        if items.is_empty() || repeated {
            return Ok(None);
        }
        walk.seen += items.len() as u64;
        walk.done = total.is_some_and(|t| walk.seen >= t);
        walk.page += 1;
        walk.previous = Some(items.clone());
        Ok(Some((items, walk)))
    });
    Box::pin(
        pages
            .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
            .try_flatten()
            .boxed(),
    )
}

/// Reads a reported total, whatever type the API gave it.
pub fn count<C: AsCount>(value: &C) -> Option<u64> {
    value.as_count()
}

pub trait AsCount {
    fn as_count(&self) -> Option<u64>;
}

impl AsCount for Option<i64> {
    fn as_count(&self) -> Option<u64> {
        self.and_then(|n| u64::try_from(n).ok())
    }
}

impl AsCount for Option<f64> {
    fn as_count(&self) -> Option<u64> {
        self.filter(|n| *n >= 0.0).map(|n| n as u64)
    }
}

impl AsCount for Option<String> {
    fn as_count(&self) -> Option<u64> {
        self.as_deref().and_then(|s| s.trim().parse().ok())
    }
}
