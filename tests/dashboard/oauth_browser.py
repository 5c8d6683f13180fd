"""The owner's browser at an external system (a simulator served on loopback with
`tests.helpers.simulators.running`): its authorize page opened and its form submitted with httpx,
and the redirect brought back to the Django test client."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx


class ConsentForm(HTMLParser):
    """The authorize page's form: where it posts and its hidden fields (client_id, state...)."""

    def __init__(self):
        super().__init__()
        self.action, self.fields = "", {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.action = found.get("action") or ""
        elif tag == "input" and found.get("type") == "hidden":
            self.fields[found["name"]] = found.get("value") or ""


def consent(authorize_url: str, decision: str) -> httpx.Response:
    """Open the authorize page and press the button with `decision`; the system's answer (a redirect)."""
    with httpx.Client(trust_env=False) as browser:
        page = browser.get(authorize_url)
        assert page.status_code == 200, page.text
        form = ConsentForm()
        form.feed(page.text)
        assert form.action and form.fields.get("state"), "no consent form on the authorize page"
        return browser.post(urljoin(str(page.url), form.action), data={**form.fields, "decision": decision})


def dashboard_path(answer: httpx.Response) -> str:
    """The callback the system redirects the browser to, as a path for the Django test client."""
    assert answer.status_code in (302, 303), answer.text
    location = answer.headers["Location"]
    return location[location.index("/configuratie/"):]
