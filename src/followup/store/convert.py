"""Turning stored text into domain values and back."""

from __future__ import annotations

from datetime import UTC, date, datetime


def iso(moment: datetime) -> str:
    """An instant as sortable UTC text, e.g. '2026-11-22T09:00:00Z'."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given where an instant is needed")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_or_none(moment: datetime | None) -> str | None:
    return iso(moment) if moment is not None else None


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def instant_or_none(text: str | None) -> datetime | None:
    return instant(text) if text else None


def day_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def day_text(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
