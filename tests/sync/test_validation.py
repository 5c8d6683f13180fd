from decimal import Decimal

import pytest

from koppeling.sync.canonical import Customer, Line
from koppeling.sync.validation import validate
from tests.sync.conftest import make_sale

pytestmark = pytest.mark.django_db


def code(koppeling, sale):
    found = validate(koppeling, sale, "Moneybird").refusal
    return found.code if found else None


def test_a_consistent_dutch_order_passes(koppeling):
    assert code(koppeling, make_sale()) is None


def test_it_refuses_shipping_without_vat_when_goods_carry_vat(koppeling):
    sale = make_sale()
    sale.lines[2] = Line("shipping", "Verzending", Decimal("1"), Decimal("5.00"), Decimal("0"), Decimal("0"))
    sale.total, sale.total_tax = Decimal("75.00"), Decimal("8.51")
    found = validate(koppeling, sale, "Moneybird").refusal
    assert found.code == "SHIPPING_NO_VAT"
    assert "Verzendkosten zonder btw" in found.message
    assert "belastbaar" in found.suggestion


def test_it_refuses_icp_without_vat_number(koppeling):
    sale = _icp_sale(vat_number="")
    found = validate(koppeling, sale, "Moneybird").refusal
    assert found.code == "ICP_NO_VAT_NUMBER"
    assert "BE" in found.message


def test_it_refuses_icp_with_an_invalid_or_dutch_vat_number(koppeling):
    assert code(koppeling, _icp_sale(vat_number="BE0406139583")) == "ICP_INVALID_VAT_NUMBER"
    # ICP needs a number issued by a member state other than the Netherlands.
    assert code(koppeling, _icp_sale(vat_number="NL004495445B01")) == "ICP_DUTCH_VAT_NUMBER"


def test_a_valid_number_of_another_member_state_than_the_delivery_is_icp(koppeling):
    assert code(koppeling, _icp_sale(vat_number="DE811363057")) is None


def test_it_accepts_icp_with_a_valid_number_of_the_buyers_country(koppeling):
    assert code(koppeling, _icp_sale(vat_number="BE0428759497")) is None


def test_export_outside_the_eu_at_zero_needs_no_vat_number(koppeling):
    sale = _icp_sale(vat_number="")
    sale.customer.country = "CH"
    assert code(koppeling, sale) is None


def test_it_refuses_a_line_without_a_known_rate(koppeling):
    sale = make_sale()
    sale.lines[0].vat_rate = None
    assert code(koppeling, sale) == "VAT_RATE_UNKNOWN"


def test_it_refuses_a_rate_that_does_not_exist_in_the_netherlands(koppeling):
    sale = make_sale()
    sale.lines[1].vat_rate = Decimal("19")
    sale.lines[1].tax, sale.lines[1].net = Decimal("4.79"), Decimal("25.21")
    sale.total_tax = Decimal("8.96")
    assert code(koppeling, sale) == "VAT_RATE_NOT_IN_COUNTRY"


def test_it_refuses_vat_inconsistent_with_the_rate(koppeling):
    sale = make_sale()
    sale.lines[1].tax = Decimal("4.00")
    sale.lines[1].net = Decimal("26.00")
    found = validate(koppeling, sale, "Moneybird").refusal
    assert found.code == "VAT_AMOUNT_MISMATCH"
    assert "5,46" in found.message


def test_it_refuses_lines_that_do_not_add_up_to_the_total(koppeling):
    sale = make_sale(total=Decimal("75.01"))
    found = validate(koppeling, sale, "Moneybird").refusal
    assert found.code == "TOTALS_MISMATCH"
    assert "75,01" in found.message


def test_it_refuses_an_unmapped_rate_and_links_to_the_setting(koppeling):
    koppeling.vat_mapping = {"NL_21": koppeling.vat_mapping["NL_21"]}
    found = validate(koppeling, make_sale(), "Moneybird").refusal
    assert found.code == "VAT_MAPPING_MISSING"
    assert found.setting == "btw"
    assert "Nederland 9%" in found.message


def test_it_refuses_an_unmapped_payment_method(koppeling):
    found = validate(koppeling, make_sale(payment_method="klarna", payment_method_title="Klarna"),
                     "Moneybird").refusal
    assert found.code == "PAYMENT_MAPPING_MISSING"
    assert "Klarna" in found.message
    assert found.setting == "betaalmethoden"


def test_an_unpaid_sale_needs_no_payment_mapping(koppeling):
    assert code(koppeling, make_sale(paid_at=None, payment_method="klarna")) is None


def test_it_refuses_other_currencies(koppeling):
    assert code(koppeling, make_sale(currency="USD")) == "CURRENCY_UNSUPPORTED"


def test_it_refuses_a_refund_without_lines(koppeling):
    sale = make_sale(kind="refund", lines=[], total=Decimal("-10.00"), total_tax=Decimal("0"))
    assert code(koppeling, sale) == "REFUND_WITHOUT_LINES"


def test_it_refuses_when_no_administration_is_chosen(koppeling):
    koppeling.accounting_config = {}
    assert code(koppeling, make_sale()) == "ADMINISTRATION_MISSING"


def _icp_sale(vat_number):
    lines = [Line("product", "Koffiemolen", Decimal("1"), Decimal("100.00"), Decimal("0"), Decimal("0")),
             Line("shipping", "Verzending", Decimal("1"), Decimal("10.00"), Decimal("0"), Decimal("0"))]
    customer = Customer(id="9", name="Jan Peeters", company="Peeters BV", country="BE", vat_number=vat_number)
    return make_sale(lines=lines, customer=customer, total=Decimal("110.00"), total_tax=Decimal("0"))


def test_a_required_package_choice_shows_as_missing(koppeling):
    from koppeling.sync.settings_status import missing_settings

    koppeling.accounting_system = "exact"
    koppeling.accounting_secret = koppeling.sales_secret = ""
    koppeling.accounting_credentials = {"access_token": "t"}
    missing = missing_settings(koppeling)["verbinding-boekhouding"]
    assert missing == ["Kies 'Verkoopdagboek' in Exact Online."]
    koppeling.accounting_config["journal"] = "70"
    assert missing_settings(koppeling)["verbinding-boekhouding"] == []
