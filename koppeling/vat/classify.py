"""Classify a canonical sale for VAT: every line gets a category (rate + return box), shipping and
other ancillary costs follow the goods, and the shop's rounding is reconciled to the cent.

Pure: no I/O. `classify(sale, settings, check)` returns the lines to book, or a refusal with a code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
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
from koppeling.vat.treatment import ZERO_RATED, Treatment, VatNumberCheck, VatSettings, decide

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


def classify(sale: Sale, settings: VatSettings = DEFAULTS, check: VatNumberCheck | None = None) -> VatResult:
    problem = check_input(sale)
    if problem:
        return VatResult(None, refusal=problem)
    treatment = decide(sale, settings, check)
    if isinstance(treatment, Refusal):
        return VatResult(None, refusal=treatment)
    result = VatResult(treatment)
    try:
        day = timezone.localtime(sale.created_at).date()
        own = [_categorised(line, treatment, day) for line in sale.lines if line.kind not in ANCILLARY]
        result.lines = own + _ancillaries(sale, own, treatment, result.notes, day)
        _reconcile(result, sale.prices_include_tax)
    except _Refused as refused:
        return VatResult(None, refusal=refused.refusal)
    return result


def classify_as_sold(sale: Sale, settings: VatSettings = DEFAULTS,
                     check: VatNumberCheck | None = None) -> VatResult:
    """The shop's own lines under their own rates, without our allocation or rounding: what was
    sold as the shop reported it, for the VAT-return check."""
    treatment = decide(sale, settings, check)
    if isinstance(treatment, Refusal) or check_input(sale):
        return VatResult(None, refusal=treatment if isinstance(treatment, Refusal) else check_input(sale))
    day = timezone.localtime(sale.created_at).date()
    try:
        return VatResult(treatment, [_categorised(line, treatment, day) for line in sale.lines])
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
    gross = line.net + line.tax
    tax = vat_in_gross(gross, rate)
    return VatLine(line.kind, line.description, line.quantity, gross - tax, tax, _category(rate, treatment, day))


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
    """Net value of the goods per taxed category: what ancillary costs are split by."""
    weights: dict[Category, Decimal] = defaultdict(lambda: ZERO)
    for line in own:
        if line.kind == "product" and line.category.rate is not None and line.net:
            weights[line.category] += line.net
    return dict(weights)


def _ancillaries(sale: Sale, own: list[VatLine], treatment: Treatment, notes: list[str], day: date) -> list[VatLine]:
    weights = _goods_weights(own)
    result: list[VatLine] = []
    for line in (line for line in sale.lines if line.kind in ANCILLARY):
        if not weights or treatment.kind in ZERO_RATED or not (line.net or line.tax):
            result.append(_categorised(line, treatment, day))
            continue
        goods_taxed = any(category.rate for category in weights)
        if goods_taxed and not line.tax and not treatment.rerate:
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
        tax = vat_in_gross(part, category.rate)
        result.append(VatLine(line.kind, line.description, line.quantity, part - tax, tax, category))
    notes.append(_split_note(line, targets))
    return result


def _split_note(line: Line, targets: list[Category]) -> str:
    rates = " en ".join(f"{rate_key(category.rate)}%" for category in targets)
    return _("'%(line)s' volgt de goederen: geboekt tegen %(rates)s.") % {"line": line.description, "rates": rates}


def _reconcile(result: VatResult, prices_include_tax: bool) -> None:
    """Book VAT per category the way accounting packages compute it (over the category total), and
    reconcile with the shop's own per-line rounding: see vat-rules.md §8."""
    for category, lines in _by_category(result.lines).items():
        net = sum((line.net for line in lines), ZERO)
        tax = sum((line.tax for line in lines), ZERO)
        expected = vat_in_gross(net + tax, category.rate) if prices_include_tax else vat_on_net(net, category.rate)
        difference = tax - expected
        if not difference:
            continue
        last = lines[-1]
        last.tax -= difference
        if prices_include_tax:
            last.net += difference  # the price paid stays; only the VAT in it moves by the rounding
            result.notes.append(_("Btw %(category)s over het totaal berekend: %(booked)s (de winkel rondde per "
                                  "regel af: %(shop)s).") % {"category": category.label, "booked": expected,
                                                             "shop": tax})
            continue
        if abs(difference) > ONE_CENT:
            raise _Refused(refusal("ROUNDING_DIFFERENCE", category=category.label, difference=str(difference)))
        result.lines.append(VatLine("rounding", category.label, Decimal("1"), difference, ZERO, categories.ROUNDING))


def _by_category(lines: list[VatLine]) -> dict[Category, list[VatLine]]:
    grouped: dict[Category, list[VatLine]] = defaultdict(list)
    for line in lines:
        if line.category.rate and line.kind != "rounding":
            grouped[line.category].append(line)
    return grouped
