"""Names and docs that come from the manifest: corrected misspellings, integer page numbers, spec notes."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import telegent

PACKAGE = Path(telegent.__file__).parent


def test_trunk1_priority_is_sent_as_the_api_spells_it(client: telegent.Client) -> None:
    route = client.voice_routes.create(route_name="spelled", route_type="Trunk", trunk1_priority=3)
    assert route.trunk1_priority == 3
    assert route.to_dict()["Trunk1Priortiy"] == 3
    assert not hasattr(route, "trunk1_priortiy")
    assert telegent.CreateVoiceRouteRequest(trunk1_priority=4).to_dict() == {"Trunk1Priortiy": 4}


def test_the_misspelled_name_is_not_a_keyword(client: telegent.Client) -> None:
    with pytest.raises(TypeError):
        client.voice_routes.create(route_name="x", route_type="Trunk", trunk1_priortiy=3)  # type: ignore[call-arg]


def test_numbers_list_takes_an_integer_page_number(client: telegent.Client, tmp_path: Path) -> None:
    stub = (PACKAGE / "_resources.pyi").read_text()
    list_stub = next(line for line in stub.splitlines() if line.startswith("    def list(") and "total_numbers_requested" in line)
    assert "page_number: int | None" in list_stub, list_stub
    page = client.numbers.list(page_number=1, total_numbers_requested=2)
    assert page.page_number == 1
    wrong = tmp_path / "text_page.py"
    wrong.write_text("import telegent\nclient = telegent.Client('k', 's')\nclient.numbers.list(page_number='2')\n")
    checked = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(wrong)], capture_output=True, text=True)
    assert checked.returncode != 0 and "page_number" in checked.stdout, checked.stdout


def test_spec_notes_reach_docstrings() -> None:
    from telegent import _resources

    send = inspect.getdoc(_resources.MessagesApi.send)
    assert send is not None
    assert "Args:" in send and "sender number, E.164" in send, send
    assert "recipient, E.164" in (telegent.Recipient.__doc__ or "")
    stub = (PACKAGE / "_models.pyi").read_text()
    recipient = stub[stub.index("class Recipient(Model):") :]
    assert '"""recipient, E.164"""' in recipient[: recipient.index("def __init__")]
