"""`telegent.Sandbox()`: the whole Telegent API in-process, for offline development and tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from . import _telegent
from ._client import AsyncClient, Client
from ._errors import InternalError, from_native
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

    def close(self) -> None:
        self._native.stop()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Sandbox(base_url={self.base_url!r})"
