"""Over HTTPS the connector uses Basic auth, and trusts a self-signed shop only when told to."""

import httpx

from koppeling.connectors.sales.woocommerce.client import auth_for, tls_verify
from koppeling.connectors.sales.woocommerce.oauth1 import OAuth1Auth


def test_it_uses_basic_auth_over_https(tls_shop, make_source):
    sim, url, cert_path = tls_shop
    order = sim.generate_order("coupon")
    source = make_source(url, sim, verify_tls=str(cert_path))
    assert source.check().ok
    [sale] = source.fetch_changed(None)
    assert sale.source_id == str(order["id"])
    assert sale.total == sale.lines_net + sale.lines_tax


def test_the_shop_takes_the_key_in_the_query_over_https(tls_shop):
    sim, url, cert_path = tls_shop
    params = {"consumer_key": sim.consumer_key, "consumer_secret": sim.consumer_secret}
    response = httpx.get(f"{url}/wp-json/wc/v3/orders", params=params, verify=tls_verify(str(cert_path)))
    assert response.status_code == 200 and response.headers["X-WP-Total"] == "0"


def test_a_wrong_secret_over_https_is_refused(tls_shop, make_source):
    sim, url, cert_path = tls_shop
    result = make_source(url, sim, secret="cs_wrong", verify_tls=str(cert_path)).check()
    assert not result.ok and "API-sleutel" in result.message


def test_it_refuses_an_untrusted_certificate(tls_shop, make_source):
    sim, url, _cert_path = tls_shop
    result = make_source(url, sim).check()
    assert not result.ok and "niet bereikbaar" in result.message


def test_verify_tls_values():
    assert tls_verify(None) is True and tls_verify("") is True
    assert tls_verify(False) is False and tls_verify("false") is False


def test_an_unreadable_ca_file_is_reported(tls_shop, make_source, tmp_path):
    sim, url, _cert_path = tls_shop
    result = make_source(url, sim, verify_tls=str(tmp_path / "missing.pem")).check()
    assert not result.ok and "certificaatbestand" in result.message


def test_the_scheme_decides_the_authentication():
    assert isinstance(auth_for("https://shop.test", "ck", "cs"), httpx.BasicAuth)
    oauth = auth_for("http://shop.test/winkel", "ck", "cs")
    assert isinstance(oauth, OAuth1Auth) and oauth.method == "HMAC-SHA256"
