"""The Telegent mPaaS API for Python: every operation, sync and asyncio, typed, with a local sandbox.

    import telegent
    client = telegent.Client.from_env()
    message = client.messages.send(from_="+18018018011", to=[telegent.Recipient(number="+18015737111")], body="Hello")

`telegent.Sandbox()` runs the whole API in-process for offline development and tests.
"""

from ._client import AsyncClient, Client
from ._errors import (
    AuthenticationError,
    ConflictError,
    DecodeError,
    InternalError,
    InvalidInputError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TelegentError,
    TimeoutError,
)
from ._model import Model
from ._models import *  # noqa: F401,F403
from ._models import __all__ as _model_names
from ._sandbox import Sandbox
from ._telegent import __version__
from ._webhooks import parse_delivery_report, parse_event, parse_inbound_message, verify_credentials

__all__ = [
    "AsyncClient",
    "Client",
    "Sandbox",
    "Model",
    "TelegentError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "InvalidRequestError",
    "RateLimitError",
    "ServerError",
    "TimeoutError",
    "NetworkError",
    "DecodeError",
    "InvalidInputError",
    "InternalError",
    "parse_inbound_message",
    "parse_delivery_report",
    "parse_event",
    "verify_credentials",
    "__version__",
    *_model_names,
]
