"""`telegent.Sandbox()`: the whole Telegent API in-process, for offline development and tests."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal, Mapping, Optional

from . import _telegent
from ._client import AsyncClient, Client
from ._errors import InternalError, InvalidInputError, from_native
from ._telegent import NativeError

if TYPE_CHECKING:
    from ._telegent import NativeSandbox


class Sandbox:
    """A stateful local Telegent API on a free loopback port; stops on `close()` or `with` exit.

    >>> with Sandbox() as sandbox:
    ...     client = sandbox.client()
    """

    def __init__(self, *, port: int = 0, seed: int = 1, token_ttl: Optional[float] = None, data_dir: Optional[str] = None, fixtures: bool = True) -> None:
        native_sandbox = getattr(_telegent, "NativeSandbox", None)
        if native_sandbox is None:
            raise InternalError("this build of telegent has no embedded sandbox (built without the `sandbox` feature)", operation="sandbox")
        try:
            self._native: NativeSandbox = native_sandbox(port, seed, token_ttl, data_dir, fixtures)
        except NativeError as e:
            raise from_native(e.args) from None

    @property
    def base_url(self) -> str:
        return self._native.base_url

    @property
    def account_key(self) -> str:
        return self._native.account_key

    @property
    def account_secret(self) -> str:
        return self._native.account_secret

    @property
    def account_id(self) -> str:
        """The account the sandbox's credentials act as."""
        return self._native.account_id

    def client(self, **options: Any) -> Client:
        """A sync client pointed at this sandbox."""
        return Client(self.account_key, self.account_secret, base_url=self.base_url, **options)

    def async_client(self, **options: Any) -> AsyncClient:
        """An asyncio client pointed at this sandbox."""
        return AsyncClient(self.account_key, self.account_secret, base_url=self.base_url, **options)

    def executions(self, operation: str) -> int:
        """How many times an operation really ran (to prove a message was sent once).

        An operation id the SDK does not have is an `InvalidInputError`."""
        try:
            return int(self._native.executions(operation))
        except NativeError as e:
            raise from_native(e.args) from None

    def fault(
        self,
        operation: str,
        *,
        status: Optional[int] = None,
        times: int = 1,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        retry_after: Optional[float] = None,
        delay: Optional[float] = None,
        delay_when: Literal["before", "after"] = "before",
        reset: Optional[Literal["before", "after"]] = None,
        corrupt: Optional[Literal["truncated", "not_json", "empty"]] = None,
    ) -> None:
        """Makes the next `times` requests to `operation` fail as told, to test how code copes.

        Args:
            operation: an operation id (`"messages.send"`), or `"*"` for any request.
            status: answer this HTTP status instead of running the operation.
            times: how many requests the fault applies to.
            body: the body of that answer (JSON value or text); default the API's error shape.
            headers: extra headers of that answer.
            retry_after: seconds, sent as a `Retry-After` header.
            delay: seconds to wait, `delay_when` the operation runs ("before" or "after").
            reset: break the connection "before" or "after" the operation runs.
            corrupt: run the operation, then spoil its answer: "truncated", "not_json", "empty".

        An unknown operation id or option value is an `InvalidInputError`.
        """
        fault: dict[str, Any] = {"times": times, "delay": delay_when}
        if operation == "*":
            fault["path"] = "*"
        else:
            fault["operation"] = operation
        if status is not None:
            fault["status"] = status
        if body is not None:
            fault["body"] = body
        all_headers = dict(headers or {})
        if retry_after is not None:
            all_headers["Retry-After"] = f"{retry_after:g}"
        if all_headers:
            fault["headers"] = all_headers
        if delay is not None:
            if isinstance(delay, bool) or not isinstance(delay, (int, float)) or not 0 <= delay < 3600:
                raise InvalidInputError(f"delay must be seconds from 0 to 3600, not {delay!r}", operation="sandbox.fault")
            fault["delay_ms"] = round(delay * 1000)
        if reset is not None:
            fault["reset"] = reset
        if corrupt is not None:
            fault["corrupt"] = corrupt
        try:
            self._native.fault(json.dumps(fault))
        except NativeError as e:
            raise from_native(e.args) from None

    def clear_faults(self) -> None:
        """Drops every queued fault, keeping records and counters."""
        try:
            self._native.clear_faults()
        except NativeError as e:
            raise from_native(e.args) from None

    def reset(self) -> None:
        """Back to the starting state: records, counters, queued faults and token lifetime."""
        try:
            self._native.reset()
        except NativeError as e:
            raise from_native(e.args) from None

    def close(self) -> None:
        """Stops the sandbox (idempotent)."""
        self._native.stop()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Sandbox(base_url={self.base_url!r})"
