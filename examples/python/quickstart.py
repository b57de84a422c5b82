"""The Quick Start journey in Python: routes, a number, a subscriber, a message, and its lookup.

Runs against TELEGENT_* credentials when set, else against an embedded sandbox.
"""

from __future__ import annotations

import os

import telegent


def journey(client: telegent.Client) -> str:
    route = client.message_routes.create(route_name="Main", message_url="https://example.com/in", message_url_method="POST")
    voice = client.voice_routes.create(route_name="Trunk", route_type="Trunk")
    available = client.numbers.search_available(number_type="mobile", message_enabled=True, voice_enabled=True, area_code="801")
    print(f"{available.results_total} numbers available in area 801")
    order = client.numbers.provision(
        number_type="mvno",
        message_type="p2p",
        message_enabled=True,
        voice_enabled=True,
        product_type="Sms+Data+Voice",
        message_route_id=route.message_route_id,
        voice_route_id=voice.call_route_id,
    )
    number = order.phone_number_assigned or ""
    print(f"provisioned {number}")
    account = client.accounts.list()
    subscriber = client.subscribers.create(
        name="Pat", email="pat@example.com", phone_numbers=[number], role="Subscriber", password="pw", account_id=account.account_id or ""
    )
    print(f"subscriber {subscriber.subscriber_id}")
    sent = client.messages.send(from_=number, to=[telegent.Recipient(number="+18015550100")], body="Hello from Python")
    message_id = sent.message_id or ""
    found = client.messages.get(message_id=message_id)
    print(f"message {found.message_id}: {found.status}")
    return message_id


def main() -> None:
    if os.environ.get("TELEGENT_ACCOUNT_KEY"):
        print(f"sent {journey(telegent.Client.from_env())}")
        return
    with telegent.Sandbox() as sandbox:
        print(f"no TELEGENT_* credentials: using an embedded sandbox at {sandbox.base_url}")
        print(f"sent {journey(sandbox.client())}")


if __name__ == "__main__":
    main()
