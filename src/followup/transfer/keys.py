"""An action's identity written with ids, so that it survives a move between databases.

Action ids are hashes of the application id, the rule and the rule's key
(`followup.domain.ids.action_id`, called by each playbook rule). Import gives
everything new ids, so a stored hash would point at nothing: the file carries
the key parts instead, and the hash is recomputed from the new ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from followup.domain.ids import action_id
from followup.domain.model import ActionKind

# Which ids make up each rule's key, in the order the rule hashes them.
KEY_FIELDS: dict[ActionKind, tuple[str, ...]] = {
    ActionKind.PREPARE: ("interview_id",),
    ActionKind.RECRUITER_DEBRIEF: ("interview_id",),
    ActionKind.CAPTURE_DETAILS: ("interview_id",),
    ActionKind.STATUS_CHECK: ("interview_id",),
    ActionKind.FOLLOW_UP_CALL: ("interview_id",),
    # Without an interview: the move-on after the notes about the application itself.
    ActionKind.MOVE_ON: ("interview_id",),
    ActionKind.THANK_YOU: ("interview_id", "contact_id"),
    ActionKind.REFERENCE_HEADS_UP: ("contact_id",),
    ActionKind.RESPOND: ("reply_id",),
    ActionKind.THANK_RECRUITER: (),
    # Which of the notes about an application that got no answer: the first or the second.
    ActionKind.APPLICATION_CHECK: ("number",),
}
# A thank-you without a contact is addressed to "everyone who interviewed you".
# Without an interview: asking for the interview another tracker gave no date for.
OPTIONAL_FIELDS = {
    (ActionKind.THANK_YOU, "contact_id"),
    (ActionKind.MOVE_ON, "interview_id"),
    (ActionKind.CAPTURE_DETAILS, "interview_id"),
}
INTERVIEW_KINDS = tuple(kind for kind, names in KEY_FIELDS.items() if names == ("interview_id",))
APPLICATION_CHECKS = (1, 2)
# What the playbook hashes in place of an interview for the move-on after the application checks.
_AFTER_APPLICATION_CHECKS = "applied"
# ... and for the request to add an interview another tracker gave no date for.
_UNDATED_INTERVIEW = "undated_interview"


@dataclass(frozen=True, slots=True)
class ActionKey:
    kind: ActionKind
    interview_id: int | None = None
    contact_id: int | None = None
    reply_id: int | None = None
    number: int | None = None

    def action_id(self, application_id: int) -> str:
        if self.kind is ActionKind.MOVE_ON and self.interview_id is None:
            return action_id(application_id, self.kind.value, _AFTER_APPLICATION_CHECKS)
        if self.kind is ActionKind.CAPTURE_DETAILS and self.interview_id is None:
            return action_id(application_id, self.kind.value, _UNDATED_INTERVIEW)
        parts = [getattr(self, name) for name in KEY_FIELDS[self.kind]]
        return action_id(application_id, self.kind.value, *parts)

    def ids(self) -> tuple[int | None, int | None, int | None, int | None]:
        """The key's parts, for ordering (the number is no id, but orders the same way)."""
        return self.interview_id, self.contact_id, self.reply_id, self.number

    def renumbered(self, ids: IdMaps) -> ActionKey:
        """The same key with every id translated; raises KeyError for an id not in `ids`."""

        def new(old: int | None, table: dict[int, int]) -> int | None:
            return None if old is None else table[old]

        return ActionKey(
            self.kind,
            new(self.interview_id, ids.interviews),
            new(self.contact_id, ids.contacts),
            new(self.reply_id, ids.touchpoints),
            self.number,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "interview_id": self.interview_id,
            "contact_id": self.contact_id,
            "reply_id": self.reply_id,
            "number": self.number,
        }


@dataclass(frozen=True, slots=True)
class IdMaps:
    """Old id -> new id, per kind of row; filled in as rows are numbered or written."""

    contacts: dict[int, int] = field(default_factory=dict)
    interviews: dict[int, int] = field(default_factory=dict)
    touchpoints: dict[int, int] = field(default_factory=dict)


def possible_keys(
    application_id: int,
    interviews: Iterable[tuple[int, Iterable[int]]],
    contact_ids: Iterable[int],
    touchpoint_ids: Iterable[int],
) -> dict[str, ActionKey]:
    """Every action id the playbook could have made for one application, with its key.

    `interviews` pairs each interview id with its participants. A decision whose
    id is not among these belongs to something since deleted, and its action
    can never come back.
    """
    contacts = sorted(set(contact_ids))
    keys: list[ActionKey] = [
        ActionKey(ActionKind.THANK_RECRUITER),
        ActionKey(ActionKind.MOVE_ON),
        ActionKey(ActionKind.CAPTURE_DETAILS),
    ]
    keys += [ActionKey(ActionKind.APPLICATION_CHECK, number=n) for n in APPLICATION_CHECKS]
    for interview_id, participants in interviews:
        keys += [ActionKey(kind, interview_id) for kind in INTERVIEW_KINDS]
        for person in [None, *sorted(set(participants) | set(contacts))]:
            keys.append(ActionKey(ActionKind.THANK_YOU, interview_id, person))
    keys += [ActionKey(ActionKind.REFERENCE_HEADS_UP, contact_id=c) for c in contacts]
    keys += [ActionKey(ActionKind.RESPOND, reply_id=t) for t in touchpoint_ids]
    return {key.action_id(application_id): key for key in keys}
