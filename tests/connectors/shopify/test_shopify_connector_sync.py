"""The connector against the simulator: paging, the since filter, refunds, fetch_one."""

import copy
from datetime import UTC, datetime, timedelta

import pytest

from koppeling.simulators.shopify import ShopifySimulator

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def sim(clock):
    """The shop's clock stands still at NOW until a test moves it (sim.moment[0])."""
    moment = [NOW]
    simulator = ShopifySimulator(seed=8, cost_clock=clock, clock=lambda: moment[0])
    simulator.moment = moment
    return simulator


def test_it_pages_through_the_orders_fifty_ids_at_a_time(sim, make_source, requests_seen):
    ids = {str(sim.generate_order(scenario)["id"]) for scenario in ["normal", "mixed_rates", "discount"] * 40}
    sales = list(make_source(sim).fetch_changed(None))
    assert {sale.source_id for sale in sales} == ids and len(sales) == 120
    pages = [variables for name, variables in requests_seen if name == "KoppelingOrderIds"]
    assert [page["first"] for page in pages] == [50, 50, 50]
    assert pages[0]["after"] is None and pages[1]["after"] and pages[2]["after"] != pages[1]["after"]
    assert all(sale.total == sale.lines_net + sale.lines_tax for sale in sales)


def test_it_asks_only_for_orders_updated_since_the_cursor(sim, make_source, requests_seen):
    old = [sim.generate_order(created_at=NOW - timedelta(days=day)) for day in (3, 2, 1)]
    sim.moment[0] = NOW + timedelta(hours=1)
    sim.set_status(old[1]["id"], "REFUNDED")
    since = NOW + timedelta(hours=1)  # exactly the update time: still included
    sales = list(make_source(sim).fetch_changed(since))
    assert [sale.source_id for sale in sales] == [str(old[1]["id"])]
    assert requests_seen[0][1]["query"] == "updated_at:>='2026-03-02T13:00:00Z'"
    assert list(make_source(sim).fetch_changed(since + timedelta(seconds=1))) == []


def test_it_yields_each_refund_once_after_its_creation(sim, make_source):
    order = sim.generate_order("mixed_rates", created_at=NOW - timedelta(days=1))
    sim.moment[0] = NOW
    first = sim.add_refund(order["id"], [order["line_items"][0]["id"]], note="Retour")
    sim.moment[0] = NOW + timedelta(hours=2)
    second = sim.add_refund(order["id"], [order["line_items"][1]["id"]])
    everything = {sale.source_id for sale in make_source(sim).fetch_changed(None)}
    assert everything == {str(order["id"]), f"{order['id']}/refunds/{first['id']}",
                          f"{order['id']}/refunds/{second['id']}"}
    later = [sale.source_id for sale in make_source(sim).fetch_changed(NOW + timedelta(hours=1))]
    assert later == [str(order["id"]), f"{order['id']}/refunds/{second['id']}"]


def test_fetch_one_reads_an_order_or_a_refund(sim, make_source):
    order = sim.generate_order("mixed_rates")
    refund = sim.add_refund(order["id"], [order["line_items"][0]["id"]])
    other = sim.generate_order()
    source = make_source(sim)
    assert source.fetch_one(str(order["id"])).status == "PARTIALLY_REFUNDED"
    credit = source.fetch_one(f"{order['id']}/refunds/{refund['id']}")
    assert credit.kind == "refund" and credit.total < 0 and credit.total == credit.lines_net + credit.lines_tax
    assert source.fetch_one("999") is None
    assert source.fetch_one(f"{other['id']}/refunds/{refund['id']}") is None  # not that order's refund
    assert source.fetch_one("gid://shopify/Order/1") is None and source.fetch_one("12/refunds/x") is None


def test_an_order_with_more_than_a_page_of_lines_is_read_whole(sim, make_source, requests_seen):
    order = sim.generate_order()
    with sim.lock:
        stored = sim.state["orders"][str(order["id"])]
        template = stored["line_items"][0]
        stored["line_items"] = [{**copy.deepcopy(template), "id": 10_000 + n} for n in range(120)]
    sale = make_source(sim).fetch_one(str(order["id"]))
    assert len([line for line in sale.lines if line.kind == "product"]) == 120
    assert [name for name, _ in requests_seen].count("KoppelingOrderLineItems") == 4  # 25 a page
