"""The owner's browser at a simulator's authorize page, for the connectors' code-flow tests."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx


def consent_query(url: str, decision: str, heading: str, redirect_uri: str) -> dict[str, str]:
    """Open the authorize page like a browser, check it shows `heading`, submit its form with
    `decision`, and return the query of the redirect back to `redirect_uri`."""
    with httpx.Client() as browser:
        page = browser.get(url)
        assert page.status_code == 200
        assert heading in page.text
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
        answer = browser.post(str(page.url.copy_with(query=None)), data={**fields, "decision": decision})
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(redirect_uri + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
