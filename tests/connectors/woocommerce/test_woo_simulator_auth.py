"""The simulator authenticates as a real shop: OAuth 1.0a over HTTP, Basic only over HTTPS."""

import time

import httpx
import pytest

from koppeling.connectors.sales.woocommerce.oauth1 import OAuth1Auth, sign, signature_base_string
from koppeling.simulators.woocommerce import WooCommerceSimulator

ORDERS = "http://shop.test/wp-json/wc/v3/orders"


@pytest.fixture
def wc():
    sim = WooCommerceSimulator(seed=1)
    sim.generate_order()
    return sim


def call(sim, auth=None, url=ORDERS, **kwargs):
    with httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi), auth=auth) as client:
        return client.get(url, **kwargs)


def test_it_accepts_our_hmac_sha256_signature(wc):
    response = call(wc, OAuth1Auth(wc.consumer_key, wc.consumer_secret), params={"per_page": 5})
    assert response.status_code == 200
    assert len(response.json()) == 1


def test_it_accepts_hmac_sha1(wc):
    assert call(wc, OAuth1Auth(wc.consumer_key, wc.consumer_secret, method="HMAC-SHA1")).status_code == 200


def test_it_rejects_a_wrong_secret(wc):
    response = call(wc, OAuth1Auth(wc.consumer_key, "cs_wrong"))
    assert response.status_code == 401
    assert response.json() == {"code": "woocommerce_rest_authentication_error",
                               "message": "Invalid signature - provided signature does not match.",
                               "data": {"status": 401}}


def test_it_rejects_an_unknown_key(wc):
    response = call(wc, OAuth1Auth("ck_other", wc.consumer_secret))
    assert (response.status_code, response.json()["message"]) == (401, "Consumer key is invalid.")


def test_it_rejects_a_reused_nonce(wc):
    auth = OAuth1Auth(wc.consumer_key, wc.consumer_secret, nonce=lambda: "n" * 32)
    assert call(wc, auth).status_code == 200
    response = call(wc, auth)
    assert (response.status_code, response.json()["message"]) == (
        401, "Invalid nonce - nonce has already been used.")


def test_it_rejects_an_old_timestamp(wc):
    auth = OAuth1Auth(wc.consumer_key, wc.consumer_secret, clock=lambda: time.time() - 16 * 60)
    response = call(wc, auth)
    assert (response.status_code, response.json()["message"]) == (401, "Invalid timestamp.")


def test_it_rejects_a_tampered_parameter(wc):
    signed = next(OAuth1Auth(wc.consumer_key, wc.consumer_secret).auth_flow(
        httpx.Request("GET", ORDERS, params={"per_page": 5})))
    tampered = str(signed.url).replace("per_page=5", "per_page=6")
    assert call(wc, url=tampered).status_code == 401


def test_it_accepts_oauth_in_the_authorization_header(wc):
    params = [("oauth_consumer_key", wc.consumer_key), ("oauth_nonce", "h" * 32),
              ("oauth_signature_method", "HMAC-SHA256"), ("oauth_timestamp", str(int(time.time())))]
    signature = sign(signature_base_string("GET", httpx.URL(ORDERS), params), wc.consumer_secret)
    header = "OAuth " + ", ".join(f'{k}="{v}"' for k, v in params + [("oauth_signature", signature)])
    assert call(wc, headers={"Authorization": header.replace("+", "%2B")}).status_code == 200


def test_it_refuses_basic_auth_over_http(wc):
    response = call(wc, httpx.BasicAuth(wc.consumer_key, wc.consumer_secret))
    assert response.status_code == 401
    assert response.json()["code"] == "woocommerce_rest_cannot_view"


def test_it_refuses_no_credentials_and_knows_no_other_routes(wc):
    assert call(wc).status_code == 401
    response = call(wc, url="http://shop.test/wp-json/wc/v3/nothing-here")
    assert (response.status_code, response.json()["code"]) == (404, "rest_no_route")
