"""What goes in and out of the addresses that edit an action's draft and the user's dictionary.

Beside `models.py`, which they extend with the same conventions: requests forbid unknown
fields and take JSON types as they are.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, Strict, StringConstraints

from followup.drafting.model import DraftKind, Severity
from followup.web.api.models import In, Out, _storable

# Your own text of an action's draft: the same limits as the draft page's form. The lengths are
# checked by the use case, so that the API and the form refuse a text with the same words.
EditText = Annotated[str, Strict(), StringConstraints(max_length=100_000), AfterValidator(_storable)]


class DraftEditIn(In):
    subject: EditText = Field(
        default="", description="One line (line breaks become spaces); at most 300 characters. Empty for a script."
    )
    body: EditText = Field(description="The text; not empty, at most 20,000 characters.")
    kind: DraftKind | None = Field(
        default=None, description="Which of the action's drafts (e.g. the voicemail); default the first."
    )


class FixOut(Out):
    kind: Literal["replace", "learn"] = Field(
        description="replace: put `replacement` at start..end of `field`; learn: add `word` to your dictionary "
        "(POST /dictionary)."
    )
    label: str = Field(description="What a button for it says, e.g. 'Write “Jürgen”'.")
    field: Literal["subject", "body"]
    start: int
    end: int
    replacement: str
    word: str


class EditFindingOut(Out):
    id: str = Field(description="Stable check id, e.g. 'name-misspelt'.")
    severity: Severity
    message: str
    field: Literal["subject", "body"] = Field(description="The field the problem is in.")
    start: int = Field(description="Character offset in that field (Unicode code points) where the problem starts.")
    end: int
    fix: FixOut | None = Field(description="A one-step fix, when the check knows the one right answer.")


class EditCheckOut(Out):
    findings: list[EditFindingOut]
    errors: int = Field(description="How many findings are errors (must be fixed before sending).")


class WordIn(In):
    word: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=64), AfterValidator(_storable)]


class WordOut(Out):
    word: str
    added: bool = Field(description="False when the word was in your dictionary already.")
