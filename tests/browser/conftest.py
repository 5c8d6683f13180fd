"""A real browser (Debian's Chromium through Playwright) against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from django.test import override_settings

from tests.dashboard.conftest import (  # noqa: F401
    _fresh_cache,
    connected,
    koppeling,
    moneybird,
    owner,
    shop,
)

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("KOPPELING_SCREENSHOTS", "/tmp"))



@pytest.fixture(scope="package")
def _plain_http():
    """The live server speaks plain HTTP. Its middleware reads these settings once, when it starts
    (pytest-django starts it once per session), so they are set before the server is first asked for."""
    with override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=0, SESSION_COOKIE_SECURE=False,
                           CSRF_COOKIE_SECURE=False,
                           PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests, closed after them: while Playwright's loop runs, Django would
    refuse the ORM in every later test."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
    # with a running loop unless told that this is fine (it is: the loop only waits for the browser).
    # Only for this package, so that the setting never reaches other tests or the processes they start.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--no-first-run"])
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(_plain_http, browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"koppeling-{name}.png"), full_page=True)
