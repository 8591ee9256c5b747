"""The Applications pages: the board, the list, adding one, moving cards, and export."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from followup.app import applications, progress
from followup.domain.model import ApplicationStatus, ContactRole, Source
from followup.domain.stages import CLOSE_REASONS, STAGES, MoveKind, Stage
from followup.domain.text import sentence
from followup.errors import InvalidInput
from followup.web import rendering
from followup.web.app import env_of
from followup.web.pages.application_forms import Form, tracker_values, wants_fragment
from followup.web.pages.application_words import EXCITEMENT_OPTIONS
from followup.web.views import board as board_view

router = APIRouter(include_in_schema=False)

STATUS_WORDS = {"overdue": "Late", "due": "Due", "upcoming": "Next"}
SOURCES = [("direct", "Directly, with the employer"), ("recruiter", "Through a recruiter or agency")]
LIST_COLUMNS = [
    ("company", "Company"),
    ("role", "Role"),
    ("stage", "Stage"),
    ("next", "Next action"),
    ("activity", "Last activity"),
]
# The sort list names each order as it reads; "reverse" turns it round.
SORT_WORDS = {
    "company": "Company, A to Z",
    "stage": "Stage, Applied to Closed",
    "next": "Next action, soonest first",
    "activity": "Last activity, most recent first",
}


def _css_head() -> dict[str, Any]:
    return {"stages": STAGES, "status_words": STATUS_WORDS, "next_title": board_view.next_title}


def _summary(counts: dict[Stage, int]) -> str:
    if not sum(counts.values()):
        return "Every job you applied for, and where it stands."
    open_count = sum(counts.get(s, 0) for s in (Stage.APPLIED, Stage.INTERVIEWING, Stage.WAITING))
    parts = [rendering.plural(open_count, "open application")] if open_count else []
    if counts.get(Stage.WISHLIST):
        parts.append(f"{counts[Stage.WISHLIST]} on the wishlist")
    if counts.get(Stage.OFFER):
        parts.append(rendering.plural(counts[Stage.OFFER], "offer"))
    if counts.get(Stage.CLOSED):
        parts.append(f"{counts[Stage.CLOSED]} closed")
    return ", ".join(parts) + "."


def _counts(found: list[progress.Card]) -> dict[Stage, int]:
    counts = dict.fromkeys(STAGES, 0)
    for card in found:
        counts[card.stage] += 1
    return counts


# -- the board and the list -----------------------------------------------------------------


def _board_context(request: Request, asking: Any = None) -> dict[str, Any]:
    env = env_of(request)
    columns = board_view.board(env)
    total = sum(c.total for c in columns)
    return {
        **_css_head(),
        "view": "board",
        "columns": columns,
        "total": total,
        "summary": _summary({c.stage: c.total for c in columns}),
        "now": env.now(),
        "asking": asking,
        "close_reasons": [(status.value, words) for status, words in CLOSE_REASONS.items()],
        "back": "/applications",
        "plain": False,
    }


@router.get("/applications")
async def applications_page(
    request: Request,
    view: str = "board",
    q: str = "",
    sort: str = "activity",
    order: str = "",
    stage: str = "",
) -> Response:
    if view == "list":
        return _list(request, q, sort, order, stage)
    context = _board_context(request)
    if wants_fragment(request):
        return rendering.partial(request, "_board.html", context)
    return rendering.page(request, "applications.html", context, active="applications", title="Applications")


def _list(request: Request, query: str, sort: str, order: str, stage_text: str) -> Response:
    env = env_of(request)
    sort = sort if sort in board_view.SORTS else "activity"
    # Each sort has its usual order (the latest activity first, names from A); "reverse" turns it round.
    reverse = order == "reverse"
    descending = (sort == "activity") != reverse
    stage = Stage(stage_text) if stage_text in {s.value for s in Stage} else None
    results = board_view.listing(env, query.strip(), sort, descending, stage)

    def link(key: str) -> str:
        flip = "" if key != sort or reverse else "reverse"
        params = {"view": "list", "q": query, "stage": stage_text, "sort": key, "order": flip}
        return "/applications?" + urlencode({k: v for k, v in params.items() if v})

    context = {
        **_css_head(),
        "view": "list",
        "results": results,
        "query": query.strip(),
        "sort": sort,
        "descending": descending,
        "stage_filter": stage,
        "sorts": list(SORT_WORDS.items()),
        "reverse": reverse,
        "columns": LIST_COLUMNS,
        "sort_links": {key: link(key) for key in board_view.SORTS},
        "now": env.now(),
    }
    if wants_fragment(request):
        return rendering.partial(request, "_app_list.html", context)
    context["summary"] = _summary(_counts(progress.cards(env)))
    return rendering.page(request, "applications_list.html", context, active="applications", title="Applications")


# -- moving a card --------------------------------------------------------------------------


def _safe_back(target: str | None) -> str:
    if target and target.startswith("/applications") and "//" not in target and "\\" not in target:
        return target
    return "/applications"


@router.post("/applications/{app_id:int}/move")
async def move(request: Request, app_id: int) -> Response:
    form = await Form.read(request)
    env = env_of(request)
    target = form.choice("to", Stage, label="stage")
    reason = form.choice("reason", ApplicationStatus, label="reason")
    if target is None or not form.ok:
        raise InvalidInput("choose the column to move it to", hint="Pick a stage in the Move to list.")
    back = _safe_back(form.raw("next"))
    moved, undo = board_view.move(env, app_id, target, reason, undoing=form.raw("undo") == "1")
    kind, text = moved.move.kind, moved.move.message
    app = moved.application
    if kind is MoveKind.ADD_INTERVIEW:
        where = f"/applications/{app_id}/interviews/new"
        if wants_fragment(request):
            response: Response = Response(status_code=204, headers={"HX-Redirect": where})
        else:
            response = RedirectResponse(where, status_code=303)
        rendering.set_flash(response, text, "info")
        return response
    if wants_fragment(request):
        asking = app if kind is MoveKind.ASK_REASON else None
        context = _board_context(request, asking)
        html = rendering.render("_board.html", context)
        html += rendering.render("_board_summary.html", {**context, "oob": True})  # the counts in the head follow
        if kind is not MoveKind.ASK_REASON:
            message = {"kind": "error" if kind is MoveKind.REFUSE else "ok", "text": text, "link": _link_for(kind, app)}
            html += rendering.render("_board_message.html", {"message": message, "undo": undo})
        return rendering.finish(request, html)
    if kind is MoveKind.ASK_REASON:
        context = {
            "asking": app,
            "close_reasons": [(status.value, words) for status, words in CLOSE_REASONS.items()],
            "back": back,
            "plain": True,
        }
        return rendering.page(request, "applications_close.html", context, active="applications", title="Close it")
    response = RedirectResponse(back, status_code=303)
    way_back = board_view.undo_form(undo, back) if undo else None
    rendering.set_flash(response, text, "error" if kind is MoveKind.REFUSE else "ok", undo=way_back)
    return response


def _link_for(kind: MoveKind, app: Any) -> dict[str, str] | None:
    if kind is MoveKind.REFUSE:
        return {"href": f"/applications/{app.id}", "text": f"Open {app.company}"}
    return None


@router.get("/applications/{app_id:int}/move")
async def move_form(request: Request, app_id: int) -> Response:
    """Where a plain link to close an application lands: ask why."""
    env = env_of(request)
    app = applications.resolve_application(env, app_id)
    context = {
        "asking": app,
        "close_reasons": [(status.value, words) for status, words in CLOSE_REASONS.items()],
        "back": _safe_back(request.query_params.get("next")) if request.query_params.get("next") else "/applications",
        "plain": True,
    }
    return rendering.page(request, "applications_close.html", context, active="applications", title="Close it")


# -- adding one -----------------------------------------------------------------------------


# Where a new application starts: sent already, or saved to apply to later.
STARTS = [("applied", "I have applied"), ("wishlist", "Add to my wishlist: not applied yet, no follow-ups")]


def _new_page(request: Request, form: Form, status: int = 200) -> Response:
    context = {
        "form": form,
        "sources": SOURCES,
        "starts": STARTS,
        "excitement_options": EXCITEMENT_OPTIONS,
        "today": env_of(request).now().date().isoformat(),
        "description_open": bool(form.raw("description") or form.errors.get("description")),
    }
    return rendering.page(
        request, "applications_new.html", context, active="applications", title="Add an application", status=status
    )


@router.get("/applications/new")
async def new_form(request: Request) -> Response:
    today = env_of(request).now().date().isoformat()
    return _new_page(request, Form({"start": "applied", "source": "direct", "applied_on": today}))


@router.post("/applications/new")
async def add(request: Request) -> Response:
    env = env_of(request)
    form = await Form.read(request)
    values: dict[str, Any] = {}
    company = form.text("company", label="company's name", required=True)
    role = form.text("role", label="job title", required=True)
    wishlist = form.raw("start") == "wishlist"
    values["job_url"] = form.url("job_url")
    if wishlist:
        # Not applied yet: the day the form fills in by itself is no day of applying.
        values["status"] = ApplicationStatus.WISHLIST
    else:
        values["applied_on"] = form.day("applied_on", label="date you applied", latest=env.now().date())
    values["source"] = form.choice("source", Source, label="how you applied", default=Source.DIRECT)
    values["notes"] = form.text("notes", label="notes", limit=5000)
    values |= tracker_values(form)
    recruiter = form.text("recruiter_name", label="recruiter's name")
    recruiter_email = form.email("recruiter_email")
    if recruiter_email and not recruiter:
        form.error("recruiter_name", "Add the recruiter's name too, as they spell it.")
    if not form.ok or company is None or role is None:
        return _new_page(request, form, 422)
    try:
        new = applications.NewApplication(
            company=company, role=role, **{k: v for k, v in values.items() if v is not None}
        )
    except InvalidInput as exc:
        form.error((exc.where or "company").replace(" ", "_"), sentence(str(exc)))
        return _new_page(request, form, 422)
    if recruiter:
        person = applications.contact_by_name_or_new(env, recruiter, recruiter_email, ContactRole.RECRUITER)
        new = replace(new, recruiter_id=person.id, source=Source.RECRUITER)
    created = applications.add_application(env, new)
    response = RedirectResponse(f"/applications/{created.id}", status_code=303)
    if wishlist:
        text = f"Added {created.role} at {created.company} to your wishlist. "
        text += "When you have applied, press “Mark as applied”."
    else:
        text = f"Added {created.role} at {created.company}. When you get an interview, add it here."
    rendering.set_flash(response, text)
    return response


# -- export (the import page is web/pages/imports.py) ----------------------------------------


@router.get("/applications/export.json")
async def export_json(request: Request) -> Response:
    from followup.app.transfer import export_json as build

    env = env_of(request)
    text = json.dumps(build(env), indent=2, ensure_ascii=False) + "\n"
    return _download(text.encode("utf-8"), "application/json", f"followup-{env.now():%Y-%m-%d}.json")


@router.get("/applications/export.csv")
async def export_csv(request: Request) -> Response:
    from followup.app.transfer import export_csv as build

    env = env_of(request)
    # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
    body = build(env).encode("utf-8-sig")
    return _download(body, "text/csv; charset=utf-8", f"followup-applications-{env.now():%Y-%m-%d}.csv")


def _download(body: bytes, media_type: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}
    return Response(body, media_type=media_type, headers=headers)
