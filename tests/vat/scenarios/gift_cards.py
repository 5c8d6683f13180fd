"""Multi-purpose gift cards (vat-rules §8): no VAT at sale, a means of payment at redemption."""

from decimal import Decimal

from koppeling.vat.treatment import VatSettings
from tests.vat.builders import gift_card, line, product, sale
from tests.vat.scenarios import Scenario

NEAR_THRESHOLD = VatSettings(distance_sales_ytd=Decimal("9990.00"))

ROWS = [
    # Selling a 25.00 gift card: no VAT, booked as a liability (GIFT_CARD, no return box).
    Scenario("gift_card_sold", sale(gift_card("25.00")),
             "domestic", {"GIFT_CARD": ("25.00", "0.00", "")}),

    # Redeeming 30.00 on a 50.00 g scarf: scarf VAT 50.00 x 21/121 = 8.6777 -> 8.68, net 41.32; the card is
    # a means of payment: GIFT_CARD -30.00, the goods' VAT is untouched. 50.00 - 30.00 = 20.00 = total.
    Scenario("gift_card_redeemed", sale(product("41.32", "8.68", "21"), gift_card("-30.00")),
             "domestic", {"NL_21": ("41.32", "8.68", "1a"), "GIFT_CARD": ("-30.00", "0.00", "")}),

    # A gift card with VAT on it is not a multi-purpose voucher as the shop is set up: refused.
    Scenario("gift_card_with_vat", sale(line("gift_card", "25.00", "5.25", "21")),
             refusal="VAT_ON_NON_TAXABLE"),

    # Selling a gift card to a German consumer is no supply of goods, so it is no distance sale and does
    # not count towards the EUR 10,000 threshold (9,990.00 so far; the card adds nothing).
    Scenario("gift_card_sold_to_eu_consumer_near_threshold", sale(gift_card("25.00"), country="DE"),
             "distance_nl", {"GIFT_CARD": ("25.00", "0.00", "")}, settings=NEAR_THRESHOLD),

    # The goods in a gift-card-paid order are a distance sale of 41.32 net: 9,990.00 + 41.32 = 10,031.32
    # > 10,000 -> the sale crosses the threshold, whatever means of payment was used.
    Scenario("gift_card_redeemed_by_eu_consumer_crossing_threshold",
             sale(product("41.32", "8.68", "21"), gift_card("-50.00"), country="DE"),
             refusal="DISTANCE_THRESHOLD_EXCEEDED", settings=NEAR_THRESHOLD),
]
