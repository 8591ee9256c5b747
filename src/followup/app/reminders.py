"""Reminders: which follow-ups to remind the user of now, sent once each, with good manners.

This is the reminder job, defined once: `followup remind` runs one pass of it by hand, and
a scheduler (the background service, or a hosted worker) runs the same pass on a timer.

A follow-up is reminded of at its due time, on the user's clock, except:
- when that falls inside quiet hours, it waits for them to end (the next morning), as a
  follow-up cannot be done before it is due; only when its deadline comes before they end
  does it sound the moment they began (`QuietHours.latest_allowed`);
- on a Saturday or Sunday when the user turned weekends off: then it waits for Monday at
  the end of the quiet hours, unless its deadline comes first (a thank-you due within 24
  hours of a Friday interview is still worth a Saturday reminder).

A pass sends nothing inside quiet hours, nor on a weekend the user keeps free (but for
what must go out that weekend): late reminders wait for the next allowed moment.

Each reminder is recorded under its action and due time in the transaction that sends it
(`store.reminders.claim`), so a restart, or a second process running the same pass, sends
nothing twice; a follow-up snoozed to a new time is reminded of again at that time.

The channels are push to the phone (`mail.push`) and a desktop notification
(`notify.desktop`), each a setting. A channel that cannot deliver does not hold back the
others: with no desktop to show a notification on (a server, CI) the pass says so and the
push still goes out. Only when no channel took a reminder is it left unrecorded, to go
out on a later pass. A desktop notification's Snooze and Done buttons do what the web
app's do (`press`), answered while the process that showed it runs (`DesktopChannel`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from followup.app.agenda import AgendaItem, agenda
from followup.app.context import Env, in_own_env
from followup.app.drafts import page_of
from followup.domain.labels import action_title, short_day
from followup.domain.settings import Reminders
from followup.errors import FollowupError, SettingsError
from followup.store import reminders as sent_store
from followup.store.convert import iso

if TYPE_CHECKING:
    from followup.app.digest import Digest
    from followup.notify.desktop import Answers, Notifier

# How far ahead a pass looks: a follow-up due inside tonight's quiet hours sounds when they
# begin, up to a night (and a clock change) before it is due.
LOOK_AHEAD_DAYS = 2
SATURDAY = 5


@dataclass(frozen=True)
class Reminder:
    """One follow-up to remind the user of, as every channel words it."""

    action_id: str
    kind: str
    title: str  # "Thank-you email (email)", as the agenda names it
    about: str  # "Data Analyst at Kaisha"
    reason: str
    due: datetime  # on the user's clock
    deadline: datetime | None
    sounds_at: datetime  # when the reminder is due, after quiet hours and weekends
    link: str  # the draft page, or the page where it is done ("Fill in the details": the application)
    opens: str = "Open the draft"  # what the link opens, said before it

    @property
    def headline(self) -> str:
        return f"{self.title}: {self.about}" if self.about else self.title

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.action_id,
            "kind": self.kind,
            "title": self.title,
            "about": self.about,
            "reason": self.reason,
            "due": self.due.isoformat(timespec="seconds"),
            "deadline": self.deadline.isoformat(timespec="seconds") if self.deadline else None,
            "sounds_at": self.sounds_at.isoformat(timespec="seconds"),
            "link": self.link,
        }


@dataclass(frozen=True)
class Pass:
    """What one pass did: the reminders it sent (or, on a dry run, would send), and why it sent none."""

    sent: list[Reminder]
    dry_run: bool = False
    held: str | None = None  # "quiet hours" or "the weekend" when the pass kept quiet
    channels: list[str] = field(default_factory=list)
    digest: Digest | None = None  # the morning digest, when this pass sent it
    # A channel that could not deliver while others did: "Desktop notifications: not shown: no desktop ..."
    problems: list[str] = field(default_factory=list)


def is_weekend(moment: datetime, tz: tzinfo) -> bool:
    return moment.astimezone(tz).weekday() >= SATURDAY


def sounds_at(due: datetime, deadline: datetime | None, rules: Reminders, tz: tzinfo) -> datetime:
    """When the reminder of a follow-up due at `due` goes out (see the module's rules)."""
    quiet = rules.quiet_hours
    moment = due
    if quiet.is_quiet(moment, tz):
        after = _morning(moment, quiet.end, tz)
        moment = after if deadline is None or after <= deadline else quiet.latest_allowed(moment, tz)
    if not rules.weekends and is_weekend(moment, tz):
        local = moment.astimezone(tz)
        monday = datetime.combine(local.date() + timedelta(days=7 - local.weekday()), quiet.end, tzinfo=tz)
        if deadline is None or monday <= deadline:
            moment = monday
    return moment.astimezone(tz)


def _morning(moment: datetime, end: time, tz: tzinfo) -> datetime:
    """The first time the clock reads `end` after `moment` (when the quiet hours end)."""
    local = moment.astimezone(tz)
    day = local.date() if local.time().replace(tzinfo=None) < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=tz)


def may_go_now(reminder: Reminder, now: datetime, rules: Reminders, tz: tzinfo) -> bool:
    """Whether `reminder` may go out at `now`: not in quiet hours, nor on a weekend kept free unless it is due then."""
    if rules.quiet_hours.is_quiet(now, tz):
        return False
    return rules.weekends or not is_weekend(now, tz) or is_weekend(reminder.sounds_at, tz)


def reminder_of(env: Env, item: AgendaItem) -> Reminder:
    rules = env.settings.reminders
    # Reminders are only of follow-ups of an application (`due_now`): each has its page.
    opens, link = page_of(item, rules.web_address) or ("Open followup", rules.web_address.rstrip("/") + "/")
    about = " at ".join(part for part in (item.role, item.company) if part)
    return Reminder(
        action_id=item.id,
        kind=item.kind,
        title=action_title(item.kind, item.channel),
        about=about,
        reason=item.reason,
        due=item.due,
        deadline=item.deadline,
        sounds_at=sounds_at(item.due, item.deadline, rules, env.tz),
        link=link,
        opens=opens,
    )


def due_now(env: Env) -> list[Reminder]:
    """The follow-ups whose reminder is due by now and was not sent yet, earliest first."""
    now = env.now()
    items = [item for item in agenda(env, LOOK_AHEAD_DAYS) if item.application_id is not None]
    candidates = [reminder_of(env, item) for item in items]
    ready = [r for r in candidates if r.sounds_at <= now]
    done = sent_store.already_sent(env.store, [(r.action_id, iso(r.due)) for r in ready])
    return [r for r in ready if (r.action_id, iso(r.due)) not in done]


def moments_from(start: datetime, tz: tzinfo, times: Iterable[time], days: int = 8) -> Iterator[datetime]:
    """`start`, then each of `times` (and midnight) on the clock in `tz`, day by day, for `days` days: the
    moments at which what may go out can change (quiet hours end, a weekend ends, a digest's time)."""
    yield start
    local = start.astimezone(tz)
    wanted = sorted({time(0, 0), *times})
    for offset in range(days):
        for at in wanted:
            moment = datetime.combine(local.date() + timedelta(days=offset), at, tzinfo=tz)
            if moment > start:
                yield moment


def next_due(env: Env) -> datetime | None:
    """When the next reminder not sent yet may go out (its time, quiet hours and a free weekend
    respected), or None when none is planned within the look-ahead: a hosted installation's
    workers come back for the account then (`hosted_jobs.plan_next_round`)."""
    now = env.now()
    rules = env.settings.reminders
    items = [item for item in agenda(env, LOOK_AHEAD_DAYS) if item.application_id is not None]
    waiting = [reminder_of(env, item) for item in items]
    done = sent_store.already_sent(env.store, [(r.action_id, iso(r.due)) for r in waiting])
    soonest: datetime | None = None
    for reminder in waiting:
        if (reminder.action_id, iso(reminder.due)) in done:
            continue
        start = max(reminder.sounds_at, now)
        for moment in moments_from(start, env.tz, [rules.quiet_hours.end]):
            if may_go_now(reminder, moment, rules, env.tz):
                soonest = moment if soonest is None else min(soonest, moment)
                break
    return soonest


def message(reminder: Reminder, tz: tzinfo) -> str:
    """A reminder's text on a phone: why, when, and the way to the draft."""
    due = reminder.due.astimezone(tz)
    when = f"Due {short_day(due)}, {due:%H:%M}"
    if reminder.deadline is not None:
        deadline = reminder.deadline.astimezone(tz)
        when += f"; by {short_day(deadline)}, {deadline:%H:%M}"
    return f"{reminder.reason}\n\n{when}.\n{reminder.opens}: {reminder.link}"


def _push_url(env: Env) -> str | None:
    """The notification URL when push is on (read once a pass, from where the settings say it is)."""
    source = env.settings.reminders.push_url
    if not source:
        return None
    from followup.app.stored_secrets import push_url

    return push_url(env, source)  # in hosted mode "keyring" is this account's row in the database


def channels_of(rules: Reminders) -> list[str]:
    return (["desktop"] if rules.desktop else []) + (["push"] if rules.push_url else [])


class DesktopChannel:
    """Desktop notifications for reminder passes, and the answers to their buttons.

    With `report` (the scheduler's), the notifications carry Snooze and Done buttons and a
    click opens the draft; each press runs in its own database connection and is reported.
    Without it (a one-off `followup remind`), nobody stays to answer, so they carry the link only.
    """

    def __init__(
        self,
        env: Env,
        report: Callable[[str], None] | None = None,
        open_link: Callable[[str], object] | None = None,  # the browser, unless told otherwise
    ) -> None:
        from followup.notify.desktop import Notifier

        self._env = env  # for its paths, clock and owner only: each press opens its own connection
        self._report = report
        self.notifier: Notifier = Notifier(open_link) if open_link is not None else Notifier()

    def answers(self, reminder: Reminder) -> Answers | None:
        if self._report is None:
            return None
        from followup.notify.desktop import Answers

        return Answers(
            snooze=lambda: self._press(reminder.action_id, "snooze"),
            done=lambda: self._press(reminder.action_id, "done"),
        )

    def _press(self, action_id: str, button: str) -> None:
        assert self._report is not None
        try:
            said = in_own_env(self._env, lambda own: press(own, action_id, button))
        except FollowupError as exc:
            said = f"{button.capitalize()} from a notification failed: {exc}"
        except Exception as exc:  # a bug must not stop the notifications that follow
            said = f"{button.capitalize()} from a notification failed unexpectedly: {type(exc).__name__}: {exc}"
        self._report(said)

    def send(self, title: str, body: str, link: str, reminder: Reminder | None = None) -> None:
        self.notifier.send(title, body, link, self.answers(reminder) if reminder is not None else None)

    def close(self) -> None:
        self.notifier.close()


def press(env: Env, action_id: str, button: str) -> str:
    """A notification's button, as the web app's: "done" marks the follow-up done now, "snooze" puts it off to
    tomorrow (the Today page's snooze word); what was done, in words."""
    from followup.app import actions
    from followup.app import agenda as agenda_use_cases

    item = actions.find_action(env, action_id)
    headline = reminder_of(env, item).headline
    if button == "done":
        actions.mark_done(env, item.id, at=agenda_use_cases.done_at(None, env.now(), item.due))
        return f"Marked done from a notification: {headline}"
    until = agenda_use_cases.snooze_until("tomorrow", None, env.now())
    actions.snooze(env, item.id, until)
    return f"Snoozed until {short_day(until)} from a notification: {headline}"


def _not_shown(exc: FollowupError) -> str:
    return f"Desktop notifications: not shown: {exc.message}. {exc.hint or ''}".strip()


def remind(env: Env, *, dry_run: bool = False, desktop: DesktopChannel | None = None) -> Pass:
    """One pass: send each reminder that is due now, once; nothing inside quiet hours or a free weekend.

    `desktop` is the scheduler's lasting channel; without it a pass shows its desktop notifications
    through one of its own (when that setting is on), closed when the pass ends."""
    now = env.now()
    rules = env.settings.reminders
    channels = channels_of(rules)
    if rules.quiet_hours.is_quiet(now, env.tz):
        return Pass([], dry_run, "quiet hours", channels)
    due = due_now(env)
    ready = [r for r in due if may_go_now(r, now, rules, env.tz)]
    why_not = "the weekend" if due and not ready else None
    from followup.app import digest as morning

    if dry_run:
        return Pass(ready, True, why_not, channels, morning.send(env, dry_run=True))
    url = _push_url(env) if ready else None
    own = DesktopChannel(env) if desktop is None and rules.desktop and ready else None
    shows = own or (desktop if rules.desktop else None)
    problems: list[str] = []
    sent = []
    try:
        for reminder in ready:
            # One transaction per reminder: the claim and the sending commit together, so another
            # process waits for this one and then finds the claim; a failed send leaves no claim.
            with env.store.transaction():
                if sent_store.claim(env.store, reminder.action_id, iso(reminder.due), now):
                    if url is not None:
                        from followup.mail import push

                        push.send(url, reminder.headline, message(reminder, env.tz))
                    if shows is not None:
                        shows = _show(shows, reminder, env.tz, problems, alone=url is None)
                    sent.append(reminder)
    finally:
        if own is not None:
            own.close()
    return Pass(sent, held=why_not, channels=channels, digest=morning.send(env), problems=problems)


def _show(
    shows: DesktopChannel, reminder: Reminder, tz: tzinfo, problems: list[str], *, alone: bool
) -> DesktopChannel | None:
    """Show `reminder` on the desktop; the channel for the next one, None once the desktop is found missing.

    When the desktop is the only channel, its failure is the pass's (the reminder stays unrecorded)."""
    from followup.notify.desktop import NoDesktop

    try:
        shows.send(reminder.headline, message(reminder, tz), reminder.link, reminder)
    except NoDesktop as exc:
        if alone:
            raise
        problems.append(_not_shown(exc))
        return None
    return shows


@dataclass(frozen=True)
class TestSent:
    """Where a test reminder went ("push (ntfy)", "desktop notification"), and the channels that could not take it."""

    went: list[str]
    problems: list[str]


def send_test(env: Env) -> TestSent:
    """A test reminder through every channel that is set up (none is recorded).

    A channel that fails is told in `problems` while another took the test; when none did, its error is raised."""
    rules = env.settings.reminders
    if not rules.push_url and not rules.desktop:
        raise SettingsError(
            "no reminder channel is set up",
            hint="Paste your notification service's URL: followup config set reminders.push_url "
            "ntfy://ntfy.sh/your-topic, or turn on desktop notifications: followup config set reminders.desktop on",
        )
    title = "followup: a test reminder"
    address = rules.web_address.rstrip("/") + "/"
    body = f"Reminders reach you here.\nOpen followup: {address}"
    went: list[str] = []
    problems: list[str] = []
    if rules.push_url:
        from followup.mail import push

        url = push.url_from(rules.push_url)
        push.send(url, title, body)
        went.append(f"push ({push.service_name(url)})")
    if rules.desktop:
        from followup.notify.desktop import NoDesktop

        shows = DesktopChannel(env)
        try:
            shows.send(title, body, address)
        except NoDesktop as exc:
            if not went:
                raise
            problems.append(_not_shown(exc))
        else:
            went.append("desktop notification")
        finally:
            shows.close()
    return TestSent(went, problems)
