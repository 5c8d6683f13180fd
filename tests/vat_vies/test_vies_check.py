"""Checking numbers against the simulator over a real socket: the verdicts and what is kept."""

from __future__ import annotations

from koppeling.vat.treatment import VatNumberCheck
from koppeling.vat.vies import check_vat_number


def test_it_confirms_a_registered_number(vies):
    check = check_vat_number("BE 0428.759.497")

    assert check == VatNumberCheck(valid=True, source="vies", reference="2026-01-01T10:00:00.000Z")
    assert vies.checks == [{"countryCode": "BE", "vatNumber": "0428759497"}]


def test_it_reports_a_well_formed_but_unregistered_number_as_not_valid(vies):
    # BE0462423150 has valid check digits but is not in the simulator's register.
    check = check_vat_number("BE0462423150")

    assert check.valid is False
    assert check.source == "vies"


def test_it_keeps_the_consultation_number_when_asking_as_requester(vies):
    check = check_vat_number("DE811363057", requester="NL 004495445 B01")

    assert check.valid is True
    assert check.reference == "WAPIAAAAW1234567"
    assert vies.checks[-1] == {"countryCode": "DE", "vatNumber": "811363057",
                               "requesterMemberStateCode": "NL", "requesterNumber": "004495445B01"}


def test_it_asks_for_greek_numbers_with_the_el_prefix(vies):
    check = check_vat_number("GR 094259216")

    assert check.valid is True
    assert vies.checks[-1]["countryCode"] == "EL"


def test_it_hands_out_a_new_consultation_number_per_check(vies):
    first = check_vat_number("FR40303265045", requester="NL004495445B01")
    second = check_vat_number("FR40303265045", requester="NL004495445B01")

    assert first.reference != second.reference
    assert {first.valid, second.valid} == {True}
