"""Which application an email belongs to, and why, in words the user can check.

The rules, strongest first:

- thread: the message, or one it answers (In-Reply-To, References), is already tied
  to an application: replies stay with the conversation they belong to;
- contact: the sender (for sent mail: a recipient) is a known contact;
- domain: the sender's domain is the company's (learned from its people's addresses
  or the job posting's host) or the recruiter agency's. Free-mail domains never count:
  two strangers at gmail.com have nothing in common.

Everything here is pure except `MatchIndex.build`, which loads the small lookup
tables once so that matching a whole mailbox costs no further queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Literal, Protocol
from urllib.parse import urlsplit

from followup.reading.quoting import strip_quoted
from followup.store import mail as mail_store
from followup.store.convert import instant
from followup.store.db import Store

MailDirection = Literal["received", "sent"]
REASONS = ("thread", "contact", "domain", "manual")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FREE_MAIL = _words(
    "gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com ymail.com aol.com icloud.com "
    "me.com mac.com proton.me protonmail.com pm.me gmx.de gmx.net gmx.com gmx.at gmx.ch web.de t-online.de "
    "freenet.de posteo.de mailbox.org fastmail.com tutanota.com tuta.io hey.com zoho.com yandex.ru yandex.com "
    "mail.ru orange.fr wanadoo.fr free.fr laposte.net sfr.fr libero.it qq.com 163.com naver.com seznam.cz "
    "wp.pl o2.pl onet.pl btinternet.com comcast.net verizon.net att.net"
)
# Providers that exist under many country domains (yahoo.co.uk, hotmail.fr, gmx.ch, ...).
FREE_MAIL_FAMILIES = _words("yahoo hotmail outlook live gmx aol yandex")
# A posting on a job board or applicant-tracking system says nothing about the employer's mail domain.
JOB_BOARDS = _words(
    "linkedin.com indeed.com glassdoor.com stepstone.de xing.com monster.com ziprecruiter.com greenhouse.io "
    "lever.co myworkdayjobs.com workable.com smartrecruiters.com personio.de personio.com recruitee.com "
    "ashbyhq.com teamtailor.com bamboohr.com join.com wellfound.com welcometothejungle.com jobs.ch"
)
_SECOND_LEVEL = _words("co com ac gov org net edu ne or go")
_LEGAL_SUFFIX = re.compile(r"[\s,]+(inc|corp|corporation|gmbh|ag|ltd|llc|plc|se|sa|co|kg|bv|nv)\.?$", re.I)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")


class Headers(Protocol):
    """What matching reads of a message (a ParsedMessage has all of it)."""

    @property
    def message_id(self) -> str | None: ...
    @property
    def in_reply_to(self) -> str | None: ...
    @property
    def references(self) -> tuple[str, ...]: ...
    @property
    def from_addr(self) -> str: ...
    @property
    def to_addrs(self) -> tuple[str, ...]: ...
    @property
    def cc_addrs(self) -> tuple[str, ...]: ...
    @property
    def subject(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Match:
    application_id: int
    contact_id: int | None
    reason: str  # one of REASONS
    detail: str | None = None  # the Message-ID, address or domain that decided it, for `explain`


@dataclass(frozen=True, slots=True)
class AppFacts:
    id: int
    company: str
    role: str
    active: bool
    last_activity: str  # ISO UTC text, which sorts


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    email: str
    apps: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Known:
    """A message already tied to an application."""

    application_id: int
    contact_id: int | None
    at: datetime | None
    direction: str


@dataclass
class MatchIndex:
    apps: dict[int, AppFacts] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # by lower-case address
    threads: dict[str, Known] = field(default_factory=dict)  # by normalised Message-ID
    domains: dict[str, dict[int, str]] = field(default_factory=dict)  # base domain -> {app id: whose domain}
    tz: tzinfo = UTC

    @classmethod
    def build(cls, store: Store, tz: tzinfo = UTC) -> MatchIndex:
        index = cls(tz=tz)
        recruiter_of: dict[int, int | None] = {}
        for app_id, company, role, job_url, status, recruiter, activity in mail_store.match_applications(store):
            index.apps[app_id] = AppFacts(app_id, company, role, status == "active", activity)
            recruiter_of[app_id] = recruiter
            host = urlsplit(job_url).hostname if job_url and "//" in job_url else None
            if host and base_domain(host) not in JOB_BOARDS:
                index._learn(host, app_id, company)
        links: dict[int, tuple[str, str, str | None, list[int]]] = {}
        for contact_id, name, role, email, app_id in mail_store.match_contacts(store):
            links.setdefault(contact_id, (name, role, email, []))[3].append(app_id)
            if email and app_id in index.apps and role != "reference":
                # A reference works elsewhere; an interviewer's or recruiter's domain is the employer's or agency's.
                whose = f"{name}'s agency" if recruiter_of.get(app_id) == contact_id else index.apps[app_id].company
                index._learn(email.rpartition("@")[2], app_id, whose)
        for contact_id, (name, _role, email, apps) in links.items():
            if email:
                index.people[email.strip().lower()] = Person(contact_id, name, email.strip(), tuple(sorted(apps)))
        for message_id, app_id, who, at, direction in mail_store.match_message_ids(store):
            index.remember(message_id, Known(app_id, who, instant(at) if at else None, direction))
        return index

    def _learn(self, domain: str, app_id: int, whose: str) -> None:
        base = base_domain(domain)
        if base and not is_free_mail(base):
            self.domains.setdefault(base, {}).setdefault(app_id, whose)

    def remember(self, message_id: str | None, known: Known) -> None:
        """Add a message just recorded, so that later messages in the same batch can thread onto it."""
        for key in message_ids(message_id):
            self.threads.setdefault(key, known)

    def pick(self, app_ids: Iterable[int], text: str) -> int | None:
        """Of several applications: the one the message names, else the active one with the latest activity."""
        apps = [self.apps[i] for i in app_ids if i in self.apps]
        if not apps:
            return None
        if len(apps) == 1:
            return apps[0].id
        scores = {a.id: _named(a, text) for a in apps}
        best = max(scores.values())
        apps = [a for a in apps if scores[a.id] == best]
        return max(apps, key=lambda a: (a.active, a.last_activity, a.id)).id


def base_domain(host: str) -> str:
    """The registrable part of a host: mail.acme.example -> acme.example, hr.acme.co.uk -> acme.co.uk."""
    labels = [label for label in host.strip().lower().strip(".").split(".") if label]
    if len(labels) < 2:
        return ""
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def is_free_mail(domain: str) -> bool:
    base = base_domain(domain)
    return base in FREE_MAIL or base.split(".", 1)[0] in FREE_MAIL_FAMILIES


def message_ids(text: str | None) -> list[str]:
    """The Message-IDs in a header value, normalised (angle brackets, lower case) for lookup."""
    if not text:
        return []
    found = _MESSAGE_ID.findall(text)
    if not found and text.strip():
        found = [f"<{text.strip().strip('<>')}>"]
    return [m.lower() for m in found]


def _named(app: AppFacts, text: str) -> int:
    """How clearly the text names this application: its role counts more than its company."""
    company = _LEGAL_SUFFIX.sub("", app.company.strip()) or app.company

    def says(name: str) -> bool:
        return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) is not None

    return (1 if says(company) else 0) + (2 if says(app.role.strip()) else 0)


def _spells(domain: str, company: str) -> bool:
    slug = re.sub(r"[^a-z0-9]", "", (_LEGAL_SUFFIX.sub("", company) or company).lower())
    return bool(slug) and slug in re.sub(r"[^a-z0-9]", "", domain.lower())


def _counterparts(headers: Headers, direction: MailDirection) -> list[str]:
    addresses = [headers.from_addr] if direction == "received" else [*headers.to_addrs, *headers.cc_addrs]
    return [a.strip().lower() for a in addresses if a and "@" in a]


def match(headers: Headers, index: MatchIndex, *, direction: MailDirection = "received") -> Match | None:
    """The application this message belongs to, by thread, then contact, then domain; None if none fits."""
    counterparts = _counterparts(headers, direction)
    wanted = [*message_ids(headers.in_reply_to)]
    wanted += [m for ref in reversed(headers.references) for m in message_ids(ref)]
    # Its own Message-ID last: the same message seen in another folder, or our own mail in Sent.
    for key in [*wanted, *message_ids(headers.message_id)]:
        known = index.threads.get(key)
        if known is not None and known.application_id in index.apps:
            person = next((index.people[a] for a in counterparts if a in index.people), None)
            return Match(known.application_id, person.id if person else None, "thread", key)
    # The text (subject and what the author wrote) only decides between applications, so
    # it is read only once a contact or domain is known: most mail in a mailbox has neither.
    text: str | None = None
    for address in counterparts:
        person = index.people.get(address)
        if person is None:
            continue
        text = f"{headers.subject}\n{strip_quoted(headers.text)}" if text is None else text
        app_id = index.pick(person.apps, text)
        if app_id is not None:
            return Match(app_id, person.id, "contact", address)
    for address in counterparts:
        domain = base_domain(address.rpartition("@")[2])
        if not domain or domain not in index.domains or is_free_mail(domain):
            continue
        candidates = list(index.domains[domain])
        # A domain shared by several applications goes first to the company whose name it spells.
        owners = [i for i in candidates if i in index.apps and _spells(domain, index.apps[i].company)]
        text = f"{headers.subject}\n{strip_quoted(headers.text)}" if text is None else text
        app_id = index.pick(owners or candidates, text)
        if app_id is not None:
            return Match(app_id, None, "domain", domain)
    return None


def stored_match(
    reason: str,
    application_id: int,
    contact_id: int | None,
    *,
    message_id: str | None,
    in_reply_to: str | None,
    refs: str | None,
    addresses: Sequence[str],
    index: MatchIndex,
) -> Match:
    """A Match rebuilt from a stored message, with the detail `explain` needs (the table keeps only the reason)."""
    detail: str | None = None
    if reason == "thread":
        keys = [*message_ids(in_reply_to), *reversed(message_ids(refs)), *message_ids(message_id)]
        detail = next((k for k in keys if k in index.threads), None)
    elif reason == "contact":
        detail = next((a.lower() for a in addresses if a.lower() in index.people), None)
    elif reason == "domain":
        domains = [base_domain(a.rpartition("@")[2]) for a in addresses]
        detail = next((d for d in domains if application_id in index.domains.get(d, {})), None)
    return Match(application_id, contact_id, reason, detail)


def explain(match: Match, index: MatchIndex, *, direction: MailDirection = "received") -> str:
    """Why a message was matched, in one phrase the user can check."""
    app = index.apps.get(match.application_id)
    where = f"{app.role} at {app.company}" if app else f"application {match.application_id}"
    if match.reason == "manual":
        return f"attached by hand to {where}"
    if match.reason == "thread":
        known = index.threads.get(match.detail or "")
        if known is None:
            return f"matched because it continues a conversation about {where}"
        when = f" of {_day(known.at, index.tz)}" if known.at else ""
        if known.direction == "sent":
            return f"matched because it answers your email{when}"
        return f"matched because it answers the email{when} from {app.company if app else 'them'}"
    if match.reason == "contact":
        person = index.people.get(match.detail or "") or next(
            (p for p in index.people.values() if p.id == match.contact_id), None
        )
        who = f"{person.name} ({person.email})" if person else (match.detail or "a known contact")
        return f"matched because it is {'from' if direction == 'received' else 'to'} {who}"
    if match.reason == "domain":
        whose = index.domains.get(match.detail or "", {}).get(match.application_id) or (app.company if app else "")
        return f"matched by the domain {match.detail} of {whose}"
    return f"matched to {where}"


def _day(moment: datetime, tz: tzinfo) -> str:
    local = moment.astimezone(tz)
    return f"{local.day} {local:%b}"
