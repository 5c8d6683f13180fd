"""The Connect button: authorize page -> Toestaan -> redirect with code -> token exchange."""

from urllib.parse import parse_qs, urlsplit

import pytest

from koppeling.connectors.base import ConnectorError
from tests.helpers.oauth import consent_query

REDIRECT = "http://127.0.0.1:8000/configuratie/verbinden/terug"


def _consent(url: str, decision: str) -> dict:
    """Open the authorize page like a browser, submit its form, and return the redirect's query."""
    return consent_query(url, decision, "Koppeling wil toegang tot je Exact Online-administraties", REDIRECT)


def test_it_builds_the_authorize_url(make_target, api_url):
    url = make_target(credentials={}).authorize_url(REDIRECT, "st-1")
    assert url.startswith(f"{api_url}/api/oauth2/auth?")
    assert parse_qs(urlsplit(url).query) == {"client_id": ["koppeling-demo"], "redirect_uri": [REDIRECT],
                                             "response_type": ["code"], "state": ["st-1"]}


def test_it_connects_through_the_code_flow(make_target, simulator):
    connector = make_target(credentials={})
    answer = _consent(connector.authorize_url(REDIRECT, "st-2"), "allow")
    assert answer["state"] == "st-2"

    credentials = connector.exchange_code(answer["code"], REDIRECT)

    assert set(credentials) == {"access_token", "refresh_token", "expires_at"}
    assert credentials["expires_at"] == pytest.approx(simulator.clock() + 600, abs=2)
    fresh = make_target(credentials=credentials)
    assert fresh.check().ok
    assert fresh.check().message == "Demo Webwinkel B.V."


def test_it_refuses_a_code_twice(make_target):
    connector = make_target(credentials={})
    code = _consent(connector.authorize_url(REDIRECT, "s"), "allow")["code"]
    connector.exchange_code(code, REDIRECT)

    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(code, REDIRECT)

    assert refused.value.permanent and refused.value.code == "ACCOUNTING_AUTH"
    assert "invalid_grant" in refused.value.message and code not in refused.value.message


def test_it_refuses_a_wrong_client_secret(make_target):
    connector = make_target(credentials={}, client_secret="fout")
    code = _consent(connector.authorize_url(REDIRECT, "s"), "allow")["code"]

    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(code, REDIRECT)

    assert refused.value.status == 401 and "invalid_client" in refused.value.message


def test_a_refusal_redirects_with_access_denied(make_target):
    answer = _consent(make_target(credentials={}).authorize_url(REDIRECT, "st-3"), "deny")
    assert answer == {"error": "access_denied", "state": "st-3"}


def test_without_credentials_check_asks_to_connect(make_target):
    result = make_target(credentials={}).check()
    assert not result.ok and "Verbinden" in result.message
