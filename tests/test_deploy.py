"""deploy/: the systemd units pass `systemd-analyze verify`, and every followup command the units and
the compose file run is one the CLI parses, options and all (a renamed option fails here, not in production)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import click
import pytest
import yaml  # type: ignore[import-untyped, unused-ignore]

from followup.cli import cli

DEPLOY = Path(__file__).parent.parent / "deploy"
UNITS = {"followup-web@.service": "8001", "followup-worker@.service": "1"}
INSTALLED = "/opt/followup/venv/bin/followup"


def exec_start(unit: str) -> list[str]:
    line = next(line for line in (DEPLOY / "systemd" / unit).read_text().splitlines() if line.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


def parsed(argv: list[str]) -> click.Context:
    """The followup command line `argv` (without "followup") as the CLI reads it; click's error when it does not."""
    ctx = cli.make_context("followup", list(argv))
    command: click.Command = cli
    args = unparsed(ctx)
    while isinstance(command, click.Group) and args:
        name, found, args = command.resolve_command(ctx, args)
        assert found is not None, argv
        assert name is not None, argv
        ctx = found.make_context(name, list(args), parent=ctx)
        command, args = found, unparsed(ctx)
    return ctx


def unparsed(ctx: click.Context) -> list[str]:
    with warnings.catch_warnings():  # click 8.2 keeps a group's command name apart, and says it will stop
        warnings.simplefilter("ignore", DeprecationWarning)
        return [*ctx.protected_args, *ctx.args]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
@pytest.mark.parametrize("unit", sorted(UNITS))
def test_the_units_pass_systemd_analyze_verify(unit: str, tmp_path: Path) -> None:
    # The one thing verify cannot find here is the installed program: the test's own stands in for it.
    text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
    assert INSTALLED in text
    program = Path(sys.executable).parent / "followup"
    (tmp_path / unit).write_text(text.replace(INSTALLED, str(program)), encoding="utf-8")
    instance = unit.replace("@.", f"@{UNITS[unit]}.")
    checked = subprocess.run(
        ["systemd-analyze", "verify", f"./{instance}"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    # verify exits 0 on warnings too ("Unknown key", "Failed to parse"): there must be none.
    assert (checked.returncode, checked.stderr, checked.stdout) == (0, "", "")
    lines = text.splitlines()
    assert "EnvironmentFile=/etc/followup/followup.env" in lines
    assert {"NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes"} <= set(lines)


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_the_units_run_commands_that_exist(unit: str) -> None:
    argv = exec_start(unit)
    assert argv[0] == INSTALLED
    words = [word.replace("%i", UNITS[unit]).replace("%H", "host") for word in argv[1:]]
    words = [word.replace("${FOLLOWUP_PUBLIC_HOST}", "careers.example.edu") for word in words]
    parsed(words)
    assert words[0] == {"followup-web@.service": "serve", "followup-worker@.service": "worker"}[unit]


def test_compose_runs_postgres_two_web_processes_two_workers_and_the_init_step() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["postgres"]["image"] == "postgres:16"
    commands = {name: service["command"] for name, service in services.items() if "command" in service}
    assert sorted(name for name, command in commands.items() if command[:2] == ["followup", "serve"]) == [
        "web-1",
        "web-2",
    ]
    assert sorted(name for name, command in commands.items() if command[:2] == ["followup", "worker"]) == [
        "worker-1",
        "worker-2",
    ]
    assert commands["init"][:3] == ["followup", "server", "init"]
    for command in commands.values():
        parsed([word.split("${", 1)[0] or "x@example.test" for word in command[1:]])
    for name in ("web-1", "web-2", "worker-1", "worker-2", "init"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "FOLLOWUP_SECRET_KEYS" in services[name]["environment"]
    assert "/readyz" in " ".join(services["web-1"]["healthcheck"]["test"])


def test_the_image_is_python_3_11_slim_with_the_hosted_extra() -> None:
    lines = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines()
    assert "FROM python:3.11-slim" in lines
    assert any(line.startswith("RUN pip install") and "[hosted]" in line for line in lines)


def test_a_command_the_cli_does_not_know_fails_this_check() -> None:
    with pytest.raises(click.UsageError):
        parsed(["serve", "--log-format", "xml"])
    with pytest.raises(click.UsageError):
        parsed(["server", "init", "--no-such-option"])


def test_the_compose_databases_role_is_ordinary_so_row_security_holds(
    postgresql_server, tmp_path: Path, monkeypatch
) -> None:
    """deploy/postgres-init.sh, run as the postgres image runs it, makes a database that followup's
    readiness finds served by an ordinary role (the image's own user is a superuser)."""
    from followup.app import operations, stored_secrets
    from followup.app.context import bootstrap
    from followup.store.actions import set_meta

    monkeypatch.setenv(stored_secrets.KEYS_VARIABLE, stored_secrets.new_key())

    environment = {
        "PATH": "/usr/bin:/bin",
        "PGHOST": "127.0.0.1",
        "PGPORT": str(postgresql_server.port),
        "POSTGRES_USER": "postgres",
        "FOLLOWUP_DB_PASSWORD": "it's a pass'word",  # quotes survive the script
    }
    subprocess.run(["sh", str(DEPLOY / "postgres-init.sh")], env=environment, check=True, capture_output=True)
    try:
        url = f"postgresql://followup:it%27s%20a%20pass%27word@127.0.0.1:{postgresql_server.port}/followup"
        env = bootstrap(url, str(tmp_path / "settings.toml"))
        try:
            with env.store.transaction():
                set_meta(env.store, "hosted", "1")
            found = operations.readiness(env)
        finally:
            env.close()
        assert found.ready, found.problems
        assert found.warnings == []
    finally:
        postgresql_server.admin("DROP DATABASE IF EXISTS followup WITH (FORCE)")
        postgresql_server.admin("DROP ROLE IF EXISTS followup")
