"""The three files that make followup a background service, built from one `Launch`; no I/O.

A systemd user unit (Linux), a launchd agent's property list (macOS) and a Task
Scheduler task (Windows) each say: run this program with these arguments at
login, and start it again if it fails. Each format quotes differently, and a
data folder such as "/home/zoë/My Documents" must reach the program as one
argument, unchanged, in all three:

- systemd splits ExecStart= at spaces unless a word is in double quotes, reads
  backslash escapes inside them, expands `%` specifiers (in Environment= too) and
  `$` variables: every word is quoted, and `\\`, `"`, `%` and `$` escaped.
- launchd takes a list of arguments in XML: plistlib escapes it.
- Task Scheduler takes one command line that the program splits by the Microsoft
  C runtime's rules (`subprocess.list2cmdline` writes them); the XML is escaped by
  ElementTree.

None of the formats can carry a line break inside an argument, so one is refused.
"""

from __future__ import annotations

import plistlib
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from followup.errors import InvalidInput

SERVICE_NAME = "followup"
LAUNCHD_LABEL = "org.followup"
TASK_NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"
DESCRIPTION = "followup: the web app and reminders for your job-search follow-ups"
# A program that keeps failing at start is retried after this many seconds, not in a tight loop.
RESTART_DELAY_SECONDS = 10


@dataclass(frozen=True)
class Launch:
    """What the service manager starts: `program` with `arguments`, in `environment`."""

    program: str
    arguments: tuple[str, ...]
    environment: dict[str, str] = field(default_factory=dict)
    log_path: str | None = None  # launchd only: systemd keeps the output in the journal

    def __post_init__(self) -> None:
        for word in (self.program, *self.arguments, *self.environment, *self.environment.values()):
            if any(character in word for character in "\n\r\0"):
                raise InvalidInput(
                    f"{word!r} holds a line break, which a service definition cannot carry",
                    hint="Use a data or settings folder whose path is on one line.",
                )


def systemd_unit(launch: Launch) -> str:
    """A systemd user unit (`~/.config/systemd/user/followup.service`), started at login."""
    command = " ".join(_systemd_word(word, exec_line=True) for word in (launch.program, *launch.arguments))
    lines = [
        "[Unit]",
        f"Description={DESCRIPTION}",
        "",
        "[Service]",
        "Type=simple",
        f"ExecStart={command}",
        *(f"Environment={_systemd_word(f'{name}={value}')}" for name, value in sorted(launch.environment.items())),
        # followup serve exits 0 when another copy already serves the same data: no restart then.
        "Restart=on-failure",
        f"RestartSec={RESTART_DELAY_SECONDS}",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ]
    return "\n".join(lines)


def _systemd_word(word: str, *, exec_line: bool = False) -> str:
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    if exec_line:  # ExecStart= expands $NAME; Environment= does not
        escaped = escaped.replace("$", "$$")
    return f'"{escaped}"'


def launchd_plist(launch: Launch) -> bytes:
    """A launchd agent (`~/Library/LaunchAgents/org.followup.plist`), loaded at login."""
    agent: dict[str, object] = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": [launch.program, *launch.arguments],
        "EnvironmentVariables": dict(sorted(launch.environment.items())),
        "RunAtLoad": True,
        # Started again when it fails, not when it exits cleanly (another copy already serves the data).
        "KeepAlive": {"SuccessfulExit": False},
        "ThrottleInterval": RESTART_DELAY_SECONDS,
        "ProcessType": "Interactive",
    }
    if launch.log_path:
        agent["StandardOutPath"] = launch.log_path
        agent["StandardErrorPath"] = launch.log_path
    return plistlib.dumps(agent, fmt=plistlib.FMT_XML, sort_keys=False)


def windows_task(launch: Launch, user: str | None = None) -> str:
    """A Task Scheduler task for `schtasks /Create /XML`, run at the user's logon.

    Task Scheduler has no place for environment variables, so `launch.environment`
    must be carried by the arguments; a non-empty one is refused rather than lost.
    """
    if launch.environment:
        raise InvalidInput(
            "a Windows scheduled task cannot set environment variables",
            hint="Pass the values as command-line options instead.",
        )
    ET.register_namespace("", TASK_NAMESPACE)

    def element(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        child = ET.SubElement(parent, f"{{{TASK_NAMESPACE}}}{tag}")
        if text is not None:
            child.text = text
        return child

    task = ET.Element(f"{{{TASK_NAMESPACE}}}Task", {"version": "1.2"})
    info = element(task, "RegistrationInfo")
    element(info, "Description", DESCRIPTION)
    logon = element(element(task, "Triggers"), "LogonTrigger")
    element(logon, "Enabled", "true")
    if user:
        element(logon, "UserId", user)
    principal = element(element(task, "Principals"), "Principal", None)
    principal.set("id", "Author")
    if user:
        element(principal, "UserId", user)
    element(principal, "LogonType", "InteractiveToken")
    element(principal, "RunLevel", "LeastPrivilege")
    settings = element(task, "Settings")
    element(settings, "MultipleInstancesPolicy", "IgnoreNew")
    element(settings, "DisallowStartIfOnBatteries", "false")
    element(settings, "StopIfGoingOnBatteries", "false")
    element(settings, "ExecutionTimeLimit", "PT0S")  # runs until logoff, not the default three days
    restart = element(settings, "RestartOnFailure")
    element(restart, "Interval", "PT1M")  # the shortest Task Scheduler allows
    element(restart, "Count", "999")
    element(settings, "Enabled", "true")
    actions = element(task, "Actions", None)
    actions.set("Context", "Author")
    execute = element(actions, "Exec")
    element(execute, "Command", launch.program)
    element(execute, "Arguments", subprocess.list2cmdline(launch.arguments))
    ET.indent(task)
    return '<?xml version="1.0" encoding="UTF-16"?>\n' + ET.tostring(task, encoding="unicode") + "\n"
