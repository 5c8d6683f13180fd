"""OAuth 1.0a signing (RFC 5849), checked against vectors built by hand from the RFC's rules."""

import base64
import hashlib
import hmac

import httpx

from koppeling.connectors.sales.woocommerce.oauth1 import (
    OAuth1Auth,
    base_string_uri,
    percent_encode,
    sign,
    signature_base_string,
)


def test_it_percent_encodes_as_rfc_3986():
    assert percent_encode("abcXYZ019-._~") == "abcXYZ019-._~"
    assert percent_encode("a b+c/d=e&f:g*") == "a%20b%2Bc%2Fd%3De%26f%3Ag%2A"
    assert percent_encode("é") == "%C3%A9"


def test_it_normalises_the_base_uri():
    assert base_string_uri(httpx.URL("HTTP://Example.COM:80/r%20x?q=1")) == "http://example.com/r%20x"
    assert base_string_uri(httpx.URL("https://shop.test:8443/wp-json")) == "https://shop.test:8443/wp-json"


def test_it_builds_the_rfc_5849_example_base_string():
    # RFC 5849 section 3.4.1.1: the request's query, body and oauth parameters (with a token).
    url = httpx.URL("http://EXAMPLE.COM:80/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b")
    params = list(url.params.multi_items()) + [
        ("c2", ""), ("a3", "2 q"), ("oauth_consumer_key", "9djdj82h48djs9d2"), ("oauth_token", "kkk9d7dh3k39sjv7"),
        ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", "137131201"), ("oauth_nonce", "7d8f3e4a")]
    assert signature_base_string("post", url, params) == (
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
        "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
        "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7")


# A one-legged WooCommerce request, its base string written out by hand: parameters sorted,
# each name and value encoded, then the whole parameter string encoded once more.
HAND_BASE = ("GET&http%3A%2F%2Fshop.example%2Fwp-json%2Fwc%2Fv3%2Forders"
             "&modified_after%3D2024-11-01T00%253A00%253A00%26oauth_consumer_key%3Dck_test%26oauth_nonce%3Dabc"
             "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26per_page%3D100")
HAND_SIGNATURE = base64.b64encode(hmac.new(b"cs_secret&", HAND_BASE.encode(), hashlib.sha256).digest()).decode()


def test_it_signs_a_woocommerce_request_with_hmac_sha256():
    auth = OAuth1Auth("ck_test", "cs_secret", clock=lambda: 1700000000.7, nonce=lambda: "abc")
    request = httpx.Request("GET", "http://shop.example/wp-json/wc/v3/orders",
                            params={"per_page": 100, "modified_after": "2024-11-01T00:00:00"})
    signed = next(auth.auth_flow(request))
    params = dict(signed.url.params)
    assert params["oauth_signature"] == HAND_SIGNATURE
    assert (params["oauth_consumer_key"], params["oauth_nonce"], params["oauth_timestamp"]) == (
        "ck_test", "abc", "1700000000")
    assert params["oauth_signature_method"] == "HMAC-SHA256"
    assert "oauth_version" not in params
    assert (params["per_page"], params["modified_after"]) == ("100", "2024-11-01T00:00:00")


def test_the_key_is_the_encoded_secret_and_an_ampersand():
    expected = base64.b64encode(hmac.new(b"a%26b&", b"x", hashlib.sha1).digest()).decode()
    assert sign("x", "a&b", "HMAC-SHA1") == expected


def test_every_request_gets_a_fresh_nonce():
    auth = OAuth1Auth("ck", "cs")
    first = next(auth.auth_flow(httpx.Request("GET", "http://s/x")))
    second = next(auth.auth_flow(httpx.Request("GET", "http://s/x")))
    assert first.url.params["oauth_nonce"] != second.url.params["oauth_nonce"]
    assert len(first.url.params["oauth_nonce"]) == 32
