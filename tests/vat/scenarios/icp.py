"""Intra-Community supplies to EU businesses (vat-rules §3.3, §4): 0%, box 3b, only with a valid VAT
number of a Member State other than NL; the tenant's fallback for buyers without one."""

from decimal import Decimal

from koppeling.vat.treatment import VatNumberCheck, VatSettings
from tests.vat.builders import product, sale, shipping
from tests.vat.scenarios import ANY_REFUSAL, Scenario

BE = "BE0428759497"  # valid check digits (python-stdnum test data)
DOMESTIC_FALLBACK = VatSettings(icp_fallback="domestic")


def b2b(country: str, vat_number: str, *lines):
    """A B2B order at 0%, prices excl. VAT: a machine 250.00 and shipping 10.00 unless lines are given."""
    lines = lines or (product("250.00", "0.00", "0"), shipping("10.00", "0.00", "0"))
    return sale(*lines, country=country, vat_number=vat_number, incl=False)


ICP_260 = {"ICP": ("260.00", "0.00", "3b")}  # 250.00 + 10.00, shipping 0% too (§4: the whole invoice)

ROWS = [
    Scenario("icp_be_with_shipping", b2b("BE", BE), "icp", ICP_260),
    Scenario("icp_de", b2b("DE", "DE811363057"), "icp", ICP_260),
    Scenario("icp_fr", b2b("FR", "FR40303265045"), "icp", ICP_260),
    # Greece: ISO code GR, VAT prefix EL.
    Scenario("icp_gr_el_prefix", b2b("GR", "EL094259216"), "icp", ICP_260),
    # As typed by a customer: lower case, spaces and dots. The check digits decide, not the formatting.
    Scenario("icp_number_with_spaces_and_dots", b2b("BE", "be 0428.759.497"), "icp", ICP_260),

    Scenario("icp_invalid_check_digits", b2b("BE", "BE0406139583"), refusal="ICP_INVALID_VAT_NUMBER"),
    # §3.3/§4(c): a valid VAT number of a Member State other than NL (the state of departure). The rule
    # sheet does not require the number to be of the country of arrival; docs/vat.md chose stricter.
    Scenario("icp_valid_number_of_another_member_state", b2b("BE", "DE811363057"), "icp", ICP_260),
    # A Dutch number never makes an ICP (§3.3): refused.
    Scenario("icp_dutch_number_on_be_delivery", b2b("BE", "NL004495445B01"), refusal="ICP_DUTCH_VAT_NUMBER"),
    Scenario("icp_missing_number", b2b("BE", ""), refusal="ICP_NO_VAT_NUMBER"),
    Scenario("icp_vies_says_invalid", b2b("BE", BE), refusal="ICP_VIES_INVALID",
             check=VatNumberCheck(valid=False, source="vies", reference="WAPIAAAAXYZ")),
    Scenario("icp_vies_says_valid", b2b("BE", BE), "icp", ICP_260,
             check=VatNumberCheck(valid=True, source="vies", reference="WAPIAAAAXYZ")),
    # VIES did not answer and the tenant chose "syntax" (docs/vat.md): the check digits decide. Waiting and
    # retrying (the default) happens before classify, in koppeling/sync/vies_checks.py.
    Scenario("icp_vies_unavailable_syntax_fallback", b2b("BE", BE), "icp", ICP_260,
             check=VatNumberCheck(valid=None, source="syntax")),

    # Goods at 0% to a BE buyer, but 21% VAT on the shipping (a mis-set shipping tax class). Neither an ICP
    # (VAT was charged) nor a Dutch 0% sale (box 1e is for domestic 0% only): the engine must refuse.
    Scenario("icp_goods_zero_but_shipping_with_vat",
             b2b("BE", BE, product("100.00", "0.00", "0"), shipping("5.00", "1.05", "21")),
             refusal=ANY_REFUSAL),

    # icp_fallback "domestic", prices incl. VAT: the customer paid 100.00; VAT at 21% out of that gross:
    # 100.00 x 21/121 = 17.3554 -> 17.36, net 82.64 (box 1a, under the threshold, no OSS).
    Scenario("icp_fallback_domestic_incl", sale(product("100.00", "0.00", "0"), country="BE"),
             "distance_nl", {"NL_21": ("82.64", "17.36", "1a")}, settings=DOMESTIC_FALLBACK),
    # The same with prices excl. VAT (B2B shops): the 100.00 paid is still a gross amount, so the same 17.36.
    Scenario("icp_fallback_domestic_excl", sale(product("100.00", "0.00", "0"), country="BE", incl=False),
             "distance_nl", {"NL_21": ("82.64", "17.36", "1a")}, settings=DOMESTIC_FALLBACK),
    # Three 10.00 lines, excl. VAT shop: 30.00 paid, VAT 30.00 x 21/121 = 5.2066 -> 5.21, net 24.79.
    Scenario("icp_fallback_domestic_excl_three_lines",
             sale(*[product("10.00", "0.00", "0")] * 3, country="BE", incl=False),
             "distance_nl", {"NL_21": ("24.79", "5.21", "1a")}, settings=DOMESTIC_FALLBACK),
    # Fallback under OSS: destination standard rate out of the gross: 119.00 x 19/119 = 19.00, net 100.00.
    Scenario("icp_fallback_domestic_under_oss", sale(product("119.00", "0.00", "0"), country="DE"),
             "oss", {"OSS_DE_19": ("100.00", "19.00", "OSS")},
             settings=VatSettings(oss=True, icp_fallback="domestic")),
    # Fallback without OSS but above the threshold: 9,950.00 + 100.00 > 10,000 -> refused.
    Scenario("icp_fallback_domestic_over_threshold", sale(product("100.00", "0.00", "0"), country="BE"),
             refusal="DISTANCE_THRESHOLD_EXCEEDED",
             settings=VatSettings(icp_fallback="domestic", distance_sales_ytd=Decimal("9950.00"))),
]
