"""The API fuzzed from its own OpenAPI document: no input makes it fail, every answer is as documented.

Schemathesis reads /api/v1/openapi.json from the in-process app and, for every
operation, sends generated requests (valid and invalid) with the API token, on a
database that holds applications with an interview, contacts, a touchpoint and
due actions. Each answer must not be a 5xx and must match the documented status
codes, headers and schemas. Deterministic under CI (the `CI` variable), and
bounded so that the whole run stays well under a minute.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from followup.app import applications
from followup.app.context import Env, bootstrap
from followup.domain.model import ApplicationStatus, Channel, ContactRole, Direction
from followup.web.app import create_app
from followup.web.keys import Keys
from followup.web.security import Guard

HOST = "testserver"  # schemathesis's in-process client calls the app by this name
CI = bool(os.environ.get("CI"))


def _seed(env: Env, paths: dict[str, str]) -> None:
    with open(paths["config"], "a", encoding="utf-8") as handle:
        handle.write('\n[profile]\nname = "Alex Example"\nemail = "alex@example.org"\nphone = "+49 30 1234567"\n')
    env.reload_settings()
    acme = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    applications.add_application(
        env, applications.NewApplication(company="Birch Labs", role="Analyst", status=ApplicationStatus.REJECTED)
    )
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann@acme.example"),
        application_id=acme.id,
    )
    applications.add_interview(
        env,
        acme.id,
        applications.NewInterview(starts_at=datetime.fromisoformat("2026-11-16T09:00:00+01:00"), participants=[ann.id]),
    )
    applications.log_touchpoint(
        env,
        acme.id,
        applications.NewTouchpoint(direction=Direction.SENT, channel=Channel.EMAIL, contact_id=ann.id, subject="Hello"),
    )


def documented_input_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """Schemathesis's positive-data check, except for refusals the document cannot express.

    Input that matches the document must get past validation: a 422 for it is the
    document and the validator disagreeing. A 422 from a rule about stored data (a
    contact id that does not exist, a cursor this API never gave out) is the API
    working, and says which rule in `error.message`.
    """
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        error = response.json().get("error", {}) if response.status_code == 422 else {}
        if error.get("code") == "InvalidInput" and error.get("message") != "the request has invalid fields":
            return None
        raise


KEYS = Keys(b"0123456789abcdef" * 4)
GUARD = Guard(KEYS, frozenset({HOST}))


def _load_schema() -> Any:
    """The OpenAPI document, read from an app on an empty database in memory (the document needs no data)."""
    blank = create_app(
        bootstrap(":memory:", os.path.join(os.path.dirname(__file__), "no-settings.toml")), keys=KEYS, guard=GUARD
    )
    loaded = schemathesis.openapi.from_dict(blank.app.openapi())
    loaded.app = blank  # calls go in-process; each test passes its own app, with its own database
    return loaded


schema = _load_schema()


@pytest.fixture
def api_app(env: Env, paths: dict[str, str]) -> Any:
    _seed(env, paths)
    return create_app(env, keys=KEYS, guard=GUARD)


@pytest.mark.slow
@schema.parametrize()  # type: ignore[untyped-decorator]
@settings(
    max_examples=25,
    derandomize=CI,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None if CI else settings().database,
)
def test_every_operation_answers_as_documented(case: Any, api_app: Any) -> None:
    case.call_and_validate(
        app=api_app,
        headers={"Authorization": f"Bearer {KEYS.api_token}"},
        excluded_checks=[positive_data_acceptance],
        additional_checks=[documented_input_accepted],
    )
