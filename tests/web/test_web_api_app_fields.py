"""The API's applications take and give what trackers keep, held to the same rules as every door."""

from __future__ import annotations

from web.web_support import WebClient


def test_an_application_with_its_tracker_fields_through_the_api(client: WebClient) -> None:
    body = {
        "company": "Acme",
        "role": "Analyst",
        "status": "wishlist",
        "location": "Berlin",
        "salary": "€55–65k",
        "excitement": 4,
        "tags": ["remote", "Remote", "fintech"],
        "description": "Payments.\nKotlin.",
    }
    created = client.api("POST", "/api/v1/applications", body)
    assert created.status_code == 201, created.text
    app = created.json()
    assert (app["status"], app["applied_on"], app["tags"], app["excitement"]) == (
        "wishlist",
        None,
        ["remote", "fintech"],
        4,
    )
    changed = client.api("PATCH", f"/api/v1/applications/{app['id']}", {"tags": None, "excitement": None})
    assert (changed.json()["tags"], changed.json()["excitement"]) == ([], None)
    for bad in ({"excitement": 6}, {"tags": ["a,b"]}, {"location": "Berlin\nBcc: x@evil.example"}):
        refused = client.api("PATCH", f"/api/v1/applications/{app['id']}", bad)
        assert refused.status_code in (400, 422), (bad, refused.text)
    found = client.api("GET", "/api/v1/applications", params={"search": "kotlin"}).json()
    assert [a["id"] for a in found["items"]] == [app["id"]]
