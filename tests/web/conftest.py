"""Web fixtures live in `web_support.py`, so that tests can import its helpers too."""

from web.web_support import browser, client, live, page  # noqa: F401
