"""The Python runner of the shared conformance suite (tests/conformance/README.md).

Every case goes through the package's public, typed API: `client.<group>.<method>(**kwargs)`
with the names the manifest gives Python, results read back with `to_dict()`, errors judged by
their exception class. Run directly, it ends with the line `N passed, M failed`; with `--async`
every call goes through `telegent.AsyncClient` instead of `telegent.Client`.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import telegent

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "conformance" / "cases"
MANIFEST = {op["id"]: op for op in json.loads((ROOT / "spec" / "operations.json").read_text())["operations"]}


class Failure(Exception):
    pass


def load_cases(root: Path = CASES) -> List[Tuple[Path, Dict[str, Any]]]:
    out = []
    for path in sorted(root.rglob("*.json"), key=lambda p: str(p)):
        value = json.loads(path.read_text())
        for case in value if isinstance(value, list) else [value]:
            out.append((path, case))
    return out


class Target:
    def __init__(self, sandbox: telegent.Sandbox, asynchronous: bool = False) -> None:
        self.asynchronous = asynchronous
        self.loop = asyncio.new_event_loop() if asynchronous else None
        self.base_url = sandbox.base_url
        self.account_key = sandbox.account_key
        self.account_secret = sandbox.account_secret
        self.account_id = self.admin("GET", "info")["account_id"]

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        data = None if method == "GET" else json.dumps(body if body is not None else {}).encode()
        request = urllib.request.Request(f"{self.base_url}/__sandbox/{path}", data=data, method=method, headers={"content-type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read())

    def client(self, options: Dict[str, Any]) -> Any:
        kwargs: Dict[str, Any] = {}
        if "max_retries" in options:
            kwargs["max_retries"] = options["max_retries"]
        if "timeout_ms" in options:
            kwargs["timeout"] = options["timeout_ms"] / 1000
        if "token_scope" in options:
            kwargs["token_scope"] = options["token_scope"]
        cls = telegent.AsyncClient if self.asynchronous else telegent.Client
        return cls(self.account_key, self.account_secret, base_url=self.base_url, **kwargs)

    def settle(self, outcome: Any) -> Any:
        """The value of a call: awaited on the runner's event loop for `AsyncClient`."""
        if self.loop is not None and inspect.isawaitable(outcome):
            return self.loop.run_until_complete(outcome)
        return outcome

    def substitute(self, value: Any, saved: Dict[str, Any]) -> Any:
        if isinstance(value, str):
            return self._text(value, saved)
        if isinstance(value, list):
            return [self.substitute(v, saved) for v in value]
        if isinstance(value, dict):
            return {k: self.substitute(v, saved) for k, v in value.items()}
        return value

    def _lookup(self, name: str, saved: Dict[str, Any]) -> Any:
        fixed = {"base_url": self.base_url, "account_key": self.account_key, "account_secret": self.account_secret, "account_id": self.account_id}
        if name in fixed:
            return fixed[name]
        # A reference to nothing saved is an error, as in the Rust runner: never a silent null.
        unknown = Failure(f"the reference ${{{name}}} names nothing saved")
        parts = name.split(".")
        if parts[0] not in saved:
            raise unknown
        value: Any = saved[parts[0]]
        for part in parts[1:]:
            if isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            elif isinstance(value, dict) and part in value:
                value = value[part]
            else:
                raise unknown
        return value

    def _text(self, text: str, saved: Dict[str, Any]) -> Any:
        if "${" not in text:
            return text
        if text.startswith("${") and text.endswith("}") and text.count("${") == 1:
            return self._lookup(text[2:-1], saved)
        out, rest = "", text
        while "${" in rest:
            start = rest.index("${")
            end = rest.find("}", start)
            if end < 0:  # an unterminated placeholder is text, as in the Rust runner
                break
            value = self._lookup(rest[start + 2 : end], saved)
            out += rest[:start] + (value if isinstance(value, str) else json.dumps(value))
            rest = rest[end + 1 :]
        return out + rest


def to_wire(value: Any) -> Any:
    if isinstance(value, telegent.Model):
        return value.to_dict()
    if isinstance(value, list):
        return [to_wire(v) for v in value]
    return value


def call(target_: "Target", client: Any, operation: str, params: Optional[Any], body: Optional[Any]) -> Any:
    """Calls `operation` through the typed API, mapping wire names to the manifest's Python names."""
    entry = MANIFEST.get(operation)
    if entry is None:
        return target_.settle(client.call(operation, params, body))
    target: Any = client
    for part in entry["call"]["python"].split(".")[1:]:
        target = getattr(target, part)
    kwargs: Dict[str, Any] = {}
    extra: Dict[str, Any] = {"query": {}, "body": {}}
    for location, given in (("query", params), ("body", body)):
        if given is None:
            continue
        if not isinstance(given, dict):
            kwargs["extra_query" if location == "query" else "extra_body"] = given
            continue
        for wire, value in given.items():
            spec = next((p for p in entry["parameters"] if p["in"] == location and p["wire"] == wire), None)
            spec = spec or next((p for p in entry["parameters"] if p["in"] == location and p["wire"].lower() == wire.lower()), None)
            # An explicit null has no keyword form (None means "not given"): it goes as extra.
            if spec is None or spec["python"] in kwargs or value is None:
                extra[location][wire] = value
            else:
                kwargs[spec["python"]] = value
    for spec in entry["parameters"]:
        # A required argument the case leaves out is passed as None (Python would refuse the call
        # itself with a TypeError), so the SDK's own check reports it.
        if spec["required"] and spec["python"] not in kwargs and (params is not None or body is not None):
            kwargs[spec["python"]] = None
    if extra["query"]:
        kwargs["extra_query"] = extra["query"]
    if extra["body"]:
        kwargs.setdefault("extra_body", extra["body"])
    return to_wire(target_.settle(target(**kwargs)))


def same(expected: Any, actual: Any) -> bool:
    """JSON equality as the Rust runner has it: booleans, integers and decimals are distinct."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(same(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(same(a, b) for a, b in zip(expected, actual))
    return type(expected) is type(actual) and expected == actual


def contains(part: Any, whole: Any, at: str) -> None:
    if isinstance(part, dict) and isinstance(whole, dict):
        for k, v in part.items():
            if k not in whole:
                raise Failure(f"{at}.{k} is missing")
            contains(v, whole[k], f"{at}.{k}")
    elif isinstance(part, list) and isinstance(whole, list) and len(part) == len(whole):
        for i, (a, b) in enumerate(zip(part, whole)):
            contains(a, b, f"{at}[{i}]")
    elif not same(part, whole):
        raise Failure(f"{at} is {json.dumps(whole)}, expected {json.dumps(part)}")


def python_names(operation: str, wires: List[str]) -> List[str]:
    """The Python parameter names of an operation's wire fields."""
    params = MANIFEST[operation]["parameters"] if operation in MANIFEST else []
    return [next((p["python"] for p in params if p["wire"] == wire), wire) for wire in wires]


def judge(outcome: Dict[str, Any], result: Any, error: Optional[telegent.TelegentError], operation: str = "") -> None:
    expected_error = outcome.get("error")
    if error is None and expected_error is None:
        if "result" in outcome and not same(outcome["result"], result):
            raise Failure(f"result differs:\n  expected {json.dumps(outcome['result'])}\n  got      {json.dumps(result)}")
        if "result_contains" in outcome:
            contains(outcome["result_contains"], result, "result")
        return
    if error is None:
        raise Failure(f"expected a {expected_error['kind']} error, got the result {json.dumps(result)}")
    if expected_error is None:
        raise Failure(f"expected a result, got the error {error}")
    wrong = []
    if error.kind != expected_error["kind"]:
        wrong.append(f"kind {error.kind} (expected {expected_error['kind']})")
    if "status" in expected_error and error.status != expected_error["status"]:
        wrong.append(f"status {error.status} (expected {expected_error['status']})")
    if "message" in expected_error and error.message != expected_error["message"]:
        wrong.append(f"message {error.message!r} (expected {expected_error['message']!r})")
    if "message_contains" in expected_error and expected_error["message_contains"] not in error.message:
        wrong.append(f"message {error.message!r} (expected it to contain {expected_error['message_contains']!r})")
    if "fields" in expected_error and sorted(error.field_errors) != sorted(python_names(operation, expected_error["fields"])):
        wrong.append(f"fields {sorted(error.field_errors)} (expected {sorted(python_names(operation, expected_error['fields']))})")
    if "request_id" in expected_error and error.request_id != expected_error["request_id"]:
        wrong.append(f"request id {error.request_id!r} (expected {expected_error['request_id']!r})")
    if "retries" in expected_error and error.retries != expected_error["retries"]:
        wrong.append(f"{error.retries} retries (expected {expected_error['retries']})")
    if "retry_after_ms" in expected_error and (error.retry_after is None or round(error.retry_after * 1000) != expected_error["retry_after_ms"]):
        wrong.append(f"retry-after {error.retry_after} (expected {expected_error['retry_after_ms']} ms)")
    if wrong:
        raise Failure(f"wrong error ({error}): {', '.join(wrong)}")


def attempt(target: Target, client: Any, operation: str, params: Any, body: Any) -> Tuple[Any, Optional[telegent.TelegentError]]:
    try:
        return call(target, client, operation, params, body), None
    except telegent.TelegentError as e:
        return None, e


def run_wire(target: Target, case: Dict[str, Any]) -> None:
    target.admin("POST", "script", target.substitute(case["exchanges"], {}))
    client = target.client(case.get("client", {}))
    inputs = case.get("input", {})
    params = target.substitute(inputs["params"], {}) if "params" in inputs else None
    body = target.substitute(inputs["body"], {}) if "body" in inputs else None
    started = time.monotonic()
    result, error = attempt(target, client, case["operation"], params, body)
    elapsed_ms = (time.monotonic() - started) * 1000
    report = target.admin("GET", "script")
    if report["mismatches"]:
        raise Failure("the requests differ from the case: " + "; ".join(report["mismatches"]))
    if report["remaining"] != 0:
        raise Failure(f"{report['remaining']} expected request(s) were never made (served {report['served']})")
    at_least = case["outcome"].get("elapsed_at_least_ms")
    if at_least is not None and elapsed_ms < at_least:
        raise Failure(f"the call took {elapsed_ms:.0f} ms, expected at least {at_least} ms")
    judge(case["outcome"], result, error, case["operation"])


def run_flow(target: Target, case: Dict[str, Any]) -> None:
    saved: Dict[str, Any] = {}
    client = target.client({})
    for i, step in enumerate(case["steps"], start=1):
        try:
            if "client" in step:
                client = target.client(step["client"])
            if "fault" in step:
                target.admin("POST", "faults", target.substitute(step["fault"], saved))
            if "token_ttl_s" in step:
                target.admin("POST", "token-ttl", {"seconds": step["token_ttl_s"]})
            if "wait_ms" in step:
                time.sleep(step["wait_ms"] / 1000)
            if "tokens_minted" in step:
                minted = target.admin("GET", "counters")["tokens_minted"]
                if minted != step["tokens_minted"]:
                    raise Failure(f"{minted} token(s) minted, expected {step['tokens_minted']}")
            if "executions" in step:
                counters = target.admin("GET", "counters")["operations"]
                for op, n in step["executions"].items():
                    if counters.get(op, 0) != n:
                        raise Failure(f"{op} ran {counters.get(op, 0)} time(s), expected {n}")
            if "call" not in step:
                continue
            op = step["call"]
            params = target.substitute(step["params"], saved) if "params" in step else None
            body = target.substitute(step["body"], saved) if "body" in step else None
            result, error = attempt(target, client, op, params, body)
            if "save" in step and error is None:
                saved[step["save"]] = result
            if "expect" in step:
                try:
                    judge(target.substitute(step["expect"], saved), result, error, op)
                except Failure as f:
                    raise Failure(f"{op}: {f}") from None
            elif error is not None:
                raise Failure(f"{op} failed: {error}")
        except Failure as f:
            raise Failure(f"step {i}: {f}") from None


def run_case(target: Target, case: Dict[str, Any]) -> None:
    target.admin("POST", "reset")
    if case["kind"] == "wire":
        run_wire(target, case)
    else:
        run_flow(target, case)


def run_all(cases: List[Tuple[Path, Dict[str, Any]]], asynchronous: bool = False) -> Tuple[int, int, List[str]]:
    failures: List[str] = []
    with telegent.Sandbox() as sandbox:
        target = Target(sandbox, asynchronous)
        for path, case in cases:
            try:
                run_case(target, case)
            except Exception as e:  # a runner must report, not stop, on any failure
                failures.append(f"FAIL {case.get('name')} ({path}): {e}")
    return len(cases) - len(failures), len(failures), failures


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--async"]
    asynchronous = "--async" in sys.argv[1:]
    cases = load_cases(Path(args[0]) if args else CASES)
    passed, failed, failures = run_all(cases, asynchronous)
    for line in failures:
        print(line, file=sys.stderr)
    wire = sum(1 for _, c in cases if c["kind"] == "wire")
    print(f"{'python-async' if asynchronous else 'python'}: {wire} wire cases, {len(cases) - wire} flow cases", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
