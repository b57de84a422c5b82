"""Bad input gets a typed error (`InvalidInputError`, or `TypeError` for a wrong Python type), never
a crash, a hang or a request quietly different from what was asked for."""

from __future__ import annotations

import _thread
import threading
import time
from typing import Any

import pytest

import telegent

PROVISION: dict[str, Any] = {"number_type": "mvno", "message_type": "p2p", "product_type": "Sms"}


def test_a_required_argument_left_out_is_pythons_own_type_error(client: telegent.Client) -> None:
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'body'"):
        client.messages.send(from_="+18018018011", to=["+18015737111"])  # type: ignore[call-arg]


def test_a_required_argument_given_as_none_is_refused_by_its_python_name(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError) as caught:
        client.messages.send(from_="+18018018011", to=["+18015737111"], body=None)  # type: ignore[arg-type]
    assert caught.value.message == "body is required"
    assert caught.value.operation == "messages.send"
    assert caught.value.field_errors == {"body": ["is required"]}


def test_a_required_boolean_left_out_is_refused_not_sent_as_false(client: telegent.Client) -> None:
    with pytest.raises(TypeError, match="message_enabled"):
        client.numbers.provision(**PROVISION)  # type: ignore[call-arg]


def test_a_number_for_a_boolean_names_the_python_parameter_and_type(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError) as caught:
        client.numbers.provision(**PROVISION, message_enabled=2, voice_enabled=False)  # type: ignore[arg-type]
    assert caught.value.message == "message_enabled must be bool, found int"


def test_an_object_for_a_text_field_names_the_python_parameter(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError) as caught:
        client.messages.send(from_="+18018018011", to=["+18015737111"], body={"a": 1})  # type: ignore[arg-type]
    assert caught.value.message == "body must be str, found dict"


def test_a_wrong_list_item_is_named_by_its_index(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError) as caught:
        client.messages.send(from_="+18018018011", to=["+18015737111", 5], body="x")  # type: ignore[list-item]
    assert caught.value.message == "to[1] must be Recipient (or a mapping, or a str), found int"


def test_a_wrong_nested_field_is_named_by_its_python_path(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError) as caught:
        client.messages.send(from_="+18018018011", to=[telegent.Recipient(number=["x"])], body="x")  # type: ignore[arg-type]
    assert caught.value.message == "to[0].number must be str, found list"


def test_a_raw_call_by_id_names_wire_fields(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError) as caught:
        client.call("messages.send", body={"From": "+18018018011", "To": ["+18015737111"], "Body": {"a": 1}})
    assert caught.value.message == "Body must be text, found an object"


def test_an_unknown_client_option_is_a_type_error_naming_it() -> None:
    with pytest.raises(TypeError, match="'time_out'"):
        telegent.Client("k", "s", time_out=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'retries'"):
        telegent.Client.from_env(retries=3)  # type: ignore[call-arg]


def test_option_errors_use_python_spelling() -> None:
    with pytest.raises(telegent.InvalidInputError, match=r"allow_insecure_http=True"):
        telegent.Client("k", "s", base_url="http://api.example.com")


def test_a_sandbox_that_cannot_start_raises_a_telegent_error(sandbox: telegent.Sandbox) -> None:
    port = int(sandbox.base_url.rsplit(":", 1)[1])
    with pytest.raises(telegent.TelegentError):
        telegent.Sandbox(port=port)


def test_a_fault_for_an_unknown_operation_is_refused(sandbox: telegent.Sandbox) -> None:
    with pytest.raises(telegent.InvalidInputError, match="no operation"):
        sandbox.fault("messages.sned", status=500)


def test_an_integer_beyond_64_bits_is_refused(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError, match="64-bit"):
        client.messages.search(page=10**30)


@pytest.mark.parametrize("body", [object(), float("nan"), "\ud800"])
def test_a_value_json_cannot_carry_is_refused(client: telegent.Client, body: Any) -> None:
    with pytest.raises(telegent.InvalidInputError, match="cannot be sent as JSON"):
        client.messages.send(from_="+18018018011", to=["+18015737111"], body=body)


@pytest.mark.parametrize("option", ["timeout", "connect_timeout"])
@pytest.mark.parametrize("seconds", [1e20, 1e300, float("inf"), -1.0, 0.0])
def test_an_unusable_timeout_is_refused_not_a_panic(option: str, seconds: float) -> None:
    with pytest.raises(telegent.InvalidInputError, match=option):
        telegent.Client("k", "s", base_url="http://127.0.0.1:9", **{option: seconds})


def test_an_unusable_per_call_timeout_is_refused(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError, match="timeout"):
        client.with_options(timeout=1e20)


@pytest.mark.parametrize("retries", [-1, 2**40, 1.5, True])
def test_an_unusable_retry_count_is_refused(retries: Any) -> None:
    with pytest.raises(telegent.InvalidInputError, match="max_retries"):
        telegent.Client("k", "s", base_url="http://127.0.0.1:9", max_retries=retries)


def test_an_unusable_sandbox_token_lifetime_is_refused() -> None:
    with pytest.raises(telegent.InvalidInputError, match="token_ttl"):
        telegent.Sandbox(token_ttl=1e300)


def test_missing_credentials_name_the_python_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGENT_ACCOUNT_KEY", raising=False)
    monkeypatch.delenv("TELEGENT_ACCOUNT_SECRET", raising=False)
    with pytest.raises(telegent.InvalidInputError, match="account_key and account_secret"):
        telegent.Client.from_env()


def test_from_dict_refuses_keys_that_are_not_text() -> None:
    with pytest.raises(TypeError, match="text keys"):
        telegent.Message.from_dict({1: 2})  # type: ignore[dict-item]


def test_a_webhook_body_of_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="bytes, str or a mapping"):
        telegent.parse_inbound_message(5)  # type: ignore[arg-type]


def test_ctrl_c_interrupts_a_slow_call_at_once(sandbox: telegent.Sandbox, client: telegent.Client) -> None:
    sandbox.fault("numbers.list", delay=5.0, times=3)
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.numbers.list()
    finally:
        timer.cancel()
        sandbox.clear_faults()
    assert time.monotonic() - started < 2.0


def test_an_extra_body_on_a_get_is_refused_not_dropped(sandbox: telegent.Sandbox, client: telegent.Client) -> None:
    before = sandbox.executions("messages.get")
    with pytest.raises(telegent.InvalidInputError, match="GET"):
        client.messages.get(message_id="TMID-1", extra_body={"MessageId": "TMID-2"})
    assert sandbox.executions("messages.get") == before


def test_a_by_id_call_with_a_key_the_operation_does_not_have_is_refused(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError, match="RouteNmae.*extra_body"):
        client.call("message_routes.create", body={"RouteNmae": "Main", "MessageUrl": "https://example.com/in", "MessageUrlMethod": "POST"})


def test_a_by_id_call_with_a_query_for_a_body_operation_is_refused(client: telegent.Client) -> None:
    with pytest.raises(telegent.InvalidInputError, match="query parameter"):
        client.call("message_routes.create", params={"RouteName": "Main"})


def test_an_unknown_operation_id_for_executions_is_refused(sandbox: telegent.Sandbox) -> None:
    with pytest.raises(telegent.InvalidInputError, match="numbers.nope"):
        sandbox.executions("numbers.nope")
