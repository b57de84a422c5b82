"""Python side-by-side benchmarks (issue 5): `telegent` against httpx and requests on the same
sandbox endpoint with the same token, and the import time of `telegent` against `twilio.rest`.

Run: target/py/bin/pip install httpx requests twilio && target/py/bin/python bench/python/bench.py
Both sides of each row run in this one process, interleaved round by round; medians are compared.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
import urllib.request

import httpx
import requests

import telegent

ROUNDS = 7
SYNC_CALLS = 300
ASYNC_CALLS = 1024
CONCURRENCY = 64


def post(url: str, body: dict, token: str | None = None) -> dict:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def interleaved(a, b) -> tuple[float, float]:
    a(), b()
    xs, ys = [], []
    for _ in range(ROUNDS):
        xs.append(a())
        ys.append(b())
    return statistics.median(xs), statistics.median(ys)


def timed(fn, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1e6


def import_time(module: str) -> float:
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def main() -> None:
    with telegent.Sandbox() as sandbox:
        base = sandbox.base_url
        client = sandbox.client()
        path = "/v1.0/message/details"
        token = post(f"{base}/v1.0/OAuth2/tokens", {"AccountKey": sandbox.account_key, "AccountSecret": sandbox.account_secret, "ApiEndpoint": base + path})["token"]
        route = client.message_routes.create(route_name="b", message_url="https://example.com", message_url_method="POST")
        order = client.numbers.provision(number_type="mvno", message_type="p2p", message_enabled=True, voice_enabled=False, product_type="Sms+Data", message_route_id=route.message_route_id)
        sent = client.messages.send(from_=order.phone_number_assigned or "", to=[telegent.Recipient(number="+18015550100")], body="bench")
        mid = sent.message_id or ""
        url = f"{base}{path}"
        headers = {"authorization": f"Bearer {token}"}

        hx = httpx.Client(headers=headers)
        rq = requests.Session()
        rq.headers.update(headers)
        tele = lambda: timed(lambda: client.messages.get(message_id=mid), SYNC_CALLS)  # noqa: E731
        hxs = lambda: timed(lambda: hx.get(url, params={"MessageId": mid}).json(), SYNC_CALLS)  # noqa: E731
        rqs = lambda: timed(lambda: rq.get(url, params={"MessageId": mid}).json(), SYNC_CALLS)  # noqa: E731
        t_sync, h_sync = interleaved(tele, hxs)
        t_sync2, r_sync = interleaved(tele, rqs)

        aclient = sandbox.async_client()

        async def tele_async() -> float:
            sem = asyncio.Semaphore(CONCURRENCY)

            async def one() -> None:
                async with sem:
                    await aclient.messages.get(message_id=mid)

            start = time.perf_counter()
            await asyncio.gather(*(one() for _ in range(ASYNC_CALLS)))
            return ASYNC_CALLS / (time.perf_counter() - start)

        async def httpx_async() -> float:
            async with httpx.AsyncClient(headers=headers, limits=httpx.Limits(max_connections=CONCURRENCY)) as ax:
                sem = asyncio.Semaphore(CONCURRENCY)

                async def one() -> None:
                    async with sem:
                        (await ax.get(url, params={"MessageId": mid})).json()

                start = time.perf_counter()
                await asyncio.gather(*(one() for _ in range(ASYNC_CALLS)))
                return ASYNC_CALLS / (time.perf_counter() - start)

        t_async, h_async = interleaved(lambda: asyncio.run(tele_async()), lambda: asyncio.run(httpx_async()))

    t_import = import_time("telegent")
    try:
        w_import = import_time("twilio.rest")
    except subprocess.CalledProcessError:
        w_import = float("nan")

    print("| measurement | telegent | peer | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| sync `client.messages.get` vs `httpx.Client.get().json()` (µs/call) | {t_sync:.0f} | {h_sync:.0f} | {t_sync / h_sync:.2f}× | ≤ 0.8× |")
    print(f"| sync `client.messages.get` vs `requests.Session.get().json()` (µs/call) | {t_sync2:.0f} | {r_sync:.0f} | {t_sync2 / r_sync:.2f}× | — |")
    print(f"| async throughput at concurrency {CONCURRENCY}, `AsyncClient` vs `httpx.AsyncClient` (calls/s) | {t_async:.0f} | {h_async:.0f} | {t_async / h_async:.2f}× | ≥ 2× |")
    print(f"| `python -c \"import telegent\"` vs `import twilio.rest` (ms, whole process) | {t_import:.0f} | {w_import:.0f} | {t_import / w_import:.2f}× | ≤ 0.5× |")
    print(f"\n{ROUNDS} interleaved rounds; {SYNC_CALLS} sequential calls per sync round, {ASYNC_CALLS} calls per async round; medians.")


if __name__ == "__main__":
    main()
