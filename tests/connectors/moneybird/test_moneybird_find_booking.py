"""find_booking(): by exact reference, so that a booking is never made twice."""


def test_it_finds_a_booking_by_its_exact_reference(target, make_document, line):
    booked = target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="1001"))

    found = target.find_booking("1001")

    assert (found.target_id, found.number, found.total, found.url) == \
        (booked.target_id, "1001", booked.total, booked.url)


def test_it_does_not_take_a_reference_that_only_starts_the_same(target, make_document, line):
    target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="10011"))
    target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="1001-R1"))

    assert target.find_booking("1001") is None


def test_it_searches_with_the_reference_filter(simulator, target, make_document, line):
    target.find_booking("1001")
    assert simulator.api_log == ["GET /api/v2/447389174528352207/external_sales_invoices.json"
                                 "?filter=reference%3A1001&per_page=100"]


def test_it_finds_regular_invoices_too(make_target, make_document, line):
    target = make_target(document_type="invoice")
    booked = target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="1001"))

    assert target.find_booking("1001").target_id == booked.target_id
    assert target.find_booking("100") is None


def test_a_reference_with_filter_syntax_is_looked_for_in_every_page(simulator, target, make_document, line):
    target.per_page = 1
    target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="1002"))
    booked = target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="WEB:1001,A"))

    found = target.find_booking("WEB:1001,A")

    assert found.target_id == booked.target_id
    lookups = [call for call in simulator.api_log if call.startswith("GET") and "external_sales" in call]
    assert len(lookups) == 2 and not [call for call in lookups if "filter" in call]
