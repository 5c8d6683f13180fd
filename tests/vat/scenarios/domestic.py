"""Dutch sales (vat-rules §1, §3.2, §7, §8): rates 21/9/0, shipping and fees following the goods,
discounts, rounding per line vs per total."""

from koppeling.vat.treatment import VatSettings
from tests.vat.builders import discount, fee, line, product, sale, shipping
from tests.vat.scenarios import ANY_REFUSAL, Scenario

ROWS = [
    # Scarf, 30.00 incl. 21%: VAT 30.00 x 21/121 = 5.2066 -> 5.21, net 30.00 - 5.21 = 24.79.
    Scenario("nl_b2c_21_incl", sale(product("24.79", "5.21", "21")),
             "domestic", {"NL_21": ("24.79", "5.21", "1a")}),

    # Book, 20.00 incl. 9%: VAT 20.00 x 9/109 = 1.6514 -> 1.65, net 18.35.
    Scenario("nl_b2c_9_incl", sale(product("18.35", "1.65", "9")),
             "domestic", {"NL_9": ("18.35", "1.65", "1b")}),

    # A domestic 0% line (Tabel II): no VAT, box 1e, when the tenant says it really sells at 0%.
    Scenario("nl_0_percent", sale(product("15.00", "0.00", "0")),
             "domestic", {"NL_0": ("15.00", "0.00", "1e")}, settings=VatSettings(allow_nl_zero=True)),
    # Without that setting a domestic 0% sale is refused: usually a VAT plugin zero-rated a Dutch
    # business customer with a VAT number, which is wrong (ICP needs a number of another state).
    Scenario("nl_0_percent_refused_by_default", sale(product("15.00", "0.00", "0")), refusal="NL_ZERO_RATE"),

    # WooCommerce sends rates as "21.0000": the same category as 21.
    Scenario("nl_rate_with_trailing_zeros", sale(product("24.79", "5.21", "21.0000")),
             "domestic", {"NL_21": ("24.79", "5.21", "1a")}),

    # 3 x 9.99 excl. 21%: net 29.97, VAT 29.97 x 0.21 = 6.2937 -> 6.29 (one line, so per line = per total).
    Scenario("nl_quantity_3_excl", sale(product("29.97", "6.29", "21", "3"), incl=False),
             "domestic", {"NL_21": ("29.97", "6.29", "1a")}),

    # docs/example-sale.json, incl. VAT. Books 2 x 20.00 = 40.00 g at 9%: VAT 3.3028 -> 3.30, net 36.70.
    # Scarf 30.00 g at 21%: 5.21 / 24.79. Shipping 5.00 g at 21% (0.87 / 4.13) follows the goods, split
    # by their net value: 9% share 5.00 x 36.70/61.49 = 2.9842 -> 2.98 g, 21% share 5.00 - 2.98 = 2.02 g.
    #   9% part: VAT 2.98 x 9/109 = 0.2461 -> 0.25, net 2.73; 21% part: VAT 2.02 x 21/121 = 0.3506 -> 0.35, net 1.67.
    # Per category over the total (incl.): NL_9 g 40.00 + 2.98 = 42.98, VAT 42.98 x 9/109 = 3.5488 -> 3.55
    #   (= 3.30 + 0.25), net 42.98 - 3.55 = 39.43. NL_21 g 30.00 + 2.02 = 32.02, VAT 5.5572 -> 5.56
    #   (= 5.21 + 0.35), net 26.46. Check: 42.98 + 32.02 = 75.00 = total.
    Scenario("nl_mixed_21_9_shipping_incl",
             sale(product("36.70", "3.30", "9", "2"), product("24.79", "5.21", "21"),
                  shipping("4.13", "0.87", "21")),
             "domestic", {"NL_9": ("39.43", "3.55", "1b"), "NL_21": ("26.46", "5.56", "1a")}),

    # Excl. VAT: book 20.00 + 1.80 (9%), scarf 30.00 + 6.30 (21%), shipping 5.00 + 1.05 (21%) = 6.05 g.
    # Split 6.05 by net goods 20 : 30 -> 9% 2.42 g, 21% 3.63 g.
    #   9% part: VAT 2.42 x 9/109 = 0.1998 -> 0.20, net 2.22; 21% part: 3.63 x 21/121 = 0.63, net 3.00.
    # Per category over the net total: NL_9 net 22.22, VAT 22.22 x 0.09 = 1.9998 -> 2.00 (= 1.80 + 0.20);
    #   NL_21 net 33.00, VAT 6.93 (= 6.30 + 0.63). No rounding line. 24.22 + 39.93 = 64.15 = total.
    Scenario("nl_mixed_21_9_shipping_excl",
             sale(product("20.00", "1.80", "9"), product("30.00", "6.30", "21"),
                  shipping("5.00", "1.05", "21"), incl=False),
             "domestic", {"NL_9": ("22.22", "2.00", "1b"), "NL_21": ("33.00", "6.93", "1a")}),

    # One 9% book (20.00 g) with 21% shipping 4.95 g (0.86 / 4.09): the only goods rate is 9%, so all the
    # shipping goes to 9% (§7): VAT 4.95 x 9/109 = 0.4087 -> 0.41, net 4.54. NL_9 g 21.80 + 4.95 = 26.75,
    # VAT 26.75 x 9/109 = 2.2087 -> 2.21 (= 1.80 + 0.41), net 24.54.
    Scenario("nl_9_goods_with_21_shipping",
             sale(product("20.00", "1.80", "9"), shipping("4.09", "0.86", "21")),
             "domestic", {"NL_9": ("24.54", "2.21", "1b")}),

    # Payment surcharge (fee) 0.35 g at 21% on a 50.00 g scarf at 21%: same rate, kept as is.
    # Scarf: 50.00 x 21/121 = 8.6777 -> 8.68, net 41.32. Fee: 0.35 x 21/121 = 0.0607 -> 0.06, net 0.29.
    # NL_21 g 50.35, VAT 50.35 x 21/121 = 8.7384 -> 8.74 (= 8.68 + 0.06), net 41.61.
    Scenario("nl_fee_21",
             sale(product("41.32", "8.68", "21"), fee("0.29", "0.06", "21")),
             "domestic", {"NL_21": ("41.61", "8.74", "1a")}),

    # A negative fee (discount as a fee line) of -5.00 g at 21% on book 21.80 g (9%) + scarf 36.30 g (21%).
    # It follows the goods: split -5.00 by net 20 : 30 -> 9% -2.00 g, 21% -3.00 g.
    #   9% part: VAT -2.00 x 9/109 = -0.1651 -> -0.17, net -1.83; 21% part: -3.00 x 21/121 = -0.5207 -> -0.52,
    #   net -2.48. NL_9 g 19.80, VAT 19.80 x 9/109 = 1.6349 -> 1.63 (= 1.80 - 0.17), net 18.17.
    #   NL_21 g 33.30, VAT 5.7793 -> 5.78 (= 6.30 - 0.52), net 27.52. 19.80 + 33.30 = 53.10 = total.
    Scenario("nl_negative_fee_mixed",
             sale(product("20.00", "1.80", "9"), product("30.00", "6.30", "21"), fee("-4.13", "-0.87", "21")),
             "domestic", {"NL_9": ("18.17", "1.63", "1b"), "NL_21": ("27.52", "5.78", "1a")}),

    # Coupon already in the line total (WooCommerce): 50.00 excl. less 10% = 45.00, VAT 45.00 x 0.21 = 9.45.
    Scenario("nl_coupon_in_line_total", sale(product("45.00", "9.45", "21"), incl=False),
             "domestic", {"NL_21": ("45.00", "9.45", "1a")}),

    # Fixed 10.00 coupon on scarf 30.00 g (21%) + book 20.00 g (9%), pro rata by value (contested #4):
    # scarf 24.00 g -> VAT 24.00 x 21/121 = 4.1653 -> 4.17, net 19.83; book 16.00 g -> 16.00 x 9/109 =
    # 1.3211 -> 1.32, net 14.68. Each category has one line, so the shop's VAT stands. Total 40.00.
    Scenario("nl_fixed_coupon_mixed_basket",
             sale(product("19.83", "4.17", "21"), product("14.68", "1.32", "9")),
             "domestic", {"NL_21": ("19.83", "4.17", "1a"), "NL_9": ("14.68", "1.32", "1b")}),

    # 100% discount: everything zero; a 0.00 invoice is booked (contested #6, the module's documented choice).
    Scenario("nl_100_percent_discount", sale(product("0.00", "0.00", "21"), shipping("0.00", "0.00", "21")),
             "domestic", {"NL_21": ("0.00", "0.00", "1a")}),

    # A separate discount line with its own VAT: 100.00 + 21.00 less 10.00 + 2.10 -> NL_21 90.00 / 18.90.
    Scenario("nl_separate_discount_line",
             sale(product("100.00", "21.00", "21"), discount("-10.00", "-2.10", "21"), incl=False),
             "domestic", {"NL_21": ("90.00", "18.90", "1a")}),

    # §7: shipping is split by the goods' value AFTER discount. Scarf 48.40 g (40.00 + 8.40, 21%), book
    # 43.60 g (40.00 + 3.60, 9%), discount on the scarf -24.20 g (-20.00 - 4.20, 21%), shipping 6.00 g at 21%
    # (6.00 x 21/121 = 1.0413 -> 1.04, net 4.96). Net goods per rate: 21% 40.00 - 20.00 = 20.00, 9% 40.00.
    # Shipping 21% share 6.00 x 20/60 = 2.00 g (VAT 0.3471 -> 0.35, net 1.65); 9% share 4.00 g (VAT 4.00 x
    # 9/109 = 0.3303 -> 0.33, net 3.67). NL_21 g 48.40 - 24.20 + 2.00 = 26.20, VAT 4.5471 -> 4.55, net 21.65.
    # NL_9 g 43.60 + 4.00 = 47.60, VAT 3.9303 -> 3.93, net 43.67. 26.20 + 47.60 = 73.80 = total.
    Scenario("nl_shipping_split_after_discount_line",
             sale(product("40.00", "8.40", "21"), product("40.00", "3.60", "9"), discount("-20.00", "-4.20", "21"),
                  shipping("4.96", "1.04", "21")),
             "domestic", {"NL_21": ("21.65", "4.55", "1a"), "NL_9": ("43.67", "3.93", "1b")}),

    # A till receipt without a customer country is a sale in the shop: NL. 2.50 g: VAT 0.4339 -> 0.43.
    Scenario("nl_receipt_without_country", sale(product("2.07", "0.43", "21"), country="", kind="receipt"),
             "domestic", {"NL_21": ("2.07", "0.43", "1a")}),

    # Exempt (vrijgesteld), not 0%: no VAT and no return box.
    Scenario("nl_exempt_line", sale(product("25.00", "0.00", None, exempt=True)),
             "domestic", {"NL_EXEMPT": ("25.00", "0.00", "")}),

    # §8 example, excl. VAT: 37.50 x 0.21 = 7.875 -> 7.88 and 12.50 x 0.21 = 2.625 -> 2.63: per line 10.51.
    # Per total 50.00 x 0.21 = 10.50. The engine books 10.50 and puts the 0.01 on a ROUNDING line
    # (the brief's reading of contested #5: VAT per total, the shop's per-line cent visible apart).
    # 50.00 + 10.50 + 0.01 = 60.51 = total.
    Scenario("nl_rounding_per_line_vs_total_excl",
             sale(product("37.50", "7.88", "21"), product("12.50", "2.63", "21"), incl=False),
             "domestic", {"NL_21": ("50.00", "10.50", "1a"), "ROUNDING": ("0.01", "0.00", "")}),

    # Incl. VAT, two lines of 10.00 g at 21%: per line 10.00 x 21/121 = 1.7355 -> 1.74 each, 3.48 in all;
    # per total 20.00 x 21/121 = 3.4711 -> 3.47. Each gross stays, VAT over the total: NL_21 3.47, net 16.53.
    Scenario("nl_rounding_per_line_vs_total_incl",
             sale(product("8.26", "1.74", "21"), product("8.26", "1.74", "21")),
             "domestic", {"NL_21": ("16.53", "3.47", "1a")}),

    # Twice the §8 basket, excl.: per line 7.88 + 2.63 + 7.88 + 2.63 = 21.02; per total 100.00 x 0.21 =
    # 21.00: 0.02 is more than one cent -> refused.
    Scenario("nl_rounding_difference_above_one_cent_excl",
             sale(product("37.50", "7.88", "21"), product("12.50", "2.63", "21"),
                  product("37.50", "7.88", "21"), product("12.50", "2.63", "21"), incl=False),
             refusal="ROUNDING_DIFFERENCE"),

    # Excl. VAT, consistent shop: two books 12.50 (VAT 12.50 x 0.09 = 1.125 -> 1.13 each; per total 25.00 x
    # 0.09 = 2.25, so the shop's own per-line rounding is 0.01) and shipping 3.55 at 21% (0.7455 -> 0.75,
    # 4.30 gross). The shipping follows the 9% goods, keeping the 4.30 paid; the VAT inside it is ours to
    # choose within a cent of exact (4.30 x 9/109 = 0.355): 0.35 makes the category add up without any
    # rounding line: NL_9 net 25.00 + 3.95 = 28.95, VAT 28.95 x 0.09 = 2.6055 -> 2.61 = 1.13 + 1.13 + 0.35;
    # gross 31.56 = the shop's total. (Reading: the one-cent limit is for the shop's rounding.)
    Scenario("nl_books_excl_with_21_shipping_rerated",
             sale(product("12.50", "1.13", "9"), product("12.50", "1.13", "9"), shipping("3.55", "0.75", "21"),
                  incl=False),
             "domestic", {"NL_9": ("28.95", "2.61", "1b")}),
    Scenario("nl_tiny_shipping_rounds_to_zero_vat",
             sale(product("10.00", "2.10", "21"), shipping("0.02", "0.00", "21"), incl=False),
             "domestic", {"NL_21": ("10.02", "2.10", "1a")}),

    # A line kind the canonical sale does not know (LINE_KINDS): e.g. a bottle deposit (statiegeld), whose
    # VAT treatment differs from goods. "Never guess VAT": refuse.
    Scenario("nl_unknown_line_kind",
             sale(product("10.00", "2.10", "21"), line("deposit", "0.15", "0.00", "0"), incl=False),
             refusal=ANY_REFUSAL),
]
