"""`followup service`: followup as a background service of the user's own service manager.

The three service definitions are generated and read back by their own tools:
the systemd unit by `systemd-analyze verify`, the launchd plist by plistlib, the
Windows task by ElementTree. A real systemd user manager cannot run here (no
login session, no user bus), so the CLI tests put a stand-in `systemctl` first on
PATH: a small script that records its arguments and answers as systemd would.
"""

from __future__ import annotations

import ntpath
import os
import plistlib
import shutil
import stat
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from followup.app import service as background
from followup.errors import FollowupError, InvalidInput

TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"
# A folder name each format must quote: a space, non-ASCII letters, an apostrophe, and
# the characters systemd would otherwise expand (% specifiers, $ variables).
AWKWARD_FOLDER = "Zoë's Bewerbungen 100% $HOME"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("FOLLOWUP_DB", raising=False)
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL", raising=False)
    monkeypatch.delenv("FOLLOWUP_CONFIG", raising=False)
    return home


@pytest.fixture
def awkward(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / AWKWARD_FOLDER
    folder.mkdir()
    return {"db": str(folder / "followup.db"), "config": str(folder / "settings.toml")}


def serve_arguments(paths: dict[str, str]) -> list[str]:
    options = ["--db", paths["db"], "--config", paths["config"]]
    return ["-m", "followup", *options, "serve", "--no-browser", "--with-scheduler"]


# -- the systemd unit ------------------------------------------------------------------------------


def systemd_words(line: str) -> list[str]:
    """ExecStart= split as systemd splits it: double-quoted words, backslash escapes, %% and $$."""
    words, word, quoted, index = [], "", False, 0
    while index < len(line):
        character = line[index]
        if character == "\\":
            word += line[index + 1]
            index += 2
            continue
        if character in "%$" and line[index + 1] == character:
            word += character
            index += 2
            continue
        assert character not in "%$", f"unescaped {character} in {line}"
        if character == '"':
            quoted = not quoted
        elif character == " " and not quoted:
            words.append(word)
            word = ""
        else:
            word += character
        index += 1
    return [*words, word]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_the_unit_file_passes_systemd_analyze_verify(home: Path, awkward: dict[str, str], tmp_path: Path) -> None:
    plan = background.plan(awkward["db"], awkward["config"], system="linux")
    assert plan.file_path == str(home / ".config" / "systemd" / "user" / "followup.service")
    unit = tmp_path / "followup.service"
    unit.write_bytes(plan.content)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    checked = subprocess.run(
        ["systemd-analyze", "verify", "--user", str(unit)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        check=False,
    )
    # verify exits 0 on warnings too ("Unknown key", "Failed to parse"): there must be none.
    assert (checked.returncode, checked.stderr, checked.stdout) == (0, "", "")
    lines = plan.text.splitlines()
    exec_start = next(line for line in lines if line.startswith("ExecStart="))
    assert systemd_words(exec_start.removeprefix("ExecStart=")) == [sys.executable, *serve_arguments(awkward)]
    assert 'Environment="PYTHONUNBUFFERED=1"' in lines
    assert {"Restart=on-failure", "WantedBy=default.target"} <= set(lines)


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_an_unquoted_unit_would_fail_the_same_check(tmp_path: Path) -> None:
    # The check above can fail: a bad value is reported even though verify exits 0.
    unit = tmp_path / "followup.service"
    unit.write_text(f"[Service]\nExecStart={sys.executable} -m followup\nRestartSec=ten\n", encoding="utf-8")
    checked = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False)
    assert "Failed to parse" in checked.stderr


def test_a_port_chosen_at_install_is_passed_to_serve(home: Path, awkward: dict[str, str]) -> None:
    plan = background.plan(awkward["db"], awkward["config"], port=9000, system="linux")
    exec_start = next(line for line in plan.text.splitlines() if line.startswith("ExecStart="))
    assert systemd_words(exec_start.removeprefix("ExecStart="))[-2:] == ["--port", "9000"]


# -- the launchd agent -----------------------------------------------------------------------------


def test_the_plist_reads_back_with_the_same_arguments(home: Path, awkward: dict[str, str]) -> None:
    plan = background.plan(awkward["db"], awkward["config"], system="darwin")
    assert plan.file_path == str(home / "Library" / "LaunchAgents" / "org.followup.plist")
    agent = plistlib.loads(plan.content)
    assert agent["Label"] == "org.followup"
    assert agent["ProgramArguments"] == [sys.executable, *serve_arguments(awkward)]
    assert agent["RunAtLoad"] is True
    assert agent["KeepAlive"] == {"SuccessfulExit": False}
    assert agent["EnvironmentVariables"] == {"PYTHONUNBUFFERED": "1"}
    log = str(Path(awkward["db"]).parent / "service.log")
    assert (agent["StandardOutPath"], agent["StandardErrorPath"]) == (log, log)
    uid = os.getuid()
    assert [command.typed for command in plan.install] == [
        f"launchctl bootout gui/{uid}/org.followup",
        f"launchctl bootstrap gui/{uid} {home}/Library/LaunchAgents/org.followup.plist",
    ]


def test_a_postgresql_database_is_passed_as_its_url_and_the_log_goes_beside_the_settings(
    home: Path, awkward: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Made absolute like a path, the URL named a file in the current folder (found by --store=postgresql).
    url = "postgresql://followup@db.example/followup"
    plan = background.plan(url, awkward["config"], system="darwin")
    agent = plistlib.loads(plan.content)
    assert agent["ProgramArguments"] == [sys.executable, *serve_arguments({**awkward, "db": url})]
    assert agent["StandardOutPath"] == str(Path(awkward["config"]).parent / "service.log")
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)  # as `followup` itself, the URL comes before the file
    assert plistlib.loads(background.plan(None, awkward["config"], system="darwin").content) == agent


def test_the_launchd_log_is_readable_by_its_owner_only(
    home: Path, awkward: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `followup serve` prints its sign-in link, which launchd writes to this log.
    folder = tmp_path / "launchctl"
    folder.mkdir()
    stand_in = folder / "launchctl"
    stand_in.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    stand_in.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    plan = background.plan(awkward["db"], awkward["config"], system="darwin")
    background.install(plan)
    log = Path(awkward["db"]).parent / "service.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert plistlib.loads(Path(plan.file_path).read_bytes())["StandardOutPath"] == str(log)


# -- the Windows task ------------------------------------------------------------------------------


def windows_words(line: str) -> list[str]:
    """A command line split by the Microsoft C runtime's rules, as the started program reads it."""
    words: list[str] = []
    word, quoted, backslashes, started = "", False, 0, False
    for character in line:
        if character == "\\":
            backslashes += 1
            continue
        if character == '"':
            word += "\\" * (backslashes // 2)
            if backslashes % 2:
                word += '"'
            else:
                quoted = not quoted
            backslashes, started = 0, True
            continue
        word += "\\" * backslashes
        backslashes = 0
        if character in " \t" and not quoted:
            if word or started:
                words.append(word)
            word, started = "", False
        else:
            word += character
            started = True
    word += "\\" * backslashes
    return [*words, word] if word or started else words


def test_the_windows_task_reads_back_with_the_same_arguments(
    home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("USERNAME", "zoë")
    monkeypatch.setenv("USERDOMAIN", "LAPTOP")
    folder = f"C:\\Users\\zoë\\{AWKWARD_FOLDER}"
    paths = {"db": f"{folder}\\followup.db", "config": f"{folder}\\settings.toml"}
    monkeypatch.setattr(os, "path", ntpath)  # Windows paths, as they are read on Windows
    plan = background.plan(paths["db"], paths["config"], system="win32")
    monkeypatch.undo()
    assert plan.content.startswith(b"\xff\xfe")  # UTF-16 with its byte order mark, as schtasks reads it
    task = ET.fromstring(plan.content)
    assert task.tag == f"{TASK}Task"
    execute = task.find(f"{TASK}Actions/{TASK}Exec")
    assert execute is not None
    assert execute.findtext(f"{TASK}Command") == sys.executable
    assert windows_words(execute.findtext(f"{TASK}Arguments") or "") == serve_arguments(paths)
    assert task.findtext(f"{TASK}Triggers/{TASK}LogonTrigger/{TASK}UserId") == "LAPTOP\\zoë"
    assert task.findtext(f"{TASK}Settings/{TASK}ExecutionTimeLimit") == "PT0S"
    assert plan.file_path == f"{folder}\\followup-task.xml"
    assert [command.typed for command in plan.install] == [
        f'schtasks /Create /TN followup /XML "{plan.file_path}" /F',
        "schtasks /Run /TN followup",
    ]


def test_the_splitter_used_above_reads_quotes_and_backslashes_as_windows_does() -> None:
    assert windows_words(r'a "b c" d\\"e f"\"g h\\') == ["a", "b c", 'd\\e f"g', "h\\\\"]


# -- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("system", ["linux", "darwin", "win32"])
def test_a_data_path_with_a_line_break_is_refused_plainly(home: Path, tmp_path: Path, system: str) -> None:
    with pytest.raises(InvalidInput, match="line break"):
        background.plan(str(tmp_path / "two\nlines" / "followup.db"), str(tmp_path / "s.toml"), system=system)


def test_a_system_without_a_known_service_manager_is_told_what_to_do_instead(
    home: Path, awkward: dict[str, str]
) -> None:
    with pytest.raises(FollowupError) as caught:
        background.plan(awkward["db"], awkward["config"], system="freebsd14")
    assert str(caught.value) == (
        "followup cannot register itself with this system's service manager (freebsd14)\n"
        "  Run `followup serve --no-browser --with-scheduler` from your system's startup settings instead."
    )


# -- the command, with a stand-in systemctl --------------------------------------------------------

STAND_IN = """\
#!/bin/sh
# Records its arguments; answers `is-active` with the state in ./state, or fails like systemd without a session.
# Only shell builtins: PATH holds nothing but this folder.
here='{folder}'
echo "$*" >> "$here/calls"
if [ -e "$here/no-session" ]; then
    echo "Failed to connect to bus: No medium found" >&2
    exit 1
fi
if [ "$2" = "is-active" ]; then
    state=active
    [ -e "$here/state" ] && read -r state < "$here/state"
    echo "$state"
    [ "$state" = active ]
    exit $?
fi
exit 0
"""


@pytest.fixture
def systemctl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "systemctl"
    script.write_text(STAND_IN.format(folder=folder), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(folder))  # no real systemctl reachable
    monkeypatch.setattr(sys, "platform", "linux")
    return folder


def calls(systemctl: Path) -> list[str]:
    path = systemctl / "calls"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_install_writes_the_unit_and_starts_it(run, home: Path, systemctl: Path) -> None:
    unit = home / ".config" / "systemd" / "user" / "followup.service"
    output = run.ok("service", "install")
    assert unit.read_bytes() == background.plan(run.paths["db"], run.paths["config"], system="linux").content
    assert calls(systemctl) == [
        "--user daemon-reload",
        "--user enable followup.service",
        "--user restart followup.service",
    ]
    assert output == (
        "followup now runs in the background (systemd) and starts again whenever you log in.\n"
        f"Its file: {unit}\n"
        "Open it with `followup open`.\n"
        "Stop it with `systemctl --user stop followup`; remove it with `followup service uninstall`.\n"
    )


def test_install_dry_run_prints_the_file_and_commands_and_changes_nothing(run, home: Path, systemctl: Path) -> None:
    unit = home / ".config" / "systemd" / "user" / "followup.service"
    py, db, config = sys.executable, run.paths["db"], run.paths["config"]
    output = run.ok("service", "install", "--dry-run")
    assert output == textwrap.dedent(f"""\
        Would write {unit}:
        [Unit]
        Description=followup: the web app and reminders for your job-search follow-ups

        [Service]
        Type=simple
        ExecStart="{py}" "-m" "followup" "--db" "{db}" "--config" "{config}" "serve" "--no-browser" "--with-scheduler"
        Environment="PYTHONUNBUFFERED=1"
        Restart=on-failure
        RestartSec=10

        [Install]
        WantedBy=default.target
        Would run: systemctl --user daemon-reload
        Would run: systemctl --user enable followup.service
        Would run: systemctl --user restart followup.service
        """)
    assert not unit.exists()
    assert calls(systemctl) == []


def test_status_says_running_stopped_or_not_installed(run, home: Path, systemctl: Path) -> None:
    unit = home / ".config" / "systemd" / "user" / "followup.service"
    assert run.ok("service", "status") == (
        "followup is not installed as a background service.\n"
        "`followup service install` sets it up; `followup serve` runs it in a terminal instead.\n"
    )
    assert run.json("service", "status") == {
        "manager": "systemd",
        "installed": False,
        "state": "not installed",
        "file": str(unit),
    }
    run.ok("service", "install")
    assert run.ok("service", "status") == (
        "followup is running in the background (systemd).\n"
        f"Its file: {unit}\n"
        "What it printed: journalctl --user -u followup\n"
        "Stop it with `systemctl --user stop followup`; remove it with `followup service uninstall`.\n"
    )
    (systemctl / "state").write_text("inactive\n", encoding="utf-8")
    assert run.json("service", "status") == {
        "manager": "systemd",
        "installed": True,
        "state": "stopped",
        "file": str(unit),
    }
    assert "but is stopped" in run.ok("service", "status")


def test_uninstall_stops_it_and_removes_the_unit(run, home: Path, systemctl: Path) -> None:
    unit = home / ".config" / "systemd" / "user" / "followup.service"
    run.ok("service", "install")
    assert run.ok("service", "uninstall", "--dry-run") == (
        "Would run: systemctl --user disable --now followup.service\n"
        f"Would remove {unit}\n"
        "Would run: systemctl --user daemon-reload\n"
    )
    assert unit.exists()
    (systemctl / "calls").unlink()
    output = run.ok("service", "uninstall")
    assert not unit.exists()
    assert calls(systemctl) == ["--user disable --now followup.service", "--user daemon-reload"]
    assert output.startswith(f"followup no longer runs in the background; removed {unit}.\n")
    assert "nothing to do" in run.ok("service", "uninstall")


def test_without_a_systemd_user_session_the_message_says_what_to_do(run, home: Path, systemctl: Path) -> None:
    (systemctl / "no-session").touch()
    result = run("service", "install")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "there is no systemd user session here" in result.output
    assert "Log in to this computer's desktop, or over ssh as yourself" in result.output
    # Nothing half-installed (found as a user: the failed install left its unit, and status then
    # reported an installed service that systemd could not say anything about).
    assert run.json("service", "status")["state"] == "not installed"
    assert not (home / ".config" / "systemd" / "user" / "followup.service").exists()


def test_a_failed_reinstall_keeps_the_service_that_was_there(run, home: Path, systemctl: Path) -> None:
    unit = home / ".config" / "systemd" / "user" / "followup.service"
    assert run("service", "install").exit_code == 0
    working = unit.read_text(encoding="utf-8")
    (systemctl / "no-session").touch()
    assert run("service", "install", "--port", "8790").exit_code == 1
    assert unit.read_text(encoding="utf-8") == working


def test_without_systemctl_the_message_says_what_to_do(run, home: Path, systemctl: Path) -> None:
    (systemctl / "systemctl").unlink()
    result = run("service", "install")
    assert result.exit_code == 1
    assert "systemctl was not found, so systemd cannot be asked to run followup" in result.output
    assert "Run `followup serve` in a terminal instead" in result.output
