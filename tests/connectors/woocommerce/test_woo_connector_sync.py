"""The connector against the simulator over a real socket (OAuth 1.0a over plain HTTP)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from koppeling.connectors.base import ConnectorError
from koppeling.connectors.sales.woocommerce.connector import WooCommerceSource
from koppeling.simulators.woocommerce import invalid_order_id


@pytest.fixture
def requests_seen(sim):
    """The (method, path, query) of every request the simulator answers."""
    seen = []
    handle = sim.handle

    def recording(request):
        seen.append((request.method, request.path, {k: v[-1] for k, v in request.query.items()}))
        return handle(request)

    sim.handle = recording
    return seen


def test_check_succeeds(shop, make_source):
    sim, url = shop
    result = make_source(url, sim).check()
    assert result.ok and result.message == "Verbonden met WooCommerce."


def test_discover_lists_statuses_and_gateways(shop, make_source):
    sim, url = shop
    discovery = make_source(url, sim).discover()
    statuses = {option.id: option.label for option in discovery.statuses}
    assert statuses["processing"] == "In behandeling" and statuses["completed"] == "Afgerond"
    assert statuses["on-hold"] == "In de wacht" and statuses["pending"] == "Wacht op betaling"
    assert {"cancelled", "refunded", "failed", "checkout-draft"} <= set(statuses)
    methods = {option.id: option.label for option in discovery.payment_methods}
    assert methods["mollie_wc_gateway_ideal"] == "iDEAL" and "klarna_pay_later" in methods
    assert discovery.default_statuses == ["processing", "completed"]


def test_it_pages_through_more_than_a_hundred_orders(shop, make_source, requests_seen):
    sim, url = shop
    ids = {sim.generate_order(scenario)["id"] for scenario in ["normal", "mixed_rates", "coupon"] * 77}
    sales = list(make_source(url, sim).fetch_changed(None))
    assert {int(sale.source_id) for sale in sales} == ids and len(sales) == 231
    pages = [query for method, path, query in requests_seen if path.endswith("/orders")]
    assert [(q["page"], q["per_page"]) for q in pages] == [("1", "100"), ("2", "100"), ("3", "100")]
    assert all(sale.total == sale.lines_net + sale.lines_tax for sale in sales)


def test_it_asks_only_for_orders_changed_since_the_cursor(shop, make_source, requests_seen):
    sim, url = shop
    now = [datetime(2024, 6, 1, 12, 0, tzinfo=UTC)]
    sim.clock = lambda: now[0]
    old = [sim.generate_order(created_at=datetime(2024, 1, day, 9, 0, tzinfo=UTC)) for day in (1, 2, 3)]
    sim.set_status(old[1]["id"], "completed")  # modified at 2024-06-01 12:00
    since = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)  # exactly the modification time: still included
    sales = list(make_source(url, sim).fetch_changed(since))
    assert [sale.source_id for sale in sales] == [str(old[1]["id"])]
    assert sales[0].status == "completed"
    query = requests_seen[-1][2]
    assert (query["modified_after"], query["dates_are_gmt"]) == ("2024-06-01T11:59:59", "true")
    assert list(make_source(url, sim).fetch_changed(since + timedelta(seconds=1))) == []


def test_it_yields_each_refund_as_a_sale(shop, make_source):
    sim, url = shop
    order = sim.generate_order("mixed_rates", status="completed")
    first = sim.add_refund(order["id"], [order["line_items"][0]["id"]], reason="Retour")
    second = sim.add_refund(order["id"], amount="1.00")
    sales = {sale.source_id: sale for sale in make_source(url, sim).fetch_changed(None)}
    partial = sales[f"{order['id']}/refunds/{first['id']}"]
    assert partial.kind == "refund" and partial.refund_of == str(order["id"])
    assert partial.total == -Decimal(first["amount"]) == partial.lines_net + partial.lines_tax
    assert partial.lines[0].vat_rate == Decimal(21)
    assert sales[f"{order['id']}/refunds/{second['id']}"].total == Decimal("-1.00")
    assert len(sales) == 3


def test_a_full_refund_books_every_line_back(shop, make_source):
    sim, url = shop
    order = sim.generate_order("normal", status="completed")
    refund = sim.add_refund(order["id"], reason="Geannuleerd")
    sale = make_source(url, sim).fetch_one(f"{order['id']}/refunds/{refund['id']}")
    assert sale.total == -Decimal(order["total"]) == sale.lines_net + sale.lines_tax
    assert sale.status == "refunded"
    assert [line.kind for line in sale.lines][-1] == "shipping"


def test_an_older_shop_gets_its_rates_from_the_tax_table(shop, make_source, requests_seen):
    sim, url = shop
    sim.include_rate_percent = False
    for _ in range(3):
        sim.generate_order("mixed_rates")
    sales = list(make_source(url, sim).fetch_changed(None))
    assert {line.vat_rate for sale in sales for line in sale.lines} == {Decimal(21), Decimal(9)}
    assert sum(path.endswith("/taxes") for _m, path, _q in requests_seen) == 1  # cached


def test_fetch_one_finds_orders_and_refunds(shop, make_source):
    sim, url = shop
    order = sim.generate_order("icp_valid")
    refund = sim.add_refund(order["id"], amount="5.00")
    source = make_source(url, sim)
    sale = source.fetch_one(str(order["id"]))
    assert sale.number == str(order["id"]) and sale.customer.vat_number in ("BE0428759497", "DE811363057")
    assert source.fetch_one(f"{order['id']}/refunds/{refund['id']}").total == Decimal("-5.00")


def test_fetch_one_returns_none_for_what_is_gone(shop, make_source):
    sim, url = shop
    order = sim.generate_order()
    source = make_source(url, sim)
    assert source.fetch_one("999999") is None
    assert source.fetch_one(f"{order['id']}/refunds/999999") is None
    assert source.fetch_one("not-an-id") is None


def test_a_wrong_secret_is_a_permanent_auth_error(shop, make_source):
    sim, url = shop
    source = make_source(url, sim, secret="cs_wrong")
    result = source.check()
    assert not result.ok and "API-sleutel" in result.message
    with pytest.raises(ConnectorError) as caught:
        list(source.fetch_changed(None))
    assert (caught.value.permanent, caught.value.code, caught.value.status) == (True, "SALES_AUTH", 401)


def test_an_order_deleted_while_paging_is_skipped(shop, make_source):
    sim, url = shop
    order = sim.generate_order()
    sim.add_refund(order["id"], amount="1.00")
    handle = sim.handle
    sim.handle = lambda request: invalid_order_id() if request.path.endswith("/refunds") else handle(request)
    assert [sale.kind for sale in make_source(url, sim).fetch_changed(None)] == ["order"]


def test_status_labels_are_dutch():
    labels = {status: str(label) for status, label in WooCommerceSource.status_labels.items()}
    assert labels["pending"] == "Wacht op betaling" and labels["refunded"] == "Terugbetaald"
