"""The quick-start example runs against an embedded sandbox unless told `--live`: credentials in
the environment alone never make it buy a number or send an SMS on that account."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import telegent

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "python" / "quickstart.py"


def run_example(account: telegent.Sandbox, *args: str) -> "subprocess.CompletedProcess[str]":
    env = dict(os.environ)
    env.update(TELEGENT_BASE_URL=account.base_url, TELEGENT_ACCOUNT_KEY=account.account_key, TELEGENT_ACCOUNT_SECRET=account.account_secret)
    return subprocess.run([sys.executable, str(EXAMPLE), *args], capture_output=True, text=True, env=env, timeout=120)


def test_credentials_in_the_environment_alone_leave_that_account_untouched(sandbox: telegent.Sandbox) -> None:
    before = sandbox.executions("numbers.provision"), sandbox.executions("messages.send")
    result = run_example(sandbox)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "embedded sandbox" in result.stdout
    assert (sandbox.executions("numbers.provision"), sandbox.executions("messages.send")) == before


def test_live_without_a_recipient_is_refused_before_any_call(sandbox: telegent.Sandbox) -> None:
    before = sandbox.executions("numbers.provision")
    result = run_example(sandbox, "--live")
    assert result.returncode == 2
    assert "--to" in result.stderr
    assert sandbox.executions("numbers.provision") == before


def test_live_says_what_it_will_do_and_sends_one_message_to_the_named_number(sandbox: telegent.Sandbox) -> None:
    before = sandbox.executions("numbers.provision"), sandbox.executions("messages.send")
    result = run_example(sandbox, "--live", "--to", "+18015550199")
    assert result.returncode == 0, result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert "LIVE" in first and "+18015550199" in first
    after = sandbox.executions("numbers.provision"), sandbox.executions("messages.send")
    assert after == (before[0] + 1, before[1] + 1)
