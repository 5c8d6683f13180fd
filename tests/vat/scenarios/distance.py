"""EU distance sales to consumers below the EUR 10,000 threshold, without OSS (vat-rules §3.4, §5):
Dutch VAT, boxes 1a/1b; the sale that crosses the threshold is refused."""

from decimal import Decimal

from koppeling.vat.treatment import VatSettings
from tests.vat.builders import product, refund, sale, shipping
from tests.vat.scenarios import Scenario


def ytd(amount: str) -> VatSettings:
    return VatSettings(distance_sales_ytd=Decimal(amount))


ROWS = [
    # Scarf 30.00 g at NL 21% to a Belgian consumer: 5.21 / 24.79, box 1a.
    Scenario("distance_be_21", sale(product("24.79", "5.21", "21"), country="BE"),
             "distance_nl", {"NL_21": ("24.79", "5.21", "1a")}),
    # Book 21.80 g at 9% + shipping 4.95 g at 21% to a German consumer: the shipping follows the 9% book,
    # VAT 4.95 x 9/109 = 0.4087 -> 0.41, net 4.54; NL_9 g 26.75, VAT 2.2087 -> 2.21 (= 1.80 + 0.41),
    # net 24.54, box 1b.
    Scenario("distance_de_9_with_shipping",
             sale(product("20.00", "1.80", "9"), shipping("4.09", "0.86", "21"), country="DE"),
             "distance_nl", {"NL_9": ("24.54", "2.21", "1b")}),
    # 9,900.00 so far + 100.00 net = 10,000.00: reached, not exceeded (§5) -> still Dutch VAT.
    Scenario("distance_reaching_threshold_exactly",
             sale(product("100.00", "21.00", "21"), country="BE", incl=False),
             "distance_nl", {"NL_21": ("100.00", "21.00", "1a")}, settings=ytd("9900.00")),
    # 9,900.01 + 100.00 = 10,000.01 > 10,000: this sale crosses the threshold -> refused.
    Scenario("distance_crossing_threshold",
             sale(product("100.00", "21.00", "21"), country="BE", incl=False),
             refusal="DISTANCE_THRESHOLD_EXCEEDED", settings=ytd("9900.01")),
    # The threshold is on net amounts: 9,950.00 + 41.32 net (50.00 g) = 9,991.32 <= 10,000.
    Scenario("distance_threshold_counts_net",
             sale(product("41.32", "8.68", "21"), country="BE"),
             "distance_nl", {"NL_21": ("41.32", "8.68", "1a")}, settings=ytd("9950.00")),
    # A refund never crosses the threshold: it follows its sale (Dutch VAT, negative in 1a).
    Scenario("distance_refund_above_threshold",
             refund(product("-24.79", "-5.21", "21"), country="BE"),
             "distance_nl", {"NL_21": ("-24.79", "-5.21", "1a")}, settings=ytd("12000.00")),
    # Destination VAT (DE 19%) charged without OSS: not a Dutch rate -> refused.
    Scenario("distance_destination_rate_without_oss",
             sale(product("50.00", "9.50", "19"), country="DE"),
             refusal="VAT_RATE_NOT_IN_COUNTRY"),
]
