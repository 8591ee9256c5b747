"""Gathering what a draft needs to know from one application's recorded facts. Pure."""

from __future__ import annotations

from datetime import date, tzinfo

from followup.domain.model import (
    ApplicationState,
    Channel,
    CompanyStyle,
    Contact,
    Direction,
    Interview,
    Outcome,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.promises import latest_promise
from followup.domain.settings import Profile
from followup.domain.zones import agreed_time
from followup.drafting.model import DraftFacts, DraftKind, Person, Tone

DRAFTS_FOR_ACTION: dict[str, tuple[DraftKind, ...]] = {
    "thank_you": (DraftKind.THANK_YOU_EMAIL,),
    "status_check": (DraftKind.STATUS_CHECK_EMAIL,),
    "application_check": (DraftKind.APPLICATION_CHECK_EMAIL,),
    "follow_up_call": (DraftKind.CALL_SCRIPT, DraftKind.VOICEMAIL_SCRIPT),
    "recruiter_debrief": (DraftKind.RECRUITER_DEBRIEF,),
    "reference_heads_up": (DraftKind.REFERENCE_HEADS_UP,),
    "thank_recruiter": (DraftKind.THANK_RECRUITER,),
    "respond": (DraftKind.REPLY,),
}
ASKING = (Outcome.INFO_REQUEST, Outcome.NEXT_ROUND, Outcome.OFFER)


def drafts_for_action(kind: str, channel: str | None) -> tuple[DraftKind, ...]:
    """Which drafts serve a due action: the letter or the email, the call or the voicemail."""
    if kind == "thank_you" and channel == "letter":
        return (DraftKind.THANK_YOU_LETTER,)
    if kind == "status_check" and channel == "phone":
        return (DraftKind.CALL_SCRIPT, DraftKind.VOICEMAIL_SCRIPT)
    return DRAFTS_FOR_ACTION.get(kind, ())


def default_tone(style: CompanyStyle) -> Tone:
    """Warm for modern companies; formal where the style is traditional or unknown."""
    return Tone.WARM if style is CompanyStyle.MODERN else Tone.FORMAL


def person(contact: Contact | None) -> Person | None:
    if contact is None:
        return None
    return Person(
        name=contact.name,
        title=contact.title,
        email=contact.email,
        phone=contact.phone,
        postal_address=contact.postal_address,
        organisation=contact.organisation,
        honorific=contact.honorific,
        salutation=contact.salutation,
        language=contact.language,
    )


def signature(profile: Profile) -> str:
    if profile.signature.strip():
        return profile.signature.strip()
    lines = [profile.name, profile.phone, profile.email]
    return "\n".join(line for line in lines if line.strip())


def gather(
    state: ApplicationState,
    kind: DraftKind,
    profile: Profile,
    today: date,
    tz: tzinfo,
    *,
    tone: Tone | None = None,
    contact_id: int | None = None,
    interview_id: int | None = None,
) -> DraftFacts:
    """The facts for one draft: who it is to, which interview, and the thread to reply in."""
    app = state.application
    contacts = state.contacts
    interview = _interview(state, interview_id, contact_id)
    recruiter = contacts.get(app.recruiter_id) if app.recruiter_id is not None else None
    recipient = contacts.get(contact_id) if contact_id is not None else None
    if recipient is None and kind in (DraftKind.RECRUITER_DEBRIEF, DraftKind.THANK_RECRUITER):
        recipient = recruiter
    reference = recipient if kind is DraftKind.REFERENCE_HEADS_UP else None

    # This round's status check: a note sent about the application before the interview is not it.
    status_checks = [
        t
        for t in state.touchpoints
        if t.direction is Direction.SENT
        and t.kind is TouchpointKind.STATUS_CHECK
        and (interview is None or t.occurred_at >= interview.starts_at)
    ]
    replies = [t for t in state.touchpoints if t.direction is Direction.RECEIVED and t.outcome in ASKING]
    reply = replies[-1] if replies else None
    last = _thread_to_answer(state, kind, recipient, reply)
    headers = state.mail.get(last.message_id) if last is not None and last.message_id else None
    answered = state.mail.get(reply.message_id) if reply is not None and reply.message_id else None
    reply_address = None
    if recipient is None and kind is DraftKind.REPLY and answered is not None and answered.from_addr:
        # A request from a generic address (careers@, no person): the answer goes back to it.
        reply_address = Person(name=answered.from_name or app.company, email=answered.from_addr)
    return DraftFacts(
        kind=kind,
        tone=tone or default_tone(app.company_style),
        sender=Person(
            name=profile.name,
            email=profile.email or None,
            phone=profile.phone or None,
            postal_address=profile.postal_address or None,
        ),
        signature=signature(profile),
        company=app.company,
        role=app.role,
        today=today,
        recipient=person(recipient),
        job_url=app.job_url,
        applied_date=applied_date(state, tz),
        # The day as agreed, on the interview's own clock: an interview at 19:00 in New York was on
        # that day, though it was already the next day in Berlin.
        interview_date=agreed_time(interview).date() if interview else None,
        interview_kind=interview.kind.value if interview else None,
        interview_round=interview.round if interview else None,
        interviewers=tuple(contacts[c].name for c in interview.participant_ids if c in contacts) if interview else (),
        thanked_on_their_own=_thanked_on_their_own(interview, contacts),
        recipient_notes=recipient.notes if recipient else None,
        main_points=interview.main_points if interview else None,
        forgot_to_mention=interview.forgot_to_mention if interview else None,
        to_clarify=interview.to_clarify if interview else None,
        next_steps=interview.next_steps if interview else None,
        decision_date=promised_date(state, interview),
        status_check_date=status_checks[-1].occurred_at.astimezone(tz).date() if status_checks else None,
        recruiter=person(recruiter),
        reference=person(reference),
        reply_date=reply.occurred_at.astimezone(tz).date() if reply else None,
        reply_summary=reply.notes if reply else None,
        thread_subject=last.subject if last else None,
        thread_message_id=last.message_id if last else None,
        # That thread's own chain only, never the application's other threads.
        thread_references=(
            *(headers.thread if headers else ()),
            *([last.message_id] if last and last.message_id else []),
        )[-10:],
        reply_address=reply_address,
        company_style=app.company_style,
    )


def _thanked_on_their_own(interview: Interview | None, contacts: dict[int, Contact]) -> tuple[str, ...]:
    """The interviewers a thank-you can reach on its own: an email address or a postal address.

    Every interviewer on the employer's side is due a thank-you; only one who cannot be reached
    is left to be thanked through a colleague.
    """
    if interview is None:
        return ()
    people = [contacts[c] for c in interview.participant_ids if c in contacts]
    return tuple(
        p.name
        for p in people
        if p.role.is_employer_side and ((p.email or "").strip() or (p.postal_address or "").strip())
    )


def applied_date(state: ApplicationState, tz: tzinfo) -> date:
    """The day the user applied, or else the day they added the application."""
    app = state.application
    return app.applied_on or app.created_at.astimezone(tz).date()


def _interview(state: ApplicationState, interview_id: int | None, contact_id: int | None) -> Interview | None:
    interviews = sorted(state.interviews, key=lambda i: i.starts_at)
    if interview_id is not None:
        for interview in interviews:
            if interview.id == interview_id:
                return interview
    if contact_id is not None:
        theirs = [i for i in interviews if contact_id in i.participant_ids]
        if theirs:
            return theirs[-1]
    return interviews[-1] if interviews else None


def promised_date(state: ApplicationState, interview: Interview | None) -> date | None:
    """The latest date the employer promised news by: in a reply or a call, or else at the interview.

    Never a deadline they set for the candidate, an out-of-office's return or an invitation's date
    (`domain.promises`)."""
    promise = latest_promise(interview, state.touchpoints)
    return promise.day if promise is not None else None


def _thread_to_answer(
    state: ApplicationState, kind: DraftKind, recipient: Contact | None, reply: Touchpoint | None
) -> Touchpoint | None:
    """The email a draft replies to: the request it answers; else the last one exchanged with its
    recipient (the interviewer's own thread, not the talent team's); else the employer's last."""
    app = state.application
    threaded = [
        t
        for t in state.touchpoints
        if t.channel is Channel.EMAIL
        and t.message_id
        and _employer_side(t.contact_id, state.contacts, app.recruiter_id)
    ]
    if kind is DraftKind.REPLY and reply is not None and reply.message_id:
        return reply
    theirs = [t for t in threaded if recipient is not None and t.contact_id == recipient.id]
    chosen = theirs or threaded
    return chosen[-1] if chosen else None


def _employer_side(contact_id: int | None, contacts: dict[int, Contact], recruiter_id: int | None) -> bool:
    if contact_id is None:
        return True
    contact = contacts.get(contact_id)
    return contact is None or contact.role.is_employer_side or contact_id == recruiter_id
