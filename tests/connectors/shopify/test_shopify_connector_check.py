"""check, discover and the errors a shop owner can act on (in Dutch)."""

import pytest

from koppeling.connectors.base import ConnectorError
from koppeling.connectors.sales.shopify.client import graphql_error, normalize_shop_url


def test_check_names_the_shop(sim, make_source):
    result = make_source(sim).check()
    assert result.ok and result.message == "Verbonden met Shopify (Koppeling Demo Winkel)."


def test_check_warns_when_only_recent_orders_are_visible(sim, make_source):
    sim.state["tokens"]["shpat_recent"] = {"scope": "read_orders", "client_id": "x"}
    result = make_source(sim, credentials={"access_token": "shpat_recent"}).check()
    assert result.ok and "read_all_orders" in result.message and "60 dagen" in result.message


def test_check_fails_without_read_orders(sim, make_source):
    sim.state["tokens"]["shpat_products"] = {"scope": "read_products", "client_id": "x"}
    result = make_source(sim, credentials={"access_token": "shpat_products"}).check()
    assert not result.ok and "read_orders" in result.message


def test_a_wrong_token_turns_the_dot_red_and_stops_fetching(sim, make_source):
    source = make_source(sim, credentials={"access_token": "shpat_fout"})
    result = source.check()
    assert not result.ok and "weigert het toegangstoken" in result.message
    with pytest.raises(ConnectorError) as refused:
        list(source.fetch_changed(None))
    assert (refused.value.permanent, refused.value.code, refused.value.status) == (True, "SALES_AUTH", 401)


def test_check_asks_for_what_is_missing(sim, make_source):
    assert "myshopify.com" in make_source(sim, shop_url="").check().message
    assert "toegangstoken" in make_source(sim, credentials={}).check().message


def test_server_errors_are_transient(sim, make_source, clock):
    sim.add_fault("500", match="POST /admin/api", times=None)
    with pytest.raises(ConnectorError) as failed:
        list(make_source(sim).fetch_changed(None))
    assert (failed.value.permanent, failed.value.code, failed.value.status) == (False, "SALES_HTTP", 500)
    assert clock.sleeps == [0.5, 1.0]  # HttpClient retried the (read-only) query first


def test_an_unknown_api_version_is_a_wrong_address(sim, make_source):
    with pytest.raises(ConnectorError) as failed:
        list(make_source(sim, api_version="2026-7").fetch_changed(None))
    assert (failed.value.permanent, failed.value.code) == (True, "SALES_NOT_FOUND")


def test_discover_lists_statuses_and_the_gateways_in_use(sim, make_source):
    for scenario in ("normal", "pending", "unmapped_payment"):
        sim.generate_order(scenario)
    discovery = make_source(sim).discover()
    statuses = {option.id: option.label for option in discovery.statuses}
    assert statuses["PAID"] == "Betaald" and statuses["PENDING"] == "Wacht op betaling"
    assert statuses["PARTIALLY_REFUNDED"] == "Gedeeltelijk terugbetaald" and statuses["TEST"] == "Testbestelling"
    assert discovery.default_statuses == ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]
    methods = {option.id: option.label for option in discovery.payment_methods}
    assert methods["manual"] == "Handmatig" and methods["klarna"] == "Klarna"


def test_a_missing_scope_in_a_graphql_error_is_an_authorisation_problem():
    error = graphql_error([{"message": "Access denied for orders field.", "extensions": {"code": "ACCESS_DENIED"}}])
    assert (error.permanent, error.code) == (True, "SALES_AUTH") and "Access denied" in error.message


@pytest.mark.parametrize(("given", "expected"), [
    ("mijnwinkel", "https://mijnwinkel.myshopify.com"),
    ("mijnwinkel.myshopify.com", "https://mijnwinkel.myshopify.com"),
    ("https://MijnWinkel.myshopify.com/admin/orders", "https://mijnwinkel.myshopify.com"),
    ("http://127.0.0.1:8103", "http://127.0.0.1:8103"),
    ("", ""),
])
def test_the_shop_address_is_normalised(given, expected):
    assert normalize_shop_url(given) == expected
