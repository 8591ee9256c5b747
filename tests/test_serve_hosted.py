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


def test_serve_says_where_people_sign_in(run: Cli, paths: dict[str, str]) -> None:
    import os
    import subprocess
    import sys

    from mail_servers import free_port

    made = run("server", "init", "--admin-email", "boss@example.org", "--password-stdin", input=PASSWORD + "\n")
    assert made.exit_code == 0, made.output
    port = free_port()
    argv = [sys.executable, "-m", "followup", "--db", paths["db"], "--config", paths["config"]]
    env = {**os.environ, "FOLLOWUP_DATABASE_URL": "", "FOLLOWUP_DB": ""}
    with subprocess.Popen(
        [*argv, "serve", "--no-browser", "--port", str(port)], stdout=subprocess.PIPE, text=True, env=env
    ) as server:
        try:
            assert server.stdout is not None
            lines = [server.stdout.readline() for _ in range(2)]
        finally:
            server.terminate()
    assert lines[1].strip() == f"People sign in with their accounts at http://127.0.0.1:{port}/login"
    assert "token=" not in "".join(lines)
