"""Webhooks: parse what Telegent POSTs to your URLs, and check its credentials."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Optional, Union

from ._errors import from_native
from ._models import DeliveryReport, InboundMessage, WebhookEvent
from ._telegent import NativeError, parse_webhook, verify_webhook

Body = Union[bytes, str, Mapping[str, Any]]


def _parse(kind: str, body: Body) -> Any:
    if isinstance(body, Mapping):
        try:
            body = json.dumps(dict(body))
        except (TypeError, ValueError) as e:
            raise TypeError(f"the webhook body mapping is not JSON: {e}") from None
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError(f"a webhook body is bytes, str or a mapping, not {type(body).__name__}")
    try:
        return json.loads(parse_webhook(kind, bytes(body)))
    except NativeError as e:
        raise from_native(e.args) from None


def parse_inbound_message(body: Body) -> InboundMessage:
    """An inbound message (JSON or form body, or an already-parsed dict)."""
    return InboundMessage.from_dict(_parse("inbound_message", body))


def parse_delivery_report(body: Body) -> DeliveryReport:
    """A delivery report."""
    return DeliveryReport.from_dict(_parse("delivery_report", body))


def parse_event(body: Body) -> WebhookEvent:
    """An account event (`New_Sms`, ...)."""
    return WebhookEvent.from_dict(_parse("event", body))


def verify_credentials(authorization: Optional[str], *, username: Optional[str] = None, password: Optional[str] = None, token: Optional[str] = None) -> bool:
    """Whether an `Authorization` header carries the route's Basic or Bearer credentials (constant time)."""
    try:
        return verify_webhook(authorization, username, password, token)
    except NativeError as e:
        raise from_native(e.args) from None
