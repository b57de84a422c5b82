"""The exceptions of the SDK, mirroring the core's error kinds.

Every exception carries `status`, `message`, `operation`, `request_id`, `retries` and
`retry_after` (seconds), and never a secret.
"""

from __future__ import annotations

import builtins
from typing import Any, Dict, List, Optional, Sequence, Tuple


class TelegentError(Exception):
    """Base of every Telegent SDK error."""

    kind = "unknown"

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        operation: str = "",
        request_id: Optional[str] = None,
        retries: int = 0,
        retry_after: Optional[float] = None,
        field_errors: Optional[Dict[str, List[str]]] = None,
        body_excerpt: Optional[str] = None,
        _text: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.operation = operation
        self.request_id = request_id
        self.retries = retries
        self.retry_after = retry_after
        self.field_errors: Dict[str, List[str]] = field_errors or {}
        self.body_excerpt = body_excerpt
        self._text = _text

    def __str__(self) -> str:
        if self._text is not None:
            return self._text  # the core's own wording, the same in every language
        notes = [f"operation {self.operation}"] if self.operation else []
        if self.status is not None:
            notes.append(f"HTTP {self.status}")
        if self.request_id:
            notes.append(f"request id {self.request_id}")
        if self.retries:
            notes.append(f"after {self.retries} retries")
        return f"{self.message} ({', '.join(notes)})" if notes else self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status!r}, operation={self.operation!r})"


class AuthenticationError(TelegentError):
    """401: the account key/secret or the token was rejected."""

    kind = "authentication"


class PermissionDeniedError(TelegentError):
    """403: the token may not call this endpoint."""

    kind = "permission_denied"


class NotFoundError(TelegentError):
    """404: no such resource on this account."""

    kind = "not_found"


class ConflictError(TelegentError):
    """409: the resource already exists (e.g. a subscriber e-mail)."""

    kind = "conflict"


class InvalidRequestError(TelegentError):
    """400, 405 and other 4xx: the request is wrong."""

    kind = "invalid_request"


class RateLimitError(TelegentError):
    """429: slow down; `retry_after` says for how long when the server said."""

    kind = "rate_limited"


class ServerError(TelegentError):
    """5xx from the API."""

    kind = "server"


class TimeoutError(TelegentError, builtins.TimeoutError):
    """No answer in time (the client's timeout, or 408/504)."""

    kind = "timeout"


class NetworkError(TelegentError, ConnectionError):
    """The connection failed or broke."""

    kind = "network"


class DecodeError(TelegentError):
    """A success answer that could not be read."""

    kind = "decode"


class InvalidInputError(TelegentError, ValueError):
    """The SDK refused the input before sending anything."""

    kind = "invalid_input"


class InternalError(TelegentError):
    """A bug in the SDK; please report it."""

    kind = "internal"


_BY_KIND = {cls.kind: cls for cls in (AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, InvalidRequestError, RateLimitError, ServerError, TimeoutError, NetworkError, DecodeError, InvalidInputError, InternalError)}

ErrorArgs = Tuple[str, Optional[int], str, str, Optional[str], int, Optional[float], Sequence[Tuple[str, Sequence[str]]], Optional[str], str]


def from_native(args: Sequence[Any]) -> TelegentError:
    """The typed exception for a native error's arguments."""
    kind, status, message, operation, request_id, retries, retry_after, field_errors, body_excerpt, text = args
    cls = _BY_KIND.get(kind, TelegentError)
    return cls(message, status=status, operation=operation, request_id=request_id, retries=retries, retry_after=retry_after, field_errors={k: list(v) for k, v in field_errors}, body_excerpt=body_excerpt, _text=text)


def invalid_input(operation: str, message: str) -> InvalidInputError:
    return InvalidInputError(message, operation=operation)
