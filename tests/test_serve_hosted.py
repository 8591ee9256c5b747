"""`followup serve` on a hosted installation: people sign in with their accounts, workers do the rounds."""

from __future__ import annotations

from conftest import Cli

PASSWORD = "correct horse battery"


def test_the_local_scheduler_is_refused_on_a_hosted_installation(run: Cli) -> None:
    made = run("server", "init", "--admin-email", "boss@example.org", "--password-stdin", input=PASSWORD + "\n")
    assert made.exit_code == 0, made.output
    result = run("serve", "--no-browser", "--with-scheduler", "--port", "0")
    assert result.exit_code == 2
    assert "--with-scheduler" in result.output
    assert "followup worker" in result.output
