"""The simulator answers like Moneybird: shapes of the sample answers, its arithmetic, its errors."""

import json
from pathlib import Path

import httpx
import pytest

from koppeling.simulators import moneybird_data as demo
from koppeling.simulators.moneybird import MoneybirdSimulator

FIXTURES = Path(__file__).parents[3] / "koppeling/connectors/accounting/moneybird/fixtures"
ADM = f"/api/v2/{demo.ADMINISTRATION_ID}"
LEDGER_21, RATE_21 = demo.DEMO_VAT_MAPPING["21"]
LEDGER_9, RATE_9 = demo.DEMO_VAT_MAPPING["9"]


@pytest.fixture
def sim() -> MoneybirdSimulator:
    return MoneybirdSimulator()


@pytest.fixture
def api(sim) -> httpx.Client:
    return httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi), base_url="http://mb.test",
                        headers={"Authorization": f"Bearer {demo.DEMO_TOKEN}"})


@pytest.fixture
def contact_id(api) -> str:
    return api.post(f"{ADM}/contacts.json", json={"contact": {"company_name": "Klant B.V."}}).json()["id"]


def _invoice(contact_id: str, details: list[dict], incl: bool = True, **extra) -> dict:
    return {"external_sales_invoice": {"contact_id": contact_id, "reference": "R1", "date": "2025-03-14",
                                       "prices_are_incl_tax": incl, "details_attributes": details, **extra}}


def _detail(price: str, rate: str = RATE_21, ledger: str = LEDGER_21, amount: str = "1") -> dict:
    return {"description": "x", "price": price, "amount": amount, "tax_rate_id": rate,
            "ledger_account_id": ledger}


def test_it_answers_in_the_shape_of_the_samples(api, contact_id):
    sample = json.loads((FIXTURES / "external_sales_invoice.json").read_text())

    answer = api.post(f"{ADM}/external_sales_invoices.json", json=_invoice(contact_id, [_detail("71.39")]))

    invoice = answer.json()
    assert answer.status_code == 201
    assert set(sample) <= set(invoice) and set(sample["details"][0]) <= set(invoice["details"][0])
    # The sample's own numbers: 71.39 incl. 21% is 59.0 excl. and 12.39 VAT, reported in box 1a.
    assert (invoice["total_price_excl_tax"], invoice["tax_totals"][0]["tax_amount"]) == ("59.0", "12.39")
    assert invoice["details"][0]["tax_report_reference"] == ["NL/1a"]


def test_it_rounds_vat_per_rate_over_the_summed_lines(api, contact_id):
    # Excl.: 3 x 0.07 at 21% = 0.0441 -> 0.04 (per line it would be 3 x 0.01); 1.01 at 9% = 0.0909 -> 0.09.
    details = [_detail("0.07", amount="3"), _detail("1.01", RATE_9, LEDGER_9)]

    invoice = api.post(f"{ADM}/external_sales_invoices.json", json=_invoice(contact_id, details, False)).json()

    assert (invoice["total_price_excl_tax"], invoice["total_price_incl_tax"]) == ("1.22", "1.35")


@pytest.mark.parametrize(("change", "field"), [
    ({"contact_id": "1"}, "contact_id"),
    ({"details_attributes": [_detail("1.00", rate="447389174610141233")]}, "tax_rate_id"),  # purchase rate
    ({"details_attributes": [_detail("1.00", rate="447389174609092656")]}, "tax_rate_id"),  # inactive
    ({"details_attributes": [_detail("1.00", ledger="1")]}, "ledger_account_id"),
    ({"details_attributes": []}, "details"),
    ({"date": "14-03-2025"}, "date"),
    ({"reference": ""}, "reference"),
])
def test_it_refuses_invalid_invoices_with_422_by_field(api, contact_id, change, field):
    body = _invoice(contact_id, [_detail("1.00")])
    body["external_sales_invoice"].update(change)

    answer = api.post(f"{ADM}/external_sales_invoices.json", json=body)

    assert answer.status_code == 422
    assert list(answer.json()["error"]) == [field]


def test_it_does_not_enforce_unique_references(api, contact_id, sim):
    for _ in range(2):
        assert api.post(f"{ADM}/external_sales_invoices.json",
                        json=_invoice(contact_id, [_detail("1.00")])).status_code == 201
    assert len(sim.invoices()) == 2


def test_it_pages_with_a_link_header(api):
    first = api.get(f"{ADM}/ledger_accounts.json", params={"per_page": 5})
    last = api.get(first.links["next"]["url"].replace("page=2", "page=3"))

    assert len(first.json()) == 5 and 'rel="next"' in first.headers["Link"]
    assert len(last.json()) == 4 and "next" not in last.links and "prev" in last.links


def test_it_filters_tax_rates_by_type(api):
    rates = api.get(f"{ADM}/tax_rates.json", params={"filter": "tax_rate_type:sales_invoice"}).json()
    assert {r["tax_rate_type"] for r in rates} == {"sales_invoice"} and len(rates) == 8


def test_every_answer_carries_the_rate_limit(api):
    answer = api.get("/api/v2/administrations.json")
    assert answer.headers["RateLimit-Limit"] == "150" and answer.headers["RateLimit-Remaining"] == "149"
    assert int(answer.headers["RateLimit-Reset"]) > 0


def test_an_injected_429_carries_the_rate_limit_headers(api, sim):
    sim.add_fault("429", "GET .*", seconds=7)
    answer = api.get("/api/v2/administrations.json")
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "7"
    assert answer.headers["RateLimit-Remaining"] == "0" and "RateLimit-Reset" in answer.headers


def test_over_the_limit_it_answers_429_with_retry_after(api):
    sim = MoneybirdSimulator(rate_limit=1, rate_window=60)
    client = httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi), base_url="http://mb.test",
                          headers={"Authorization": f"Bearer {demo.DEMO_TOKEN}"})
    client.get("/api/v2/administrations.json")

    answer = client.get("/api/v2/administrations.json")

    assert answer.status_code == 429 and 0 < int(answer.headers["Retry-After"]) <= 61
    assert sim.throttled == 1


def test_it_refuses_a_missing_token(sim):
    client = httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi), base_url="http://mb.test")
    answer = client.get("/api/v2/administrations.json")
    assert answer.status_code == 401 and answer.json()["error"] == "Token is invalid"


def test_sending_a_sales_invoice_numbers_it(api, contact_id):
    body = {"sales_invoice": {"contact_id": contact_id, "invoice_date": "2025-03-14",
                              "details_attributes": [_detail("10.00")]}}
    draft = api.post(f"{ADM}/sales_invoices.json", json=body).json()

    sent = api.patch(f"{ADM}/sales_invoices/{draft['id']}/send_invoice.json",
                     json={"sales_invoice_sending": {"delivery_method": "Manual"}}).json()

    assert (draft["state"], draft["invoice_id"]) == ("draft", None)
    assert (sent["state"], sent["invoice_id"], sent["total_price_incl_tax"]) == ("open", "2025-0001", "12.1")


def test_a_refresh_token_works_once(api):
    form = {"client_id": demo.DEMO_CLIENT_ID, "redirect_uri": "http://x/cb", "decision": "allow", "state": "s"}
    code = httpx.URL(api.post("/oauth/authorize", data=form).headers["Location"]).params["code"]
    client = {"client_id": demo.DEMO_CLIENT_ID, "client_secret": demo.DEMO_CLIENT_SECRET}
    tokens = api.post("/oauth/token", data={**client, "grant_type": "authorization_code", "code": code,
                                            "redirect_uri": "http://x/cb"}).json()
    refresh = {**client, "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}

    rotated = api.post("/oauth/token", data=refresh)
    again = api.post("/oauth/token", data=refresh)

    assert rotated.status_code == 200 and rotated.json()["token_type"] == "bearer"
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
