"""A member state that does not answer gives no verdict: never "not valid"."""

from __future__ import annotations

import pytest

from koppeling.vat import vies as vies_client
from koppeling.vat.vies import ViesUnavailable, check_vat_number


def test_it_raises_when_the_member_state_is_down(vies):
    vies.set_unavailable("DE")

    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("DE811363057", sleep=lambda s: None)

    assert caught.value.code == "MS_UNAVAILABLE"
    assert caught.value.permanent is False
    assert "De btw-dienst van DE antwoordt nu niet via VIES" in caught.value.message


def test_other_member_states_still_answer(vies):
    vies.set_unavailable("DE")

    assert check_vat_number("BE0428759497").valid is True


def test_it_answers_again_once_the_member_state_is_back(vies):
    vies.set_unavailable("DE")
    vies.set_available("DE")

    assert check_vat_number("DE129304291").valid is True


def test_it_asks_once_more_after_a_busy_answer_then_gives_up(vies, sleeps):
    vies.set_unavailable("FR", error="MS_MAX_CONCURRENT_REQ")

    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("FR40303265045", sleep=sleeps.append)

    assert caught.value.code == "MS_MAX_CONCURRENT_REQ"
    assert len(vies.checks) == vies_client.BUSY_TRIES
    assert sleeps == [vies_client.BUSY_WAIT]


def test_it_does_not_ask_again_when_the_member_state_is_down(vies, sleeps):
    vies.set_unavailable("DE")

    with pytest.raises(ViesUnavailable):
        check_vat_number("DE811363057", sleep=sleeps.append)

    assert len(vies.checks) == 1
    assert sleeps == []


def test_it_reads_error_bodies_sent_with_an_error_status(vies, sleeps):
    vies.error_status = 503
    vies.set_unavailable("DE")

    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("DE811363057", sleep=sleeps.append)

    assert caught.value.code == "MS_UNAVAILABLE"
