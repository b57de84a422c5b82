"""The Quick Start journey in Python: routes, a number, a subscriber, a message, and its lookup.

Runs against an embedded sandbox. With ``--live --to <your number>`` it runs against the account
of TELEGENT_ACCOUNT_KEY / TELEGENT_ACCOUNT_SECRET instead: it then buys a number and sends one SMS,
so it never does so just because those variables are set.
"""

from __future__ import annotations

import argparse

import telegent

SANDBOX_RECIPIENT = "+18015550100"


def journey(client: telegent.Client, recipient: str) -> str:
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
    sent = client.messages.send(from_=number, to=[telegent.Recipient(number=recipient)], body="Hello from Python")
    message_id = sent.message_id or ""
    found = client.messages.get(message_id=message_id)
    print(f"message {found.message_id}: {found.status}")
    return message_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--live", action="store_true", help="run against the TELEGENT_* account: buys a number, sends one SMS")
    parser.add_argument("--to", help="with --live: the number (yours) the one SMS is sent to")
    args = parser.parse_args()
    if args.live:
        if not args.to:
            parser.error("--live needs --to <your number>: the quick start sends one SMS there")
        client = telegent.Client.from_env()
        print(
            "running LIVE: creates two routes, provisions (buys) one number in area 801, "
            f"creates a subscriber and sends one SMS to {args.to}"
        )
        print(f"sent {journey(client, args.to)}")
        return
    with telegent.Sandbox() as sandbox:
        print(f"using an embedded sandbox at {sandbox.base_url} (--live --to <number> runs against your account)")
        print(f"sent {journey(sandbox.client(), SANDBOX_RECIPIENT)}")


if __name__ == "__main__":
    main()
