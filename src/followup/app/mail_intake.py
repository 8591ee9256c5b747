"""Recording a matched message: its mail_message row, its touchpoint, and what it means.

A received message is classified and becomes a `reply` touchpoint, so the playbook
reads it at once: any non-automatic reply stops the chase, a promised date moves the
status check. What the touchpoint cannot do by itself, closing the application on a
rejection or an offer, is a *suggestion* the user applies or dismisses, or that is
applied at once when the account has `auto_apply = true`.

Every function here writes in one transaction and refreshes the applications it
touched. Recording is idempotent: the same location, or the same Message-ID, is
never recorded twice, because a sync interrupted mid-batch reads that batch again.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from followup.app import applications, mail_sent, plan
from followup.app.actions import MESSAGE_KINDS
from followup.app.context import Env
from followup.domain.labels import short_day
from followup.domain.model import ApplicationStatus, Channel, DecisionState, Direction, Outcome, TouchpointKind
from followup.domain.text import capitalised
from followup.errors import Conflict, SettingsError
from followup.mail.bulk import no_answer
from followup.mail.match import MailDirection, Match, MatchIndex
from followup.mail.parse import ParsedMessage, parse_message
from followup.store import actions as action_store
from followup.store import mail as store
from followup.store import records
from followup.store.db import transaction

# Marks the touchpoints intake writes, so that `unmatch` removes those and never one the user logged.
MAILBOX_NOTE = "Found in your mailbox."
# The replies that settle an application, and the status they give it (Outcome is a StrEnum,
# so a stored label looks its status up directly).
CLOSING = applications.FINAL_STATUSES


def suggestion_for(label: str | None, promised_by: date | None) -> str | None:
    """The consequence of a reply, in the words the user sees next to it."""
    fixed = {
        "rejection": "close as rejected",
        "offer": "mark as offer, and answer",
        "next_round": "schedule the next interview",
        "info_request": "answer within a business day",
    }
    if label in fixed:
        return fixed[label]
    if label == "still_deciding" and promised_by:
        return f"the next follow-up waits until after {short_day(promised_by)}"
    if label == "auto_reply" and promised_by:
        return f"the chase moves to after {short_day(promised_by)}"
    return None


Location = tuple[str | None, str | None, int | None, int | None]  # account, folder, UIDVALIDITY, UID


def record(
    env: Env,
    parsed: ParsedMessage,
    *,
    account: str | None,
    folder: str | None,
    uidvalidity: int | None,
    uid: int | None,
    direction: MailDirection,
    match: Match,
    auto_apply: bool | None = None,
    to_refresh: set[int] | None = None,
) -> int:
    """Store a matched message and its touchpoint; returns the mail_message id (the old one if already known).

    `auto_apply` None reads the account's setting. A new row's id is above every older one.
    With `to_refresh`, the application's plan is not recomputed here but its id is added to
    the set, so that a caller recording many messages (a sync batch) replans each
    application once, inside the same transaction.
    """
    location = (account, folder, uidvalidity, uid)
    conn = env.conn
    with transaction(conn):
        known = store.mail_at_location(env.store, account, folder, uidvalidity, uid)
        if known is not None:
            return known
        same = store.mail_with_message_id(env.store, parsed.message_id) if parsed.message_id else None
        if same is not None:
            if uid is not None and (same.account, same.folder) == (account, folder):
                # The folder's UIDVALIDITY changed: the same message now lives at a new UID.
                store.update_mail_message(env.store, same.id, uidvalidity=uidvalidity, uid=uid)
            _seen(env, location, matched=True)
            return same.id
        mail_id = _write(env, parsed, direction, match, location)
        row = store.get_mail_message(env.store, mail_id)
        if row.suggestion_state == "pending" and (auto_apply if auto_apply is not None else _auto_apply(env, account)):
            _apply(env, row)
        if to_refresh is None:
            plan.refresh(env, [match.application_id])
        else:
            to_refresh.add(match.application_id)
    return mail_id


def _write(
    env: Env,
    parsed: ParsedMessage,
    direction: MailDirection,
    match: Match,
    location: Location,
) -> int:
    label: str | None = None
    promised: date | None = None
    values: dict[str, Any] = {}
    not_an_answer: str | None = None
    if direction == "received":
        from followup.reading.classify import classify

        found = classify(parsed, calendar=env.calendar, reference_date=env.now().date(), country=env.settings.country)
        label, promised = found.label, found.promised_by
        values = {"label": label, "promised_by": promised, "confidence": found.confidence, "evidence": found.evidence}
        # Mail to many, or a machine's mail about nothing, is kept as other mail: it never counts as the
        # employer answering. Attached by hand, the user has said otherwise.
        not_an_answer = (
            None if match.reason == "manual" else no_answer(parsed, label, in_thread=match.reason == "thread")
        )
        if not_an_answer is not None:
            label, promised = Outcome.OTHER.value, None
            values |= {"label": label, "promised_by": None, "evidence": not_an_answer}
    app_id = match.application_id
    # A touchpoint already carrying this Message-ID (a follow-up sent through the outbox,
    # or logged by hand) is the same message: link to it instead of counting it twice.
    tp_id = store.touchpoint_with_message_id(env.store, app_id, parsed.message_id) if parsed.message_id else None
    created = tp_id is None and not_an_answer is None
    if created:
        if match.contact_id is not None:
            records.link_contact(env.store, app_id, match.contact_id)
        # A sent message that does an open action (the thank-you, the status check) is that action, done.
        done = mail_sent.answered_actions(env, parsed, app_id) if direction == "sent" else []
        kind = TouchpointKind.REPLY if direction == "received" else TouchpointKind.OTHER
        if done:
            kind, values = MESSAGE_KINDS[done[0].action.kind], {"evidence": done[0].why}
        at = parsed.date or env.now()
        tp_id = records.add_touchpoint(
            env.store,
            env.now(),
            application_id=app_id,
            contact_id=done[0].contact_id if done and done[0].contact_id is not None else match.contact_id,
            direction=Direction(direction),
            channel=Channel.EMAIL,
            kind=kind,
            outcome=Outcome(label) if label else None,
            occurred_at=at,
            subject=parsed.subject or None,
            message_id=parsed.message_id,
            promised_date=promised,
            notes=MAILBOX_NOTE,
            action_id=done[0].action.id if done else None,
        )
        for answered in done:
            action = answered.action
            note = f"{MAILBOX_NOTE} {capitalised(answered.why)}: {parsed.subject or '(no subject)'}"
            action_store.decide(env.store, action.id, action.kind.value, app_id, DecisionState.DONE, at, note=note)
        # A message about a job on the wishlist means it was applied to: it becomes active (and a
        # rejection or an offer can then close it), as when the message is logged by hand.
        applications.under_way(env, records.get_application(env.store, app_id), parsed.date or env.now())
    suggestion = suggestion_for(label, promised) if created else None
    mail_id = store.add_mail_message(
        env.store,
        env.now(),
        **dict(zip(("account", "folder", "uidvalidity", "uid"), location, strict=True)),
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        refs=" ".join(parsed.references) or None,
        from_name=parsed.from_name or None,
        from_addr=parsed.from_addr or None,
        to_addrs=", ".join([*parsed.to_addrs, *parsed.cc_addrs]) or None,
        subject=parsed.subject or None,
        sent_at=parsed.date,
        body=parsed.text,  # kept only because it matched: unmatched mail never reaches this function
        direction=direction,
        application_id=app_id,
        contact_id=match.contact_id,
        match_reason=match.reason,
        touchpoint_id=tp_id,
        suggestion=suggestion,
        suggestion_state="pending" if suggestion else None,
        **values,
    )
    _seen(env, location, matched=True)
    return mail_id


def apply_suggestion(env: Env, mail_id: int) -> store.MailRow:
    """Do what the message's suggestion says (close the application on a rejection or offer)."""
    row = _pending(env, mail_id)
    with transaction(env.conn):
        _apply(env, row)
        if row.application_id is not None:
            plan.refresh(env, [row.application_id])
    return store.get_mail_message(env.store, mail_id)


def dismiss_suggestion(env: Env, mail_id: int) -> store.MailRow:
    _pending(env, mail_id)
    with transaction(env.conn):
        store.update_mail_message(env.store, mail_id, suggestion_state="dismissed")
    return store.get_mail_message(env.store, mail_id)


def reassign(env: Env, mail_id: int, app_id: int) -> store.MailRow:
    """Move a wrongly matched message, and its touchpoint, to another application."""
    row = store.get_mail_message(env.store, mail_id)
    records.get_application(env.store, app_id)
    old = row.application_id
    if old == app_id:
        return row
    with transaction(env.conn):
        carried = row.suggestion_state == "applied" and row.label in CLOSING
        if carried and old is not None:
            _reopen(env, old, row.label)
        # The contact stays only if they belong to the new application too.
        contact = row.contact_id
        if contact is not None and app_id not in records.applications_of_contact(env.store, contact):
            contact = None
        if row.touchpoint_id is not None:
            records.update_touchpoint(env.store, row.touchpoint_id, application_id=app_id, contact_id=contact)
            applications.under_way(env, records.get_application(env.store, app_id), row.sent_at or env.now())
        store.update_mail_message(env.store, mail_id, application_id=app_id, contact_id=contact, match_reason="manual")
        if carried:
            _close(env, app_id, row.label, row.sent_at)
        plan.refresh(env, [app_id] + ([old] if old is not None else []))
    return store.get_mail_message(env.store, mail_id)


def unmatch(env: Env, mail_id: int) -> None:
    """A wrong match: forget the message and its touchpoint; only the fact it was seen remains."""
    row = store.get_mail_message(env.store, mail_id)
    with transaction(env.conn):
        if row.application_id is not None and row.suggestion_state == "applied" and row.label in CLOSING:
            _reopen(env, row.application_id, row.label)
        if row.touchpoint_id is not None and store.touchpoint_owned_by_mail(
            env.store, row.touchpoint_id, mail_id, MAILBOX_NOTE
        ):
            records.delete_touchpoint(env.store, row.touchpoint_id)
        store.delete_mail_message(env.store, mail_id)
        # matched = 0 tells the next sync or import not to match it again.
        _seen(env, (row.account, row.folder, row.uidvalidity, row.uid), matched=False)
        if row.application_id is not None:
            plan.refresh(env, [row.application_id])


def attach(env: Env, raw: bytes, app_id: int) -> int:
    """A message the matching missed, attached to an application by hand."""
    records.get_application(env.store, app_id)
    parsed = parse_message(raw)
    # Without a Message-ID, a hash of the bytes keeps attaching the same file twice harmless.
    message_id = parsed.message_id or f"<{hashlib.sha256(raw).hexdigest()[:32]}@attached.invalid>"
    parsed = replace(parsed, message_id=message_id)
    same = store.mail_with_message_id(env.store, message_id)
    if same is not None:
        return reassign(env, same.id, app_id).id
    direction: MailDirection = "sent" if parsed.from_addr.lower() in my_addresses(env) else "received"
    index = MatchIndex.build(env.store)
    others = [parsed.from_addr] if direction == "received" else [*parsed.to_addrs, *parsed.cc_addrs]
    person = next((index.people[a.lower()] for a in others if a.lower() in index.people), None)
    match = Match(app_id, person.id if person else None, "manual")
    nowhere: dict[str, Any] = {"account": None, "folder": None, "uidvalidity": None, "uid": None}
    return record(env, parsed, direction=direction, match=match, auto_apply=False, **nowhere)


def my_addresses(env: Env) -> set[str]:
    """The user's own addresses (profile and mail accounts): mail from them is sent mail."""
    mine = {env.settings.profile.email.strip().lower()} - {""}
    try:
        from followup.mail.accounts import load_accounts

        mine |= {a.email.strip().lower() for a in load_accounts(env.config_path)}
    except SettingsError:  # a broken [mail] table must not stop reading mail that needs no account
        pass
    return mine


def _auto_apply(env: Env, account: str | None) -> bool:
    if not account:
        return False
    from followup.mail.accounts import load_accounts

    try:
        return any(a.name == account and a.auto_apply for a in load_accounts(env.config_path))
    except SettingsError:
        return False


def _pending(env: Env, mail_id: int) -> store.MailRow:
    row = store.get_mail_message(env.store, mail_id)
    if row.suggestion_state != "pending":
        state = row.suggestion_state or "none"
        raise Conflict(
            f"message {mail_id} has no pending suggestion (it is {state})",
            hint="See them with `followup mail matches`.",
        )
    return row


def _apply(env: Env, row: store.MailRow) -> None:
    # Only closing needs doing: every other consequence follows from the touchpoint itself.
    if row.application_id is not None and row.label in CLOSING:
        _close(env, row.application_id, row.label, row.sent_at)
    store.update_mail_message(env.store, row.id, suggestion_state="applied")


def _closing_status(label: str | None) -> ApplicationStatus | None:
    return CLOSING.get(Outcome(label)) if label else None


def _close(env: Env, app_id: int, label: str | None, at: datetime | None) -> None:
    status = _closing_status(label)
    if status is not None and records.get_application(env.store, app_id).status.is_open:
        applications.edit_application(
            env, app_id, applications.ApplicationChanges(status=status, closed_at=at or env.now())
        )


def _reopen(env: Env, app_id: int, label: str | None) -> None:
    status = _closing_status(label)
    if status is not None and records.get_application(env.store, app_id).status is status:
        applications.edit_application(env, app_id, applications.ApplicationChanges(status=ApplicationStatus.ACTIVE))


def _seen(env: Env, location: Location, *, matched: bool) -> None:
    account, folder, uidvalidity, uid = location
    if account is not None and folder is not None and uidvalidity is not None and uid is not None:
        store.set_seen_matched(env.store, account, folder, uidvalidity, uid, matched)
