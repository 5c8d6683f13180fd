"""Which VAT treatment a sale gets, from where the goods go and who buys them (vat-rules.md §3).

domestic     to the Netherlands: Dutch rates, boxes 1a/1b/1e
export       outside the EU: 0%, box 3a
icp          EU business with a valid VAT number of its own country: 0%, box 3b
distance_nl  EU consumer, seller below the EUR 10,000 threshold and not in OSS: Dutch VAT, 1a/1b
oss          EU consumer, seller in OSS (or above the threshold): destination VAT, OSS return
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from koppeling.sync.canonical import Sale
from koppeling.sync.errors import Refusal, refusal
from koppeling.vat import vat_number
from koppeling.vat.eu_rates import EU_MEMBERS

DISTANCE_THRESHOLD = Decimal("10000")
ZERO_RATED = ("icp", "export")


@dataclass(frozen=True)
class VatSettings:
    """The tenant's VAT choices (Configuratie > BTW)."""

    oss: bool = False  # registered for OSS (Unieregeling): destination VAT for EU consumers
    icp_fallback: str = "refuse"  # EU business without a valid VAT number: "refuse" or "domestic"
    distance_sales_ytd: Decimal = Decimal("0")  # EU distance sales booked this calendar year (net)

    @classmethod
    def from_config(cls, config: dict, distance_sales_ytd: Decimal = Decimal("0")) -> VatSettings:
        fallback = config.get("icp_fallback") if config.get("icp_fallback") in ("refuse", "domestic") else "refuse"
        return cls(oss=bool(config.get("oss")), icp_fallback=fallback, distance_sales_ytd=distance_sales_ytd)


@dataclass(frozen=True)
class VatNumberCheck:
    """What is known of the buyer's VAT number beyond its check digits (VIES)."""

    valid: bool | None  # None: VIES did not answer
    source: str = "syntax"  # "vies" or "syntax"
    reference: str = ""  # VIES consultation number, for the records


@dataclass(frozen=True)
class Treatment:
    kind: str  # domestic, export, icp, distance_nl, oss
    country: str
    rerate: bool = False  # zero-rated by the shop but booked with VAT (icp_fallback "domestic")
    note: str = ""


def country_of(sale: Sale) -> str:
    country = (sale.customer.country or "").strip().upper()
    if not country and sale.kind in ("receipt", "daily_total"):
        return "NL"  # a till sells in the shop
    return country


def decide(sale: Sale, settings: VatSettings, check: VatNumberCheck | None = None) -> Treatment | Refusal:
    country = country_of(sale)
    if not country:
        return refusal("COUNTRY_UNKNOWN")
    charged = any(line.tax for line in sale.lines)
    if country == "NL":
        return Treatment("domestic", country)
    if country not in EU_MEMBERS:
        return refusal("EXPORT_WITH_VAT", country=country) if charged else Treatment("export", country)
    if not charged and _has_goods(sale):
        return _zero_rated_eu(sale, country, settings, check)
    return _distance(sale, country, settings)


def _has_goods(sale: Sale) -> bool:
    return any(line.kind == "product" and line.net for line in sale.lines)


def _zero_rated_eu(sale: Sale, country: str, settings: VatSettings, check: VatNumberCheck | None):
    number = sale.customer.vat_number.strip()
    problem = _icp_problem(number, country, check)
    if problem is None:
        note = f"VIES {check.reference}".strip() if check and check.source == "vies" else ""
        return Treatment("icp", country, note=note)
    if settings.icp_fallback != "domestic":
        return problem
    treatment = _distance(sale, country, settings)
    if isinstance(treatment, Refusal):
        return treatment
    return Treatment(treatment.kind, country, rerate=True)


def _icp_problem(number: str, country: str, check: VatNumberCheck | None) -> Refusal | None:
    if not number:
        return refusal("ICP_NO_VAT_NUMBER", country=country)
    if not vat_number.is_valid_for(number, country):
        return refusal("ICP_INVALID_VAT_NUMBER", vat_number=number)
    if check is not None and check.valid is False:
        return refusal("ICP_VIES_INVALID", vat_number=number)
    return None


def _distance(sale: Sale, country: str, settings: VatSettings) -> Treatment | Refusal:
    if settings.oss:
        return Treatment("oss", country)
    # A refund follows its sale's treatment (its rates say which); only new sales cross the threshold.
    if sale.kind != "refund" and settings.distance_sales_ytd + sale.lines_net > DISTANCE_THRESHOLD:
        return refusal("DISTANCE_THRESHOLD_EXCEEDED")
    return Treatment("distance_nl", country)
