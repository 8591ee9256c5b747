"""An import file as domain values, between reading it and writing it.

Ids here are still the file's own; the writer maps each to a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from followup.domain.model import Application, Contact, DecisionState, Interview, ReferenceNamed, Touchpoint
from followup.transfer.keys import ActionKey


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    key: ActionKey
    state: DecisionState
    at: datetime
    until: datetime | None
    note: str | None


@dataclass(frozen=True, slots=True)
class DraftEditEntry:
    key: ActionKey
    kind: str  # a DraftKind value
    subject: str
    body: str
    edited_at: datetime


@dataclass(frozen=True, slots=True)
class PipelineEntry:
    action_id: str
    state: DecisionState
    at: datetime
    until: datetime | None
    note: str | None


@dataclass
class ApplicationEntry:
    application: Application
    contact_ids: list[int] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    touchpoints: list[Touchpoint] = field(default_factory=list)
    # touchpoint id -> the action it carried out (the store keeps only the hash)
    actions: dict[int, ActionKey] = field(default_factory=dict)
    references: list[ReferenceNamed] = field(default_factory=list)
    decisions: list[DecisionEntry] = field(default_factory=list)
    draft_edits: list[DraftEditEntry] = field(default_factory=list)


@dataclass
class Document:
    settings: dict[str, str]
    contacts: list[Contact]
    applications: list[ApplicationEntry]
    pipeline: list[PipelineEntry]
    warnings: list[str] = field(default_factory=list)
