"""The package speaks Python at run time: real signatures and help, enums with their values,
options and sandbox controls a Python test needs, per-page DEBUG lines, times as `datetime`."""

from __future__ import annotations

import inspect
import logging
import pydoc
import typing
from datetime import datetime, timezone

import pytest

import telegent


def help_text(obj: object) -> str:
    return pydoc.render_doc(obj, renderer=pydoc.plaintext)


def test_a_method_signature_has_typed_keywords_with_required_ones_first_and_without_default(client: telegent.Client) -> None:
    signature = inspect.signature(client.messages.send)
    parameters = list(signature.parameters.values())
    assert [p.name for p in parameters[:3]] == ["to", "from_", "body"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters)
    assert all(p.default is inspect.Parameter.empty for p in parameters[:3])
    assert signature.parameters["campaign_id"].default is None
    assert signature.parameters["from_"].annotation == "str"
    assert signature.parameters["to"].annotation == "Sequence[Recipient | Mapping[str, Any] | str]"
    assert signature.return_annotation == "Message"


def test_help_of_a_method_shows_its_documentation_and_what_it_returns(client: telegent.Client) -> None:
    text = help_text(client.messages.send)
    assert "send(*, to: 'Sequence[Recipient | Mapping[str, Any] | str]', from_: 'str', body: 'str'" in text
    assert "POST /v1.0/message/outbound" in text
    assert "from_: sender number, E.164, must be provisioned on the account (`From`). Required." in text
    assert "Returns:" in text and "    Message: What `messages.send`" in text


def test_an_enum_parameter_is_typed_and_documented_with_its_values(client: telegent.Client) -> None:
    signature = inspect.signature(client.numbers.provision)
    assert signature.parameters["number_type"].annotation == "NumberType"
    assert typing.get_args(telegent.NumberType) == ("mobile", "mvno", "iot")
    assert "One of `mobile`, `mvno`, `iot`." in help_text(client.numbers.provision)


def test_type_hints_resolve_at_run_time(client: telegent.Client) -> None:
    hints = typing.get_type_hints(type(client.numbers).provision)
    assert hints["number_type"] == telegent.NumberType
    assert hints["return"] is telegent.ProvisionedNumbers


def test_a_paging_method_says_what_it_yields(client: telegent.Client) -> None:
    assert inspect.signature(client.numbers.list_all).return_annotation == "Iterator[Number]"
    text = help_text(client.numbers.list_all)
    assert "Yields:" in text and "    Number: What `numbers.update`" in text


def test_help_of_the_client_shows_its_options_and_resource_groups() -> None:
    text = help_text(telegent.Client)
    for option in ("account_key", "timeout", "total_timeout", "max_retries", "max_pages", "allow_insecure_http", "proxy"):
        assert option in text
    assert "messages = " in text and "SMS and MMS: send, look up, search." in text
    assert "numbers = " in text


def test_an_operation_that_returns_one_account_says_so(client: telegent.Client) -> None:
    assert inspect.signature(client.accounts.list).return_annotation == "AccountSummary"
    assert "answers one account object" in help_text(client.accounts.list)


def test_the_data_usage_settings_read_is_named_as_a_read(client: telegent.Client) -> None:
    assert hasattr(client.numbers.data_usage, "get_settings")
    assert not hasattr(client.numbers.data_usage, "update_settings")


def test_a_shared_response_model_names_every_operation_that_answers_it() -> None:
    doc = telegent.Number.__doc__ or ""
    assert "`numbers.update`" in doc and "`numbers.list`" in doc


def test_the_total_deadline_bounds_a_call_with_its_retries(sandbox: telegent.Sandbox) -> None:
    sandbox.fault("numbers.list", delay=0.4, times=5)
    client = sandbox.client(timeout=0.3, max_retries=5, total_timeout=0.8)
    with pytest.raises(telegent.TimeoutError):
        client.numbers.list()
    sandbox.clear_faults()


def test_with_options_takes_a_total_timeout_and_a_page_cap(sandbox: telegent.Sandbox) -> None:
    capped = sandbox.client().with_options(total_timeout=5.0, max_pages=1)
    with pytest.raises(telegent.DecodeError, match="cap of 1 pages"):
        list(capped.numbers.list_all())


def test_a_sandbox_fault_answers_the_status_it_was_given(sandbox: telegent.Sandbox) -> None:
    sandbox.fault("messages.get", status=404, times=1)
    with pytest.raises(telegent.NotFoundError):
        sandbox.client().messages.get(message_id="TMID-none")


def test_a_sandbox_reset_clears_records_and_counters(sandbox: telegent.Sandbox) -> None:
    client = sandbox.client()
    client.message_routes.create(route_name="Temp", message_url="https://example.com/in", message_url_method="POST")
    assert sandbox.executions("message_routes.create") >= 1
    sandbox.reset()
    assert sandbox.executions("message_routes.create") == 0


def test_every_page_of_a_walk_is_a_debug_line(client: telegent.Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="telegent"):
        items = list(client.numbers.list_all())
    pages = [r.getMessage() for r in caplog.records if " page " in r.getMessage()]
    assert items and pages
    assert pages[0].startswith("telegent numbers.list page 1 ok (")


def test_a_token_expiry_is_a_timezone_aware_utc_datetime() -> None:
    token = telegent.Token.from_dict({"token": "t", "tokenExpiry": "05/02/2025 06:36:13 PM"})
    assert token.expires_at == datetime(2025, 5, 2, 18, 36, 13, tzinfo=timezone.utc)
    assert telegent.Token.from_dict({"tokenExpiry": "soon"}).expires_at is None


def test_a_minted_token_has_an_expiry_in_the_future(sandbox: telegent.Sandbox) -> None:
    token = sandbox.client().tokens.create(account_key=sandbox.account_key, account_secret=sandbox.account_secret)
    assert token.expires_at is not None and token.expires_at > datetime.now(timezone.utc)
