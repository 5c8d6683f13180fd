"""The simulator behaves like Exact where the connector relies on it: rotation, paging, filters,
validation bodies and the budget headers."""

import httpx
import pytest

from koppeling.simulators import exact_data as demo
from koppeling.simulators.exact import ExactSimulator

FORM = {"client_id": demo.DEMO_CLIENT_ID, "client_secret": demo.DEMO_CLIENT_SECRET}


@pytest.fixture
def simulator():
    return ExactSimulator(page_size=3)


@pytest.fixture
def client(api_url):
    with httpx.Client(base_url=api_url, headers={"Authorization": f"Bearer {demo.DEMO_ACCESS_TOKEN}"}) as client:
        yield client


def test_a_refresh_token_works_once(simulator, api_url):
    pair = simulator.issue_tokens()
    form = {**FORM, "grant_type": "refresh_token", "refresh_token": pair["refresh_token"]}

    first = httpx.post(f"{api_url}/api/oauth2/token", data=form)
    again = httpx.post(f"{api_url}/api/oauth2/token", data=form)

    assert first.status_code == 200 and first.json()["expires_in"] == "600"
    assert first.json()["refresh_token"] != pair["refresh_token"]
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert simulator.refreshes == 1


def test_the_demo_refresh_token_can_be_used_again(simulator, api_url):
    form = {**FORM, "grant_type": "refresh_token", "refresh_token": demo.DEMO_REFRESH_TOKEN}
    assert [httpx.post(f"{api_url}/api/oauth2/token", data=form).status_code for _ in range(2)] == [200, 200]


def test_an_expired_access_token_gets_401(simulator, api_url):
    pair = simulator.issue_tokens(lifetime=0)
    answer = httpx.get(f"{api_url}/api/v1/current/Me", headers={"Authorization": f"Bearer {pair['access_token']}"})
    assert answer.status_code == 401 and "error" in answer.json()


def test_lists_page_with_next_links(client):
    first = client.get(f"/api/v1/{demo.DIVISION}/financial/Journals", params={"$select": "Code"}).json()["d"]
    second = httpx.get(first["__next"], headers=client.headers).json()["d"]

    assert [j["Code"] for j in first["results"]] == ["10", "20", "21"]
    assert [j["Code"] for j in second["results"]] == ["22", "60", "70"]


def test_filters_and_select(client):
    answer = client.get(f"/api/v1/{demo.DIVISION}/vat/VATCodes", params={
        "$filter": "(Code eq '2' or Code eq '1') and IsBlocked eq false", "$select": "Code,Percentage"})
    assert answer.json()["d"]["results"] == [{"Code": "1", "Percentage": 0.09}, {"Code": "2", "Percentage": 0.21}]
    unknown = client.get(f"/api/v1/{demo.DIVISION}/vat/VATCodes", params={"$select": "Nope"})
    assert unknown.status_code == 400 and "Nope" in unknown.json()["error"]["message"]["value"]


def test_a_sales_entry_without_customer_gets_an_odata_error(client):
    answer = client.post(f"/api/v1/{demo.DIVISION}/salesentry/SalesEntries", json={"Journal": "70"})
    assert answer.status_code == 400
    assert answer.json() == {"error": {"code": "", "message": {"lang": "nl-NL", "value": "Relatie: Verplicht"}}}


def test_every_answer_carries_both_budgets(client, simulator):
    simulator.set_limits(minutely=1)
    first = client.get("/api/v1/current/Me")
    second = client.get("/api/v1/current/Me")

    assert first.headers["X-RateLimit-Minutely-Remaining"] == "0"
    assert int(first.headers["X-RateLimit-Minutely-Reset"]) > 1e12  # epoch milliseconds
    assert first.headers["X-RateLimit-Remaining"] == "4999"
    assert second.status_code == 429 and simulator.throttled == 1


def test_admin_routes_show_entries_and_set_limits(api_url, simulator):
    assert httpx.post(f"{api_url}/_sim/limits", json={"daily": 7}).json()["daily"] == 7
    assert httpx.get(f"{api_url}/_sim/entries").json() == {"entries": [], "invoices": []}


def test_state_survives_a_restart(tmp_path):
    state = tmp_path / "exact.json"
    first = ExactSimulator(state_file=state)
    pair = first.issue_tokens()
    first.state["divisions"][demo.DIVISION]["sales_entries"].append({"EntryID": "e1", "_lines": []})
    first.save()

    again = ExactSimulator(state_file=state)

    assert pair["refresh_token"] in again.state["refresh_tokens"]
    assert [e["EntryID"] for e in again.entries()] == ["e1"]
