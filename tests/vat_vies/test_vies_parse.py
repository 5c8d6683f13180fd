"""Reading VIES answers: verdicts, the reference kept as proof, and every error code."""

from __future__ import annotations

import pytest

from koppeling.vat.treatment import VatNumberCheck
from koppeling.vat.vies import ViesUnavailable, error_codes, parse_answer

VALID = {"countryCode": "BE", "vatNumber": "0428759497", "requestDate": "2026-01-01T10:00:00.000Z",
         "valid": True, "requestIdentifier": "WAPIAAAAW1234567", "name": "VOORBEELD HANDEL NV",
         "address": "Kerkstraat 12\n2000 Antwerpen"}


def _error(*codes: str) -> dict:
    return {"actionSucceed": False, "errorWrappers": [{"error": code, "message": "..."} for code in codes]}


def test_it_reads_a_valid_answer_with_its_consultation_number():
    assert parse_answer(VALID) == VatNumberCheck(valid=True, source="vies", reference="WAPIAAAAW1234567")


def test_it_keeps_the_request_date_when_there_is_no_consultation_number():
    answer = {**VALID, "requestIdentifier": ""}

    assert parse_answer(answer).reference == "2026-01-01T10:00:00.000Z"


def test_it_reads_a_not_valid_answer():
    answer = {**VALID, "valid": False, "name": "---", "address": "---"}

    assert parse_answer(answer) == VatNumberCheck(valid=False, source="vies", reference="WAPIAAAAW1234567")


def test_invalid_input_means_not_valid():
    assert parse_answer(_error("INVALID_INPUT")) == VatNumberCheck(valid=False, source="vies")


@pytest.mark.parametrize("code", [
    "MS_UNAVAILABLE", "TIMEOUT", "SERVICE_UNAVAILABLE", "MS_MAX_CONCURRENT_REQ", "MS_MAX_CONCURRENT_REQ_TIME",
    "GLOBAL_MAX_CONCURRENT_REQ", "GLOBAL_MAX_CONCURRENT_REQ_TIME", "SERVER_BUSY", "VOW-ERR-1",
])
def test_passing_errors_give_no_verdict(code):
    with pytest.raises(ViesUnavailable) as caught:
        parse_answer(_error(code), "DE")

    assert (caught.value.code, caught.value.permanent) == (code, False)


@pytest.mark.parametrize("code", ["INVALID_REQUESTER_INFO", "VAT_BLOCKED", "IP_BLOCKED"])
def test_lasting_errors_give_no_verdict_and_are_permanent(code):
    with pytest.raises(ViesUnavailable) as caught:
        parse_answer(_error(code), "DE")

    assert (caught.value.code, caught.value.permanent) == (code, True)


def test_an_outage_next_to_invalid_input_is_no_verdict():
    with pytest.raises(ViesUnavailable):
        parse_answer(_error("INVALID_INPUT", "MS_UNAVAILABLE"), "DE")


@pytest.mark.parametrize("answer", [None, "down", [], {}, {"valid": "true"}, {"actionSucceed": False}])
def test_an_answer_without_a_verdict_is_no_verdict(answer):
    with pytest.raises(ViesUnavailable):
        parse_answer(answer, "DE")


def test_it_reads_the_user_error_of_the_older_answer_shape():
    assert error_codes({"isValid": False, "userError": "MS_UNAVAILABLE"}) == ["MS_UNAVAILABLE"]
    assert error_codes({"valid": False, "userError": "INVALID"}) == []


def test_the_message_is_dutch_and_names_the_country():
    with pytest.raises(ViesUnavailable) as caught:
        parse_answer(_error("MS_UNAVAILABLE"), "EL")

    assert str(caught.value) == ("De btw-dienst van EL antwoordt nu niet via VIES (MS_UNAVAILABLE). "
                                 "We proberen het later opnieuw.")
