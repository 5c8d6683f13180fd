"""Refunds / credit notes (vat-rules §9): negative amounts, corrected at the original rate and category."""

from koppeling.vat.treatment import VatSettings
from tests.vat.builders import product, refund, sale, shipping
from tests.vat.scenarios import ANY_REFUSAL, Scenario

ROWS = [
    # Full refund of nl_mixed_21_9_shipping_excl: the mirror image. Shipping -6.05 g split by net
    # -20 : -30 -> 9% -2.42 g (VAT -0.1998 -> -0.20, net -2.22), 21% -3.63 g (VAT -0.63, net -3.00).
    # NL_9 net -22.22, VAT -22.22 x 0.09 = -1.9998 -> -2.00; NL_21 net -33.00, VAT -6.93. Total -64.15.
    Scenario("refund_full_mixed_excl",
             refund(product("-20.00", "-1.80", "9"), product("-30.00", "-6.30", "21"),
                    shipping("-5.00", "-1.05", "21"), incl=False),
             "domestic", {"NL_9": ("-22.22", "-2.00", "1b"), "NL_21": ("-33.00", "-6.93", "1a")}),
    # Partial refund: only the book came back, shipping not refunded (§9): NL_9 -20.00 / -1.80.
    Scenario("refund_partial_one_line", refund(product("-20.00", "-1.80", "9"), incl=False),
             "domestic", {"NL_9": ("-20.00", "-1.80", "1b")}),
    # Refund of the §8 basket: -7.88 - 2.63 = -10.51 per line, -50.00 x 0.21 = -10.50 per total
    # (half up rounds away from zero, symmetric with the order): ROUNDING -0.01.
    Scenario("refund_rounding_mirrors_order",
             refund(product("-37.50", "-7.88", "21"), product("-12.50", "-2.63", "21"), incl=False),
             "domestic", {"NL_21": ("-50.00", "-10.50", "1a"), "ROUNDING": ("-0.01", "0.00", "")}),
    # ICP refund: negative in 3b (and in the ICP listing).
    Scenario("refund_icp",
             refund(product("-250.00", "0.00", "0"), shipping("-10.00", "0.00", "0"), country="BE",
                    vat_number="BE0428759497", incl=False),
             "icp", {"ICP": ("-260.00", "0.00", "3b")}),
    Scenario("refund_export",
             refund(product("-80.00", "0.00", "0"), country="CH"),
             "export", {"EXPORT": ("-80.00", "0.00", "3a")}),
    # OSS refund: -123.00 g at IE 23%.
    Scenario("refund_oss", refund(product("-100.00", "-23.00", "23"), country="IE"),
             "oss", {"OSS_IE_23": ("-100.00", "-23.00", "OSS")}, settings=VatSettings(oss=True)),
    Scenario("refund_without_lines", refund(total="-10.00", total_tax="0.00"), refusal="REFUND_WITHOUT_LINES"),

    # §9: corrected "at the original rate/category". An August 2024 sale to a Finnish consumer at 24%,
    # refunded on 2024-09-10 (after Finland moved to 25.5%): -124.00 g -> OSS_FI_24 -100.00 / -24.00.
    Scenario("refund_oss_after_rate_change",
             refund(product("-100.00", "-24.00", "24"), country="FI", when="2024-09-10T12:00:00+00:00"),
             "oss", {"OSS_FI_24": ("-100.00", "-24.00", "OSS")}, settings=VatSettings(oss=True)),
    # §9 and docs/vat.md ("a refund gets the same treatment as its sale"): a sale to a German consumer at
    # Dutch 21% (below the threshold), refunded after the tenant turned OSS on. 21% is no German rate, so
    # the original can only have been a Dutch-VAT distance sale: NL_21 -24.79 / -5.21 in 1a.
    Scenario("refund_of_dutch_vat_sale_after_switching_to_oss",
             refund(product("-24.79", "-5.21", "21"), country="DE"),
             "distance_nl", {"NL_21": ("-24.79", "-5.21", "1a")}, settings=VatSettings(oss=True)),
    # A 'refund' with positive amounts would add revenue and VAT instead of correcting it.
    Scenario("refund_with_positive_amounts", refund(product("24.79", "5.21", "21")), refusal=ANY_REFUSAL),
    # An order is not a refund: the same lines positive on an order are fine (control row for the above).
    Scenario("order_control_for_refund_sign", sale(product("24.79", "5.21", "21")),
             "domestic", {"NL_21": ("24.79", "5.21", "1a")}),
]
