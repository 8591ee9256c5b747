"""A follow-up into the Drafts folder, or out through SMTP exactly once.

Drafting is the default: the message lands in the account's Drafts folder and the
user sends it from their own mail program. A drafted message is not a sent one,
so it is recorded only in the outbox, not as a touchpoint: the playbook moves on
when it is really sent (`followup mail send`, or `followup done` / a synced Sent copy).

Sending is exactly-once through the outbox (store/outbox.py):

1. `prepare` renders and checks the draft and writes the item (`prepared`) with a
   deterministic Message-ID (owner, sender, action, attempt 0), so every retry
   carries the same id.
2. `send` commits `sending` *before* the SMTP DATA; after the server accepts,
   `sent` and the touchpoint are written in one transaction, then a copy is filed
   in Sent unless one is already there (many providers file it themselves), and
   who filed it is noted for the account.
3. An item found in `sending` (the process died somewhere between those two
   commits) is first looked for in the Sent folder by its Message-ID: found means
   the server took it, so it is recorded without sending again. Absent is only
   conclusive when the account's provider is known (from an earlier send) to file
   sent mail by itself: then the server never took it, and it is sent. Otherwise
   nothing anywhere can tell whether the server's "250" came before the process
   died, so nothing is sent without the user's say-so (`MaybeSent`; `resend=True`,
   `followup mail send --resend`), and then with the same Message-ID, which lets the
   recipient's provider drop a duplicate.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from imapclient import DELETED, DRAFT, SEEN

from followup.app import actions, applications, drafts
from followup.app.context import Env
from followup.domain.fields import FieldError, email_address
from followup.domain.labels import short_day
from followup.domain.model import Channel, Direction
from followup.drafting.facts import person
from followup.drafting.message import build_email, envelope
from followup.drafting.model import Person
from followup.errors import Conflict, InvalidInput, NotFound, SettingsError
from followup.mail import imap
from followup.mail.accounts import get_account, load_accounts
from followup.mail.imap import MailError, folder_roles, mail_errors
from followup.mail.smtp import connect_smtp, quit_quietly, reply_text
from followup.mail.smtp import reason as smtp_reason
from followup.store import actions as action_store
from followup.store import outbox, records
from followup.store.convert import instant
from followup.store.db import transaction
from followup.store.outbox import OutboxItem

if TYPE_CHECKING:
    from followup.app.agenda import AgendaItem
    from followup.app.drafts import CheckedDraft
    from followup.drafting.model import DraftKind, Tone
    from followup.mail.accounts import MailAccount


class DraftHasErrors(InvalidInput):
    """The checks found errors, so the draft is not sent; `.checked` has the draft and findings."""

    def __init__(self, checked: CheckedDraft) -> None:
        errors = [f.message for f in checked.findings if f.severity.value == "error"]
        super().__init__(
            "the draft has errors, so it was not sent: " + "; ".join(errors),
            hint="Fix them (see `followup draft ACTION`), or put it in Drafts with `followup mail draft`.",
        )
        self.checked = checked


class MaybeSent(Conflict):
    """An interrupted send that may or may not have reached the server: sent again only when the user says so."""

    def __init__(self, item: OutboxItem, account: MailAccount, since: str) -> None:
        people = item.people()
        super().__init__(
            f"this follow-up to {people} may already have gone out: a send on {since} stopped while the server "
            f"was taking it, and {account.email}'s Sent folder cannot tell (its provider is not known to file "
            "sent mail there)",
            hint="Check with your mail provider's web mail or the recipient. To send it again anyway (with the "
            f"same Message-ID, so their provider can drop a duplicate): `followup mail send {item.action_id} "
            "--resend`.",
        )
        self.item = item


@dataclass(frozen=True)
class Prepared:
    item: OutboxItem
    checked: CheckedDraft | None  # None when nothing was rendered (already done, or resuming a send)
    action: AgendaItem | None
    already: bool = False  # sent before (or drafted before with this text, in draft mode): reported, never redone
    changed: bool = False  # drafted before with other text: its copy in Drafts is to be replaced (save_draft)
    resumed: bool = False  # a send was interrupted: the stored bytes go out, if anything does


@dataclass(frozen=True)
class Outcome:
    item: OutboxItem
    already: bool = False
    recovered: bool = False  # found in Sent after an interruption: recorded, not sent again
    filed: str = ""  # 'provider' or 'copied' (Sent), or 'drafts'
    touchpoint_id: int | None = None
    warnings: list[str] = field(default_factory=list)
    replaced: bool = False  # an earlier copy in Drafts with other text was replaced by this one


def prepare(
    env: Env,
    action_ref: str,
    mode: str,
    account: MailAccount,
    *,
    kind: DraftKind | None = None,
    tone: Tone | None = None,
    to: str | None = None,
) -> Prepared:
    """The outbox item for a due action: rendered, checked, and stored before anything leaves.

    `to` (an email address, or a contact of the application) replaces whom the draft is for.
    """

    if mode not in ("draft", "send"):
        raise ValueError(f"unknown mode {mode!r}")
    ref = action_ref.strip().lower()
    earlier = outbox.for_action(env.store, ref) if len(ref) >= 4 else []
    drafted = None
    if len({i.action_id for i in earlier}) == 1:
        for item in earlier:
            if item.state == "sent":
                return Prepared(item, None, None, already=True)
            if item.state == "sending" and mode == "send":
                return Prepared(item, None, None, resumed=True)
            if item.state == "drafted" and mode == "draft":
                drafted = item
    try:
        action = actions.find_action(env, ref)
    except (NotFound, Conflict):
        if drafted is None:
            raise
        return Prepared(drafted, None, None, already=True)  # done meanwhile: its copy in Drafts is left alone
    checked = drafts.for_action(env, action.id, kind=kind, tone=tone)
    if to is not None and action.application_id is not None:
        chosen = recipient(env, action.application_id, to)
        checked = replace(checked, draft=replace(checked.draft, to=(chosen,)))
    elif mode == "send":
        _same_people_as_in_drafts(earlier, action.id, checked.draft.to)
    if mode == "send" and checked.has_errors:
        raise DraftHasErrors(checked)
    profile = env.settings.profile
    sender = Person(name=profile.name, email=account.email, phone=profile.phone or None)
    message_id = outbox.message_id_for(env.owner, account.email, action.id)
    raw = bytes(build_email(checked.draft, sender=sender, when=env.now(), message_id=message_id))
    if drafted is not None and (drafted.message_id != message_id or same_text(drafted.raw, raw)):
        return Prepared(drafted, checked, action, already=True)
    with transaction(env.conn):
        item = outbox.upsert_prepared(
            env.store,
            action_id=action.id,
            application_id=action.application_id,
            account=account.name,
            message_id=message_id,
            mode=mode,
            raw=raw,
            now=env.now(),
        )
    # Another process may have moved it on between our reads: its stored bytes win.
    if item.state == "sent" or (mode == "draft" and item.state == "drafted" and drafted is None):
        return Prepared(item, checked, action, already=True)
    return Prepared(item, checked, action, resumed=item.state == "sending", changed=drafted is not None)


def recipient(env: Env, application_id: int, chosen: str) -> Person:
    """Whom the user picked for a draft: an email address (checked as every address is), or one of the
    application's contacts by name or id, who then needs an address of their own."""
    text = chosen.strip()
    if "@" in text:
        try:
            address = email_address(text)
        except FieldError as exc:
            raise InvalidInput(str(exc), where="To", hint="Give one address, like careers@example.com.") from None
        known = [
            c
            for c in records.list_contacts(env.store, application_id=application_id)
            if (c.email or "").strip().lower() == address.lower()
        ]
        return (person(known[0]) if known else None) or Person(name="", email=address)
    contact = applications.resolve_contact(env, text, application_id)
    if not (contact.email or "").strip():
        raise InvalidInput(
            f"{contact.name} has no email address",
            where="To",
            hint=f'Add it: followup contact edit "{contact.name}" --email ADDRESS, or give the address itself.',
        )
    found = person(contact)
    assert found is not None
    return found


def _same_people_as_in_drafts(earlier: list[OutboxItem], action_id: str, now: tuple[Person, ...]) -> None:
    """A send without a pick goes where the copy in Drafts goes: when that copy was for someone else
    (picked with --to, or a contact's address changed since), the user says whom, never a guess."""
    wanted = sorted((p.email or "").strip().lower() for p in now)
    for item in earlier:
        if item.action_id != action_id or item.state != "drafted":
            continue
        there = sorted(address.lower() for _name, address in item.recipients())
        if there != wanted:
            raise Conflict(
                f"this was put in Drafts for {', '.join(there)}, but the draft is now for "
                f"{', '.join(wanted) or 'nobody'}",
                where="To",
                hint=f"Say whom it goes to: `followup mail send {action_id} --to ADDRESS|CONTACT`.",
            )


@dataclass(frozen=True)
class RecipientChoice:
    """One person or address a draft can go to, as a choice on the draft page."""

    address: str
    label: str  # "Ann Lee <ann@acme.example>"
    chosen: bool = False  # whom the draft goes to unless the user picks another


def recipient_choices(env: Env, application_id: int, current: tuple[Person, ...] = ()) -> list[RecipientChoice]:
    """Whom a draft about this application can go to: whom it is for now (`current`, the draft's To,
    first and chosen), the application's contacts with an email address, then the addresses that
    wrote about it (a careers@ address is nobody's contact). Each `address` is a value `recipient`
    (and so `prepare`'s `to`) takes."""
    from followup.app.mail_intake import my_addresses

    found: dict[str, RecipientChoice] = {}

    def offer(name: str | None, address: str | None, chosen: bool = False) -> None:
        address = (address or "").strip()
        key = address.lower()
        if not address or key in found or key in mine:
            return
        label = f"{name} <{address}>" if name and name.strip() else address
        found[key] = RecipientChoice(address, label, chosen)

    mine = my_addresses(env)
    for person_now in current:
        offer(person_now.name, person_now.email, chosen=True)
    state = action_store.load_state(env.store, application_id)
    for contact in sorted(state.contacts.values(), key=lambda c: c.id):
        offer(contact.name, contact.email)
    for t in reversed(state.touchpoints):  # the latest first; mail that is no answer has no touchpoint
        headers = state.mail.get(t.message_id or "") if t.direction is Direction.RECEIVED else None
        if headers is not None:
            offer(headers.from_name, headers.from_addr)
    return list(found.values())


def save_draft(env: Env, item: OutboxItem, imap: Any, account: MailAccount, *, replace: bool = False) -> Outcome:
    """IMAP APPEND to Drafts, once: a copy already there (an interrupted earlier run) is kept.

    With `replace` (the draft's text changed since it was put in Drafts: the user edited it, or
    went back to the template), copies there with the earlier text give way to this one, which
    keeps the same Message-ID.
    """

    if item.state == "sent" or (item.state == "drafted" and not replace):
        return Outcome(item, already=True)
    if item.state == "sending":
        raise Conflict(
            "this follow-up is being sent (or a send was interrupted), so it is not put in Drafts",
            hint="Finish it with `followup mail send ACTION`: it checks your Sent folder first.",
        )

    envelope(item.raw)  # the same check of the stored bytes as before a send: a draft is one click from sent
    drafts_folder = _folder(imap, account, "drafts")
    copies = _copies(imap, account, drafts_folder, item.message_id)
    stale = [uid for uid, raw in copies.items() if not same_text(raw, item.raw)] if replace else []
    if len(stale) == len(copies):  # no copy there holds this text (or there is none)
        with mail_errors(account, f"saving the draft in {drafts_folder}"):
            imap.append(drafts_folder, item.raw, flags=(DRAFT, SEEN), msg_time=env.now())
    if stale:
        # Only once the new copy is in: a failure here leaves both, never neither.
        with mail_errors(account, f"removing the earlier draft from {drafts_folder}"):
            imap.select_folder(drafts_folder)
            imap.add_flags(stale, [DELETED])
            if imap.has_capability("UIDPLUS"):
                imap.expunge(stale)
    with transaction(env.conn):
        done = outbox.set_state(env.store, item.id, "drafted", env.now())
    return Outcome(done, filed="drafts", replaced=bool(stale))


def same_text(raw: bytes, other: bytes) -> bool:
    """Whether two messages say the same: subject, recipients and text (their Date aside)."""
    return _said(raw) == _said(other)


def _said(raw: bytes) -> tuple[str, str, str]:
    message = message_from_bytes(raw, policy=email_policy.default)
    plain = message.get_body(preferencelist=("plain",)) if isinstance(message, EmailMessage) else None
    text = plain.get_content() if isinstance(plain, EmailMessage) else ""
    return str(message["Subject"] or ""), str(message["To"] or ""), text.replace("\r\n", "\n")


def send(
    env: Env,
    item: OutboxItem,
    connect_smtp: Callable[[], smtplib.SMTP],
    imap: Any,
    account: MailAccount,
    *,
    resend: bool = False,
) -> Outcome:
    """Send `item` over SMTP at most once, record it, and file a copy in Sent.

    An interrupted earlier send that cannot be ruled out raises MaybeSent unless `resend`.
    """

    if item.state == "sent":
        return Outcome(item, already=True)
    sent_folder = _folder(imap, account, "sent")
    # 'drafted' too: the user may have sent our draft from their mail program, same Message-ID.
    if item.state in ("sending", "drafted") and _present(imap, account, sent_folder, item.message_id):
        at = instant(item.updated_at) if item.state == "sending" else env.now()
        # Only our own interrupted send tells about the provider: a draft may have been filed by a mail program.
        return _finish(env, item, imap, account, at=at, filed="provider", recovered=True, learn=item.state == "sending")
    if item.state == "sending" and not resend and not outbox.provider_files_sent(env.store, account.name):
        local = instant(item.updated_at).astimezone(env.tz)
        raise MaybeSent(item, account, f"{short_day(local)} at {local:%H:%M}")
    # The RCPT list comes only from checked addresses in checked headers, never from whatever the bytes say.
    sender, to = envelope(item.raw)
    smtp = connect_smtp()  # before `sending`: a failed login leaves nothing in doubt
    try:
        with transaction(env.conn):
            item = outbox.set_state(env.store, item.id, "sending", env.now())
        interruption_point("sending-committed")
        try:
            refused = smtp.sendmail(sender, to, item.raw)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            # The server answered "no": it has not taken the message, so a retry is safe.
            reason = smtp_reason(exc)
            with transaction(env.conn):
                outbox.set_state(env.store, item.id, "failed", env.now(), error=reason)
            raise MailError(
                f"the SMTP server refused the message: {reason}",
                where=f"{account.smtp_host}:{account.smtp_port}",
                hint="Nothing was sent. Fix what it says (often the recipient's address), then run it again.",
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(
                f"the connection broke while sending ({smtp_reason(exc)}); the server may or may not have it",
                where=f"{account.smtp_host}:{account.smtp_port}",
                hint="Run the same command again: it looks in your Sent folder first and does not send twice "
                "when the message is there.",
            ) from None
    finally:
        quit_quietly(smtp)
    interruption_point("smtp-accepted")
    warnings = [f"the server refused {address}: {reply_text(reply)}" for address, reply in refused.items()]
    outcome = _finish(env, item, imap, account, at=env.now(), filed="", learn=True)
    outcome.warnings[:0] = warnings
    return outcome


def save_draft_in_mailbox(env: Env, item: OutboxItem, account: MailAccount, *, replace: bool = False) -> Outcome:
    """`save_draft` over a connection of its own to the account's mailbox, closed afterwards."""
    from followup.app.stored_secrets import for_connection

    account = for_connection(env, account)  # in hosted mode, the password this account keeps
    client = imap.connect(account)
    try:
        return save_draft(env, item, client, account, replace=replace)
    finally:
        imap.close(client)


def send_from_account(
    env: Env,
    item: OutboxItem,
    account: MailAccount,
    *,
    resend: bool = False,
    ask_to_resend: Callable[[MaybeSent], bool] | None = None,
) -> Outcome | None:
    """`send` through the account's SMTP server, with one connection to its mailbox for the whole send.

    When the send may already have gone out (MaybeSent), `ask_to_resend` (when given) decides
    whether it is sent again on the same connection; None when it says no. Without it, MaybeSent
    is raised.
    """
    from followup.app.stored_secrets import for_connection

    account = for_connection(env, account)  # in hosted mode, the password this account keeps
    client = imap.connect(account)
    try:
        try:
            return send(env, item, lambda: connect_smtp(account), client, account, resend=resend)
        except MaybeSent as doubt:
            if ask_to_resend is None:
                raise
            if not ask_to_resend(doubt):
                return None
            return send(env, item, lambda: connect_smtp(account), client, account, resend=True)
    finally:
        imap.close(client)


def _finish(
    env: Env,
    item: OutboxItem,
    imap: Any,
    account: MailAccount,
    *,
    at: datetime,
    filed: str,
    recovered: bool = False,
    learn: bool = False,
) -> Outcome:
    """Record the sent message (outbox + touchpoint together), then file it in Sent and clear Drafts.

    With `learn`, who filed the copy is noted: it says whether the provider files sent mail.
    """

    subject = str(item.message()["Subject"] or "")
    warnings: list[str] = []
    with transaction(env.conn):
        touchpoint_id = _touchpoint(env, item, subject, at, warnings)
        item = outbox.set_state(env.store, item.id, "sent", env.now(), touchpoint_id=touchpoint_id)
    # From here on the message is sent and recorded; filing problems are warnings, not failures.
    try:
        sent_folder = _folder(imap, account, "sent")
        if filed != "provider":
            filed = "provider" if _present(imap, account, sent_folder, item.message_id) else "copied"
        if learn:
            with transaction(env.conn):
                outbox.set_filed(env.store, item.id, filed)
        if filed == "copied":
            with mail_errors(account, f"filing a copy in {sent_folder}"):
                imap.append(sent_folder, item.raw, flags=(SEEN,), msg_time=at)
        # Always looked for, not only after `mail draft` here: the draft may be from an earlier run.
        _remove_draft(imap, account, item.message_id)
    except MailError as exc:
        warnings.append(f"sent and recorded, but tidying the mailbox failed: {exc.message}")
        filed = filed if filed == "provider" else ""
    return Outcome(item, recovered=recovered, filed=filed, touchpoint_id=touchpoint_id, warnings=warnings)


def _touchpoint(env: Env, item: OutboxItem, subject: str, at: datetime, warnings: list[str]) -> int | None:
    """The playbook's record of the message: the due action is done, so the agenda moves on."""
    try:
        done = actions.mark_done(
            env, item.action_id, at=at, channel=Channel.EMAIL, subject=subject, message_id=item.message_id
        )
        return done.touchpoint_id
    except Conflict:
        warnings.append(f"action {item.action_id} was already marked done, so no second touchpoint was added")
        return None
    except NotFound:
        # The plan changed meanwhile (a reply came in, say); the message still happened.
        if item.application_id is None:
            return None
        sent, email = Direction.SENT, Channel.EMAIL
        logged = applications.log_touchpoint(
            env,
            item.application_id,
            applications.NewTouchpoint(
                direction=sent, channel=email, occurred_at=at, subject=subject, message_id=item.message_id
            ),
        )
        return logged.touchpoint.id


def _folder(imap: Any, account: MailAccount, role: str) -> str:

    with mail_errors(account, "listing the folders"):
        roles = folder_roles(imap, account.folders)
    if role not in roles:
        raise MailError(
            f"the mailbox has no {role} folder",
            hint=f'Name it in the settings: folders.{role} = "..." under [mail.{account.name}].',
        )
    return roles[role]


def _copies(imap: Any, account: MailAccount, folder: str, message_id: str) -> dict[int, bytes]:
    """The messages in `folder` with this Message-ID, by UID."""
    with mail_errors(account, f"searching {folder}"):
        imap.select_folder(folder, readonly=True)
        uids = imap.search(["HEADER", "Message-ID", message_id])
        if not uids:
            return {}
        fetched = imap.fetch(uids, ["BODY.PEEK[]"])
    return {uid: bytes(data[b"BODY[]"]) for uid, data in fetched.items()}


def _present(imap: Any, account: MailAccount, folder: str, message_id: str) -> bool:
    with mail_errors(account, f"searching {folder}"):
        imap.select_folder(folder, readonly=True)
        return bool(imap.search(["HEADER", "Message-ID", message_id]))


def _remove_draft(imap: Any, account: MailAccount, message_id: str) -> None:
    """Our draft leaves Drafts once the message is sent, so it cannot be sent a second time by hand."""

    folder = _folder(imap, account, "drafts")
    with mail_errors(account, f"removing the sent draft from {folder}"):
        imap.select_folder(folder)
        uids = imap.search(["HEADER", "Message-ID", message_id])
        if uids:
            imap.add_flags(uids, [DELETED])
            # Without UIDPLUS an EXPUNGE would also purge what the user deleted; the flag is enough then.
            if imap.has_capability("UIDPLUS"):
                imap.expunge(uids)


def interruption_point(step: str) -> None:
    """Called at the two moments between which an interruption matters ("sending-committed",
    "smtp-accepted"); does nothing. The exactly-once tests replace it, in a process of their
    own, with one that kills that process there."""


# -- the draft page: the same, for one click ------------------------------------------------


def mail_accounts(env: Env) -> list[MailAccount]:
    """The mail accounts a draft can go through; none when the [mail] table is broken."""
    try:
        accounts = load_accounts(env.config_path)
    except SettingsError:
        return []  # a broken [mail] table is reported by Settings; the draft still works without it
    return accounts


def send_interrupted(env: Env, action_id: str) -> bool:
    """Whether an earlier send of this action's message stopped halfway (it may have gone out)."""
    return any(item.state == "sending" for item in outbox.for_action(env.store, action_id))


def _account(env: Env, name: str) -> MailAccount:
    return get_account(env.config_path, name or None)


def save_to_drafts(
    env: Env,
    action_id: str,
    account_name: str,
    *,
    tone: Tone | None,
    kind: DraftKind | None,
    to: str | None = None,
) -> tuple[str, str]:
    """Put the checked draft in the account's Drafts folder (once); returns (kind, message).

    `to`: whom the user picked instead (an address or a contact), as for `prepare`."""
    account = _account(env, account_name)
    prepared = prepare(env, action_id, "draft", account, kind=kind, tone=tone, to=to)
    if prepared.already:
        if prepared.item.state == "sent":
            return "info", "This message was already sent, so it was not put in Drafts again."
        note = _with_tone_note(prepared.checked, tone)
        return "info", f"It is already in the Drafts folder of {account.email}; nothing was added again.{note}"
    outcome = save_draft_in_mailbox(env, prepared.item, account, replace=prepared.changed)
    note = _with_tone_note(prepared.checked, tone)
    if outcome.already:
        return "info", f"It is already in the Drafts folder of {account.email}; nothing was added again.{note}"
    if outcome.replaced:
        return "ok", (
            f"This text replaced the earlier one in the Drafts folder of {account.email}. Send it from your mail "
            f"program, then come back and mark it as sent.{note}"
        )
    return "ok", (
        f"Saved in the Drafts folder of {account.email}. Send it from your mail program, "
        f"then come back and mark it as sent.{note}"
    )


@dataclass(frozen=True)
class Sent:
    message: str
    warnings: tuple[str, ...]
    already: bool


def prepare_to_send(
    env: Env,
    action_id: str,
    account_name: str,
    *,
    tone: Tone | None,
    kind: DraftKind | None,
    to: str | None = None,
) -> tuple[MailAccount, Prepared]:
    """The checked draft in the outbox, to be sent through the mail account `account_name` (refused
    when the account cannot send, or the checks find errors): what Send does before anything leaves,
    in the web process or in a hosted installation's worker."""
    account = _account(env, account_name)
    if not account.smtp_host:
        raise InvalidInput(
            f"the mail account {account.name} has no outgoing (SMTP) server",
            hint="Add one in Settings, or put the message in Drafts and send it from your mail program.",
        )
    return account, prepare(env, action_id, "send", account, kind=kind, tone=tone, to=to)


def send_now(
    env: Env,
    action_id: str,
    account_name: str,
    *,
    tone: Tone | None,
    kind: DraftKind | None,
    resend: bool = False,
    to: str | None = None,
) -> Sent:
    """Send the checked draft over SMTP at most once (refuses when the checks find errors).

    `resend`: the user said to send again after an interrupted send that may have gone out.
    `to`: whom the user picked instead (an address or a contact), as for `prepare`.
    """
    account, prepared = prepare_to_send(env, action_id, account_name, tone=tone, kind=kind, to=to)
    if prepared.already:
        return Sent("It was already sent; nothing was sent again.", (), True)
    outcome = send_from_account(env, prepared.item, account, resend=resend)
    assert outcome is not None  # without ask_to_resend, a send in doubt raises MaybeSent
    people = prepared.item.people()
    if outcome.already:
        text = "It was already sent; nothing was sent again."
    elif outcome.recovered:
        text = f"It had already gone out to {people} (found in your Sent folder): recorded, not sent again."
    else:
        text = f"Sent to {people}. It is recorded, and the next step is on your list."
    return Sent(text + _with_tone_note(prepared.checked, tone), tuple(outcome.warnings), outcome.already)


def tone_note(checked: CheckedDraft | None, tone: Tone | None) -> str:
    """What to tell someone who chose a tone for a draft they edited: a tone words the template,
    and their own text is used as they wrote it; empty when that is not the case."""
    if tone is None or checked is None or not checked.edited:
        return ""
    return (
        f"You edited this draft, so the {tone.value} tone does not apply: your own text is used as you wrote it. "
        f"For the {tone.value} wording, reset the draft to the template first."
    )


def _with_tone_note(checked: CheckedDraft | None, tone: Tone | None) -> str:
    note = tone_note(checked, tone)
    return f" {note}" if note else ""
