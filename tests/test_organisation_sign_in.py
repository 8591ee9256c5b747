"""The operator's settings for signing in with the organisation's OpenID Connect provider: read from
the environment once, each mistake a clear error that names the variable, the client secret never
shown. The flow itself is tested end to end in tests/web/test_web_organisation_sign_in.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.app import accounts, organisation_sign_in
from followup.app.context import Env
from followup.errors import SettingsError

SECRET = "s3cret-from-the-provider"
BASE = {
    "FOLLOWUP_OIDC_ISSUER": "https://login.northfield.example/realms/students",
    "FOLLOWUP_OIDC_CLIENT_ID": "followup",
    "FOLLOWUP_OIDC_CLIENT_SECRET": SECRET,
}


def test_nothing_set_means_no_provider() -> None:
    assert organisation_sign_in.from_environment({}) is None


def test_the_settings_are_read_with_their_defaults_and_the_secret_is_in_no_repr() -> None:
    provider = organisation_sign_in.from_environment(BASE)
    assert provider is not None
    assert provider.client.issuer == BASE["FOLLOWUP_OIDC_ISSUER"]
    assert provider.client.client_id == "followup"
    assert provider.client.client_secret == SECRET
    assert provider.label == "login.northfield.example"  # the issuer's host, unless named
    assert provider.invited_only is True
    assert SECRET not in repr(provider)
    named = organisation_sign_in.from_environment(
        {**BASE, "FOLLOWUP_OIDC_LABEL": "  Northfield   University ", "FOLLOWUP_OIDC_INVITED_ONLY": "No"}
    )
    assert named is not None
    assert (named.label, named.invited_only) == ("Northfield University", False)


def test_the_secret_is_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "oidc-secret"
    path.write_text(SECRET + "\n", encoding="utf-8")
    settings = {**BASE, "FOLLOWUP_OIDC_CLIENT_SECRET": "", "FOLLOWUP_OIDC_CLIENT_SECRET_FILE": str(path)}
    provider = organisation_sign_in.from_environment(settings)
    assert provider is not None
    assert provider.client.client_secret == SECRET


@pytest.mark.parametrize(
    ("changed", "where", "message"),
    [
        (
            {"FOLLOWUP_OIDC_ISSUER": ""},
            "FOLLOWUP_OIDC_ISSUER",
            "FOLLOWUP_OIDC_CLIENT_ID is set but FOLLOWUP_OIDC_ISSUER is not",
        ),
        (
            {"FOLLOWUP_OIDC_ISSUER": "http://login.northfield.example"},
            "FOLLOWUP_OIDC_ISSUER",
            "must start with https://",
        ),
        ({"FOLLOWUP_OIDC_ISSUER": "login.northfield.example"}, "FOLLOWUP_OIDC_ISSUER", "is not an https:// URL"),
        ({"FOLLOWUP_OIDC_CLIENT_ID": " "}, "FOLLOWUP_OIDC_CLIENT_ID", "the client id is missing"),
        ({"FOLLOWUP_OIDC_CLIENT_SECRET": ""}, "FOLLOWUP_OIDC_CLIENT_SECRET_FILE", "the client secret is missing"),
        ({"FOLLOWUP_OIDC_CLIENT_SECRET_FILE": "/x"}, "FOLLOWUP_OIDC_CLIENT_SECRET", "both"),
        ({"FOLLOWUP_OIDC_INVITED_ONLY": "maybe"}, "FOLLOWUP_OIDC_INVITED_ONLY", "'maybe' is neither yes nor no"),
    ],
    ids=["no-issuer", "plain-http", "not-a-url", "no-client-id", "no-secret", "two-secrets", "invited-only"],
)
def test_a_half_done_setting_is_an_error_that_names_the_variable(
    changed: dict[str, str], where: str, message: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        organisation_sign_in.from_environment({**BASE, **changed})
    assert raised.value.where == where
    assert message in raised.value.message
    assert raised.value.hint
    assert SECRET not in str(raised.value)


def test_an_unreadable_secret_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file"
    settings = {**BASE, "FOLLOWUP_OIDC_CLIENT_SECRET": "", "FOLLOWUP_OIDC_CLIENT_SECRET_FILE": str(missing)}
    with pytest.raises(SettingsError, match="cannot read the client secret") as raised:
        organisation_sign_in.from_environment(settings)
    assert raised.value.where == str(missing)
    missing.write_text("\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="the client secret file is empty"):
        organisation_sign_in.from_environment(settings)


def test_plain_http_is_allowed_for_a_provider_on_this_computer_only() -> None:
    for issuer in ("http://127.0.0.1:8080", "http://localhost:8080/realms/x", "http://[::1]:9000"):
        assert organisation_sign_in.from_environment({**BASE, "FOLLOWUP_OIDC_ISSUER": issuer}) is not None
    with pytest.raises(SettingsError, match="must start with https://"):
        organisation_sign_in.from_environment({**BASE, "FOLLOWUP_OIDC_ISSUER": "http://10.0.0.5:8080"})


def test_a_hosted_web_app_with_a_half_done_setting_does_not_start(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.web.server import build

    accounts.init_server(env, admin_email="boss@example.org", admin_name="Ada", password="correct horse battery")
    monkeypatch.setenv("FOLLOWUP_OIDC_ISSUER", "https://login.northfield.example")
    monkeypatch.delenv("FOLLOWUP_OIDC_CLIENT_ID", raising=False)
    with pytest.raises(SettingsError, match="the client id is missing"):
        build(env, "127.0.0.1", 8765)
