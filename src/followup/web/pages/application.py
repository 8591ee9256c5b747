"""One application's page: what comes next and why, its timeline, its people, what was learned; all editable.

Every edit is an ordinary form that posts and redirects back; with htmx the
same URLs answer with the edited piece of the page (and a fresh "What comes
next"), so editing happens in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from followup.app import applications, coaching, lookups, progress
from followup.app.context import Env
from followup.app.promises import parse_timeline
from followup.domain import salutations
from followup.domain.days import day_order
from followup.domain.labels import action_title
from followup.domain.model import (
    CALL_OUTCOMES,
    REPLY_OUTCOMES,
    ApplicationStatus,
    Channel,
    CompanyStyle,
    Contact,
    ContactRole,
    Direction,
    Interview,
    InterviewKind,
    Language,
    Outcome,
    PreferredChannel,
    Salutation,
    Source,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.stages import CLOSE_REASONS, STAGES
from followup.domain.text import sentence
from followup.errors import InvalidInput, NotFound
from followup.web import rendering
from followup.web.app import env_of
from followup.web.links import mail_link, phone_link, web_link
from followup.web.pages.application_forms import LONG, Form, changes, tracker_values, values_of, wants_fragment
from followup.web.pages.application_words import (
    APP_FIELDS,
    CALL_OUTCOME_OPTIONS,
    CHANNEL_OPTIONS,
    CONTACT_FIELDS,
    EXCITEMENT_OPTIONS,
    FACT_FIELDS,
    INTERVIEW_KIND_OPTIONS,
    KIND_OPTIONS,
    PREFERRED_OPTIONS,
    PRESETS,
    REPLY_OUTCOME_OPTIONS,
    ROLE_OPTIONS,
    SOURCE_OPTIONS,
    STATUS_OPTIONS,
    STATUS_WORDS,
    STYLE_OPTIONS,
    TOUCHPOINT_FIELDS,
    WORDS,
)
from followup.web.security import ACCOUNT_KEY

router = APIRouter(include_in_schema=False)


def _base(request: Request, detail: progress.Detail) -> dict[str, Any]:
    env = env_of(request)
    app = detail.application
    return {
        "app": app,
        "detail": detail,
        "now": env.now(),
        "words": WORDS,
        "status_words": STATUS_WORDS,
        "stages": STAGES,
        "close_words": CLOSE_REASONS,
        "job_link": web_link(app.job_url),
        "phone_link": phone_link,
        "mail_link": mail_link,
        "people": {c.id: c for c in detail.contacts},
        "touchpoint_title": _touchpoint_title,
        "action_titles": lambda item: action_title(item.kind, item.channel),
        "inline": True,
        "salutation_options": lambda form: _salutation_options(app.company_style, form),
        "language_options": LANGUAGE_OPTIONS,
        "greeting_of": lambda person: _greeting_of(app.company_style, person),
    }


LANGUAGE_OPTIONS = [("", "The draft's own (English)"), ("en", "English"), ("de", "German"), ("fr", "French")]
LANGUAGE_OPTIONS += [("es", "Spanish")]


def _salutation_options(style: CompanyStyle, form: Form) -> list[tuple[str, str]]:
    """The choices of how to greet, each shown as drafts would write it for this contact: "Dear Zoë"."""
    name = form.values.get("name", "").strip()
    honorific = form.values.get("honorific", "").strip() or None
    try:
        language = Language(form.values.get("language", "")) if form.values.get("language") else None
    except ValueError:
        language = None
    if not name:
        shown = {Salutation.FIRST_NAME: "First name", Salutation.TITLE: "Title and surname"}
        shown[Salutation.FULL_NAME] = "Full name"
    else:
        shown = {chosen: line.rstrip(",:") for chosen, line in salutations.previews(name, honorific, language).items()}
    if name and not honorific:
        shown[Salutation.TITLE] += " (no title entered: the full name)"
    style_form = salutations.form(Salutation.DEFAULT, style, honorific, Salutation.DEFAULT)
    if style_form is Salutation.DEFAULT:
        default = "As each draft's tone has it (the company's style is not set)"
    else:
        default = f"As the company's style ({style.value}) has it: {shown[style_form]}"
    return [(Salutation.DEFAULT.value, default)] + [(chosen.value, text) for chosen, text in shown.items()]


def _greeting_of(style: CompanyStyle, person: Contact) -> str | None:
    """How drafts to this application greet the person, or None when each draft's tone decides."""
    chosen = salutations.form(person.salutation, style, person.honorific, Salutation.DEFAULT)
    if chosen is Salutation.DEFAULT:
        return None
    return salutations.greeting(person.name, person.honorific, chosen, person.language)


def _missing(request: Request) -> Response:
    context = {"heading": "Application not found"}
    return rendering.page(
        request, "application_missing.html", context, active="applications", title="Not found", status=404
    )


def _detail(request: Request, app_id: int) -> progress.Detail:
    return progress.detail(env_of(request), app_id)


def _back(app_id: int, anchor: str = "") -> str:
    return f"/applications/{app_id}" + (f"#{anchor}" if anchor else "")


def _redirect(target: str, text: str, kind: str = "ok") -> Response:
    response = RedirectResponse(target, status_code=303)
    rendering.set_flash(response, text, kind)
    return response


def guarded(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Unknown application, contact, interview or touchpoint: the friendly 404, not the generic one."""
    import functools

    @functools.wraps(handler)
    async def wrapper(request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            response: Response = await handler(request, *args, **kwargs)
        except NotFound:
            return _missing(request)
        return response

    return wrapper


# -- the page -------------------------------------------------------------------------------


@router.get("/applications/{app_id:int}")
@guarded
async def application(request: Request, app_id: int, log: str = "") -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    context = _base(request, detail)
    context["log_form"] = _log_defaults(env, log)
    context["log_open"] = bool(log)
    context["log_options"] = _touchpoint_options(detail)
    context["contact_form"] = Form({"role": "interviewer", "preferred_channel": "unknown"})
    context |= _option_lists()
    # A hosted account's coach may have left notes on it (the local app has no coaches).
    context["coach_notes"] = coaching.notes_for_me(env, app_id) if request.scope.get(ACCOUNT_KEY) else []
    app = detail.application
    title = f"{app.role} at {app.company}"
    return rendering.page(request, "application.html", context, active="applications", title=title)


def _option_lists() -> dict[str, Any]:
    return {
        "role_options": ROLE_OPTIONS,
        "preferred_options": PREFERRED_OPTIONS,
        "close_reasons": [(status.value, words) for status, words in CLOSE_REASONS.items()],
    }


def _log_defaults(env: Env, preset: str) -> Form:
    values = {"direction": "sent", "channel": "email", "occurred_at": f"{env.now():%Y-%m-%dT%H:%M}"}
    values |= PRESETS.get(preset, {})
    return Form(values)


def _touchpoint_options(detail: progress.Detail) -> dict[str, Any]:
    people = [("", "Nobody in particular")] + [(str(c.id), c.name) for c in detail.contacts]
    return {
        "people": people,
        "channels": CHANNEL_OPTIONS,
        "kinds": KIND_OPTIONS,
        "reply_outcomes": REPLY_OUTCOME_OPTIONS,
        "call_outcomes": CALL_OUTCOME_OPTIONS,
    }


# -- editing in place: shared plumbing ------------------------------------------------------


def _form_response(
    request: Request, detail: progress.Detail, partial: str, context: dict[str, Any], heading: str, status: int = 200
) -> Response:
    """An edit form: in place for htmx, or as a page of its own."""
    full = _base(request, detail) | _option_lists() | context
    if wants_fragment(request):
        return rendering.partial(request, partial, full, status)
    full |= {"inline": False, "form_template": partial, "heading": heading}
    return rendering.page(request, "application_edit.html", full, active="applications", title=heading, status=status)


def _saved(request: Request, app_id: int, partial: str, context: dict[str, Any], anchor: str, text: str) -> Response:
    """After a save: the piece of page again (htmx) with a fresh plan, or back to the page."""
    if not wants_fragment(request):
        return _redirect(_back(app_id, anchor), text)
    detail = _detail(request, app_id)
    full = _base(request, detail) | _option_lists() | context
    html = rendering.render(partial, full) if partial else ""
    html += _refreshed(full, text)
    return rendering.finish(request, html)


def _refreshed(context: dict[str, Any], text: str) -> str:
    """Out-of-band updates: the plan, the stage and so the main button may change with any edit."""
    html = rendering.render("_app_next.html", {**context, "oob": True})
    html += rendering.render("_app_stage.html", {**context, "oob": True})
    html += rendering.render("_app_actions.html", {**context, "oob": True})
    message = {"kind": "ok", "text": text, "link": None}
    return html + rendering.render("_board_message.html", {"message": message})


def _view_or_page(request: Request, app_id: int, partial: str, context: dict[str, Any], anchor: str) -> Response:
    """A piece of the page (htmx "Cancel"); a browser asking for it directly gets the whole page there."""
    detail = _detail(request, app_id)  # first: for an unknown application, 404 rather than a redirect
    if not wants_fragment(request):
        return RedirectResponse(_back(app_id, anchor), status_code=303)
    return rendering.partial(request, partial, _base(request, detail) | _option_lists() | context)


# -- the application itself -----------------------------------------------------------------


@router.get("/applications/{app_id:int}/details")
@guarded
async def details_view(request: Request, app_id: int) -> Response:
    return _view_or_page(request, app_id, "_app_details.html", {}, "top")


def _details_context(detail: progress.Detail, form: Form) -> dict[str, Any]:
    recruiters = [("", "None")] + [
        (str(c.id), c.name)
        for c in detail.contacts
        if c.role is ContactRole.RECRUITER or c.id == detail.application.recruiter_id
    ]
    return {
        "form": form,
        "status_options": STATUS_OPTIONS,
        "style_options": STYLE_OPTIONS,
        "source_options": SOURCE_OPTIONS,
        "recruiter_options": recruiters,
        "excitement_options": EXCITEMENT_OPTIONS,
    }


@router.get("/applications/{app_id:int}/edit")
@guarded
async def details_form(request: Request, app_id: int) -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    form = Form(values_of(detail.application, APP_FIELDS, env.tz))
    form.values["recruiter_id"] = str(detail.application.recruiter_id or "")
    form.values["tags"] = ", ".join(detail.application.tags)
    context = _details_context(detail, form)
    return _form_response(request, detail, "_app_details_form.html", context, "Edit the application")


@router.post("/applications/{app_id:int}/edit")
@guarded
async def details_save(request: Request, app_id: int) -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    app = detail.application
    form = await Form.read(request)
    new: dict[str, Any] = {
        "company": form.text("company", label="company's name", required=True),
        "role": form.text("role", label="job title", required=True),
        "job_url": form.url("job_url"),
        "applied_on": form.day("applied_on", label="date you applied", latest=env.now().date()),
        "source": form.choice("source", Source, label="how you applied", default=app.source),
        "company_style": form.choice("company_style", CompanyStyle, label="style", default=app.company_style),
        "status": form.choice("status", ApplicationStatus, label="status", default=app.status),
        "notes": form.text("notes", label="notes", limit=LONG),
        **tracker_values(form),
    }
    recruiter_id = form.number("recruiter_id")
    if recruiter_id is not None and recruiter_id not in {c.id for c in detail.contacts}:
        form.error("recruiter_id", "Choose one of this application's contacts.")
    if not form.ok:
        context = _details_context(detail, form)
        return _form_response(request, detail, "_app_details_form.html", context, "Edit the application", 422)
    changed = changes(new, app)
    if recruiter_id != app.recruiter_id:
        changed["recruiter_id"] = recruiter_id
    if changed:
        try:
            applications.edit_application(env, app_id, applications.ApplicationChanges(**changed))
        except InvalidInput as exc:  # e.g. back to the wishlist after an interview
            form.error((exc.where or "status").replace(" ", "_"), sentence(str(exc)))
            context = _details_context(detail, form)
            return _form_response(request, detail, "_app_details_form.html", context, "Edit the application", 422)
    text = "Saved." if changed else "Nothing changed."
    return _saved(request, app_id, "_app_details.html", {}, "top", text)


# -- contacts -------------------------------------------------------------------------------


def _contact_of(detail: progress.Detail, contact_id: int) -> Contact:
    for person in detail.contacts:
        if person.id == contact_id:
            return person
    raise NotFound(f"no contact {contact_id} in this application")


def _read_contact(form: Form) -> dict[str, Any]:
    return {
        "name": form.text("name", label="name", required=True),
        "role": form.choice("role", ContactRole, label="role", default=ContactRole.INTERVIEWER),
        "title": form.text("title", label="job title"),
        "email": form.email("email"),
        "phone": form.phone("phone"),
        "postal_address": form.text("postal_address", label="postal address", limit=1000),
        "preferred_channel": form.choice(
            "preferred_channel", PreferredChannel, label="preferred channel", default=PreferredChannel.UNKNOWN
        ),
        "organisation": form.text("organisation", label="organisation"),
        "notes": form.text("notes", label="notes", limit=LONG),
        "honorific": form.text("honorific", label="title"),
        "salutation": form.choice("salutation", Salutation, label="greeting", default=Salutation.DEFAULT),
        "language": form.choice("language", Language, label="language"),
    }


@router.get("/applications/{app_id:int}/contacts/new")
@guarded
async def contact_new_form(request: Request, app_id: int) -> Response:
    detail = _detail(request, app_id)
    form = Form(
        {
            "role": "interviewer",
            "preferred_channel": "unknown",
            "organisation": detail.application.company,
            "salutation": "default",
        }
    )
    context = {"form": form, "person": None}
    return _form_response(request, detail, "_app_contact_form.html", context, "Add a contact")


@router.post("/applications/{app_id:int}/contacts/new")
@guarded
async def contact_add(request: Request, app_id: int) -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    form = await Form.read(request)
    values = _read_contact(form)
    if not form.ok:
        context = {"form": form, "person": None, "inline": False}
        return _form_response(request, detail, "_app_contact_form.html", context, "Add a contact", 422)
    name, role = values.pop("name"), values.pop("role")
    person = progress.add_contact(
        env, app_id, applications.NewContact(name=name, role=role, **{k: v for k, v in values.items() if v is not None})
    )
    return _redirect(_back(app_id, f"contact-{person.id}"), f"Added {person.name}.")


@router.get("/applications/{app_id:int}/contacts/{contact_id:int}")
@guarded
async def contact_view(request: Request, app_id: int, contact_id: int) -> Response:
    person = _contact_of(_detail(request, app_id), contact_id)
    return _view_or_page(request, app_id, "_app_contact.html", {"person": person}, f"contact-{contact_id}")


@router.get("/applications/{app_id:int}/contacts/{contact_id:int}/edit")
@guarded
async def contact_form(request: Request, app_id: int, contact_id: int) -> Response:
    detail = _detail(request, app_id)
    person = _contact_of(detail, contact_id)
    context = {"form": Form(values_of(person, CONTACT_FIELDS)), "person": person}
    return _form_response(request, detail, "_app_contact_form.html", context, f"Edit {person.name}")


@router.post("/applications/{app_id:int}/contacts/{contact_id:int}/edit")
@guarded
async def contact_save(request: Request, app_id: int, contact_id: int) -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    person = _contact_of(detail, contact_id)
    form = await Form.read(request)
    values = _read_contact(form)
    if not form.ok:
        context = {"form": form, "person": person}
        return _form_response(request, detail, "_app_contact_form.html", context, f"Edit {person.name}", 422)
    changed = changes(values, person)
    if changed:
        person = applications.edit_contact(env, contact_id, applications.ContactChanges(**changed))
    text = f"Saved {person.name}." if changed else "Nothing changed."
    return _saved(request, app_id, "_app_contact.html", {"person": person}, f"contact-{contact_id}", text)


# -- interviews: the facts learned ----------------------------------------------------------


def _interview_of(detail: progress.Detail, interview_id: int) -> Interview:
    for interview in detail.interviews:
        if interview.id == interview_id:
            return interview
    raise NotFound(f"no interview {interview_id} in this application")


@router.get("/applications/{app_id:int}/interviews/{interview_id:int}")
@guarded
async def interview_view(request: Request, app_id: int, interview_id: int) -> Response:
    interview = _interview_of(_detail(request, app_id), interview_id)
    return _view_or_page(request, app_id, "_app_interview.html", {"interview": interview}, f"facts-{interview_id}")


@router.get("/applications/{app_id:int}/interviews/{interview_id:int}/edit")
@guarded
async def interview_form(request: Request, app_id: int, interview_id: int) -> Response:
    detail = _detail(request, app_id)
    interview = _interview_of(detail, interview_id)
    # Its time is edited on its own zone's clock, the clock it is shown on.
    context = {"form": Form(values_of(interview, FACT_FIELDS, ZoneInfo(interview.timezone))), "interview": interview}
    context["kind_options"] = INTERVIEW_KIND_OPTIONS
    return _form_response(request, detail, "_app_interview_form.html", context, "What you learned at the interview")


@router.post("/applications/{app_id:int}/interviews/{interview_id:int}/edit")
@guarded
async def interview_save(request: Request, app_id: int, interview_id: int) -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    interview = _interview_of(detail, interview_id)
    form = await Form.read(request)
    new: dict[str, Any] = {
        "starts_at": form.moment("starts_at", ZoneInfo(interview.timezone), label="interview's date and time"),
        "kind": form.choice("kind", InterviewKind, label="kind of interview", default=interview.kind),
        "next_steps": form.text("next_steps", label="next steps", limit=LONG),
        "timeline_text": form.text("timeline_text", label="timeline", limit=LONG),
        "decision_date": form.day("decision_date", label="decision date"),
        "main_points": form.text("main_points", label="main points", limit=LONG),
        "forgot_to_mention": form.text("forgot_to_mention", label="skills you forgot", limit=LONG),
        "to_clarify": form.text("to_clarify", label="things to clarify", limit=LONG),
    }
    read_as = ""
    if new["timeline_text"] and new["decision_date"] is None and form.ok:
        said_on = (new["starts_at"] or interview.starts_at).astimezone(env.tz).date()
        parsed = parse_timeline(new["timeline_text"], said_on, env.calendar)
        if parsed is not None:
            new["decision_date"] = parsed.date
            read_as = f" Their words read as {rendering.format_day(parsed.date)}."
    if not form.ok:
        context = {"form": form, "interview": interview, "kind_options": INTERVIEW_KIND_OPTIONS}
        heading = "What you learned at the interview"
        return _form_response(request, detail, "_app_interview_form.html", context, heading, 422)
    if new["starts_at"] is not None and new["starts_at"] == interview.starts_at:
        del new["starts_at"]
    changed = changes(new, interview)
    if changed:
        interview = applications.edit_interview(env, interview_id, applications.InterviewChanges(**changed))
    text = ("Saved." + read_as) if changed else "Nothing changed."
    return _saved(request, app_id, "_app_interview.html", {"interview": interview}, f"facts-{interview_id}", text)


# -- touchpoints: logging and correcting ----------------------------------------------------


def _touchpoint_of(detail: progress.Detail, touchpoint_id: int) -> Touchpoint:
    for event in detail.timeline:
        if event.touchpoint is not None and event.touchpoint.id == touchpoint_id:
            return event.touchpoint
    raise NotFound(f"no touchpoint {touchpoint_id} in this application")


def _event_of(detail: progress.Detail, touchpoint_id: int) -> progress.Event:
    return next(e for e in detail.timeline if e.touchpoint is not None and e.touchpoint.id == touchpoint_id)


def _read_touchpoint(env: Env, form: Form, detail: progress.Detail) -> dict[str, Any]:
    direction = form.choice("direction", Direction, label="direction", default=Direction.SENT)
    occurred_at = form.moment("occurred_at", env.tz, label="date and time", latest=env.now())
    outcome = form.choice("outcome", Outcome, label="outcome")
    if outcome in REPLY_OUTCOMES - {Outcome.OTHER} and direction is Direction.SENT:
        form.error("outcome", "That is what they said: choose “They contacted me” above, or another outcome.")
    if outcome in CALL_OUTCOMES and direction is Direction.RECEIVED:
        form.error("outcome", "That is how your call went: choose “I contacted them” above, or another outcome.")
    contact_id = form.number("contact_id")
    if contact_id is not None and contact_id not in {c.id for c in detail.contacts}:
        form.error("contact_id", "Choose one of this application's contacts.")
    said_on = (occurred_at or env.now()).astimezone(env.tz).date()
    return {
        "direction": direction,
        "channel": form.choice("channel", Channel, label="channel", default=Channel.EMAIL),
        "occurred_at": occurred_at,
        "contact_id": contact_id,
        "kind": form.choice("kind", TouchpointKind, label="purpose"),
        "outcome": outcome,
        "promised_date": form.promise("promised_date", said_on, env.calendar, day_order(env.settings.country)),
        "subject": form.text("subject", label="subject"),
        "message_id": form.text("message_id", label="Message-ID", limit=1000),
        "notes": form.text("notes", label="notes", limit=LONG),
    }


@router.post("/applications/{app_id:int}/touchpoints")
@guarded
async def touchpoint_log(request: Request, app_id: int) -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    form = await Form.read(request)
    values = _read_touchpoint(env, form, detail)
    if not form.ok:
        context = {"form": form, "touchpoint": None, **_touchpoint_options(detail)}
        return _form_response(request, detail, "_app_touchpoint_form.html", context, "Log a call or message", 422)
    direction, channel = values.pop("direction"), values.pop("channel")
    logged = applications.log_touchpoint(
        env, app_id, applications.NewTouchpoint(direction=direction, channel=channel, **values)
    )
    text = " ".join(["Logged.", *logged.consequences])
    return _redirect(_back(app_id, f"touchpoint-{logged.touchpoint.id}"), text)


@router.get("/applications/{app_id:int}/touchpoints/{touchpoint_id:int}")
@guarded
async def touchpoint_view(request: Request, app_id: int, touchpoint_id: int) -> Response:
    detail = _detail(request, app_id)
    _touchpoint_of(detail, touchpoint_id)
    context = {"event": _event_of(detail, touchpoint_id)}
    return _view_or_page(request, app_id, "_app_event.html", context, f"touchpoint-{touchpoint_id}")


@router.get("/applications/{app_id:int}/touchpoints/{touchpoint_id:int}/edit")
@guarded
async def touchpoint_form(request: Request, app_id: int, touchpoint_id: int) -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    touchpoint = _touchpoint_of(detail, touchpoint_id)
    form = Form(values_of(touchpoint, TOUCHPOINT_FIELDS, env.tz))
    context = {"form": form, "touchpoint": touchpoint, **_touchpoint_options(detail)}
    return _form_response(request, detail, "_app_touchpoint_form.html", context, "Correct what was logged")


@router.post("/applications/{app_id:int}/touchpoints/{touchpoint_id:int}/edit")
@guarded
async def touchpoint_save(request: Request, app_id: int, touchpoint_id: int) -> Response:
    env = env_of(request)
    detail = _detail(request, app_id)
    touchpoint = _touchpoint_of(detail, touchpoint_id)
    form = await Form.read(request)
    values = _read_touchpoint(env, form, detail)
    if not form.ok:
        context = {"form": form, "touchpoint": touchpoint, **_touchpoint_options(detail)}
        return _form_response(request, detail, "_app_touchpoint_form.html", context, "Correct what was logged", 422)
    if values["kind"] is None:
        values["kind"] = TouchpointKind.REPLY if values["direction"] is Direction.RECEIVED else touchpoint.kind
    changed = changes(values, touchpoint)
    if changed:
        applications.edit_touchpoint(env, touchpoint_id, applications.TouchpointChanges(**changed))
    detail = _detail(request, app_id)
    context = {"event": _event_of(detail, touchpoint_id)}
    text = "Saved." if changed else "Nothing changed."
    return _saved(request, app_id, "_app_event.html", context, f"touchpoint-{touchpoint_id}", text)


# -- deleting, always after asking ----------------------------------------------------------


def _confirm(request: Request, detail: progress.Detail, what: dict[str, str]) -> Response:
    context = {"confirm": what}
    if wants_fragment(request):
        return rendering.partial(request, "_app_confirm.html", _base(request, detail) | context)
    full = _base(request, detail) | context | {"inline": False}
    return rendering.page(request, "application_delete.html", full, active="applications", title=what["question"])


@router.get("/applications/{app_id:int}/delete")
@guarded
async def delete_form(request: Request, app_id: int) -> Response:
    detail = _detail(request, app_id)
    app = detail.application
    what = {
        "question": f"Delete {app.role} at {app.company}?",
        "consequence": "Its interviews, calls, messages and notes go too. This cannot be undone; "
        "download a backup first (Applications, Export) if you may want them.",
        "action": f"/applications/{app_id}/delete",
        "button": "Delete the application",
        "cancel": f"/applications/{app_id}",
        "anchor": "danger",
        "view": "",
    }
    return _confirm(request, detail, what)


@router.post("/applications/{app_id:int}/delete")
@guarded
async def delete(request: Request, app_id: int) -> Response:
    env = env_of(request)
    app = lookups.application(env, app_id)
    applications.delete_application(env, app_id)
    response = _redirect("/applications", f"Deleted {app.role} at {app.company}.")
    if wants_fragment(request):
        response = Response(status_code=204, headers={"HX-Redirect": "/applications"})
        rendering.set_flash(response, f"Deleted {app.role} at {app.company}.")
    return response


@router.get("/applications/{app_id:int}/touchpoints/{touchpoint_id:int}/delete")
@guarded
async def touchpoint_delete_form(request: Request, app_id: int, touchpoint_id: int) -> Response:
    detail = _detail(request, app_id)
    touchpoint = _touchpoint_of(detail, touchpoint_id)
    when = rendering.format_moment(touchpoint.occurred_at.astimezone(env_of(request).tz))
    what = {
        "question": "Remove this from the timeline?",
        "consequence": f"{_touchpoint_title(touchpoint)} on {when}. What comes next is worked out again without it.",
        "action": f"/applications/{app_id}/touchpoints/{touchpoint_id}/delete",
        "button": "Remove it",
        "cancel": _back(app_id, f"touchpoint-{touchpoint_id}"),
        "anchor": f"touchpoint-{touchpoint_id}",
        "view": f"/applications/{app_id}/touchpoints/{touchpoint_id}",
    }
    return _confirm(request, detail, what)


@router.post("/applications/{app_id:int}/touchpoints/{touchpoint_id:int}/delete")
@guarded
async def touchpoint_delete(request: Request, app_id: int, touchpoint_id: int) -> Response:
    _touchpoint_of(_detail(request, app_id), touchpoint_id)
    applications.delete_touchpoint(env_of(request), touchpoint_id)
    return _saved(request, app_id, "", {}, "timeline", "Removed from the timeline.")


@router.get("/applications/{app_id:int}/interviews/{interview_id:int}/delete")
@guarded
async def interview_delete_form(request: Request, app_id: int, interview_id: int) -> Response:
    detail = _detail(request, app_id)
    interview = _interview_of(detail, interview_id)
    when = rendering.format_agreed(interview.starts_at, env_of(request).now())
    what = {
        "question": "Delete this interview?",
        "consequence": f"Round {interview.round} on {when}, with what you noted about it. "
        "Use this when it was cancelled or added by mistake.",
        "action": f"/applications/{app_id}/interviews/{interview_id}/delete",
        "button": "Delete the interview",
        "cancel": _back(app_id, f"facts-{interview_id}"),
        "anchor": f"facts-{interview_id}",
        "view": f"/applications/{app_id}/interviews/{interview_id}",
    }
    return _confirm(request, detail, what)


@router.post("/applications/{app_id:int}/interviews/{interview_id:int}/delete")
@guarded
async def interview_delete(request: Request, app_id: int, interview_id: int) -> Response:
    _interview_of(_detail(request, app_id), interview_id)
    applications.delete_interview(env_of(request), interview_id)
    # The timeline and the stage both change: reload the page rather than patch it.
    if wants_fragment(request):
        response = Response(status_code=204, headers={"HX-Redirect": _back(app_id)})
        rendering.set_flash(response, "Interview deleted.")
        return response
    return _redirect(_back(app_id, "interviews"), "Interview deleted.")


def _touchpoint_title(touchpoint: Touchpoint) -> str:
    kind = WORDS["kind"].get(touchpoint.kind.value, "Message")
    channel = WORDS["channel"].get(touchpoint.channel.value, "")
    return f"{kind} {channel}".strip()
