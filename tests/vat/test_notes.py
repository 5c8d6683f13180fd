"""What classify tells the owner and keeps for the records besides the booking lines."""

from __future__ import annotations

from koppeling.vat.classify import classify
from koppeling.vat.treatment import VatNumberCheck
from tests.vat.builders import product, sale, shipping


def test_it_keeps_the_vies_consultation_number_with_an_icp():
    # vat-rules §4: store the VIES check (consultation number) with the supply.
    icp = sale(product("250.00", "0.00", "0"), country="BE", vat_number="BE0428759497", incl=False)
    result = classify(icp, check=VatNumberCheck(valid=True, source="vies", reference="WAPIAAAAXYZ"))
    assert result.treatment.kind == "icp"
    assert "WAPIAAAAXYZ" in result.treatment.note


def test_it_notes_that_shipping_followed_the_goods():
    mixed = sale(product("36.70", "3.30", "9", "2"), product("24.79", "5.21", "21"), shipping("4.13", "0.87", "21"))
    notes = classify(mixed).notes
    assert any("Verzending" in note and "9%" in note and "21%" in note for note in notes)


def test_it_notes_vat_recomputed_over_the_total_incl_vat():
    # 2 x 10.00 g: the shop's per-line 3.48 becomes 3.47 over the total; the owner sees both figures.
    two = sale(product("8.26", "1.74", "21"), product("8.26", "1.74", "21"))
    notes = classify(two).notes
    assert any("3.47" in note and "3.48" in note for note in notes)


def test_it_books_no_notes_for_a_plain_sale():
    assert classify(sale(product("24.79", "5.21", "21"))).notes == []
