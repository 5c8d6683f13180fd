"""The Connect button: authorize page -> consent form -> redirect with code -> token exchange."""

from urllib.parse import parse_qs, urlsplit

import pytest

from koppeling.connectors.base import ConnectorError
from tests.helpers.oauth import consent_query

REDIRECT = "http://127.0.0.1:8000/configuratie/moneybird/terug"


def _consent(url: str, decision: str) -> dict:
    """Open the authorize page like a browser, submit its form, and return the redirect's query."""
    return consent_query(url, decision, "Koppeling wil toegang tot je Moneybird-administratie", REDIRECT)


def test_it_builds_the_authorize_url(make_target, api_url):
    url = make_target(credentials={}).authorize_url(REDIRECT, "st-1")
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{api_url}/oauth/authorize?")
    assert query == {"client_id": ["koppeling-demo"], "redirect_uri": [REDIRECT], "response_type": ["code"],
                     "state": ["st-1"], "scope": ["sales_invoices documents settings bank"]}


def test_it_connects_through_the_code_flow(make_target, saved):
    connector = make_target(credentials={})
    answer = _consent(connector.authorize_url(REDIRECT, "st-2"), "allow")
    assert answer["state"] == "st-2"

    credentials = connector.exchange_code(answer["code"], REDIRECT)

    assert set(credentials) == {"access_token", "refresh_token"}
    fresh = make_target(credentials=credentials)
    assert fresh.check().ok
    assert [o.label for o in fresh.administrations()] == ["Demo Webwinkel B.V."]


def test_it_refuses_a_code_twice(make_target):
    connector = make_target(credentials={})
    code = _consent(connector.authorize_url(REDIRECT, "s"), "allow")["code"]
    connector.exchange_code(code, REDIRECT)

    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(code, REDIRECT)

    assert refused.value.permanent and refused.value.code == "ACCOUNTING_AUTH"
    assert "invalid_grant" in refused.value.message
    assert code not in refused.value.message


def test_it_refuses_a_code_for_another_redirect_uri(make_target):
    connector = make_target(credentials={})
    code = _consent(connector.authorize_url(REDIRECT, "s"), "allow")["code"]

    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(code, "http://127.0.0.1:8000/elders")

    assert refused.value.code == "ACCOUNTING_AUTH"


def test_it_refuses_a_wrong_client_secret(make_target):
    connector = make_target(credentials={}, client_secret="fout")
    code = _consent(connector.authorize_url(REDIRECT, "s"), "allow")["code"]

    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(code, REDIRECT)

    assert refused.value.status == 401 and "invalid_client" in refused.value.message


def test_a_refusal_redirects_with_access_denied(make_target):
    answer = _consent(make_target(credentials={}).authorize_url(REDIRECT, "st-3"), "deny")
    assert answer == {"error": "access_denied", "state": "st-3"}
