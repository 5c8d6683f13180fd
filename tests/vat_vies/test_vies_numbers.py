"""Which numbers are sent to VIES, and how: prefix split, Greece as EL, no call for non-EU numbers."""

from __future__ import annotations

import pytest

from koppeling.vat.treatment import VatNumberCheck
from koppeling.vat.vies import ViesUnavailable, check_vat_number, request_body, split_number


@pytest.mark.parametrize("number, parts", [
    ("BE 0428.759.497", ("BE", "0428759497")),
    ("nl004495445b01", ("NL", "004495445B01")),
    ("GR 094259216", ("EL", "094259216")),
    ("EL-094259216", ("EL", "094259216")),
    ("XI 980780684", ("XI", "980780684")),
])
def test_it_splits_the_prefix_from_the_national_part(number, parts):
    assert split_number(number) == parts


@pytest.mark.parametrize("number", ["", "GB980780684", "0428759497", "US123456789", "DE1"])
def test_it_cannot_ask_about_numbers_without_an_eu_prefix(number):
    assert split_number(number) is None


def test_it_returns_not_valid_without_calling_for_a_non_eu_number(vies):
    check = check_vat_number("GB980780684")

    assert check == VatNumberCheck(valid=False, source="syntax")
    assert vies.checks == []


def test_it_refuses_a_malformed_own_number_without_calling(vies):
    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("DE811363057", requester="NL123456789B90")

    assert caught.value.code == "INVALID_REQUESTER_INFO"
    assert caught.value.permanent is True
    assert "Configuratie" in caught.value.message
    assert vies.checks == []


def test_it_leaves_out_the_requester_when_none_is_given():
    assert request_body(("DE", "811363057"), "  ") == {"countryCode": "DE", "vatNumber": "811363057"}
