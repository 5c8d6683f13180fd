"""Classify a canonical sale for VAT: every line gets a category (rate + return box), shipping and
other ancillary costs follow the goods, and the shop's rounding is reconciled to the cent.

Pure: no I/O. `classify(sale, settings, check)` returns the lines to book, or a refusal with a code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from koppeling.lib.money import ZERO
from koppeling.sync.canonical import Line, Sale
from koppeling.sync.errors import Refusal, refusal
from koppeling.vat import categories
from koppeling.vat.allocate import split, vat_in_gross, vat_on_net
from koppeling.vat.categories import Category
from koppeling.vat.checks import check_input
from koppeling.vat.eu_rates import rates_on, standard_rate
from koppeling.vat.rates import NL_RATES, rate_key
from koppeling.vat.treatment import ZERO_RATED, Original, Treatment, VatNumberCheck, VatSettings, decide

ANCILLARY = ("shipping", "fee")
ONE_CENT = Decimal("0.01")
DEFAULTS = VatSettings()


@dataclass
class VatLine:
    kind: str
    description: str
    quantity: Decimal
    net: Decimal
    tax: Decimal
    category: Category
    derived: bool = False  # VAT worked out by us from the price paid (shipping that follows the goods)

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax


@dataclass
class VatResult:
    treatment: Treatment | None
    lines: list[VatLine] = field(default_factory=list)
    refusal: Refusal | None = None
    notes: list[str] = field(default_factory=list)

    def totals(self) -> dict[str, tuple[Decimal, Decimal]]:
        """Net and VAT per category code."""
        result: dict[str, tuple[Decimal, Decimal]] = {}
        for line in self.lines:
            net, tax = result.get(line.category.code, (ZERO, ZERO))
            result[line.category.code] = (net + line.net, tax + line.tax)
        return result


class _Refused(Exception):
    def __init__(self, refusal: Refusal):
        self.refusal = refusal


def classify(sale: Sale, settings: VatSettings = DEFAULTS, check: VatNumberCheck | None = None,
             original: Original | None = None) -> VatResult:
    problem = check_input(sale)
    if problem:
        return VatResult(None, refusal=problem)
    treatment = decide(sale, settings, check, original)
    if isinstance(treatment, Refusal):
        return VatResult(None, refusal=treatment)
    result = VatResult(treatment)
    try:
        day = treatment.day
        own = [_categorised(line, treatment, day) for line in sale.lines if line.kind not in ANCILLARY]
        result.lines = own + _ancillaries(sale, own, treatment, result.notes, day)
        _reconcile(result, sale.prices_include_tax)
    except _Refused as refused:
        return VatResult(None, refusal=refused.refusal)
    return result


def classify_as_sold(sale: Sale, settings: VatSettings = DEFAULTS, check: VatNumberCheck | None = None,
                     original: Original | None = None) -> VatResult:
    """The shop's own lines under their own rates, without our allocation or rounding: what was
    sold as the shop reported it, for the VAT-return check."""
    problem = check_input(sale)
    treatment = problem or decide(sale, settings, check, original)
    if isinstance(treatment, Refusal):
        return VatResult(None, refusal=treatment)
    try:
        return VatResult(treatment, [_categorised(line, treatment, treatment.day) for line in sale.lines])
    except _Refused as refused:
        return VatResult(None, refusal=refused.refusal)


def _category(rate: Decimal, treatment: Treatment, day: date) -> Category:
    if treatment.kind == "icp":
        return categories.ICP
    if treatment.kind == "export":
        return categories.EXPORT
    if treatment.kind == "oss":
        if rate not in rates_on(treatment.country, day):
            raise _Refused(refusal("VAT_RATE_NOT_IN_COUNTRY", rate=rate_key(rate), country=treatment.country))
        return categories.oss(treatment.country, rate)
    if rate not in NL_RATES:
        raise _Refused(refusal("VAT_RATE_NOT_IN_COUNTRY", rate=rate_key(rate), country="NL"))
    return categories.nl(rate)


def _rerate(line: Line, treatment: Treatment, day: date) -> VatLine:
    """icp_fallback 'domestic': the shop charged 0%, the tenant chose to book VAT at the standard
    rate of the treatment, taken out of the price the customer paid."""
    rate = standard_rate(treatment.country, day) if treatment.kind == "oss" else Decimal("21")
    if rate is None:
        raise _Refused(refusal("VAT_RATE_NOT_IN_COUNTRY", rate="?", country=treatment.country))
    gross = line.net + line.tax
    tax = vat_in_gross(gross, rate)
    return VatLine(line.kind, line.description, line.quantity, gross - tax, tax, _category(rate, treatment, day),
                   derived=True)


def _categorised(line: Line, treatment: Treatment, day: date) -> VatLine:
    if line.kind == "gift_card":
        return VatLine(line.kind, line.description, line.quantity, line.net, line.tax, categories.GIFT_CARD)
    if line.exempt:
        return VatLine(line.kind, line.description, line.quantity, line.net, line.tax, categories.EXEMPT)
    if treatment.rerate:
        return _rerate(line, treatment, day)
    return VatLine(line.kind, line.description, line.quantity, line.net, line.tax,
                   _category(line.vat_rate, treatment, day))


def _goods_weights(own: list[VatLine]) -> dict[Category, Decimal]:
    """Net value of the goods per category (after discount lines): what ancillary costs are split by.
    Exempt goods count too: the costs of delivering them are exempt as well."""
    weights: dict[Category, Decimal] = defaultdict(lambda: ZERO)
    for line in own:
        if line.kind in ("product", "discount") and line.category is not categories.GIFT_CARD:
            weights[line.category] += line.net
    return {category: weight for category, weight in weights.items() if weight}


def _ancillaries(sale: Sale, own: list[VatLine], treatment: Treatment, notes: list[str], day: date) -> list[VatLine]:
    weights = _goods_weights(own)
    result: list[VatLine] = []
    for line in (line for line in sale.lines if line.kind in ANCILLARY):
        if not weights or treatment.kind in ZERO_RATED or not (line.net or line.tax):
            result.append(_categorised(line, treatment, day))
            continue
        goods_taxed = any(category.rate for category in weights)
        if goods_taxed and not line.vat_rate and not treatment.rerate:
            code = "SHIPPING_NO_VAT" if line.kind == "shipping" else "ANCILLARY_NO_VAT"
            raise _Refused(refusal(code, line=line.description))
        result += _follow_goods(line, weights, notes)
    return result


def _follow_goods(line: Line, weights: dict[Category, Decimal], notes: list[str]) -> list[VatLine]:
    """Ancillary costs follow the goods: the same rate, or split by the goods' value per rate. The
    price the customer paid (gross) stays; the VAT in it is worked out per part."""
    targets = list(weights)
    if len(targets) == 1 and targets[0].rate == line.vat_rate:
        return [VatLine(line.kind, line.description, line.quantity, line.net, line.tax, targets[0])]
    gross = line.net + line.tax
    parts = split(gross, [weights[category] for category in targets])
    result = []
    for category, part in zip(targets, parts, strict=True):
        tax = vat_in_gross(part, category.rate) if category.rate else ZERO
        result.append(VatLine(line.kind, line.description, line.quantity, part - tax, tax, category, derived=True))
    notes.append(_split_note(line, targets))
    return result


def _split_note(line: Line, targets: list[Category]) -> str:
    rates = " en ".join(category.label for category in targets)
    return _("'%(line)s' volgt de goederen: geboekt tegen %(rates)s.") % {"line": line.description, "rates": rates}


def _reconcile(result: VatResult, prices_include_tax: bool) -> None:
    """Book VAT per category the way accounting packages compute it (over the category total), and
    reconcile with the shop's own per-line rounding: see docs/vat.md, Rounding."""
    for category, lines in _by_category(result.lines).items():
        own = [line for line in lines if not line.derived]
        if prices_include_tax or not own:
            _keep_prices(result, category, lines)
        else:
            _round_on_net(result, category, lines)


def _keep_prices(result: VatResult, category: Category, lines: list[VatLine]) -> None:
    """Prices paid stay; the VAT in them is worked out over the category's gross total."""
    gross = sum((line.gross for line in lines), ZERO)
    tax = sum((line.tax for line in lines), ZERO)
    expected = vat_in_gross(gross, category.rate)
    if tax != expected:
        lines[-1].tax += expected - tax
        lines[-1].net -= expected - tax
        if any(not line.derived for line in lines):
            result.notes.append(_("Btw %(category)s over het totaal berekend: %(booked)s (de winkel rondde per "
                                  "regel af: %(shop)s).") % {"category": category.label, "booked": expected,
                                                             "shop": tax})


def _difference(lines: list[VatLine], rate: Decimal) -> Decimal:
    net = sum((line.net for line in lines), ZERO)
    return sum((line.tax for line in lines), ZERO) - vat_on_net(net, rate)


def _round_on_net(result: VatResult, category: Category, lines: list[VatLine]) -> None:
    """Net prices stay; VAT over the category's net total. The shop's own rounding (at most a cent)
    goes on a visible rounding line; the VAT inside a price we split ourselves is chosen (within a
    few cents of exact) so that our split adds no rounding of its own."""
    shop = _shop_rounding(lines, category.rate)
    if abs(shop) > ONE_CENT:
        raise _Refused(refusal("ROUNDING_DIFFERENCE", category=category.label, difference=str(shop)))
    derived = [line for line in lines if line.derived]
    if derived:
        _settle_derived(derived[-1], lines, category.rate, shop)
    difference = _difference(lines, category.rate)
    if abs(difference) > ONE_CENT:
        raise _Refused(refusal("ROUNDING_DIFFERENCE", category=category.label, difference=str(difference)))
    if difference:
        lines[-1].tax -= difference
        result.lines.append(VatLine("rounding", category.label, Decimal("1"), difference, ZERO, categories.ROUNDING))


def _settle_derived(line: VatLine, lines: list[VatLine], rate: Decimal, target: Decimal) -> None:
    gross, exact = line.gross, line.tax

    def outcome(tax: Decimal) -> tuple[bool, Decimal, Decimal]:
        line.tax, line.net = tax, gross - tax
        difference = _difference(lines, rate)
        return abs(difference) > ONE_CENT, abs(difference - target), abs(tax - exact)

    candidates = [exact + step * ONE_CENT for step in range(-5, 6)]
    best = min(candidates, key=outcome)
    outcome(best)


def _shop_rounding(lines: list[VatLine], rate: Decimal) -> Decimal:
    """The part of a category's VAT difference that is the shop's own rounding (per line instead of
    over the total); VAT we worked out ourselves from a price paid is ours, not the shop's."""
    own = [line for line in lines if not line.derived]
    net = sum((line.net for line in own), ZERO)
    return sum((line.tax for line in own), ZERO) - vat_on_net(net, rate) if own else ZERO


def _by_category(lines: list[VatLine]) -> dict[Category, list[VatLine]]:
    grouped: dict[Category, list[VatLine]] = defaultdict(list)
    for line in lines:
        if line.category.rate and line.kind != "rounding":
            grouped[line.category].append(line)
    return grouped
