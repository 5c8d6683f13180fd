"""Which VAT treatment a sale gets, from where the goods go and who buys them (vat-rules.md §3).

domestic     to the Netherlands: Dutch rates, boxes 1a/1b/1e
export       outside the EU VAT area: 0%, box 3a
icp          EU business with a valid VAT number of another member state: 0%, box 3b
distance_nl  EU consumer, seller below the EUR 10,000 threshold and not in OSS: Dutch VAT, 1a/1b
oss          EU consumer, seller in OSS (or above the threshold): destination VAT, OSS return

A refund gets the treatment of the sale it corrects (`Original`), at the rates of that sale's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from koppeling.sync.canonical import Sale
from koppeling.sync.errors import Refusal, refusal
from koppeling.vat import vat_number
from koppeling.vat.eu_rates import EU_MEMBERS, RATES, rates_on
from koppeling.vat.rates import NL_RATES
from koppeling.vat.territories import vat_country

DISTANCE_THRESHOLD = Decimal("10000")
ZERO_RATED = ("icp", "export")
KINDS = ("domestic", "export", "icp", "distance_nl", "oss")


@dataclass(frozen=True)
class VatSettings:
    """The tenant's VAT choices (Configuratie > Btw-regels)."""

    oss: bool = False  # registered for OSS (Unieregeling): destination VAT for EU consumers
    icp_fallback: str = "refuse"  # EU business without a valid VAT number: "refuse" or "domestic"
    distance_sales_ytd: Decimal = Decimal("0")  # EU distance sales booked this calendar year (net)
    allow_nl_zero: bool = False  # the shop really sells at the Dutch 0% rate

    @classmethod
    def from_config(cls, config: dict, distance_sales_ytd: Decimal = Decimal("0")) -> VatSettings:
        fallback = config.get("icp_fallback") if config.get("icp_fallback") in ("refuse", "domestic") else "refuse"
        return cls(oss=bool(config.get("oss")), icp_fallback=fallback, distance_sales_ytd=distance_sales_ytd,
                   allow_nl_zero=bool(config.get("allow_nl_zero")))


@dataclass(frozen=True)
class VatNumberCheck:
    """What is known of the buyer's VAT number beyond its check digits (VIES)."""

    valid: bool | None  # None: VIES did not answer
    source: str = "syntax"  # "vies" or "syntax"
    reference: str = ""  # VIES consultation number, for the records


@dataclass(frozen=True)
class Original:
    """The booked sale a refund corrects: its treatment and date decide the refund's VAT."""

    treatment: str
    day: date


@dataclass(frozen=True)
class Treatment:
    kind: str  # domestic, export, icp, distance_nl, oss
    country: str
    rerate: bool = False  # zero-rated by the shop but booked with VAT (icp_fallback "domestic")
    note: str = ""
    day: date | None = None  # the date whose rates apply (a refund: its original sale's)


def country_of(sale: Sale) -> str:
    country = (sale.customer.country or "").strip().upper()
    if not country and sale.kind in ("receipt", "daily_total"):
        return "NL"  # a till sells in the shop
    return country


def goods_net(sale: Sale) -> Decimal:
    """What counts toward the distance-sales threshold: the goods, not gift cards sold or redeemed."""
    return sum((line.net for line in sale.lines if line.kind != "gift_card"), Decimal("0"))


def decide(sale: Sale, settings: VatSettings, check: VatNumberCheck | None = None,
           original: Original | None = None) -> Treatment | Refusal:
    shown = country_of(sale)
    if not shown:
        return refusal("COUNTRY_UNKNOWN")
    country = vat_country(shown, sale.customer.zipcode)
    day = timezone.localtime(sale.created_at).date()
    if country == "NL":
        return _domestic(sale, settings, day)
    if not country or country not in EU_MEMBERS:
        taxed = next((line for line in sale.lines if line.tax), None)
        return refusal("EXPORT_WITH_VAT", country=shown) if taxed else Treatment("export", shown, day=day)
    if sale.kind == "refund":
        return _refund(sale, country, settings, original, day)
    return _eu(sale, country, settings, check, day)


def _domestic(sale: Sale, settings: VatSettings, day: date) -> Treatment | Refusal:
    zero = next((line for line in sale.lines if line.kind == "product" and line.net and line.vat_rate == 0
                 and not line.exempt), None)
    if zero and not settings.allow_nl_zero:
        return refusal("NL_ZERO_RATE", line=zero.description)
    return Treatment("domestic", "NL", day=day)


def _eu(sale: Sale, country: str, settings: VatSettings, check: VatNumberCheck | None, day: date):
    goods_taxed = any(line.tax for line in sale.lines if line.kind == "product")
    other_taxed = next((line for line in sale.lines if line.tax and line.kind != "product"), None)
    number = sale.customer.vat_number.strip()
    if not goods_taxed and _has_goods(sale):
        if other_taxed:
            return refusal("MIXED_ZERO_AND_TAXED", line=other_taxed.description)
        return _zero_rated_eu(sale, country, number, settings, check, day)
    if number and _icp_problem(number, country, None) is None:
        return refusal("ICP_CHARGED_VAT", country=country, vat_number=number)
    return _distance(sale, country, settings, day)


def _has_goods(sale: Sale) -> bool:
    return any(line.kind == "product" and line.net for line in sale.lines)


def _zero_rated_eu(sale: Sale, country: str, number: str, settings: VatSettings,
                   check: VatNumberCheck | None, day: date):
    problem = _icp_problem(number, country, check)
    if problem is None:
        note = f"VIES {check.reference}".strip() if check and check.valid and check.source == "vies" else ""
        return Treatment("icp", country, note=note, day=day)
    if settings.icp_fallback != "domestic" or problem.code == "ICP_VIES_INVALID":
        return problem
    treatment = _distance(sale, country, settings, day)
    if isinstance(treatment, Refusal):
        return treatment
    return Treatment(treatment.kind, country, rerate=True, day=day)


def _icp_problem(number: str, country: str, check: VatNumberCheck | None) -> Refusal | None:
    """ICP needs a valid VAT number issued by a member state other than the Netherlands (§4)."""
    if not number:
        return refusal("ICP_NO_VAT_NUMBER", country=country)
    issued_by = vat_number.issuing_country(number)
    if not issued_by:
        return refusal("ICP_INVALID_VAT_NUMBER", vat_number=number)
    if issued_by == "NL":
        return refusal("ICP_DUTCH_VAT_NUMBER", country=country, vat_number=number)
    if check is not None and check.valid is False:
        return refusal("ICP_VIES_INVALID", vat_number=number)
    return None


def _distance(sale: Sale, country: str, settings: VatSettings, day: date) -> Treatment | Refusal:
    if settings.oss:
        return Treatment("oss", country, day=day)
    if settings.distance_sales_ytd + goods_net(sale) > DISTANCE_THRESHOLD:
        return refusal("DISTANCE_THRESHOLD_EXCEEDED")
    return Treatment("distance_nl", country, day=day)


def _refund(sale: Sale, country: str, settings: VatSettings, original: Original | None, day: date):
    """A refund follows its sale. Without the original at hand (a preview), its rates tell: rates
    that never existed in the destination but are Dutch mean Dutch VAT; otherwise OSS when on."""
    if original is not None and original.treatment in KINDS:
        return Treatment(original.treatment, country, day=original.day)
    rates = {line.vat_rate for line in sale.lines if line.vat_rate is not None and line.kind != "gift_card"}
    if not any(rates) and _has_goods(sale):
        return Treatment("icp", country, day=day)
    if settings.oss:
        when = _latest_day_with(country, rates, day)
        if when is not None:
            return Treatment("oss", country, day=when)
    if rates <= set(NL_RATES):
        return Treatment("distance_nl", country, day=day)
    return refusal("VAT_RATE_NOT_IN_COUNTRY", rate=", ".join(sorted(str(r) for r in rates)), country=country)


def _latest_day_with(country: str, rates: set[Decimal], day: date) -> date | None:
    """The latest date up to `day` on which every rate existed in `country` (a refund after a rate change)."""
    for period in reversed(RATES.get(country, ())):
        if period.since > day:
            continue
        probe = day if period.until is None or day < period.until else period.since
        if rates <= rates_on(country, probe):
            return probe
    return None
