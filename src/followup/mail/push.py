"""Push to the user's phone through the notification services people already use, via Apprise.

Apprise speaks ntfy, Pushover, Telegram, Matrix, Signal, e-mail and many more, each
behind one URL that the user pastes (`ntfy://ntfy.sh/my-topic`, `pover://user@token`).
That URL holds the service's secret, so it is kept as a mail password is: never in the
settings file, never printed, never put into an error message. The settings file says
where it is (`reminders.push_url`): "keyring" (the OS keyring, where a pasted URL goes),
"env:NAME" (an environment variable) or "command:PROGRAM ARGS" (the first line the
program prints, e.g. a password manager's).

Apprise is imported when a reminder is checked or sent, never by other commands.
"""

from __future__ import annotations

import os
from typing import Any

from followup.errors import FollowupError, SettingsError
from followup.mail.secrets import run_secret_command

KEYRING_SERVICE = "followup-push"
KEYRING_USER = "push_url"
KEY = "reminders.push_url"
SERVICES_HINT = (
    "Paste the URL your notification service gives, e.g. ntfy://ntfy.sh/your-topic or pover://user@token "
    "(every service: https://github.com/caronc/apprise/wiki)."
)


class PushError(FollowupError):
    """The notification service did not take the reminder."""

    exit_code = 10
    http_status = 502


def _apprise(url: str) -> Any:
    import apprise

    sender = apprise.Apprise()
    if not sender.add(url):
        # The URL itself is never repeated: it holds the service's secret.
        raise SettingsError(f"{KEY} is not a notification URL that Apprise knows", hint=SERVICES_HINT)
    return sender


def service_name(url: str) -> str:
    """The service the URL is for ('ntfy', 'Pushover'); SettingsError when Apprise does not know it."""
    return str(_apprise(url)[0].service_name)


def keep_in_keyring(url: str) -> None:
    """Store a pasted URL in the OS keyring, after checking Apprise knows it."""
    service_name(url)
    try:
        import keyring  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise SettingsError(
            f"{KEY}: the URL is kept in the OS keyring, but the keyring package is not installed",
            hint="Install it with `pip install keyring`, or put the URL in an environment variable, "
            f"e.g. FOLLOWUP_PUSH_URL, and run `followup config set {KEY} env:FOLLOWUP_PUSH_URL`.",
        ) from None
    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, url)
    except Exception as exc:  # keyring backends raise their own error types
        raise SettingsError(
            f"the OS keyring could not keep the URL: {type(exc).__name__}",
            hint=f"Is the keyring unlocked? Or put the URL in an environment variable and set {KEY} env:NAME.",
        ) from None


def url_from(source: str) -> str:
    """The URL from where the settings say it is (see the module's docstring)."""
    if source.startswith("env:"):
        name = source[len("env:") :]
        value = os.environ.get(name, "").strip()
        if not value:
            raise SettingsError(
                f"the environment variable {name} is not set ({KEY})",
                hint=f"Set it to your notification URL before running followup, e.g. `export {name}=ntfy://...`.",
            )
        return value
    if source.startswith("command:"):
        try:
            return run_secret_command(source[len("command:") :], what="push_url", account="reminders").strip()
        except SettingsError as exc:  # its messages name mail settings: say which setting this is
            raise SettingsError(exc.message.replace(f"mail.{KEY}", KEY), hint=exc.hint) from None
    try:
        import keyring  # type: ignore[import-not-found, unused-ignore]

        kept = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception as exc:  # ImportError, or a backend's own error
        raise SettingsError(
            f"the OS keyring could not be read for {KEY}: {type(exc).__name__}",
            hint="Is the keyring unlocked (and the keyring package installed)?",
        ) from None
    if not kept:
        raise SettingsError(
            f"no notification URL in the OS keyring ({KEY} = keyring)",
            hint=f"Paste it again: followup config set {KEY} URL",
        )
    return str(kept)


def send(url: str, title: str, body: str) -> None:
    """One notification; PushError when the service does not take it."""
    import apprise

    sender = _apprise(url)
    if not sender.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT):
        raise PushError(
            f"{service_name(url)} did not take the reminder",
            hint="Check the service is reachable, then run `followup remind --test`. Nothing was recorded as sent.",
        )
