"""EU distance sales under OSS (vat-rules §5): destination VAT, OSS_<CC>_<rate>, the OSS return; the
rate must exist in the destination on the sale's date (Europe/Amsterdam)."""

from koppeling.vat.treatment import VatSettings
from tests.vat.builders import product, sale, shipping
from tests.vat.scenarios import ANY_REFUSAL, Scenario

OSS = VatSettings(oss=True)


def consumer(country: str, net: str, tax: str, rate: str, when: str = "2026-03-02T12:00:00+00:00"):
    return sale(product(net, tax, rate), country=country, when=when)


def on(day: str) -> str:
    return f"{day}T12:00:00+00:00"  # 13:00 or 14:00 in Amsterdam: the same date


def row(name: str, country: str, gross_net_tax: tuple[str, str], rate: str, day: str, code: str | None):
    """100.00 net at `rate` on `day`: booked as `code`, or refused VAT_RATE_NOT_IN_COUNTRY when None."""
    net, tax = gross_net_tax
    booked = {code: (net, tax, "OSS")} if code else {}
    return Scenario(name, consumer(country, net, tax, rate, on(day)), "oss" if code else None, booked,
                    None if code else "VAT_RATE_NOT_IN_COUNTRY", OSS)


ROWS = [
    # 59.50 g at 19%: 59.50 x 19/119 = 9.50, net 50.00.
    Scenario("oss_de_19", consumer("DE", "50.00", "9.50", "19"), "oss", {"OSS_DE_19": ("50.00", "9.50", "OSS")},
             settings=OSS),
    # 21.40 g at 7%: 21.40 x 7/107 = 1.40, net 20.00.
    Scenario("oss_de_7", consumer("DE", "20.00", "1.40", "7"), "oss", {"OSS_DE_7": ("20.00", "1.40", "OSS")},
             settings=OSS),
    # DE 19% goods 59.50 g + DE 7% goods 21.40 g + shipping 5.95 g at 19% (0.95 / 5.00). Split by net
    # 50 : 20 -> 19% 5.95 x 50/70 = 4.25 g (VAT 4.25 x 19/119 = 0.6786 -> 0.68, net 3.57), 7% 1.70 g
    # (VAT 1.70 x 7/107 = 0.1112 -> 0.11, net 1.59). OSS_DE_19 g 63.75, VAT 10.1786 -> 10.18 (= 9.50 + 0.68),
    # net 53.57; OSS_DE_7 g 23.10, VAT 1.5112 -> 1.51 (= 1.40 + 0.11), net 21.59. 63.75 + 23.10 = 86.85.
    Scenario("oss_de_19_and_7_with_shipping",
             sale(product("50.00", "9.50", "19"), product("20.00", "1.40", "7"), shipping("5.00", "0.95", "19"),
                  country="DE"),
             "oss", {"OSS_DE_19": ("53.57", "10.18", "OSS"), "OSS_DE_7": ("21.59", "1.51", "OSS")}, settings=OSS),
    # 10.60 g at 6%: 0.60 / 10.00.
    Scenario("oss_be_6", consumer("BE", "10.00", "0.60", "6"), "oss", {"OSS_BE_6": ("10.00", "0.60", "OSS")},
             settings=OSS),
    # 21.10 g at 5.5%: 21.10 x 5.5/105.5 = 1.10, net 20.00.
    Scenario("oss_fr_5_5", consumer("FR", "20.00", "1.10", "5.5"), "oss",
             {"OSS_FR_5.5": ("20.00", "1.10", "OSS")}, settings=OSS),
    # 123.00 g at 23%: 23.00 / 100.00.
    Scenario("oss_ie_23", consumer("IE", "100.00", "23.00", "23"), "oss",
             {"OSS_IE_23": ("100.00", "23.00", "OSS")}, settings=OSS),
    # 21% does not exist in Germany.
    Scenario("oss_de_21_not_a_german_rate", consumer("DE", "100.00", "21.00", "21"),
             refusal="VAT_RATE_NOT_IN_COUNTRY", settings=OSS),

    # A buyer with a valid Belgian VAT number is a business: never a distance sale, so never OSS (§3.3-3.4;
    # OSS is for consumers). The shop charged 21%, so it is no ICP as invoiced either: refuse, don't guess.
    Scenario("oss_business_buyer_with_vat_number_charged_vat",
             sale(product("24.79", "5.21", "21"), country="BE", vat_number="BE0428759497"),
             refusal=ANY_REFUSAL, settings=OSS),

    # Rate changes (§5 table; effective dates from TEDB): the day before and the day of each change.
    row("oss_fi_24_before_change", "FI", ("100.00", "24.00"), "24", "2024-08-31", "OSS_FI_24"),
    row("oss_fi_24_after_change", "FI", ("100.00", "24.00"), "24", "2024-09-01", None),
    row("oss_fi_25_5_after_change", "FI", ("100.00", "25.50"), "25.5", "2024-09-01", "OSS_FI_25.5"),
    row("oss_fi_25_5_before_change", "FI", ("100.00", "25.50"), "25.5", "2024-08-31", None),
    row("oss_ee_22_before_change", "EE", ("100.00", "22.00"), "22", "2025-06-30", "OSS_EE_22"),
    row("oss_ee_22_after_change", "EE", ("100.00", "22.00"), "22", "2025-07-01", None),
    row("oss_ee_24_after_change", "EE", ("100.00", "24.00"), "24", "2025-07-01", "OSS_EE_24"),
    row("oss_ro_19_before_change", "RO", ("100.00", "19.00"), "19", "2025-07-31", "OSS_RO_19"),
    row("oss_ro_19_after_change", "RO", ("100.00", "19.00"), "19", "2025-08-01", None),
    row("oss_ro_21_after_change", "RO", ("100.00", "21.00"), "21", "2025-08-01", "OSS_RO_21"),
    row("oss_sk_20_before_change", "SK", ("100.00", "20.00"), "20", "2024-12-31", "OSS_SK_20"),
    row("oss_sk_20_after_change", "SK", ("100.00", "20.00"), "20", "2025-01-01", None),
    row("oss_sk_23_after_change", "SK", ("100.00", "23.00"), "23", "2025-01-01", "OSS_SK_23"),
    # The sale's date is its date in Amsterdam: 2024-08-31 22:30 UTC is 2024-09-01 00:30 there (and 01:30
    # in Helsinki), so Finland's 25.5% applies.
    Scenario("oss_fi_date_is_amsterdam_date",
             consumer("FI", "100.00", "25.50", "25.5", "2024-08-31T22:30:00+00:00"),
             "oss", {"OSS_FI_25.5": ("100.00", "25.50", "OSS")}, settings=OSS),
]
