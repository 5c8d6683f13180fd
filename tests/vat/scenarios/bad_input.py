"""Sales whose own figures are wrong or incomplete: refused with a code, never repaired (checks.py)."""

from tests.vat.builders import fee, product, sale, shipping
from tests.vat.scenarios import Scenario

ROWS = [
    # 21% of 100.00 is 21.00, not 20.00.
    Scenario("bad_vat_amount_mismatch", sale(product("100.00", "20.00", "21"), incl=False),
             refusal="VAT_AMOUNT_MISMATCH"),
    # 10 units, net 10.00, VAT 2.00 at 21%: 21% of 10.00 is 2.10. Rounding per unit can explain at most
    # half a cent per unit plus the line's own rounding (10 x 0.005 x 1.21 + 0.005 = 0.0655 incl.), not 0.10.
    Scenario("bad_vat_amount_beyond_per_unit_rounding", sale(product("10.00", "2.00", "21", "10")),
             refusal="VAT_AMOUNT_MISMATCH"),
    # 0% of anything is exactly 0.00: no rounding can put VAT on a 0% line.
    Scenario("bad_vat_on_zero_rate_line", sale(product("10.00", "0.03", "0", "3"), incl=False),
             refusal="VAT_AMOUNT_MISMATCH"),
    # Lines add up to 121.00, the sale says 120.00.
    Scenario("bad_totals_mismatch", sale(product("100.00", "21.00", "21"), total="120.00", incl=False),
             refusal="TOTALS_MISMATCH"),
    # The total is right but the total VAT is not.
    Scenario("bad_total_tax_mismatch", sale(product("100.00", "21.00", "21"), total_tax="20.00", incl=False),
             refusal="TOTALS_MISMATCH"),
    Scenario("bad_no_rate", sale(product("100.00", "21.00", None), incl=False), refusal="VAT_RATE_UNKNOWN"),
    Scenario("bad_currency", sale(product("100.00", "21.00", "21"), currency="USD", incl=False),
             refusal="CURRENCY_UNSUPPORTED"),
    # Shipping at 0% while the goods carry 21% (§7: it follows the goods).
    Scenario("bad_shipping_without_vat", sale(product("24.79", "5.21", "21"), shipping("4.95", "0.00", "0")),
             refusal="SHIPPING_NO_VAT"),
    Scenario("bad_fee_without_vat", sale(product("24.79", "5.21", "21"), fee("0.50", "0.00", "0")),
             refusal="ANCILLARY_NO_VAT"),
    Scenario("bad_missing_country", sale(product("24.79", "5.21", "21"), country=""), refusal="COUNTRY_UNKNOWN"),
    # 6% was the Dutch low rate until 2019: no longer a Dutch rate.
    Scenario("bad_old_dutch_rate", sale(product("100.00", "6.00", "6"), incl=False),
             refusal="VAT_RATE_NOT_IN_COUNTRY"),
    # Exempt but with VAT on it.
    Scenario("bad_vat_on_exempt_line", sale(product("25.00", "5.25", "21", exempt=True)),
             refusal="VAT_ON_NON_TAXABLE"),
]
