"""Exporting everything the user keeps as one JSON document (the format: `followup.transfer.export`)."""

from __future__ import annotations

from typing import Any

from followup.app.context import Env
from followup.transfer.export import export_document


def export_json(env: Env) -> dict[str, Any]:
    """The whole of the user's data as a JSON-ready dict, times in the user's zone."""
    return export_document(env.store, env.tz, env.now(), env.settings)
