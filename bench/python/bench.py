"""Python side-by-side benchmarks: `telegent` against httpx, requests and aiohttp on the same
sandbox endpoint with the same token, and the import time of `telegent` against `twilio.rest`.

Run: target/py/bin/pip install httpx requests aiohttp twilio && target/py/bin/python bench/python/bench.py
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

import aiohttp
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


async def throughput(call) -> float:
    """Calls per second for ASYNC_CALLS calls, at most CONCURRENCY at a time."""
    sem = asyncio.Semaphore(CONCURRENCY)

    async def one() -> None:
        async with sem:
            await call()

    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(ASYNC_CALLS)))
    return ASYNC_CALLS / (time.perf_counter() - start)


class RawPool:
    """The floor: keep-alive HTTP/1.1 over bare asyncio streams, no client library at all."""

    def __init__(self, host: str, port: int, request: bytes) -> None:
        self.host, self.port, self.request = host, port, request
        self.idle: list = []

    async def get(self) -> bytes:
        reader, writer = self.idle.pop() if self.idle else await asyncio.open_connection(self.host, self.port)
        writer.write(self.request)
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
        body = await reader.readexactly(length)
        self.idle.append((reader, writer))
        return body


async def async_rows(aclient, url: str, headers: dict, mid: str, host: str, port: int) -> tuple[float, float, float, float]:
    """One event loop, one warm client per side; rounds interleaved after a warm-up round each."""
    path = url.split(f":{port}", 1)[1]
    request = f"GET {path}?MessageId={mid} HTTP/1.1\r\nhost: {host}:{port}\r\nauthorization: {headers['authorization']}\r\n\r\n".encode()
    raw = RawPool(host, port, request)
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with httpx.AsyncClient(headers=headers, limits=httpx.Limits(max_connections=CONCURRENCY)) as ax, aiohttp.ClientSession(headers=headers, connector=connector) as ah:
        async def tele() -> None:
            await aclient.messages.get(message_id=mid)

        async def hx() -> None:
            (await ax.get(url, params={"MessageId": mid})).json()

        async def aio() -> None:
            async with ah.get(url, params={"MessageId": mid}) as r:
                await r.json()

        async def bare() -> None:
            json.loads(await raw.get())

        sides = (tele, hx, aio, bare)
        for side in sides:
            await throughput(side)
        results: list[list[float]] = [[] for _ in sides]
        for _ in range(ROUNDS):
            for side, out in zip(sides, results):
                out.append(await throughput(side))
    t, h, a, r = (statistics.median(x) for x in results)
    return t, h, a, r


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
        host, port = base.removeprefix("http://").split(":")
        t_async, h_async, a_async, raw_async = asyncio.run(async_rows(aclient, url, headers, mid, host, int(port)))

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
    print(f"| async throughput at concurrency {CONCURRENCY}, `AsyncClient` vs `aiohttp.ClientSession` (calls/s) | {t_async:.0f} | {a_async:.0f} | {t_async / a_async:.2f}× | ≥ 1× |")
    print(f"| async throughput at concurrency {CONCURRENCY}, `AsyncClient` vs bare asyncio streams, no library (calls/s) | {t_async:.0f} | {raw_async:.0f} | {t_async / raw_async:.2f}× | — (the floor) |")
    print(f"| `python -c \"import telegent\"` vs `import twilio.rest` (ms, whole process) | {t_import:.0f} | {w_import:.0f} | {t_import / w_import:.2f}× | ≤ 0.5× |")
    print(f"\n{ROUNDS} interleaved rounds after a warm-up round per side; {SYNC_CALLS} sequential calls per sync round, {ASYNC_CALLS} calls per async round in one event loop with one warm client per side; medians.")


if __name__ == "__main__":
    main()
