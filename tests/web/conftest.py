"""Web fixtures live in `web_support.py`, so that tests can import its helpers too."""

import pytest

from web.web_support import browser, client, live, named, page  # noqa: F401


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that drives the real browser is a journey through a whole page: slow, and
    # left out of `scripts/test --quick`. Marked here, by the fixture it uses, so that a
    # new browser test is marked without anyone remembering to.
    for item in items:
        if {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
