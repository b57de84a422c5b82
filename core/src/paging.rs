//! Paging: walks every page of a paging operation lazily, as a stream of items.
//!
//! Telegent pages by number (`PageNumber` or `Page`), and its totals do not always agree with
//! the lists it returns. A walk starts at the page the caller's parameters name (page 1 when they
//! name none; a page number below 1, or one that is not a number, is refused with `InvalidInput`
//! before anything is sent) and ends at the first of: an empty page, a page identical to the
//! previous one (a server that ignores the page number), or the reported total reached. It must
//! never loop forever, never fetch a page before it is needed, and never stop silently with items
//! left: a walk that would fetch more than its page cap ([`MAX_PAGES`], or
//! `Client::with_max_pages`) ends with an error after the items it did fetch.

use crate::lenient::Lenient;
use crate::operation::Operation;
use crate::transport::Input;
use crate::{Client, Error, ErrorDetails, ErrorKind, Result};
use futures::stream::{self, Stream, StreamExt, TryStreamExt};
use serde::Serialize;
use std::pin::Pin;

/// A lazily fetched stream of every item of a paging operation (`client.numbers().list_all(..)`).
///
/// Read it with [`futures::TryStreamExt::try_next`] (re-exported by `telegent::prelude`); the
/// blocking client's `*_all` methods return an iterator instead.
pub type Items<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send>>;

/// One page a walk fetched, as [`crate::Client::on_page`] observers see it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PageFetched {
    /// The operation id (`numbers.list`).
    pub operation: &'static str,
    /// The page number sent.
    pub page: u64,
    /// How many items it held.
    pub items: usize,
    /// How long the call for it took (retries included).
    pub elapsed: std::time::Duration,
}

/// A `Client::on_page` callback.
#[derive(Clone)]
pub(crate) struct PageObserver(pub(crate) std::sync::Arc<dyn Fn(&PageFetched) + Send + Sync>);

impl std::fmt::Debug for PageObserver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageObserver")
    }
}

/// The default page cap: no walk fetches more pages than this unless the client says otherwise
/// (`Client::with_max_pages`). Reaching it is an error of kind `Decode` (the answers did not add
/// up to a finite listing), never a silent stop.
pub const MAX_PAGES: u64 = 100_000;

/// How the generated `*_all` methods take one operation's pages apart.
pub(crate) struct Pager<P, R, T> {
    /// The first page to fetch, from the caller's parameters.
    pub start: fn(&P) -> Result<u64>,
    /// Writes a page number into the parameters.
    pub set_page: fn(&mut P, u64),
    /// A page's items and the total it reports, if any.
    pub split: fn(R) -> (Vec<T>, Option<u64>),
    /// Sends the parameters: as the query, or as the body of operations paged by a body field.
    pub encode: fn(&P) -> Result<Input>,
}

struct Walk<P, T> {
    client: Client,
    params: P,
    page: u64,
    fetched: u64,
    cap: u64,
    seen: u64,
    previous: Option<Vec<T>>,
    done: bool,
}

/// Walks `op` from the page its parameters name (or 1).
pub(crate) fn items<P, R, T>(
    client: Client,
    op: &'static Operation,
    params: P,
    pager: Pager<P, R, T>,
) -> Items<T>
where
    P: Serialize + Send + Sync + 'static,
    R: Lenient + Send + 'static,
    T: PartialEq + Clone + Send + 'static,
{
    let first = match (pager.start)(&params) {
        Ok(page) => page,
        Err(mut e) => {
            e.details_mut().operation = op.id.to_string();
            return Box::pin(stream::once(async move { Err(e) }));
        }
    };
    let start = Walk {
        cap: client.max_pages(),
        client,
        params,
        page: first,
        fetched: 0,
        seen: 0,
        previous: None,
        done: false,
    };
    let Pager {
        set_page,
        split,
        encode,
        ..
    } = pager;
    let pages = stream::try_unfold(start, move |mut walk| async move {
        if walk.done {
            return Ok(None);
        }
        if walk.fetched >= walk.cap {
            return Err(page_cap_reached(op, walk.cap, walk.page));
        }
        set_page(&mut walk.params, walk.page);
        let started = std::time::Instant::now();
        let answer: R = walk.client.call(op, encode(&walk.params)).await?;
        walk.fetched += 1;
        let (items, total) = split(answer);
        let fetched = PageFetched {
            operation: op.id,
            page: walk.page,
            items: items.len(),
            elapsed: started.elapsed(),
        };
        tracing::debug!(
            operation = op.id,
            page = fetched.page,
            items = fetched.items,
            latency_ms = fetched.elapsed.as_millis() as u64,
            "page"
        );
        if let Some(observer) = walk.client.page_observer() {
            (observer.0)(&fetched);
        }
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

fn page_cap_reached(op: &Operation, cap: u64, next: u64) -> Error {
    Error::new(
        ErrorKind::Decode,
        ErrorDetails {
            message: format!(
                "stopped before page {next}: the walk reached its cap of {cap} pages without an empty page, a repeated page or the reported total, so items may be missing (raise the cap with `with_max_pages`, or narrow the listing)"
            ),
            operation: op.id.to_string(),
            ..Default::default()
        },
    )
}

/// The page a walk starts at: the one the caller's parameters name, or 1. A page number is an
/// integer in every operation (the generator makes it one, whatever the spec shows).
pub(crate) fn start_page(value: &Option<i64>, what: &str, wire: &str) -> Result<u64> {
    let Some(value) = value else { return Ok(1) };
    u64::try_from(*value)
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| {
            Error::invalid_input(
                "",
                format!("{what} field {wire} must be a page number from 1, not {value}"),
            )
        })
}

/// Reads a reported total, whatever type the API gave it.
pub(crate) fn count<C: AsCount>(value: &C) -> Option<u64> {
    value.as_count()
}

pub(crate) trait AsCount {
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
