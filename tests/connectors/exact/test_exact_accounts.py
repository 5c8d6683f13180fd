"""Relations: found by our code or created once, never twice."""

import pytest

from koppeling.connectors.accounting.exact import payloads
from koppeling.connectors.base import ConnectorError
from koppeling.sync.canonical import Customer


def test_a_customer_is_created_once_with_its_details(target, simulator):
    customer = Customer(id="42", name="Jan de Vries", email="jan@example.nl", address1="Dorpsstraat 1",
                        zipcode="1234 AB", city="Utrecht", country="nl", vat_number="nl 004495445 b01")

    first = target.account_id(customer)
    again = target.account_id(customer)

    [account] = simulator.accounts()
    assert first == again == account["ID"]
    assert account["Code"].strip() == "KPC42" and len(account["Code"]) == 18  # Exact right-aligns codes
    assert (account["Name"], account["Email"], account["Country"], account["VATNumber"]) == (
        "Jan de Vries", "jan@example.nl", "NL", "NL004495445B01")
    assert (account["Status"], account["IsSales"], account["Postcode"]) == ("C", True, "1234 AB")


def test_another_run_finds_the_existing_relation(make_target, simulator):
    customer = Customer(id="7", name="Bakkerij Jansen", company="Bakkerij Jansen B.V.")
    created = make_target().account_id(customer)

    assert make_target().account_id(customer) == created
    assert len(simulator.accounts()) == 1
    assert simulator.accounts()[0]["Name"] == "Bakkerij Jansen B.V."


def test_a_guest_is_found_by_a_hash_of_the_email(target, simulator):
    guest = Customer(name="Piet", email="Piet.Puk@Example.nl")
    target.account_id(guest)
    target.account_id(Customer(name="Piet Puk", email="piet.puk@example.nl"))

    [account] = simulator.accounts()
    code = account["Code"].strip()
    assert code.startswith("KP") and len(code) == 18 and "@" not in code


def test_guests_without_email_share_the_particulier_relation(target, simulator):
    target.account_id(Customer(name="Anoniem"))
    target._accounts.clear()
    target.account_id(Customer())

    [account] = simulator.accounts()
    assert account["Code"].strip() == payloads.PARTICULIER_CODE
    assert account["Name"] == payloads.PARTICULIER_NAME


def test_a_relation_whose_answer_was_lost_is_found_not_duplicated(target, simulator):
    simulator.add_fault("drop", r"POST .*/crm/Accounts$")
    customer = Customer(id="9", name="Els")
    with pytest.raises(ConnectorError) as lost:
        target.account_id(customer)
    assert not lost.value.permanent

    assert target.account_id(customer) == simulator.accounts()[0]["ID"]
    assert len(simulator.accounts()) == 1
