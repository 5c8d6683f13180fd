"""A booking whose answer is lost: the call fails (transient), the entry exists, find_booking finds it."""

from tests.helpers.accounting import book_with_lost_answer


def test_a_dropped_answer_is_found_by_reference_and_not_made_twice(simulator, target, make_document, line):
    document = make_document([line("Mok", "1", "10.33", "2.17")], reference="1001")
    book_with_lost_answer(simulator, target, document, r"POST .*/salesentry/SalesEntries$")

    [entry] = simulator.entries()  # carried out once, never resent
    found = target.find_booking("1001")
    assert found is not None and found.target_id == entry["EntryID"]
