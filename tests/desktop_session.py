"""A session D-Bus of its own and a desktop's notification server on it, for the desktop notification tests.

The server owns org.freedesktop.Notifications as a desktop's does (GNOME Shell, KDE Plasma,
dunst), answers Notify, GetCapabilities, GetServerInformation and CloseNotification, and
records each notification; `press` sends ActionInvoked as a desktop does when the user
clicks a button. It runs its own event loop in a thread, as a desktop's runs in its own process.
"""

# No `from __future__ import annotations`: dbus-fast reads the D-Bus signatures from the annotations.

import asyncio
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import pytest
from dbus_fast import Variant
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusSignature
from dbus_fast.service import ServiceInterface, dbus_method, dbus_signal

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
WAIT = 30.0  # a machine busy with other jobs may be slow to start a process


@dataclass(frozen=True)
class Shown:
    id: int
    app_name: str
    title: str
    body: str
    actions: list[str]  # key, label, key, label, ... ("default" is the click)


class NotificationServer(ServiceInterface):
    def __init__(self, capabilities: list[str]) -> None:
        super().__init__(NAME)
        self.capabilities = capabilities
        self.shown: list[Shown] = []
        self.closed: list[int] = []

    @dbus_method()
    def GetCapabilities(self) -> Annotated[list[str], DBusSignature("as")]:
        return self.capabilities

    @dbus_method()
    def GetServerInformation(self) -> Annotated[list[str], DBusSignature("ssss")]:
        return ["followup-test-notifications", "followup tests", "1.0", "1.2"]

    @dbus_method()
    def Notify(
        self,
        app_name: Annotated[str, DBusSignature("s")],
        replaces_id: Annotated[int, DBusSignature("u")],
        app_icon: Annotated[str, DBusSignature("s")],
        summary: Annotated[str, DBusSignature("s")],
        body: Annotated[str, DBusSignature("s")],
        actions: Annotated[list[str], DBusSignature("as")],
        hints: Annotated[dict[str, Variant], DBusSignature("a{sv}")],
        expire_timeout: Annotated[int, DBusSignature("i")],
    ) -> Annotated[int, DBusSignature("u")]:
        shown = Shown(len(self.shown) + 1, app_name, summary, body, list(actions))
        self.shown.append(shown)
        return shown.id

    @dbus_method()
    def CloseNotification(self, notification_id: Annotated[int, DBusSignature("u")]) -> None:
        self.closed.append(notification_id)

    @dbus_signal()
    def ActionInvoked(self, notification_id: int, action_key: str) -> Annotated[list[Any], DBusSignature("us")]:
        return [notification_id, action_key]

    @dbus_signal()
    def NotificationClosed(self, notification_id: int, reason: int) -> Annotated[list[Any], DBusSignature("uu")]:
        return [notification_id, reason]


class Desktop:
    """The notification server on `address`, in a thread with its own event loop."""

    def __init__(self, address: str, capabilities: list[str]) -> None:
        self.server = NotificationServer(capabilities)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="test notification server", daemon=True)
        self._thread.start()
        self._bus: MessageBus = self._call(self._connect(address))

    def _call(self, work: Any) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(work, self._loop)
        return future.result(WAIT)

    async def _connect(self, address: str) -> MessageBus:
        bus = await MessageBus(bus_address=address).connect()
        bus.export(PATH, self.server)
        await bus.request_name(NAME)
        return bus

    @property
    def shown(self) -> list[Shown]:
        return list(self.server.shown)

    def press(self, shown: Shown, action_key: str) -> None:
        """What the desktop sends when the user clicks the notification ("default") or one of its buttons."""
        self._loop.call_soon_threadsafe(self.server.ActionInvoked, shown.id, action_key)

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._bus.disconnect)
        time.sleep(0.05)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(WAIT)


def session_bus(folder: Path) -> Iterator[str]:
    """A private session D-Bus listening in `folder`; yields its address and stops it afterwards."""
    if shutil.which("dbus-daemon") is None:
        if os.environ.get("CI"):
            pytest.fail("dbus-daemon is not installed: apt-get install dbus-daemon")
        pytest.skip("dbus-daemon is not installed: apt-get install dbus-daemon")
    socket = folder / "bus"
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:path={socket}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:path="), f"dbus-daemon did not start: {address!r}"
        yield address
    finally:
        daemon.terminate()
        daemon.wait(WAIT)


def wait_until(check: Any, what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not in {timeout:.0f} s: {what}")
        time.sleep(0.02)


def without_bus(monkeypatch: Any, folder: Path) -> None:
    """No session bus, as on a server or in CI: the address points where nothing listens."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={folder / 'no-bus-here'}")
    assert "DBUS_SESSION_BUS_ADDRESS" in os.environ
