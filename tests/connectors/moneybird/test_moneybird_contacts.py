"""Contacts are found by our customer key or created once; guests share one contact."""

import pytest

from koppeling.connectors.base import ConnectorError
from koppeling.sync.canonical import Customer


def test_two_bookings_for_one_customer_make_one_contact(simulator, target, make_document, line):
    target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="1001"))
    make_target_again = type(target)(target.config, target.credentials)  # a new run: no cache
    make_target_again.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="1002"))

    contacts = simulator.contacts()
    assert len(contacts) == 1
    assert contacts[0]["customer_id"] == "c42"
    assert {i["contact_id"] for i in simulator.invoices()} == {contacts[0]["id"]}


def test_it_fills_the_contact_from_the_customer(simulator, target, make_document, line):
    customer = Customer(id="7", name="Jan de Vries", company="De Vries Koffie B.V.", email="jan@vries.be",
                        address1="Kerkstraat 2", zipcode="2000", city="Antwerpen", country="be",
                        vat_number="BE 0428759497")
    target.book(make_document([line("Mok", "1", "10.33", "2.17")], customer=customer))

    contact = simulator.contacts()[0]
    assert (contact["company_name"], contact["firstname"], contact["lastname"]) == \
        ("De Vries Koffie B.V.", "Jan", "de Vries")
    assert (contact["address1"], contact["zipcode"], contact["city"], contact["country"]) == \
        ("Kerkstraat 2", "2000", "Antwerpen", "BE")
    assert (contact["email"], contact["tax_number"]) == ("jan@vries.be", "BE0428759497")


def test_guests_without_email_share_one_contact(simulator, target, make_document, line):
    for reference in ("2001", "2002"):
        target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference=reference,
                                  customer=Customer(name="Onbekend")))

    contacts = simulator.contacts()
    assert [(c["customer_id"], c["company_name"]) for c in contacts] == \
        [("koppeling-particulier", "Particuliere klant webshop")]


def test_guests_with_email_are_keyed_without_the_address_in_the_url(simulator, target, make_document, line):
    guest = Customer(name="Piet Jansen", email="Piet@Example.nl")
    target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="3001", customer=guest))
    target.book(make_document([line("Mok", "1", "10.33", "2.17")], reference="3002",
                              customer=Customer(name="Piet Jansen", email="piet@example.nl")))

    contacts = simulator.contacts()
    assert len(contacts) == 1 and contacts[0]["customer_id"].startswith("k-")
    assert not [line for line in simulator.api_log if "example" in line.lower()]


def test_a_contact_made_by_a_lost_call_is_found_again(simulator, target, make_document, line):
    simulator.add_fault("drop", r"POST .*/contacts\.json")
    document = make_document([line("Mok", "1", "10.33", "2.17")])

    with pytest.raises(ConnectorError) as lost:
        target.book(document)
    target.book(document)

    assert not lost.value.permanent
    assert len(simulator.contacts()) == 1


def test_a_taken_customer_id_means_the_contact_exists(simulator, target):
    customer = Customer(id="42", name="Jan de Vries")
    first = target.contact_id(customer)

    again = target._create_contact(customer, "c42")  # as when a parallel run created it first

    assert again["id"] == first and len(simulator.contacts()) == 1
