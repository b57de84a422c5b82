"""The shared conformance suite through the Python API: every case, the same N as every runner."""

from conformance_runner import load_cases, run_all


def test_every_conformance_case_passes() -> None:
    cases = load_cases()
    passed, failed, failures = run_all(cases)
    print(f"{passed} passed, {failed} failed")
    assert failed == 0, "\n".join(failures[:20])
    assert passed == len(cases) >= 302
