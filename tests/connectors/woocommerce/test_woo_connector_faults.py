"""Transient failures are retried through HttpClient; the rest becomes a clear ConnectorError."""

import socket

import pytest

from koppeling.connectors.base import ConnectorError


def test_it_retries_after_a_server_error(shop, make_source, sleeps):
    sim, url = shop
    sim.generate_order()
    sim.add_fault("500", match="GET /wp-json/wc/v3/orders", times=1)
    sales = list(make_source(url, sim).fetch_changed(None))
    assert len(sales) == 1
    assert sleeps == [0.5]


def test_it_honours_retry_after_on_429(shop, make_source, sleeps):
    sim, url = shop
    sim.generate_order()
    sim.add_fault("429", match="GET /wp-json/wc/v3/orders", times=1, seconds=3)
    assert len(list(make_source(url, sim).fetch_changed(None))) == 1
    assert sleeps == [3.0]


def test_a_server_that_keeps_failing_is_a_transient_error(shop, make_source):
    sim, url = shop
    sim.add_fault("500", match="GET /wp-json/wc/v3/orders", times=5)
    with pytest.raises(ConnectorError) as caught:
        list(make_source(url, sim).fetch_changed(None))
    assert (caught.value.permanent, caught.value.status, caught.value.code) == (False, 500, "SALES_HTTP")


def test_check_explains_missing_pretty_permalinks(shop, make_source):
    sim, url = shop
    sim.pretty_permalinks = False
    result = make_source(url, sim).check()
    assert not result.ok and "permalinks" in result.message


def test_check_explains_a_wrong_path(shop, make_source):
    sim, url = shop
    result = make_source(url + "/winkel", sim).check()
    assert not result.ok and "Geen WooCommerce REST API" in result.message


def test_a_missing_route_is_permanent(shop, make_source):
    sim, url = shop
    sim.pretty_permalinks = False
    with pytest.raises(ConnectorError) as caught:
        make_source(url, sim).discover()
    assert (caught.value.permanent, caught.value.code) == (True, "SALES_NOT_FOUND")


def test_check_reports_an_unreachable_shop(make_source, sim, sleeps):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = make_source(f"http://127.0.0.1:{port}", sim).check()
    assert not result.ok and "niet bereikbaar" in result.message
    assert len(sleeps) == 2  # three tries


def test_check_wants_a_url(make_source, sim):
    result = make_source("mijnwinkel.nl", sim).check()
    assert not result.ok and "https://" in result.message
