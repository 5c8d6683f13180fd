"""The simulator itself, in process (httpx.WSGITransport): answer shapes, switches, state."""

from __future__ import annotations

import httpx
import pytest

from koppeling.simulators.vies import ViesSimulator

NOW = 1767261600.0


@pytest.fixture
def sim() -> ViesSimulator:
    return ViesSimulator(clock=lambda: NOW)


def _post(sim: ViesSimulator, body) -> httpx.Response:
    with httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi), base_url="http://vies") as client:
        return client.post("/check-vat-number", json=body)


def test_it_answers_a_registered_number_in_the_vies_shape(sim):
    answer = _post(sim, {"countryCode": "NL", "vatNumber": "004495445B01"}).json()

    assert answer == {"countryCode": "NL", "vatNumber": "004495445B01", "requestDate": "2026-01-01T10:00:00.000Z",
                      "valid": True, "requestIdentifier": "", "name": "Testbedrijf Noord B.V.",
                      "address": "Stationsweg 1\n1012AB Amsterdam"}


def test_it_hides_name_and_address_of_an_unregistered_number(sim):
    answer = _post(sim, {"countryCode": "BE", "vatNumber": "0462423150"}).json()

    assert (answer["valid"], answer["name"], answer["address"]) == (False, "---", "---")


def test_it_knows_the_valid_test_numbers(sim):
    for number in ("BE0428759497", "BE0897290877", "DE811363057", "DE129304291", "FR40303265045",
                   "NL004495445B01"):
        assert _post(sim, {"countryCode": number[:2], "vatNumber": number[2:]}).json()["valid"] is True


def test_it_refuses_the_iso_code_of_greece(sim):
    response = _post(sim, {"countryCode": "GR", "vatNumber": "094259216"})

    assert response.status_code == 200
    assert response.json() == {"actionSucceed": False, "errorWrappers": [
        {"error": "INVALID_INPUT", "message": "The provided CountryCode is invalid or the VAT number is empty"}]}


def test_it_refuses_a_requester_with_a_bad_number(sim):
    body = {"countryCode": "DE", "vatNumber": "811363057", "requesterMemberStateCode": "NL",
            "requesterNumber": "123456789B90"}

    assert _post(sim, body).json()["errorWrappers"][0]["error"] == "INVALID_REQUESTER_INFO"


def test_a_switched_off_member_state_answers_ms_unavailable(sim):
    sim.set_unavailable("DE")

    answer = _post(sim, {"countryCode": "DE", "vatNumber": "811363057"}).json()

    assert answer["actionSucceed"] is False
    assert answer["errorWrappers"][0]["error"] == "MS_UNAVAILABLE"


def test_registered_numbers_and_switches_survive_a_restart(tmp_path):
    state = tmp_path / "vies.json"
    first = ViesSimulator(state_file=state)
    first.register("AT U13585627", "Beispiel Handel GmbH", "Ringstrasse 1\n1010 Wien")
    first.set_unavailable("GR")

    second = ViesSimulator(state_file=state)

    assert _post(second, {"countryCode": "AT", "vatNumber": "U13585627"}).json()["valid"] is True
    assert second.state["unavailable"] == {"EL": "MS_UNAVAILABLE"}
