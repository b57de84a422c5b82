"""`mypy --strict` accepts a real program written against the package's stubs, rejects a wrong
one, and accepts the package's own source."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "python" / "quickstart.py"
PACKAGE_SOURCE = ROOT / "bindings-python" / "python" / "telegent"


def mypy_strict(*paths: Path) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", *map(str, paths)], capture_output=True, text=True)


def test_the_quickstart_example_passes_mypy_strict() -> None:
    result = mypy_strict(EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_rejects_a_wrong_call(tmp_path: Path) -> None:
    bad = tmp_path / "wrong_types.py"
    bad.write_text("import telegent\nclient = telegent.Client('k', 's')\nclient.messages.send(from_=1, to=[], body='x')\n")
    result = mypy_strict(bad)
    assert result.returncode != 0
    assert "from_" in result.stdout


def python_snippets(readme: Path) -> list[str]:
    text = readme.read_text()
    return [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]


@pytest.mark.parametrize("readme", [ROOT / "README.md", ROOT / "bindings-python" / "README.md"], ids=["README", "bindings-python-README"])
def test_the_readme_python_passes_mypy_strict_as_written(readme: Path, tmp_path: Path) -> None:
    snippets = python_snippets(readme)
    assert snippets, f"{readme} has no Python snippet"
    paths = []
    for i, code in enumerate(snippets):
        path = tmp_path / f"snippet_{i}.py"
        path.write_text(code)
        paths.append(path)
    result = mypy_strict(*paths)
    assert result.returncode == 0, result.stdout + result.stderr


WRONG_CALLS = {
    "client.messages.send(from_='+18018018011', to=['+18015737111'])": 'Missing named argument "body"',
    "client.numbers.provision(number_type='landline', message_type='p2p', message_enabled=True, voice_enabled=False, product_type='Sms')": '"number_type"',
    "client.numbers.update(number='+18018018011', message_enabled='yes')": '"message_enabled"',
    "client.messages.get(message_id=5)": '"message_id"',
    "client.messages.sned(to=[], from_='x', body='y')": 'has no attribute "sned"',
    "telegent.Client('k', 's', time_out=3)": 'Unexpected keyword argument "time_out"',
    "client.with_options(timeout='fast')": '"timeout"',
    "n: int = client.numbers.get(number='+18018018011')": "Incompatible types in assignment",
}


@pytest.mark.parametrize("call", list(WRONG_CALLS))
def test_mypy_rejects_a_wrong_call(call: str, tmp_path: Path) -> None:
    bad = tmp_path / "wrong_call.py"
    bad.write_text(f"import telegent\nclient = telegent.Client('k', 's')\n{call}\n")
    result = mypy_strict(bad)
    assert result.returncode != 0, f"mypy accepted: {call}"
    assert WRONG_CALLS[call] in result.stdout, result.stdout


def test_the_package_source_passes_mypy_strict() -> None:
    result = mypy_strict(PACKAGE_SOURCE)
    assert result.returncode == 0, result.stdout + result.stderr
