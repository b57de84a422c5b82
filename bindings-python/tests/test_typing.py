"""`mypy --strict` accepts a real program written against the package's stubs."""

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "python" / "quickstart.py"


def test_the_quickstart_example_passes_mypy_strict() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(EXAMPLE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_rejects_a_wrong_call() -> None:
    bad = EXAMPLE.parent / "_wrong_types_check.py"
    bad.write_text("import telegent\nclient = telegent.Client('k', 's')\nclient.messages.send(from_=1, to=[], body='x')\n")
    try:
        result = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(bad)], capture_output=True, text=True)
    finally:
        bad.unlink()
    assert result.returncode != 0
    assert "from_" in result.stdout
