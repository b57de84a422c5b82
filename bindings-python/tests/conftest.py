"""Shared fixtures: one sandbox per test module, and a client pointed at it."""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Iterator

import pytest

import telegent


@pytest.fixture(scope="module")
def sandbox() -> Iterator[telegent.Sandbox]:
    with telegent.Sandbox() as s:
        yield s


@pytest.fixture()
def client(sandbox: telegent.Sandbox) -> telegent.Client:
    return sandbox.client()


def admin(sandbox: telegent.Sandbox, method: str, path: str, body: Any = None) -> Any:
    data = None if method == "GET" else json.dumps(body or {}).encode()
    request = urllib.request.Request(f"{sandbox.base_url}/__sandbox/{path}", data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def new_number(client: telegent.Client) -> str:
    route = client.message_routes.create(route_name="Main", message_url="https://example.com/in", message_url_method="POST")
    order = client.numbers.provision(number_type="mvno", message_type="p2p", message_enabled=True, voice_enabled=False, product_type="Sms+Data", message_route_id=route.message_route_id)
    assert order.phone_number_assigned
    return order.phone_number_assigned
