"""The simulator's GraphQL endpoint and admin routes behave as a connector expects of Shopify."""

import httpx
import pytest

from koppeling.simulators.shopify import ShopifySimulator

QUERY = "query KoppelingOrderIds($first: Int!) { orders(first: $first) { nodes { id } } }"


@pytest.fixture
def api(sim):
    with httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi), base_url="http://shop.test") as client:
        yield client


def graphql(api, sim, operation: str, variables: dict, token: str | None = None) -> httpx.Response:
    return api.post("/admin/api/2026-07/graphql.json", json={"query": QUERY, "operationName": operation,
                                                             "variables": variables},
                    headers={"X-Shopify-Access-Token": token or sim.access_token})


def test_a_wrong_token_gets_shopifys_401(api, sim):
    answer = graphql(api, sim, "KoppelingOrderIds", {"first": 5}, token="shpat_fout")
    assert answer.status_code == 401 and "Invalid API key or access token" in answer.json()["errors"]


def test_every_answer_carries_its_cost_and_the_bucket(api, sim):
    answer = graphql(api, sim, "KoppelingOrderIds", {"first": 5})
    cost = answer.json()["extensions"]["cost"]
    assert answer.headers["X-Shopify-API-Version"] == "2026-07"
    assert (cost["requestedQueryCost"], cost["actualQueryCost"]) == (7, 2)
    assert cost["throttleStatus"] == {"maximumAvailable": 1000.0, "currentlyAvailable": 998, "restoreRate": 50.0}


def test_too_big_a_query_is_refused_before_it_runs(api, sim):
    errors = graphql(api, sim, "KoppelingOrder", {"id": "gid://shopify/Order/1", "lineItems": 200}).json()["errors"]
    assert errors[0]["extensions"]["code"] == "MAX_COST_EXCEEDED"
    errors = graphql(api, sim, "KoppelingOrderIds", {"first": 251}).json()["errors"]
    assert "cannot exceed 250" in errors[0]["message"]


def test_an_empty_bucket_answers_throttled(api, sim):
    sim.set_throttle(available=3)
    body = graphql(api, sim, "KoppelingOrderIds", {"first": 5}).json()
    assert body["errors"][0]["extensions"]["code"] == "THROTTLED"
    assert body["extensions"]["cost"]["actualQueryCost"] is None
    assert body["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 3


def test_an_unknown_operation_is_a_graphql_error(api, sim):
    errors = graphql(api, sim, "SomethingElse", {}).json()["errors"]
    assert errors[0]["extensions"]["code"] == "undefinedField"


def test_admin_routes_make_orders_payments_refunds_and_webhooks(api, sim):
    created = api.post("/_sim/orders", json={"count": 2, "scenario": "pending"}).json()["orders"]
    assert len(created) == 2
    paid = api.post(f"/_sim/orders/{created[0]}/status", json={"status": "PAID"}).json()
    assert paid["displayFinancialStatus"] == "PAID"
    refund = api.post(f"/_sim/orders/{created[0]}/refund", json={"note": "Retour"})
    assert refund.status_code == 201 and sim.order(created[0])["financial_status"] == "REFUNDED"
    assert api.post("/_sim/orders/1/refund", json={}).status_code == 404
    assert api.post(f"/_sim/orders/{created[1]}/status", json={"status": "BETAALD"}).status_code == 400
    hook = api.post("/_sim/webhooks", json={"topic": "orders/create", "address": "http://127.0.0.1:9/hook"})
    assert hook.status_code == 201 and api.get("/_sim/webhooks").json()["webhooks"][0]["topic"] == "orders/create"
    assert api.delete("/_sim/webhooks").json() == {"webhooks": []}
    assert api.post("/_sim/throttle", json={"restore_rate": 100}).json()["restoreRate"] == 100.0
    assert api.post("/_sim/tick").json()["action"] in ("order", "paid", "refund")


def test_the_state_survives_a_restart(tmp_path, make_source):
    first = ShopifySimulator(tmp_path / "shopify.json", seed=1)
    order = first.generate_order()
    again = ShopifySimulator(tmp_path / "shopify.json", seed=1, access_token="shpat_andere_run")
    sale = make_source(again, credentials={"access_token": "shpat_andere_run"}).fetch_one(str(order["id"]))
    assert sale.number == order["name"].lstrip("#")
