"""Faults on the wire (from the simulator base): 500s, dropped answers, timeouts, latency."""

from __future__ import annotations

import pytest

from koppeling.vat.vies import ViesUnavailable, check_vat_number


def test_it_asks_again_after_a_server_error(vies, sleeps):
    vies.add_fault("500", match="POST /check-vat-number", times=1)

    check = check_vat_number("DE811363057", sleep=sleeps.append)

    assert check.valid is True
    assert len(sleeps) == 1


def test_it_raises_when_server_errors_persist(vies, sleeps):
    vies.add_fault("500", match="POST /check-vat-number", times=None)

    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("DE811363057", sleep=sleeps.append)

    assert caught.value.code == "HTTP 500"
    assert caught.value.permanent is False
    assert "VIES (de EU-controle van btw-nummers) antwoordt nu niet" in caught.value.message


def test_it_asks_again_when_the_answer_is_dropped(vies, sleeps):
    # Safe to resend: a check changes nothing at VIES.
    vies.add_fault("drop", match="POST /check-vat-number", times=1)

    assert check_vat_number("NL004495445B01", sleep=sleeps.append).valid is True
    assert len(vies.checks) == 2


def test_it_raises_when_vies_times_out(vies, sleeps):
    vies.add_fault("timeout", match="POST /check-vat-number", times=None, seconds=1.0)

    with pytest.raises(ViesUnavailable) as caught:
        check_vat_number("DE811363057", sleep=sleeps.append, timeout=0.2)

    assert caught.value.code == "NO_ANSWER"
    assert caught.value.permanent is False


def test_it_waits_out_a_slow_answer(vies):
    vies.add_fault("latency", match="POST /check-vat-number", times=1, seconds=0.1)

    assert check_vat_number("DE129304291", timeout=2.0).valid is True
