"""A 429 is retried after the Retry-After Moneybird gave, for reads and for bookings alike."""

from koppeling.simulators import moneybird_data as demo


def test_a_read_is_retried_after_retry_after(simulator, target, sleeps):
    simulator.add_fault("429", r"GET /api/v2/administrations\.json", seconds=3)

    options = target.administrations()

    assert [o.id for o in options] == [demo.ADMINISTRATION_ID]
    assert sleeps[0] == 3.0
    assert simulator.api_log == ["GET /api/v2/administrations.json"]  # the 429 was refused before counting


def test_a_booking_is_retried_after_retry_after_without_duplicates(simulator, target, sleeps, make_document,
                                                                    line):
    simulator.add_fault("429", r"POST .*/external_sales_invoices\.json", seconds=2)

    result = target.book(make_document([line("Mok", "1", "10.33", "2.17")]))

    assert sleeps[0] == 2.0
    assert [i["id"] for i in simulator.invoices()] == [result.target_id]
