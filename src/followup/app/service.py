"""Keep followup running: register it with the user's own service manager, or take it off again.

The service runs `followup serve --no-browser --with-scheduler` for this data: the
web app, which `followup open` opens signed in, and the reminders as they fall due
(`app/scheduler.py`). It is started at login and again when it fails,
by systemd on Linux, launchd on macOS and Task Scheduler on Windows (the
definitions in `service_manager/`). The data and settings paths are written into
the service as absolute paths, so it serves the same data as the command that
installed it, whatever folder the service manager starts it in.

Nothing here opens the database: installing a service is about files and the
service manager, and works before the first `followup app add`.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from followup.app.context import default_config_path, default_db_path
from followup.files import make_private_file, make_private_folder
from followup.service_manager import managers
from followup.service_manager.definitions import Launch
from followup.store import db

# Python buffers output that goes to a file: the journal and the log would lag behind.
UNBUFFERED = {"PYTHONUNBUFFERED": "1"}


@dataclass(frozen=True)
class Status:
    manager: str
    file_path: str
    state: str  # "running", "stopped", "not installed", or "unknown" with `problem`
    how_to_stop: str
    logs: str
    problem: str | None = None

    @property
    def installed(self) -> bool:
        return self.state != "not installed"


def plan(
    db_path: str | None = None,
    config_path: str | None = None,
    *,
    port: int | None = None,
    system: str | None = None,
) -> managers.Plan:
    """What `followup service install` writes and runs on `system` (default: this computer's)."""
    system = system or sys.platform
    # The database the service opens is the one this command would open (bootstrap's order).
    db_path = db_path or os.environ.get("FOLLOWUP_DATABASE_URL") or os.environ.get("FOLLOWUP_DB") or default_db_path()
    config_path = os.path.abspath(config_path or os.environ.get("FOLLOWUP_CONFIG") or default_config_path())
    # A PostgreSQL URL is no path: made absolute it would name a file in the current folder. The files
    # beside the database (the log among them) are then in the settings file's folder, as Env.data_folder says.
    data_folder = os.path.dirname(config_path)
    if not db.is_database_url(db_path):
        db_path = os.path.abspath(db_path)
        data_folder = os.path.dirname(db_path)
    windows = system in ("win32", "cygwin")
    arguments = ["-m", "followup", "--db", db_path, "--config", config_path]
    arguments += ["serve", "--no-browser", "--with-scheduler"]
    if port is not None:
        arguments += ["--port", str(port)]
    launch = Launch(
        program=_python(windows),
        arguments=tuple(arguments),
        # Task Scheduler has no environment to set, and no output to keep.
        environment={} if windows else dict(UNBUFFERED),
        log_path=None if windows else os.path.join(data_folder, "service.log"),
    )
    home = os.path.expanduser("~")
    return managers.plan_for(
        system,
        launch,
        home=home,
        config_home=os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config"),
        task_folder=os.path.dirname(config_path),
        user=_account(system),
    )


def install(the_plan: managers.Plan) -> None:
    if the_plan.manager == "launchd" and the_plan.logs:
        # launchd would create the log with the usual permissions, and `followup serve` prints its
        # sign-in link there: other accounts on this computer must not read it.
        make_private_folder(os.path.dirname(the_plan.logs))
        make_private_file(the_plan.logs)
    managers.install(the_plan)


def uninstall(the_plan: managers.Plan) -> bool:
    """Stop and remove the service; False when it was not installed (nothing is done then)."""
    if not os.path.exists(the_plan.file_path):
        return False
    managers.uninstall(the_plan)
    return True


def status(the_plan: managers.Plan) -> Status:
    def made(state: str, problem: str | None = None) -> Status:
        return Status(the_plan.manager, the_plan.file_path, state, the_plan.how_to_stop, the_plan.logs, problem)

    if not os.path.exists(the_plan.file_path):
        return made("not installed")
    try:
        return made(managers.state(the_plan))
    except managers.ServiceManagerError as exc:
        return made("unknown", str(exc))


def _python(windows: bool) -> str:
    executable = sys.executable
    if windows:
        # pythonw.exe runs without a console window, which would otherwise stay open all day.
        windowless = os.path.join(os.path.dirname(executable), "pythonw.exe")
        if os.path.exists(windowless):
            return windowless
    return executable


def _account(system: str) -> str:
    if system == "darwin":
        return str(os.getuid()) if hasattr(os, "getuid") else ""
    if system in ("win32", "cygwin"):
        name = os.environ.get("USERNAME", "")
        domain = os.environ.get("USERDOMAIN", "")
        return f"{domain}\\{name}" if domain and name else name
    return ""
