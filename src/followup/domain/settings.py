"""The user's settings as plain values, and the one specification of every setting.

Each setting is declared once, as a field of the dataclass that holds it: its
name, type and default are the field's, and `setting(...)` adds the rest (what
it means, how text becomes its value, its bounds, and how the Settings page
shows it). `SETTINGS` is that table read back, in order: the settings file
reader, `followup config` and the Settings page are all driven by it, so a new
setting is added here and nowhere else.

Reading and writing the file is the shell's job (`followup.config`); nothing
here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import time
from enum import Enum
from typing import Any, NamedTuple

from followup.domain import quiet_hours
from followup.domain.quiet_hours import QuietHours

MAX_NUMBER = 3650  # the largest number any setting takes: ten years of days


class Kind(Enum):
    """How a setting's text becomes its value (the parsing itself is in `followup.config`)."""

    WHOLE = "whole number"  # between the setting's minimum and maximum
    TIME = "time of day"  # "HH:MM"
    TEXT = "text"
    CHOICE = "choice"  # one of the setting's choices, in any case
    ZONE = "time zone"  # an IANA name
    COUNTRY = "country"  # a two-letter code, kept in upper case
    REGION = "region"  # a subdivision code, kept in upper case; empty means none
    QUIET_HOURS = "quiet hours"  # "HH:MM-HH:MM" in the user's zone
    YES_NO = "yes or no"  # true or false in the file; yes/no, on/off also do on the command line
    DAILY_TIME = "time of day, or off"  # "HH:MM", or "off"
    WEB_ADDRESS = "web address"  # http:// or https://, a host, maybe a port; kept without a trailing slash
    SECRET = "where a secret is"  # "keyring", "env:NAME" or "command:PROGRAM ARGS"; empty means none


# The table's rows are named tuples, not dataclasses: every command imports this module, and
# a frozen dataclass costs about a millisecond to create (its methods are generated with exec).
class Form(NamedTuple):
    """How the Settings page shows a setting."""

    group: str  # the part of the page: one of TIMING_GROUPS, PROFILE or CALENDAR
    label: str
    help: str = ""  # the page's own explanation, longer than the one-line help of `followup config`
    unit: str = ""  # after a number's box ("business days"); empty for a time of day
    widget: str = "text"  # text, email, tel, textarea
    autocomplete: str = "off"


class Spec(NamedTuple):
    help: str  # one line, for `followup config`
    kind: Kind = Kind.WHOLE
    minimum: int = 0
    maximum: int = MAX_NUMBER
    choices: tuple[tuple[str, str], ...] = ()  # (value as written in the file, as the page words it)
    form: Form | None = None


def setting(
    default: Any,
    help: str,
    kind: Kind = Kind.WHOLE,
    *,
    minimum: int = 0,
    maximum: int = MAX_NUMBER,
    choices: tuple[tuple[str, str], ...] = (),
    form: Form | None = None,
) -> Any:
    """A dataclass field carrying its setting's `Spec`, so each setting is described in one place."""
    spec = Spec(help, kind, minimum, maximum, choices, form)
    return field(default=default, metadata={"setting": spec})


# The parts of the Settings page, in the order it shows them.
PROFILE = "Profile"
CALENDAR = "Calendar"
APPLYING = "After applying"
BEFORE = "Before the interview"
AFTER = "Right after the interview"
STATUS_CHECK = "Status check"
FOLLOW_UP_CALL = "Follow-up call"
MOVING_ON = "Moving on, and replies"
KEEP_SEARCHING = "Keep searching"
TIMING_GROUPS = (APPLYING, BEFORE, AFTER, STATUS_CHECK, FOLLOW_UP_CALL, MOVING_ON, KEEP_SEARCHING)


# No generated repr: nothing shows it, and compiling one for fifty-odd fields costs about 1.5 ms
# at the start of every command (its __init__ and __eq__ are used).
@dataclass(frozen=True, repr=False)
class Timings:
    """The playbook's default timings table; every number is the user's to change.

    Declared in the order of a hiring process, which is the order the page shows them.
    """

    application_check_business_days: int = setting(
        7,
        "business days after applying, without an answer, to ask about the application",
        minimum=1,
        form=Form(
            APPLYING,
            "Ask about your application after",
            "A short note to the recruiter or hiring manager when nothing has come since you applied.",
            "business days",
        ),
    )
    application_check_again_business_days: int = setting(
        7,
        "business days after an unanswered note about the application to send one more",
        minimum=1,
        form=Form(APPLYING, "Ask once more when that note has had no answer for", unit="business days"),
    )
    application_check_time: time = setting(  # noqa: RUF009
        time(9, 0),
        "time of day a note about the application is suggested",
        Kind.TIME,
        form=Form(APPLYING, "Suggest it at"),
    )
    application_check_grace_business_days: int = setting(
        3,
        "business days before a note about the application is late",
        form=Form(APPLYING, "It is late after", unit="business days"),
    )
    application_move_on_business_days: int = setting(
        10,
        "business days after the second unanswered note about the application to move on",
        minimum=1,
        form=Form(
            APPLYING,
            "Move on when the second note has had no answer for",
            "followup then suggests closing the application as “no response”.",
            "business days",
        ),
    )
    prepare_days_before: int = setting(
        2,
        "days before an interview to start preparing",
        form=Form(BEFORE, "Start preparing", "When “Prepare for the interview” appears.", "days before"),
    )
    interview_minutes: int = setting(
        60,
        "length of an interview when none is given",
        minimum=1,
        form=Form(
            BEFORE,
            "Usual interview length",
            "Used when you give no end time; the thank-you counts from the end.",
            "minutes",
        ),
    )
    thank_you_email_hours: int = setting(
        24,
        "hours after an interview to send a thank-you email",
        form=Form(AFTER, "Send the thank-you email within", "One to each interviewer.", "hours"),
    )
    thank_you_stale_days: int = setting(
        7,
        "days after an interview when a thank-you not sent leaves the list",
        minimum=1,
        form=Form(
            AFTER,
            "Stop suggesting a thank-you after",
            "By then it would read oddly, and the status check thanks them anyway.",
            "days",
        ),
    )
    thank_you_letter_business_days: int = setting(
        2,
        "business days after an interview to mail a thank-you letter",
        form=Form(
            AFTER,
            "Mail a thank-you letter within",
            "For traditional companies, or people who prefer letters.",
            "business days",
        ),
    )
    recruiter_debrief_hours: int = setting(
        3,
        "hours after an interview to call the recruiter",
        form=Form(AFTER, "Call your recruiter within", "Only when the application came through a recruiter.", "hours"),
    )
    capture_details_days: int = setting(
        1,
        "days after an interview to fill in missing details",
        form=Form(
            AFTER,
            "Fill in missing interview details within",
            "Next steps, how they like to be contacted, and their contact details.",
            "days",
        ),
    )
    reference_heads_up_business_days: int = setting(
        1,
        "business days to tell references they may be called",
        form=Form(AFTER, "Tell your references within", unit="business days"),
    )
    status_check_default_days: int = setting(
        7,
        "days after an interview to check on status when no date was given",
        form=Form(STATUS_CHECK, "Check on status after", "When they did not say when they would decide.", "days"),
    )
    status_check_min_business_days: int = setting(
        3,
        "never check on status sooner than this many business days",
        form=Form(
            STATUS_CHECK,
            "Never check sooner than",
            "Even when their decision date comes earlier.",
            "business days after the interview",
        ),
    )
    # `setting` returns a dataclasses.field, not a shared default (RUF009 only knows it for int and str).
    status_check_time: time = setting(  # noqa: RUF009
        time(9, 0),
        "time of day a status check is suggested",
        Kind.TIME,
        form=Form(STATUS_CHECK, "Suggest it at", "The time of day it appears on Today."),
    )
    status_check_grace_business_days: int = setting(
        2,
        "business days before a status check is late",
        form=Form(STATUS_CHECK, "It is late after", unit="business days"),
    )
    follow_up_call_after_business_days: int = setting(
        3,
        "business days after an unanswered status check to call",
        form=Form(FOLLOW_UP_CALL, "Call when your status check has had no answer for", unit="business days"),
    )
    follow_up_call_min_days: int = setting(
        7,
        "days after an interview before a follow-up call",
        form=Form(FOLLOW_UP_CALL, "But not sooner than", unit="days after the interview"),
    )
    follow_up_call_time: time = setting(  # noqa: RUF009
        time(10, 0),
        "time of day a follow-up call is suggested",
        Kind.TIME,
        form=Form(FOLLOW_UP_CALL, "Suggest it at"),
    )
    follow_up_call_grace_business_days: int = setting(
        3,
        "business days before a follow-up call is late",
        form=Form(FOLLOW_UP_CALL, "It is late after", unit="business days"),
    )
    move_on_after_business_days: int = setting(
        5,
        "business days after an unanswered call to move on",
        form=Form(
            MOVING_ON,
            "Move on when the call has had no answer for",
            "followup then suggests closing the application, and putting your energy elsewhere.",
            "business days",
        ),
    )
    respond_business_days: int = setting(
        1,
        "business days to answer a reply that asks for something",
        form=Form(MOVING_ON, "Answer a reply that asks for something within", unit="business days"),
    )
    thank_recruiter_business_days: int = setting(
        2,
        "business days to thank the recruiter after the process ends",
        form=Form(MOVING_ON, "Thank your recruiter within", "Counted from the end of the process.", "business days"),
    )
    keep_searching_idle_days: int = setting(
        7,
        "days without a new application before a nudge to apply",
        form=Form(KEEP_SEARCHING, "Nudge me when I have added none for", unit="days"),
    )


@dataclass(frozen=True)
class Profile:
    """Who the user is, for signatures and letters (drafting fills these in)."""

    name: str = setting(
        "",
        "your full name, for signatures",
        Kind.TEXT,
        form=Form(
            PROFILE, "Your name", "Signs every draft and letter, and greets the recipient as you.", autocomplete="name"
        ),
    )
    email: str = setting(
        "",
        "your email address",
        Kind.TEXT,
        form=Form(
            PROFILE,
            "Your email address",
            "Added under your name where a message needs full contact details, such as a status check.",
            widget="email",
            autocomplete="email",
        ),
    )
    phone: str = setting(
        "",
        "your phone number",
        Kind.TEXT,
        form=Form(
            PROFILE,
            "Your phone number",
            "So they can call you back; voicemail scripts read it out digit by digit.",
            widget="tel",
            autocomplete="tel",
        ),
    )
    postal_address: str = setting(
        "",
        "your postal address, for letters",
        Kind.TEXT,
        form=Form(
            PROFILE,
            "Your postal address",
            "Printed at the top of a mailed thank-you letter. One line per line of the address.",
            widget="textarea",
            autocomplete="street-address",
        ),
    )
    signature: str = setting(
        "",
        "how you sign off (optional; built from the above when empty)",
        Kind.TEXT,
        form=Form(
            PROFILE,
            "Signature",
            "How your drafts end. Leave it empty to sign with your name, phone and email, one per line.",
            widget="textarea",
        ),
    )


@dataclass(frozen=True)
class Drafting:
    """Limits and choices for drafts."""

    thank_you_words: int = setting(250, "longest thank-you email, in words, before a draft is flagged", minimum=1)
    letter_words: int = setting(350, "longest thank-you letter, in words", minimum=1)
    status_check_words: int = setting(150, "longest status-check email, in words", minimum=1)
    voicemail_words: int = setting(80, "longest voicemail script, in words", minimum=1)
    other_words: int = setting(250, "longest other message, in words", minimum=1)
    paper: str = setting(
        "A4",
        "paper size for letters: A4 or letter",
        Kind.CHOICE,
        choices=(("A4", "A4 (most of the world)"), ("letter", "US Letter")),
        form=Form(PROFILE, "Paper size for letters", "Thank-you letters are laid out for this paper."),
    )
    templates_dir: str = setting(
        "", "folder with your own templates (default: templates/ beside the settings file)", Kind.TEXT
    )


@dataclass(frozen=True)
class Reminders:
    """When and how followup may remind the user, and what its background service does; every reminder
    setting lives in this group."""

    quiet_hours: QuietHours = setting(  # noqa: RUF009
        quiet_hours.DEFAULT,
        "quiet hours in your time zone, e.g. 21:00-08:00: no reminder sounds in them",
        Kind.QUIET_HOURS,
    )
    weekends: bool = setting(
        True,
        "remind on Saturdays and Sundays too (false: what falls on a weekend waits for Monday morning)",
        Kind.YES_NO,
    )
    desktop: bool = setting(
        False,
        "a desktop notification on this computer: clicking opens the draft; Snooze and Done where there are buttons",
        Kind.YES_NO,
    )
    push_url: str = setting(
        "",
        "push to your phone (ntfy, Pushover, Telegram, ...): paste the service's URL; kept in the OS keyring",
        Kind.SECRET,
    )
    digest_at: str = setting(
        "off",
        "time of the morning e-mail to yourself of what is overdue, due today and coming up (HH:MM, or off)",
        Kind.DAILY_TIME,
    )
    web_address: str = setting(
        "http://127.0.0.1:8765",
        "where reminders' links to drafts point: the address you open followup at",
        Kind.WEB_ADDRESS,
    )
    check_mail_minutes: int = setting(
        10,
        "how often the background service reads your mail accounts for replies, in minutes",
        minimum=1,
        maximum=24 * 60,
    )


@dataclass(frozen=True)
class Settings:
    timezone: str = setting(
        "UTC",
        "your time zone, e.g. Europe/Berlin (IANA name)",
        Kind.ZONE,
        form=Form(CALENDAR, "Time zone"),
    )
    country: str = setting(
        "US",
        "country whose public holidays are not business days, e.g. US, GB, DE",
        Kind.COUNTRY,
        form=Form(CALENDAR, "Country for public holidays", "Its public holidays are not business days."),
    )
    subdivision: str | None = setting(
        None,
        "state or region for regional holidays, e.g. CA or BY (optional)",
        Kind.REGION,
        form=Form(CALENDAR, "Region"),
    )
    active_applications_wanted: int = setting(
        3,
        "how many active applications you want to keep going",
        minimum=1,
        form=Form(
            KEEP_SEARCHING,
            "Keep this many applications going",
            "With fewer, followup nudges you to apply for more.",
            "applications",
        ),
    )
    timings: Timings = field(default_factory=Timings)
    profile: Profile = field(default_factory=Profile)
    drafting: Drafting = field(default_factory=Drafting)
    reminders: Reminders = field(default_factory=Reminders)

    def engine_fingerprint(self) -> str:
        """Changes whenever a setting that moves due dates changes."""
        parts = [
            self.timezone,
            self.country,
            self.subdivision or "",
            str(self.active_applications_wanted),
        ]
        parts += [f"{f.name}={getattr(self.timings, f.name)}" for f in fields(self.timings)]
        return "|".join(parts)


# -- the table ----------------------------------------------------------------------------------


class Setting(NamedTuple):
    """One row of the table: a setting's spec, where it lives, and its default."""

    key: str  # dotted, as in the file and `followup config`: "timings.status_check_time"
    section: str  # "" for the top level, else "timings", "profile", "drafting" or "reminders"
    name: str  # the field's name in its section
    default: Any
    spec: Spec

    @property
    def form(self) -> Form | None:
        return self.spec.form

    def value_in(self, settings: Settings) -> Any:
        holder = getattr(settings, self.section) if self.section else settings
        return getattr(holder, self.name)


SECTIONS: tuple[tuple[str, type], ...] = (
    ("", Settings),
    ("timings", Timings),
    ("profile", Profile),
    ("drafting", Drafting),
    ("reminders", Reminders),
)


def _table() -> tuple[Setting, ...]:
    rows = []
    for section, holder in SECTIONS:
        for item in fields(holder):
            spec = item.metadata.get("setting")
            if spec is not None:
                key = f"{section}.{item.name}" if section else item.name
                rows.append(Setting(key, section, item.name, item.default, spec))
    return tuple(rows)


SETTINGS: tuple[Setting, ...] = _table()
BY_KEY: dict[str, Setting] = {row.key: row for row in SETTINGS}


def in_group(group: str) -> tuple[Setting, ...]:
    """The settings a part of the Settings page shows, in the order it shows them."""
    return tuple(row for row in SETTINGS if row.form is not None and row.form.group == group)
