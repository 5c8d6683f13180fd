"""ICP sales with the VIES check on: the buyer's number is checked (and the check kept as evidence),
an unregistered number is refused, and when VIES does not answer the sale waits or, if the tenant
chose so, goes ahead on the check digits alone."""

import pytest

from koppeling.simulators.vies import ViesSimulator
from koppeling.sync import booking, polling
from koppeling.sync.models import Sale, SaleEvent, SaleState, VatNumberLookup
from tests.e2e.conftest import run_engine
from tests.helpers.simulators import running

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def vies(settings):
    with running(ViesSimulator()) as simulator:
        settings.VIES_URL = simulator.url
        yield simulator


@pytest.fixture
def checking(koppeling):
    koppeling.vat_settings = {"vies": True}
    koppeling.save()
    return koppeling


def icp_order(woo, number=None, country=None):
    order = woo.generate_order(scenario="icp_valid", status="processing")
    stored = woo.state["orders"][str(order["id"])]
    if number:
        next(meta for meta in stored["meta_data"] if meta["key"] == "_billing_vat_number")["value"] = number
    if country:
        stored["billing"]["country"] = stored["shipping"]["country"] = country
    return order


def test_a_registered_number_is_checked_once_and_kept(checking, woo, moneybird, vies):
    icp_order(woo)
    icp_order(woo)
    run_engine(checking)
    assert set(Sale.objects.values_list("state", flat=True)) == {SaleState.BOOKED}
    lookups = VatNumberLookup.objects.all()
    assert lookups.count() == len({s.canonical["customer"]["vat_number"] for s in Sale.objects.all()})
    assert all(lookup.valid for lookup in lookups)
    assert len(vies.checks) == lookups.count()  # the second order of the same buyer reuses the check


def test_a_number_vies_does_not_know_is_refused(checking, woo, moneybird, vies):
    unregistered = "BE0123456749"  # right check digits, but no business behind it
    icp_order(woo, number=unregistered, country="BE")
    run_engine(checking)
    sale = Sale.objects.get()
    assert sale.state == SaleState.FAILED and sale.error_code == "ICP_VIES_INVALID"
    assert "VIES" in sale.error_message
    assert VatNumberLookup.objects.get().valid is False


def test_without_an_answer_the_sale_waits_then_may_go_on_check_digits(checking, woo, moneybird, vies):
    icp_order(woo)
    polling.poll(checking.pk)
    sale = Sale.objects.get()
    vies.set_unavailable(sale.canonical["customer"]["country"])
    booking.process(sale.pk)
    sale.refresh_from_db()
    assert sale.state == SaleState.READY and sale.attempts == 1
    assert sale.events.filter(kind=SaleEvent.Kind.RETRY).exists()
    checking.vat_settings = {"vies": True, "vies_fallback": "syntax"}
    checking.save()
    Sale.objects.filter(pk=sale.pk).update(next_attempt_at=None)
    booking.process(sale.pk)
    sale.refresh_from_db()
    assert sale.state == SaleState.BOOKED
    assert not VatNumberLookup.objects.exists()  # nothing was confirmed, so nothing is kept as evidence
