"""`Client` (sync) and `AsyncClient` (asyncio): every Telegent operation, typed.

Both wrap the Rust core, which does the hard parts (tokens, retries that never resend a
non-idempotent call, timeouts, paging, lenient decoding). Sync calls release the GIL while they
wait; async calls run on the core's own runtime and resolve on your event loop. Arguments and
bodies are never logged: the `telegent` logger records operation, outcome and duration only.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Mapping  # not typing.Mapping: isinstance against it is several times slower
from typing import TYPE_CHECKING, Any, AsyncIterator, Dict, Iterator, Optional, Union

from . import _resources
from ._errors import TelegentError, from_native, invalid_input
from ._model import _to_wire
from ._telegent import NativeClient, NativeError

if TYPE_CHECKING:
    import asyncio

# asyncio is imported on first async use, not at `import telegent`: it is most of a cold import.

logger = logging.getLogger("telegent")

Reader = Union[None, type, list]


_INT64 = 1 << 63


def _check_json(operation: str, value: Any, path: str) -> None:
    """Refuses what JSON cannot carry exactly: integers beyond 64 bits (they would arrive as a
    rounded float) and keys that are not text."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        if not -_INT64 <= value < _INT64:
            raise invalid_input(operation, f"{path} is {value}, beyond the 64-bit integers JSON numbers carry exactly")
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise invalid_input(operation, f"{path} has a key {key!r} that is not text")
            _check_json(operation, item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_json(operation, item, f"{path}[{i}]")


def _encode(operation: str, part: str, data: Optional[Mapping[str, Any]]) -> Optional[str]:
    """JSON text of one part of a request (`query`, `body`, `extra_query`, `extra_body`)."""
    if data is None:
        return None
    _check_json(operation, data, part)
    try:
        text = json.dumps(data, allow_nan=False, ensure_ascii=False)
        text.encode("utf-8")
    except (TypeError, ValueError) as e:  # UnicodeEncodeError is a ValueError
        raise invalid_input(operation, f"the {part} cannot be sent as JSON: {e}") from None
    return text


def _fields(operation: str, part: str, fields: Optional[Mapping[str, Any]], keep_nulls: bool = False) -> Optional[str]:
    """The known fields of a part, wire-named; unset (None) ones are left out unless `keep_nulls`
    (the by-id `call`, which sends exactly what it is given: a JSON null clears a field)."""
    if fields is None:
        return None
    if not isinstance(fields, Mapping):
        raise invalid_input(operation, f"the {part} must be a JSON object (a mapping), not {type(fields).__name__}")
    return _encode(operation, part, {k: _to_wire(v) for k, v in fields.items() if keep_nulls or v is not None})


def _extra(operation: str, part: str, extra: Any) -> Optional[str]:
    """Keys sent as given (`extra_query`, `extra_body`), whether the SDK knows them or not."""
    if extra is None:
        return None
    if not isinstance(extra, Mapping):
        raise invalid_input(operation, f"{part} must be a JSON object (a mapping), not {type(extra).__name__}")
    return _encode(operation, part, {k: _to_wire(v) for k, v in extra.items()})


def _parts(operation: str, query: Optional[Mapping[str, Any]], body: Optional[Mapping[str, Any]], extra_query: Any, extra_body: Any, keep_nulls: bool = False) -> "tuple[Optional[str], Optional[str], Optional[str], Optional[str]]":
    return (
        _fields(operation, "query", query, keep_nulls),
        _fields(operation, "body", body, keep_nulls),
        _extra(operation, "extra_query", extra_query),
        _extra(operation, "extra_body", extra_body),
    )


def _read(reader: Reader, raw: str) -> Any:
    value = json.loads(raw)
    if reader is None:
        return value
    if isinstance(reader, list):
        cls = reader[0]
        return [cls.from_dict(v) if isinstance(v, Mapping) else v for v in value] if isinstance(value, list) else value
    return reader.from_dict(value) if isinstance(value, Mapping) else value


def _log(operation: str, started: float, error: Optional[TelegentError] = None) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        ms = (time.perf_counter() - started) * 1000
        if error is None:
            logger.debug("telegent %s ok in %.1f ms", operation, ms)
        else:
            logger.debug("telegent %s failed (%s, status %s) in %.1f ms", operation, error.kind, error.status, ms)


def _check_retries(max_retries: Optional[int]) -> None:
    if max_retries is not None and (isinstance(max_retries, bool) or not isinstance(max_retries, int) or not 0 <= max_retries <= 100):
        raise invalid_input("client", f"max_retries must be a whole number from 0 to 100, not {max_retries!r}")


def _check_pages(max_pages: Optional[int]) -> None:
    if max_pages is not None and (isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1):
        raise invalid_input("client", f"max_pages must be a whole number of at least 1, not {max_pages!r}")


def _native_client(account_key: Optional[str], account_secret: Optional[str], base_url: Optional[str], timeout: Optional[float], connect_timeout: Optional[float], total_timeout: Optional[float], max_retries: Optional[int], max_pages: Optional[int], token_scope: str, user_agent: Optional[str], allow_insecure_http: bool, proxy: Optional[str]) -> NativeClient:
    key = account_key if account_key is not None else os.environ.get("TELEGENT_ACCOUNT_KEY", "")
    secret = account_secret if account_secret is not None else os.environ.get("TELEGENT_ACCOUNT_SECRET", "")
    url = base_url if base_url is not None else (os.environ.get("TELEGENT_BASE_URL") or None)
    if not key or not secret:
        raise invalid_input("client", "no account key or secret: pass account_key and account_secret, or set TELEGENT_ACCOUNT_KEY and TELEGENT_ACCOUNT_SECRET")
    _check_retries(max_retries)
    _check_pages(max_pages)
    try:
        native = NativeClient(key, secret, url, timeout, connect_timeout, max_retries, token_scope, user_agent, allow_insecure_http, proxy, total_timeout)
        return native if max_pages is None else native.with_options(max_pages=max_pages)
    except NativeError as e:
        raise from_native(e.args) from None


class _Base:
    """What both clients share: options, `with_options`, `call` by operation id."""

    _native: NativeClient

    def __init__(
        self,
        account_key: Optional[str] = None,
        account_secret: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        timeout: Optional[float] = 30.0,
        connect_timeout: Optional[float] = 10.0,
        total_timeout: Optional[float] = None,
        max_retries: Optional[int] = 2,
        max_pages: Optional[int] = None,
        token_scope: str = "per_endpoint",
        user_agent: Optional[str] = None,
        allow_insecure_http: bool = False,
        proxy: Optional[str] = None,
    ) -> None:
        """A client for the account `account_key`/`account_secret` (or `TELEGENT_ACCOUNT_KEY` and
        `TELEGENT_ACCOUNT_SECRET` when not given).

        Args:
            account_key: the account key tokens are minted from.
            account_secret: the account secret (never logged or shown in `repr`).
            base_url: the API's address (default `https://api.telegent.com`, or
                `TELEGENT_BASE_URL`); plain `http://` only to loopback unless `allow_insecure_http`.
            timeout: seconds one attempt may take (each retry gets its own).
            connect_timeout: seconds to open a connection.
            total_timeout: seconds a whole call may take, retries and waits included (the
                deadline); None derives it from the others.
            max_retries: retries of a failed attempt that is safe to repeat (never a call that
                may have reached the server and is not idempotent, such as sending an SMS).
            max_pages: most pages a `*_all` walk fetches before it fails (instead of stopping
                silently); default 100,000.
            token_scope: `"per_endpoint"` (one short-lived token per endpoint, the API's default)
                or `"shared"`.
            user_agent: appended to the SDK's user agent.
            allow_insecure_http: allow `http://` off loopback (trusted networks only).
            proxy: an `http://` or `https://` proxy URL.
        """
        self._native = _native_client(account_key, account_secret, base_url, timeout, connect_timeout, total_timeout, max_retries, max_pages, token_scope, user_agent, allow_insecure_http, proxy)

    @classmethod
    def _wrap(cls, native: NativeClient) -> Any:
        client = cls.__new__(cls)
        client._native = native
        return client

    @classmethod
    def from_env(
        cls,
        *,
        timeout: Optional[float] = 30.0,
        connect_timeout: Optional[float] = 10.0,
        total_timeout: Optional[float] = None,
        max_retries: Optional[int] = 2,
        max_pages: Optional[int] = None,
        token_scope: str = "per_endpoint",
        user_agent: Optional[str] = None,
        allow_insecure_http: bool = False,
        proxy: Optional[str] = None,
    ) -> Any:
        """A client from `TELEGENT_ACCOUNT_KEY`, `TELEGENT_ACCOUNT_SECRET` and `TELEGENT_BASE_URL`;
        the other options as for the constructor."""
        return cls(None, None, timeout=timeout, connect_timeout=connect_timeout, total_timeout=total_timeout, max_retries=max_retries, max_pages=max_pages, token_scope=token_scope, user_agent=user_agent, allow_insecure_http=allow_insecure_http, proxy=proxy)

    @property
    def base_url(self) -> str:
        """The API address calls go to."""
        return self._native.base_url

    def with_options(self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None, total_timeout: Optional[float] = None, max_pages: Optional[int] = None) -> Any:
        """The same client (connections, tokens) with other settings for its calls; unset ones
        stay as they are.

        Args:
            timeout: seconds **per attempt** (each retry gets its own); bound the whole call,
                retries and waits included, with `total_timeout`.
            max_retries: retries of a failed attempt that is safe to repeat.
            total_timeout: seconds the whole call may take, retries and waits included.
            max_pages: most pages a `*_all` walk fetches before it fails.
        """
        _check_retries(max_retries)
        _check_pages(max_pages)
        try:
            native = self._native.with_options(timeout, max_retries, total_timeout, max_pages)
        except NativeError as e:
            raise from_native(e.args) from None
        return self._wrap(native)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _open_pages(self, operation: str, params: Mapping[str, Any], extra_query: Any, asynchronous: bool) -> Any:
        params_json = _fields(operation, "params", params)
        extra_json = _extra(operation, "extra_query", extra_query)
        try:
            if asynchronous:
                return self._native.async_pages(operation, params_json, extra_json)
            return self._native.pages(operation, params_json, extra_json)
        except NativeError as e:
            raise from_native(e.args) from None


def _log_pages(operation: str, pages: Any) -> None:
    """One DEBUG line per page a walk fetched, as for every other call."""
    if logger.isEnabledFor(logging.DEBUG):
        for page, items, ms in pages.take_pages():
            logger.debug("telegent %s page %d ok (%d items) in %.1f ms", operation, page, items, ms)


class Client(_resources.ClientGroups, _Base):
    """The synchronous Telegent client: one attribute per area of the API (`client.messages`,
    `client.numbers`, ...), one method per operation. Safe to share between threads; each call
    releases the GIL while it waits.

    >>> client = telegent.Client.from_env()
    >>> client.messages.send(from_="+18018018011", to=["+18015737111"], body="Hello")
    """

    def call(self, operation: str, params: Optional[Mapping[str, Any]] = None, body: Optional[Mapping[str, Any]] = None) -> Any:
        """Calls any operation by its id (`"numbers.provision"`) with wire-named JSON; returns JSON.

        Every key must be one the operation has, in its place (`InvalidInputError` otherwise)."""
        return self._request(operation, None, params, body, None, None, keep_nulls=True)

    def _request(self, operation: str, reader: Reader, query: Optional[Mapping[str, Any]], body: Optional[Mapping[str, Any]], extra_query: Any, extra_body: Any, keep_nulls: bool = False) -> Any:
        started = time.perf_counter()
        parts = _parts(operation, query, body, extra_query, extra_body, keep_nulls)
        try:
            raw = self._native.call(operation, *parts, wire_names=keep_nulls)
        except NativeError as e:
            error = from_native(e.args)
            _log(operation, started, error)
            raise error from None
        _log(operation, started)
        return _read(reader, raw)

    def _pages(self, operation: str, cls: type, params: Mapping[str, Any], extra_query: Any) -> Iterator[Any]:
        return _iterate(operation, self._open_pages(operation, params, extra_query, asynchronous=False), cls)

    def close(self) -> None:
        """Nothing to release eagerly: connections close when the last client goes."""

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _iterate(operation: str, pages: Any, cls: type) -> Iterator[Any]:
    while True:
        try:
            raw = next(pages)
        except StopIteration:
            _log_pages(operation, pages)
            return
        except NativeError as e:
            _log_pages(operation, pages)
            raise from_native(e.args) from None
        _log_pages(operation, pages)
        yield _read(cls, raw)


def _resolve(future: "asyncio.Future[Any]", ok: bool, payload: Any) -> None:
    if future.done():
        return
    if ok:
        future.set_result(payload)
    else:
        future.set_exception(from_native(payload))


class AsyncClient(_resources.AsyncClientGroups, _Base):
    """The asyncio Telegent client: the same groups and methods as `Client`, every method a
    coroutine and every `*_all` an async iterator. Calls run on the SDK's own I/O thread and
    resolve on your event loop; cancelling the awaiting task cancels the request.
    """

    async def call(self, operation: str, params: Optional[Mapping[str, Any]] = None, body: Optional[Mapping[str, Any]] = None) -> Any:
        """Calls any operation by its id with wire-named JSON; returns JSON.

        Every key must be one the operation has, in its place (`InvalidInputError` otherwise)."""
        return await self._request(operation, None, params, body, None, None, keep_nulls=True)

    async def _request(self, operation: str, reader: Reader, query: Optional[Mapping[str, Any]], body: Optional[Mapping[str, Any]], extra_query: Any, extra_body: Any, keep_nulls: bool = False) -> Any:
        started = time.perf_counter()
        parts = _parts(operation, query, body, extra_query, extra_body, keep_nulls)
        import asyncio

        loop = asyncio.get_running_loop()
        future: asyncio.Future[str] = loop.create_future()
        try:
            task = self._native.call_async(operation, *parts, loop, future, _resolve, wire_names=keep_nulls)
            try:
                raw = await future
            except asyncio.CancelledError:
                task.cancel()  # the request stops too, instead of running on unobserved
                raise
        except NativeError as e:
            error = from_native(e.args)
            _log(operation, started, error)
            raise error from None
        except TelegentError as error:
            _log(operation, started, error)
            raise
        _log(operation, started)
        return _read(reader, raw)

    def _pages(self, operation: str, cls: type, params: Mapping[str, Any], extra_query: Any) -> AsyncIterator[Any]:
        return _aiterate(operation, self._open_pages(operation, params, extra_query, asynchronous=True), cls)

    async def close(self) -> None:
        """Nothing to release eagerly: connections close when the last client goes."""

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()


async def _aiterate(operation: str, pages: Any, cls: type) -> AsyncIterator[Any]:
    import asyncio

    loop = asyncio.get_running_loop()
    while True:
        future: asyncio.Future[str] = loop.create_future()
        pages.next_into(loop, future, _resolve)
        try:
            raw = await future
        finally:
            _log_pages(operation, pages)
        if raw == "null":
            return
        yield _read(cls, raw)


__all__ = ["Client", "AsyncClient"]
