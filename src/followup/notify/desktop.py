"""Desktop notifications through desktop-notifier: D-Bus on Linux, the notification centre on macOS and Windows.

A notification's click (open the draft in the browser) and its buttons ("Snooze", "Done")
are answered by the process that showed it, and only while that process runs:
desktop-notifier delivers them on its asyncio loop. A `Notifier` therefore owns such a
loop in a daemon thread for as long as it lives. The scheduler of `followup serve
--with-scheduler` keeps one for its lifetime; a one-off `followup remind` shows its
notifications without buttons, since nobody would be left to answer them, and the body
carries the draft's link either way.

desktop-notifier only logs a warning when there is no desktop to show a notification on
(no session bus: a server, CI), so `send` asks the desktop what it can do first and
raises `NoDesktop` with a plain message instead of reporting a notification nobody saw.

desktop-notifier is imported when a notification is shown, never by other commands.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import webbrowser
from collections.abc import Callable, Coroutine
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, TypeVar

from followup.errors import FollowupError

APP_NAME = "followup"
WAIT_SECONDS = 10.0  # a notification server that has not answered by then is not coming
T = TypeVar("T")


class NoDesktop(FollowupError):
    """There is no desktop to show a notification on (no session bus), or it did not take it."""

    exit_code = 10
    http_status = 502


@dataclass(frozen=True)
class Answers:
    """What the notification's buttons do, in the process that showed it."""

    snooze: Callable[[], None]
    done: Callable[[], None]


class Notifier:
    """Shows desktop notifications and hears their clicks and buttons until `close()`."""

    def __init__(self, open_link: Callable[[str], Any] = webbrowser.open) -> None:
        self._open_link = open_link
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="followup desktop notifications", daemon=True
        )
        self._thread.start()
        self._notifier: Any = None

    def _call(self, work: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(work, self._loop)
        try:
            return future.result(WAIT_SECONDS)
        except FutureTimeout:
            future.cancel()
            raise NoDesktop(
                f"the desktop's notification service did not answer in {WAIT_SECONDS:.0f} seconds",
                hint="Is the desktop session still running? Push (reminders.push_url) reaches you without it.",
            ) from None

    async def _capabilities(self) -> frozenset[Any]:
        if self._notifier is not None and not _connected(self._notifier):
            # The session ended (a logout, a restarted bus): desktop-notifier would only log a warning
            # for each notification sent on the old connection, so a new one is made.
            self._notifier = None
        if self._notifier is None:
            from desktop_notifier import DesktopNotifier

            self._notifier = DesktopNotifier(app_name=APP_NAME)
        try:
            return frozenset(await self._notifier.get_capabilities())
        except Exception as exc:  # each platform's backend fails in its own way: no bus, no permission
            self._notifier = None  # a desktop that starts later is found on the next try
            raise NoDesktop(
                f"no desktop session to show notifications on ({_cause(exc)})",
                hint="Desktop notifications need a logged-in desktop (on Linux its session D-Bus). "
                "On a server, let push (reminders.push_url) or the morning digest reach you.",
            ) from None

    def buttons(self) -> bool:
        """Whether the desktop shows buttons on a notification; NoDesktop when there is no desktop."""
        from desktop_notifier import Capability

        return Capability.BUTTONS in self._call(self._capabilities())

    def send(self, title: str, body: str, link: str, answers: Answers | None = None) -> None:
        """Show one notification: clicking it opens `link`; with `answers`, Snooze and Done buttons where there are."""
        self._call(self._send(title, body, link, answers))

    async def _send(self, title: str, body: str, link: str, answers: Answers | None) -> None:
        from desktop_notifier import Button, Capability

        can = await self._capabilities()
        buttons = []
        if answers is not None and Capability.BUTTONS in can:
            buttons = [
                Button(title="Snooze", on_pressed=answers.snooze, identifier="snooze"),
                Button(title="Done", on_pressed=answers.done, identifier="done"),
            ]
        on_clicked = (lambda: self._open_link(link)) if answers is not None else None
        await self._notifier.send(title=title, message=body, buttons=buttons, on_clicked=on_clicked)

    def close(self) -> None:
        """Stop hearing clicks and buttons; the notifications already shown stay on the desktop."""
        if self._loop.is_closed():
            return
        with contextlib.suppress(NoDesktop):  # the bus is gone already
            self._call(self._hang_up())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(WAIT_SECONDS)
        self._loop.close()

    async def _hang_up(self) -> None:
        bus = getattr(getattr(self._notifier, "_backend", None), "bus", None)
        if bus is not None and bus.connected:
            bus.disconnect()
            await bus.wait_for_disconnect()


def _connected(notifier: Any) -> bool:
    """False when the D-Bus backend's connection is closed; the other platforms hold none open."""
    bus = getattr(getattr(notifier, "_backend", None), "bus", None)
    return bus is None or bool(bus.connected)


def _cause(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
