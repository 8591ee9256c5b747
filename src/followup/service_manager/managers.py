"""Registering followup with systemd, launchd or Task Scheduler, and asking whether it runs.

A `Plan` is everything an install does, as data: the file to write and the
commands to run. `--dry-run` prints it; `install` carries it out. Each service
manager's failures are turned into a message that says what to do, because the
usual one ("Failed to connect to bus") names neither the cause nor the fix.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
from dataclasses import dataclass

from followup.errors import FollowupError
from followup.files import write_atomically
from followup.service_manager.definitions import (
    LAUNCHD_LABEL,
    SERVICE_NAME,
    Launch,
    launchd_plist,
    systemd_unit,
    windows_task,
)

UNIT = f"{SERVICE_NAME}.service"


class ServiceManagerError(FollowupError):
    """The service manager is missing, unreachable, or refused a command."""


@dataclass(frozen=True)
class Command:
    arguments: tuple[str, ...]
    # Stopping what is not loaded fails, and is what we wanted anyway.
    may_fail: bool = False

    @property
    def typed(self) -> str:
        """The command as the user would type it."""
        if self.arguments[0] == "schtasks":
            return subprocess.list2cmdline(self.arguments)
        return shlex.join(self.arguments)


@dataclass(frozen=True)
class Plan:
    manager: str  # "systemd", "launchd" or "Task Scheduler", as the user knows it
    file_path: str
    content: bytes
    install: tuple[Command, ...]
    uninstall: tuple[Command, ...]  # run before the file is removed
    after_removal: tuple[Command, ...]
    status: Command
    how_to_stop: str
    logs: str

    @property
    def text(self) -> str:
        """The file as the user reads it (the Windows task is written in UTF-16, as schtasks expects)."""
        return self.content.decode("utf-16" if self.manager == "Task Scheduler" else "utf-8")


def plan_for(system: str, launch: Launch, *, home: str, config_home: str, task_folder: str, user: str) -> Plan:
    """The plan for `system` (a `sys.platform` value); `user` is the account (uid on macOS, DOMAIN\\name on Windows)."""
    if system.startswith("linux"):
        return Plan(
            manager="systemd",
            file_path=os.path.join(config_home, "systemd", "user", UNIT),
            content=systemd_unit(launch).encode("utf-8"),
            install=(
                Command(("systemctl", "--user", "daemon-reload")),
                Command(("systemctl", "--user", "enable", UNIT)),
                # restart, not start: a reinstall must pick up the new file
                Command(("systemctl", "--user", "restart", UNIT)),
            ),
            uninstall=(Command(("systemctl", "--user", "disable", "--now", UNIT), may_fail=True),),
            after_removal=(Command(("systemctl", "--user", "daemon-reload"), may_fail=True),),
            status=Command(("systemctl", "--user", "is-active", UNIT), may_fail=True),
            how_to_stop=f"systemctl --user stop {SERVICE_NAME}",
            logs=f"journalctl --user -u {SERVICE_NAME}",
        )
    if system == "darwin":
        target = f"gui/{user}/{LAUNCHD_LABEL}"
        path = os.path.join(home, "Library", "LaunchAgents", f"{LAUNCHD_LABEL}.plist")
        return Plan(
            manager="launchd",
            file_path=path,
            content=launchd_plist(launch),
            install=(
                Command(("launchctl", "bootout", target), may_fail=True),
                Command(("launchctl", "bootstrap", f"gui/{user}", path)),
            ),
            uninstall=(Command(("launchctl", "bootout", target), may_fail=True),),
            after_removal=(),
            status=Command(("launchctl", "print", target), may_fail=True),
            how_to_stop=f"launchctl bootout {target}",
            logs=launch.log_path or "",
        )
    if system in ("win32", "cygwin"):
        path = os.path.join(task_folder, "followup-task.xml")
        return Plan(
            manager="Task Scheduler",
            file_path=path,
            content=windows_task(launch, user or None).encode("utf-16"),
            install=(
                Command(("schtasks", "/Create", "/TN", SERVICE_NAME, "/XML", path, "/F")),
                Command(("schtasks", "/Run", "/TN", SERVICE_NAME)),
            ),
            uninstall=(
                Command(("schtasks", "/End", "/TN", SERVICE_NAME), may_fail=True),
                Command(("schtasks", "/Delete", "/TN", SERVICE_NAME, "/F")),
            ),
            after_removal=(),
            status=Command(("schtasks", "/Query", "/TN", SERVICE_NAME, "/FO", "LIST"), may_fail=True),
            how_to_stop=f"schtasks /End /TN {SERVICE_NAME}",
            logs="",
        )
    raise ServiceManagerError(
        f"followup cannot register itself with this system's service manager ({system})",
        hint="Run `followup serve --no-browser --with-scheduler` from your system's startup settings instead.",
    )


def install(plan: Plan) -> None:
    """Write the file, then register and start it; raises ServiceManagerError with the fix.

    A failure leaves the file as it was before (none, or the earlier one): nothing half-installed
    for `status` to report as a service that never started."""
    try:
        with open(plan.file_path, "rb") as handle:
            before: bytes | None = handle.read()
    except FileNotFoundError:
        before = None
    write_atomically(plan.file_path, plan.content, create_folder=True)
    try:
        for command in plan.install:
            _run(plan, command)
    except ServiceManagerError:
        if before is None:
            with contextlib.suppress(FileNotFoundError):
                os.remove(plan.file_path)
        else:
            write_atomically(plan.file_path, before)
        raise


def uninstall(plan: Plan) -> None:
    """Stop and unregister the service, then remove its file."""
    for command in plan.uninstall:
        _run(plan, command)
    with contextlib.suppress(FileNotFoundError):
        os.remove(plan.file_path)
    for command in plan.after_removal:
        _run(plan, command)


def state(plan: Plan) -> str:
    """Whether an installed service is "running" or "stopped"; raises ServiceManagerError when nobody can tell."""
    result = _run(plan, plan.status)
    output = result.stdout
    if plan.manager == "systemd":
        return "running" if output.strip() in ("active", "reloading") else "stopped"
    if plan.manager == "launchd":
        return "running" if result.returncode == 0 and "state = running" in output else "stopped"
    return "running" if any(line.split(":", 1)[-1].strip() == "Running" for line in output.splitlines()) else "stopped"


def _run(plan: Plan, command: Command) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(command.arguments, capture_output=True, text=True, check=False, timeout=60)
    except FileNotFoundError:
        raise ServiceManagerError(
            f"{command.arguments[0]} was not found, so {plan.manager} cannot be asked to run followup",
            hint="Run `followup serve` in a terminal instead, "
            "or `followup service install --dry-run` to see the file it would write.",
        ) from None
    except subprocess.TimeoutExpired:
        raise ServiceManagerError(f"`{command.typed}` did not answer within a minute") from None
    if result.returncode != 0 and not command.may_fail:
        raise _failure(plan, command, result.stderr or result.stdout)
    if plan.manager == "systemd" and _no_user_session(result.stderr):
        raise _failure(plan, command, result.stderr)
    return result


def _no_user_session(message: str) -> bool:
    return "Failed to connect to bus" in message or "XDG_RUNTIME_DIR" in message


def _failure(plan: Plan, command: Command, message: str) -> ServiceManagerError:
    if plan.manager == "systemd" and _no_user_session(message):
        return ServiceManagerError(
            "there is no systemd user session here, so systemd cannot start followup",
            hint="Log in to this computer's desktop, or over ssh as yourself (not with su or sudo), "
            "and run `followup service install` again. Until then, `followup serve` runs it in a terminal.",
        )
    first_line = next((line.strip() for line in message.splitlines() if line.strip()), "no message")
    return ServiceManagerError(f"`{command.typed}` failed: {first_line}", where=plan.manager)
