"""`mypy --strict` accepts a real program written against the package's stubs, rejects a wrong
one, and accepts the package's own source."""

import subprocess
import sys
from pathlib import Path

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


def test_the_package_source_passes_mypy_strict() -> None:
    result = mypy_strict(PACKAGE_SOURCE)
    assert result.returncode == 0, result.stdout + result.stderr
