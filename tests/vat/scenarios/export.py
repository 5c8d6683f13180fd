"""Exports outside the EU VAT territory (vat-rules §3.1, §6): 0%, box 3a."""

from tests.vat.builders import product, sale, shipping
from tests.vat.scenarios import Scenario


def abroad(country: str, vat_number: str = "", zipcode: str = ""):
    """Goods 80.00 and shipping 15.00, both 0%, to a customer abroad."""
    return sale(product("80.00", "0.00", "0"), shipping("15.00", "0.00", "0"),
                country=country, vat_number=vat_number, zipcode=zipcode)


EXPORT_95 = {"EXPORT": ("95.00", "0.00", "3a")}  # 80.00 + 15.00, shipping 0% as the goods

ROWS = [
    Scenario("export_ch", abroad("CH"), "export", EXPORT_95),
    Scenario("export_us", abroad("US"), "export", EXPORT_95),
    # GB is not in the EU since 2021; a GB VAT number is no VIES number, so still export, never ICP.
    Scenario("export_gb_with_gb_vat_number", abroad("GB", "GB980780684"), "export", EXPORT_95),
    # VAT charged on an export: refused.
    Scenario("export_with_vat", sale(product("24.79", "5.21", "21"), country="US"), refusal="EXPORT_WITH_VAT"),
    # Canary Islands (§3.1: outside the EU VAT territory). The module's only opinion: the pseudo-code "IC"
    # is not an EU member, so it is an export.
    Scenario("export_canary_islands_as_ic", abroad("IC"), "export", EXPORT_95),
    # Shops (WooCommerce) send the Canary Islands as ES with a province; the canonical customer only keeps
    # the postcode, 35xxx (Las Palmas) or 38xxx (Santa Cruz de Tenerife).
    Scenario("export_canary_islands_as_es_postcode", abroad("ES", zipcode="35001"), "export", EXPORT_95),
]
