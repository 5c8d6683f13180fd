"""find_booking: an exact match on YourRef within our sales journal, with OData quotes escaped."""

from koppeling.simulators import exact_data as demo


def test_it_finds_the_entry_by_its_reference(target, make_document, line):
    booked = target.book(make_document([line("Mok", "1", "10.00", "2.10")], reference="1001"))
    target.book(make_document([line("Mok", "1", "10.00", "2.10")], reference="10011"))

    found = target.find_booking("1001")

    assert (found.target_id, found.number, found.total) == (booked.target_id, booked.number, booked.total)
    assert found.url == booked.url


def test_nothing_is_found_for_an_unknown_reference(target):
    assert target.find_booking("404") is None


def test_a_reference_with_a_quote_is_escaped(target, simulator, make_document, line):
    booked = target.book(make_document([line("Mok", "1", "10.00", "2.10")], reference="O'Brien-7"))

    assert target.find_booking("O'Brien-7").target_id == booked.target_id
    assert any("O%27%27Brien-7" in entry for entry in simulator.api_log)


def test_an_entry_in_another_journal_is_not_ours(make_target, make_document, line):
    make_target(journal="71").book(make_document([line("Mok", "1", "10.00", "2.10")], reference="1001"))
    assert make_target(journal=demo.SALES_JOURNAL).find_booking("1001") is None
