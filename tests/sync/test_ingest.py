from datetime import UTC, date, datetime, timedelta

import pytest

from koppeling.sync import ingest
from koppeling.sync.models import Booking, Sale, SaleEvent, SaleState
from tests.sync.conftest import make_sale

pytestmark = pytest.mark.django_db


def test_a_new_sale_in_a_booked_status_is_ready(koppeling):
    row, ready = ingest.store(koppeling, make_sale())
    assert ready and row.state == SaleState.READY
    assert row.events.get().kind == SaleEvent.Kind.FETCHED


def test_a_sale_in_another_status_is_open_with_a_reason(koppeling):
    row, ready = ingest.store(koppeling, make_sale(status="pending"))
    assert not ready and row.state == SaleState.OPEN
    assert "Wacht op betaling" in row.reason and "zodra de status" in row.reason


def test_a_sale_before_the_start_date_is_skipped(koppeling):
    koppeling.start_date = date(2026, 6, 1)
    row, _ = ingest.store(koppeling, make_sale())
    assert row.state == SaleState.SKIPPED
    assert "startdatum" in row.reason


def test_kinds_not_booked_are_skipped(koppeling):
    koppeling.book_kinds = ["order"]
    row, _ = ingest.store(koppeling, make_sale(kind="refund", source_id="101/refunds/5"))
    assert row.state == SaleState.SKIPPED


def test_fetching_the_same_sale_twice_keeps_one_row(koppeling):
    ingest.store(koppeling, make_sale())
    ingest.store(koppeling, make_sale())
    assert Sale.objects.count() == 1
    assert SaleEvent.objects.count() == 1


def test_an_open_sale_becomes_ready_when_its_status_changes(koppeling):
    ingest.store(koppeling, make_sale(status="pending"))
    later = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    row, ready = ingest.store(koppeling, make_sale(status="processing", modified_at=later))
    assert ready and row.state == SaleState.READY and row.modified_at == later


def test_a_failed_sale_changed_in_the_shop_gets_a_fresh_start(koppeling):
    row, _ = ingest.store(koppeling, make_sale())
    Sale.objects.filter(pk=row.pk).update(state=SaleState.FAILED, attempts=3, error_code="SHIPPING_NO_VAT")
    row, ready = ingest.store(koppeling, make_sale(modified_at=row.modified_at + timedelta(hours=1)))
    assert ready and row.attempts == 0


def test_a_booked_sale_changed_in_the_shop_is_not_booked_again(koppeling):
    row, _ = ingest.store(koppeling, make_sale())
    Sale.objects.filter(pk=row.pk).update(state=SaleState.BOOKED)
    Booking.objects.create(sale=row, koppeling=koppeling, reference="101", target_system="moneybird",
                           target_id="1", total=row.total)
    changed = make_sale(status="completed", modified_at=row.modified_at + timedelta(days=1))
    row2, ready = ingest.store(koppeling, changed)
    ingest.store(koppeling, changed)  # the same change seen twice is noted once
    assert not ready and row2.state == SaleState.BOOKED
    assert row2.events.filter(kind=SaleEvent.Kind.CHANGED_AFTER_BOOKING).count() == 1


def test_a_refund_is_linked_to_its_order(koppeling):
    order, _ = ingest.store(koppeling, make_sale())
    refund, _ = ingest.store(koppeling, make_sale(kind="refund", source_id="101/refunds/9", number="101-C9",
                                                  refund_of="101"))
    assert refund.refund_of == order
