"""Exact's refusals become Dutch ConnectorErrors that carry Exact's own words."""

import pytest

from koppeling.connectors.base import ConnectorError
from koppeling.sync.errors import refusal


def _refused(target, document):
    with pytest.raises(ConnectorError) as refused:
        target.book(document)
    return refused.value


def test_an_unknown_vat_code_is_refused_in_dutch_with_exacts_text(target, make_document, line, simulator):
    bad = line("Mok", "1", "10.00", "2.10")
    bad.tax_rate_id = "99"

    error = _refused(target, make_document([bad]))

    assert error.permanent and error.code == "ACCOUNTING_REFUSED" and error.status == 400
    assert error.detail == "Btw-code bestaat niet: 99"
    assert error.message == "Exact Online weigert de boeking: Btw-code bestaat niet: 99"
    assert simulator.entries() == []
    shown = refusal(error.code, target="Exact Online", detail=error.detail)
    assert shown.message == "Exact Online weigert de boeking: Btw-code bestaat niet: 99"


def test_an_unknown_gl_account_is_refused(target, make_document, line):
    bad = line("Mok", "1", "10.00", "2.10")
    bad.ledger_account_id = "00000000-0000-0000-0000-000000000000"

    assert _refused(target, make_document([bad])).detail.startswith("Grootboekrekening bestaat niet")


def test_a_purchase_journal_is_refused(make_target, make_document, line):
    error = _refused(make_target(journal="60"), make_document([line("Mok", "1", "10.00", "2.10")]))
    assert error.detail == "Dagboek 60 bestaat niet of is geen verkoopdagboek"


def test_without_a_journal_nothing_is_sent(make_target, make_document, line, simulator):
    error = _refused(make_target(journal=""), make_document([line("Mok", "1", "10.00", "2.10")]))
    assert error.permanent and "verkoopdagboek" in error.message and simulator.api_log == []


def test_a_division_without_access_is_forbidden(make_target):
    with pytest.raises(ConnectorError) as forbidden:
        make_target(division="1234").discover()
    assert forbidden.value.permanent and forbidden.value.code == "ACCOUNTING_FORBIDDEN"
    assert "Geen toegang tot deze administratie" in forbidden.value.message


def test_a_server_error_on_a_write_is_transient_and_not_resent(target, make_document, line, simulator):
    target.account_id(make_document([]).customer)
    simulator.add_fault("500", r"POST .*/SalesEntries$", times=1)

    error = _refused(target, make_document([line("Mok", "1", "10.00", "2.10")]))

    assert not error.permanent and error.code == "ACCOUNTING_UNAVAILABLE"
    assert simulator.entries() == []


def test_a_server_error_on_a_read_is_retried(target, simulator, sleeps):
    simulator.add_fault("500", r"GET .*/Divisions$", times=2)
    assert len(target.administrations()) == 2 and sleeps == [0.5, 1.0]
