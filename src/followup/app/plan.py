"""Keeping the stored plan fresh: the pending actions the agenda reads.

After every write, the use case that wrote recomputes the affected applications'
pending actions inside its own transaction (`refresh`), so the agenda can never
disagree with the facts. When the rules (`ENGINE_VERSION`) or the settings they
read change, every stored plan is rebuilt once, on the next read (`ensure_fresh`).
"""

from __future__ import annotations

from collections.abc import Iterable

from followup.app.context import Env
from followup.store import actions as action_store
from followup.store.db import LOCAL_OWNER, is_database_url, transaction

# Bump when the rules change, so stored plans are recomputed on the next run.
ENGINE_VERSION = "7"


def refresh(env: Env, app_ids: Iterable[int]) -> None:
    """Recompute and store the pending actions of these applications (inside a transaction)."""
    # The playbook is imported here, not at the top: the agenda's read path (`followup
    # agenda`, the Today page) imports this module but only runs the rules after a write.
    from followup.domain import playbook

    changed = sorted(set(app_ids))
    for app_id in changed:
        state = action_store.load_state(env.store, app_id)
        planned = playbook.plan(state, env.settings, env.calendar)
        action_store.replace_pending(env.store, app_id, planned)
    if changed and is_database_url(env.db_path):
        # A follow-up planned now may be due before the account's next round (hosted workers, on
        # PostgreSQL): its round is due again (`served.owners_due`). Imported here, as the playbook
        # is, to keep the agenda's read path light.
        from followup.store import served

        action_store.set_meta(env.store, served.round_key(env.owner), "")


def plan_fingerprint(env: Env) -> str:
    return f"{ENGINE_VERSION}|{env.settings.engine_fingerprint()}"


def fingerprint_key(env: Env) -> str:
    """Where the fingerprint of the owner's stored plans is kept: each account of a hosted
    installation has settings of its own, so one shared key would have one account's change
    mark every other account's plans as fresh (or stale)."""
    if env.owner == LOCAL_OWNER:
        return "plan_fingerprint"
    return f"plan_fingerprint:{env.owner}"


def ensure_fresh(env: Env) -> int:
    """Rebuild every stored plan if the settings or the rules changed since they were made."""
    fingerprint = plan_fingerprint(env)
    key = fingerprint_key(env)
    if action_store.get_meta(env.store, key) == fingerprint:
        return 0
    with transaction(env.conn):
        ids = action_store.applications_needing_refresh(env.store)
        refresh(env, ids)
        action_store.set_meta(env.store, key, fingerprint)
    return len(ids)
