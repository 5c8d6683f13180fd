"""Connect through Shopify's OAuth install flow: authorize URL, consent page, callback with code and
hmac (checked), and the code exchange for an offline access token."""

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from koppeling.connectors.base import ConnectorError
from koppeling.connectors.sales.shopify.oauth import callback_hmac

REDIRECT = "http://127.0.0.1:8000/configuratie/shopify/terug"


def consent(sim, url: str, decision: str = "install") -> dict:
    """Open the authorize page like a browser, submit its form, and return the redirect's query."""
    with httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi), base_url="http://shop.test") as browser:
        page = browser.get(url)
        assert page.status_code == 200 and "App installeren in koppeling-demo.myshopify.com" in page.text
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
        answer = browser.post("/admin/oauth/authorize", data={**fields, "decision": decision})
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def test_it_builds_the_authorize_url(sim, make_source):
    url = make_source(sim, credentials={}).authorize_url(REDIRECT, "st-1")
    assert url.startswith("http://shop.test/admin/oauth/authorize?")
    assert parse_qs(urlsplit(url).query) == {"client_id": ["koppeling-demo"],
                                             "scope": ["read_orders,read_all_orders,read_customers"],
                                             "redirect_uri": [REDIRECT], "state": ["st-1"]}


def test_it_connects_end_to_end_with_a_checked_callback(sim, make_source):
    connector = make_source(sim, credentials={})
    params = consent(sim, connector.authorize_url(REDIRECT, "st-2"))
    assert params["state"] == "st-2" and params["shop"] == "koppeling-demo.myshopify.com"
    assert connector.verify_callback(params)

    credentials = connector.exchange_code(params["code"], REDIRECT, params)

    assert set(credentials) == {"access_token", "scope"}
    assert credentials["access_token"].startswith("shpat_")
    assert credentials["scope"] == "read_all_orders,read_customers,read_orders"
    assert make_source(sim, credentials=credentials).check().ok


def test_a_tampered_callback_is_refused_before_any_exchange(sim, make_source):
    connector = make_source(sim, credentials={})
    params = consent(sim, connector.authorize_url(REDIRECT, "st-3"))
    forged = {**params, "shop": "evil.myshopify.com"}
    assert not connector.verify_callback(forged)
    assert not connector.verify_callback({k: v for k, v in params.items() if k != "hmac"})
    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(params["code"], REDIRECT, forged)
    assert refused.value.permanent and refused.value.code == "SALES_AUTH"
    # The code was never spent: the genuine callback still connects.
    assert connector.exchange_code(params["code"], REDIRECT, params)["access_token"]


def test_a_genuine_callback_for_another_shop_is_refused(sim, make_source):
    connector = make_source(sim, credentials={})
    params = consent(sim, connector.authorize_url(REDIRECT, "s"))
    mine = make_source(sim, credentials={}, shop_url="https://koppeling-demo.myshopify.com")
    other = make_source(sim, credentials={}, shop_url="https://andere-winkel.myshopify.com")
    assert mine.verify_callback(params) and not other.verify_callback(params)


def test_a_code_is_single_use(sim, make_source):
    connector = make_source(sim, credentials={})
    code = consent(sim, connector.authorize_url(REDIRECT, "s"))["code"]
    connector.exchange_code(code, REDIRECT)
    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(code, REDIRECT)
    assert refused.value.code == "SALES_AUTH" and "invalid_request" in refused.value.message
    assert code not in refused.value.message


def test_a_wrong_client_secret_fails_the_check_and_the_exchange(sim, make_source):
    connector = make_source(sim, credentials={"client_id": "koppeling-demo", "client_secret": "fout"})
    params = consent(sim, connector.authorize_url(REDIRECT, "s"))
    assert not connector.verify_callback(params)
    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(params["code"], REDIRECT)
    assert refused.value.status == 401 and "invalid_client" in refused.value.message


def test_a_custom_apps_own_id_and_secret_are_kept(sim, make_source):
    sim.client_id, sim.client_secret = "eigen-app", "eigen-geheim"
    connector = make_source(sim, credentials={"client_id": "eigen-app", "client_secret": "eigen-geheim"})
    params = consent(sim, connector.authorize_url(REDIRECT, "s"))
    credentials = connector.exchange_code(params["code"], REDIRECT, params)
    assert credentials["client_id"] == "eigen-app" and credentials["client_secret"] == "eigen-geheim"


def test_a_token_without_read_orders_is_refused(sim, make_source):
    connector = make_source(sim, credentials={})
    url = connector.authorize_url(REDIRECT, "s").replace("read_orders%2C", "")
    params = consent(sim, url)
    with pytest.raises(ConnectorError) as refused:
        connector.exchange_code(params["code"], REDIRECT, params)
    assert refused.value.code == "SALES_AUTH" and "read_orders" in refused.value.message


def test_the_hmac_is_over_the_sorted_parameters_without_itself():
    params = {"shop": "a.myshopify.com", "code": "c1", "timestamp": "1337178173", "state": "s"}
    expected = callback_hmac(params, "geheim")
    assert callback_hmac({**params, "hmac": "x"}, "geheim") == expected
    assert callback_hmac({**params, "code": "c2"}, "geheim") != expected
