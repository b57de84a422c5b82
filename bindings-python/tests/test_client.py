"""The Python package's own behaviour: the API surface, errors, models, threads, asyncio, fork."""

from __future__ import annotations

import asyncio
import ast
import logging
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

import telegent
from conftest import new_number

PACKAGE = Path(telegent.__file__).parent


def test_a_call_returns_a_typed_model(client: telegent.Client) -> None:
    route = client.message_routes.create(route_name="Main", message_url="https://example.com/in", message_url_method="POST")
    assert isinstance(route, telegent.MessageRoute)
    assert route.message_route_id and route.message_route_id.startswith("MRID-")
    assert route.route_name == "Main"


def test_nested_models_and_dicts_are_both_accepted(client: telegent.Client) -> None:
    number = new_number(client)
    a = client.messages.send(from_=number, to=[telegent.Recipient(number="+18015550100")], body="typed")
    b = client.messages.send(from_=number, to=[{"Number": "+18015550101"}], body="dict")
    assert a.to == [telegent.Recipient(number="+18015550100")]
    assert b.to is not None and b.to[0].number == "+18015550101"


def test_errors_are_typed_and_carry_their_fields(client: telegent.Client) -> None:
    with pytest.raises(telegent.NotFoundError) as caught:
        client.messages.get(message_id="TMID-missing")
    e = caught.value
    assert (e.status, e.operation, e.kind, e.retries) == (404, "messages.get", "not_found", 0)
    assert "Not found" in e.message
    assert isinstance(e, telegent.TelegentError)


def test_a_conflict_is_a_conflict_error(client: telegent.Client, sandbox: telegent.Sandbox) -> None:
    kwargs = dict(name="P", email="conflict@example.com", phone_numbers=[], role="Subscriber", password="pw", account_id=sandbox.account_id)
    client.subscribers.create(**kwargs)
    with pytest.raises(telegent.ConflictError):
        client.subscribers.create(**kwargs)


def test_rate_limits_carry_retry_after(client: telegent.Client, sandbox: telegent.Sandbox) -> None:
    sandbox.fault("numbers.list", status=429, retry_after=3600)
    with pytest.raises(telegent.RateLimitError) as caught:
        client.numbers.list()
    assert caught.value.retry_after == 3600.0


def test_timeouts_are_timeout_errors(sandbox: telegent.Sandbox) -> None:
    sandbox.fault("numbers.list", delay=1.5, times=3)
    client = sandbox.client(timeout=0.2, max_retries=0)
    with pytest.raises(telegent.TimeoutError) as caught:
        client.numbers.list()
    assert isinstance(caught.value, TimeoutError)
    sandbox.clear_faults()


def test_bad_input_is_an_invalid_input_error(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError) as caught:
        client.voice_routes.create(route_name="no type", route_type=None)  # type: ignore[arg-type]
    assert "route_type" in caught.value.message
    with pytest.raises(telegent.InvalidInputError):
        client.messages.send(from_="+1", to=[], body="x", extra_body="not a mapping")
    with pytest.raises(ValueError):
        telegent.Client("k", "s", base_url="http://api.example.com")


def test_repr_shows_fields_but_never_secrets() -> None:
    request = telegent.CreateTokenRequest(account_key="DID-1", account_secret="hunter2")
    assert "hunter2" not in repr(request)
    assert "DID-1" in repr(request)
    client = telegent.Client("DID-1", "hunter2", base_url="http://127.0.0.1:9")
    assert "hunter2" not in repr(client)


def test_to_dict_and_from_dict_round_trip() -> None:
    wire = {"MessageId": "TMID-1", "To": [{"Number": "+1"}], "Cost": 0.0045, "Unknown": {"x": [1]}}
    message = telegent.Message.from_dict(wire)
    assert message.message_id == "TMID-1"
    assert message.to == [telegent.Recipient(number="+1")]
    assert message.extra == {"Unknown": {"x": [1]}}
    assert message.to_dict() == wire
    assert telegent.Message.from_dict(message.to_dict()) == message


def test_a_known_field_that_arrives_null_is_none_not_an_unknown_field() -> None:
    wire = {"MessageId": "TMID-1", "Cost": None, "Unknown": None}
    message = telegent.Message.from_dict(wire)
    assert message.cost is None
    assert message.extra == {"Unknown": None}
    assert message.nulls == frozenset({"Cost"})
    assert message.to_dict() == wire


def test_models_compare_by_value() -> None:
    assert telegent.Recipient(number="+1") == telegent.Recipient(number="+1")
    assert telegent.Recipient(number="+1") != telegent.Recipient(number="+2")
    with pytest.raises(TypeError):
        telegent.Recipient(nubmer="+1")  # type: ignore[call-arg]


def test_paging_iterates_every_item(client: telegent.Client) -> None:
    for _ in range(3):
        new_number(client)
    everything = list(client.numbers.list_all(total_numbers_requested=2))
    assert len(everything) > 3
    assert all(isinstance(n, telegent.Number) for n in everything)


def test_paging_starts_at_the_page_it_is_given(client: telegent.Client) -> None:
    for _ in range(3):
        new_number(client)
    everything = [n.number for n in client.numbers.list_all(total_numbers_requested=2)]
    from_page_two = [n.number for n in client.numbers.list_all(page_number=2, total_numbers_requested=2)]
    assert len(everything) > 3
    assert from_page_two == everything[2:]


def test_a_start_page_that_is_not_a_page_number_is_refused(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError) as caught:
        next(iter(client.numbers.list_all(page_number=0)))
    assert "PageNumber" in caught.value.message


def test_a_lookup_without_the_id_it_needs_is_refused_before_sending(client: telegent.Client) -> None:
    # Sent, the sandbox would answer 400 (InvalidRequestError); refused first, it is InvalidInputError.
    with pytest.raises(telegent.InvalidInputError) as caught:
        client.messages.get(message_id=None)  # type: ignore[arg-type]
    assert caught.value.message == "message_id is required"


def test_the_gil_is_released_while_a_call_waits(sandbox: telegent.Sandbox) -> None:
    sandbox.fault("numbers.list", delay=0.6)
    client = sandbox.client()
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    counter = threading.Thread(target=count)
    counter.start()
    started = time.perf_counter()
    client.numbers.list()
    elapsed = time.perf_counter() - started
    done.set()
    counter.join()
    assert elapsed >= 0.5
    assert ticks > 10_000, f"the other thread ran only {ticks} times during a {elapsed:.2f}s call"


def test_one_client_serves_eight_threads(sandbox: telegent.Sandbox) -> None:
    client = sandbox.client()
    results: list[bool] = []

    def work() -> None:
        results.append(all(isinstance(client.numbers.list(), telegent.NumberInventory) for _ in range(10)))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 8


def test_asyncio_calls_run_concurrently(sandbox: telegent.Sandbox) -> None:
    async def main() -> float:
        sandbox.fault("numbers.list", delay=0.4, times=20)
        async with sandbox.async_client() as client:
            started = time.perf_counter()
            results = await asyncio.gather(*(client.numbers.list() for _ in range(20)))
            assert all(isinstance(r, telegent.NumberInventory) for r in results)
            return time.perf_counter() - started

    elapsed = asyncio.run(main())
    assert elapsed < 2.0, f"20 calls of 0.4 s each took {elapsed:.2f}s: they did not overlap"


def test_asyncio_errors_and_paging(sandbox: telegent.Sandbox) -> None:
    async def main() -> None:
        client = sandbox.async_client()
        with pytest.raises(telegent.NotFoundError):
            await client.messages.get(message_id="TMID-missing")
        items = [n async for n in client.numbers.list_all(total_numbers_requested=2)]
        assert len(items) > 2

    asyncio.run(main())


def _child(base_url: str, key: str, secret: str, queue: "multiprocessing.Queue[object]") -> None:
    client = telegent.Client(key, secret, base_url=base_url)
    try:
        queue.put(type(client.numbers.list()).__name__)
    except Exception as e:  # report, the parent asserts
        queue.put(repr(e))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")
def test_clients_work_after_fork(sandbox: telegent.Sandbox) -> None:
    parent = sandbox.client()
    parent.numbers.list()
    ctx = multiprocessing.get_context("fork")
    queue: "multiprocessing.Queue[object]" = ctx.Queue()
    child = ctx.Process(target=_child, args=(sandbox.base_url, sandbox.account_key, sandbox.account_secret, queue))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert queue.get(timeout=5) == "NumberInventory"
    # The parent's inherited client works in a forked child too.
    pid = os.fork()
    if pid == 0:
        try:
            parent.numbers.list()
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_the_sandbox_counts_executions(sandbox: telegent.Sandbox, client: telegent.Client) -> None:
    number = new_number(client)
    before = sandbox.executions("messages.send")
    client.messages.send(from_=number, to=[telegent.Recipient(number="+18015550100")], body="once")
    assert sandbox.executions("messages.send") == before + 1


def test_webhooks_parse_and_verify() -> None:
    message = telegent.parse_inbound_message(b'{"Message_ID":"TMID-1","From":"+1","Message_Body":"hi","Segment":"1"}')
    assert (message.message_id, message.message_body, message.segment) == ("TMID-1", "hi", 1)
    assert telegent.parse_inbound_message({"Message_ID": "TMID-2"}).message_id == "TMID-2"
    assert telegent.parse_delivery_report("MessageId=TMID-3&Status=Delivered").status == "Delivered"
    assert telegent.verify_credentials("Basic YWRtaW46cHc=", username="admin", password="pw")
    assert not telegent.verify_credentials("Bearer nope", token="t0k3n")
    with pytest.raises(telegent.InvalidInputError):
        telegent.parse_event(b"[1,2]")


def test_logging_names_operations_but_never_secrets(sandbox: telegent.Sandbox, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="telegent"):
        client = sandbox.client()
        client.numbers.list()
    text = caplog.text
    assert "numbers.list" in text
    assert sandbox.account_secret not in text


def test_from_env_reads_the_environment(sandbox: telegent.Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGENT_ACCOUNT_KEY", sandbox.account_key)
    monkeypatch.setenv("TELEGENT_ACCOUNT_SECRET", sandbox.account_secret)
    monkeypatch.setenv("TELEGENT_BASE_URL", sandbox.base_url)
    client = telegent.Client.from_env()
    assert client.base_url == sandbox.base_url
    assert isinstance(client.numbers.list(), telegent.NumberInventory)


def test_with_options_overrides_per_call(sandbox: telegent.Sandbox) -> None:
    sandbox.fault("numbers.list", status=503)
    with pytest.raises(telegent.ServerError) as caught:
        sandbox.client().with_options(max_retries=0).numbers.list()
    assert caught.value.retries == 0


def _stub_classes(name: str) -> dict[str, set[str]]:
    tree = ast.parse((PACKAGE / name).read_text())
    out: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = {n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
            members |= {n.target.id for n in node.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
            out[node.name] = members
    return out


def test_stubs_declare_every_public_name_of_the_runtime() -> None:
    models = _stub_classes("_models.pyi")
    resources = _stub_classes("_resources.pyi")
    clients = _stub_classes("_client.pyi")
    import telegent._resources as runtime_resources

    for name in telegent.__all__:
        obj = getattr(telegent, name)
        if isinstance(obj, type) and issubclass(obj, telegent.Model) and obj is not telegent.Model:
            assert name in models, f"{name} has no stub"
            fields = {attr for attr, *_ in obj._fields}
            assert fields <= models[name], f"{name}: {fields - models[name]} missing from the stub"
    for cls_name, cls in vars(runtime_resources).items():
        if isinstance(cls, type) and cls_name.endswith("Api"):
            public = {n for n in dir(cls) if not n.startswith("_")} | set(getattr(cls, "__slots__", ())) - {"_c"}
            assert cls_name in resources, f"{cls_name} has no stub"
            assert public <= resources[cls_name], f"{cls_name}: {public - resources[cls_name]} missing from the stub"
    client = telegent.Client("k", "s", base_url="http://127.0.0.1:9")
    groups = {n for n in vars(client) if not n.startswith("_")}
    assert groups <= clients["Client"], groups - clients["Client"]
    assert (PACKAGE / "py.typed").exists()


def test_import_stays_cheap() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import telegent"], capture_output=True, text=True, check=True)
    total_us = int(out.stderr.strip().splitlines()[-1].split("|")[1])
    assert total_us < 2_000_000, f"import telegent took {total_us / 1000:.0f} ms"


def test_an_operation_paged_by_its_body_iterates_every_item(client: telegent.Client) -> None:
    areas = list(client.numbers.search_available_all(number_type="mobile", message_enabled=True, voice_enabled=False))
    assert len(areas) == 35
    assert all(isinstance(a, telegent.AvailableNumberArea) for a in areas)
    assert len({a.ngp for a in areas}) == 35


def test_retries_reach_the_telegent_logger_without_secrets(sandbox: telegent.Sandbox, client: telegent.Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="telegent")
    sandbox.fault("numbers.list", status=503)
    client.numbers.list()
    deadline = time.monotonic() + 5  # the core's events reach `logging` from a thread of their own
    while True:
        retries = [r for r in caplog.records if r.name == "telegent" and "retrying" in r.getMessage()]
        if retries or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert len(retries) == 1, caplog.text
    assert retries[0].levelno == logging.INFO
    assert "numbers.list" in retries[0].getMessage()
    assert sandbox.account_secret not in caplog.text


def test_recipients_may_be_given_as_bare_numbers(client: telegent.Client) -> None:
    number = new_number(client)
    sent = client.messages.send(from_=number, to=["+18015550100"], body="hi")
    assert sent.to == [telegent.Recipient(number="+18015550100")]


def test_cancelling_an_async_call_stops_its_request(sandbox: telegent.Sandbox) -> None:
    def executed() -> int:
        return sandbox.executions("numbers.list")

    async def scenario() -> None:
        client = sandbox.async_client()
        await client.numbers.list()  # a token in hand, so the delayed request is the call itself
        before = executed()
        sandbox.fault("numbers.list", delay=1.0, delay_when="before")
        task = asyncio.ensure_future(client.numbers.list())
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(1.2)
        assert executed() == before, "the cancelled request still reached the handler"

    asyncio.run(scenario())


def test_repr_redacts_secret_named_keys_among_unknown_fields() -> None:
    route = telegent.MessageRoute.from_dict({"RouteName": "Main", "WebhookSecret": "s3cr3t", "Nested": {"ApiToken": "t0k"}})
    text = repr(route)
    assert "s3cr3t" not in text and "t0k" not in text
    assert "WebhookSecret" in text and "Main" in text
    assert route.extra["WebhookSecret"] == "s3cr3t"  # kept, only not shown


def test_an_explicit_null_is_sent_through_extra_body(client: telegent.Client) -> None:
    route = client.message_routes.create(route_name="Main", message_url="https://example.com/in", message_url_method="POST", callback_message_url="https://example.com/dlr")
    assert client.message_routes.get(message_route_id=route.message_route_id).callback_message_url == "https://example.com/dlr"
    client.message_routes.update(message_route_id=route.message_route_id, extra_body={"CallbackMessageUrl": None})
    assert client.message_routes.get(message_route_id=route.message_route_id).callback_message_url is None


def test_the_native_module_fits_its_size_budget() -> None:
    import os

    from telegent import _telegent

    # 7.80 MiB before the binding schema that words input errors in Python's names; 8.31 MiB with it.
    size = os.path.getsize(_telegent.__file__)
    assert size <= 9 * 1024 * 1024, f"{size} bytes; the budget with the sandbox is 9 MiB"
