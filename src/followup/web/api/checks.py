"""`POST /api/v1/checks`: what is wrong with a text before you send it, and exactly where;
`POST /api/v1/dictionary`: a word the spelling check should accept from now on."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from followup.app import applications, drafts, shapes
from followup.errors import InvalidInput
from followup.web.api import draft_models, models
from followup.web.api.common import errors, existing
from followup.web.app import env_of

router = APIRouter(tags=["drafts"])


@router.post("/checks", response_model=models.CheckOut, responses=errors(400))
async def check_text(request: Request, body: models.CheckIn) -> dict[str, Any]:
    """Check a draft like `followup check`: placeholders, misspelt names, tone, length, timing, spelling.

    With `subject`, the text checked (and `text` in the answer) is subject, a blank
    line, then body; `start`/`end` are character offsets into it.
    """
    env = env_of(request)
    if body.application_id is not None:
        app_id = body.application_id
        existing(lambda: applications.resolve_application(env, app_id), "body.application_id")
    # The recipient in the stored spelling when the name is a contact ("ann" → "Ann Lee"); else as given.
    recipient = body.recipient.strip() if body.recipient else None
    context = drafts.context_for_check(env, body.application_id, body.kind, recipient or None)
    text = f"{body.subject}\n\n{body.body}" if body.subject else body.body
    findings = drafts.check_text(body.body, context, subject=body.subject)
    return {
        "text": text,
        "findings": [shapes.finding(f) for f in findings],
        "errors": sum(1 for f in findings if f.severity.value == "error"),
    }


@router.post("/dictionary", response_model=draft_models.WordOut, responses=errors(400))
async def learn_word(request: Request, body: draft_models.WordIn) -> dict[str, Any]:
    """Add a word to your dictionary (`followup check --learn WORD`): the spelling check accepts it from now on."""
    word = body.word.strip()
    try:
        added = drafts.learn_word(env_of(request), word)
    except InvalidInput as error:
        raise InvalidInput(error.message, where="body.word", hint="Give one word, without spaces.") from None
    return {"word": word, "added": added}
