"""The VAT-return check: per quarter, the totals per VAT category and return box as sold in the
shop, as booked, and the difference, so the owner and the bookkeeper can check before filing.

"As sold" is every sale of the quarter that should be in the books (booked, waiting or refused),
under the shop's own lines and rates; "as booked" is what Koppeling sent to the accounting package
(Booking.document). Differences come from refused or waiting sales, from shipping that follows the
goods, and from rounding.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from koppeling.lib.money import ZERO
from koppeling.sync.canonical import from_json
from koppeling.sync.models import Booking, Koppeling, SaleState
from koppeling.vat import categories
from koppeling.vat.classify import classify_as_sold
from koppeling.vat.treatment import VatSettings

UNCLASSIFIED = "UNCLASSIFIED"  # sales whose VAT cannot be determined (refused for it)
BOX_ORDER = ["1a", "1b", "1c", "1e", "3a", "3b", "OSS", ""]


@dataclass
class Row:
    code: str
    label: str
    box: str
    sold_net: Decimal = ZERO
    sold_tax: Decimal = ZERO
    booked_net: Decimal = ZERO
    booked_tax: Decimal = ZERO
    unbooked: int = 0  # sales of this category not (yet) booked

    @property
    def diff_net(self) -> Decimal:
        return self.booked_net - self.sold_net

    @property
    def diff_tax(self) -> Decimal:
        return self.booked_tax - self.sold_tax


@dataclass
class Report:
    year: int
    quarter: int
    rows: dict[str, Row] = field(default_factory=dict)

    def row(self, code: str) -> Row:
        if code not in self.rows:
            if code == UNCLASSIFIED:
                self.rows[code] = Row(code, str(_("Btw niet te bepalen (zie Fouten)")), "")
            else:
                category = categories.parse(code)
                self.rows[code] = Row(code, category.label, category.box)
        return self.rows[code]

    def ordered(self) -> list[Row]:
        return sorted(self.rows.values(), key=lambda r: (BOX_ORDER.index(r.box) if r.box in BOX_ORDER else 99, r.code))

    def boxes(self) -> dict[str, Row]:
        totals: dict[str, Row] = {}
        for row in self.rows.values():
            total = totals.setdefault(row.box, Row(row.box, row.box, row.box))
            for name in ("sold_net", "sold_tax", "booked_net", "booked_tax"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
            total.unbooked += row.unbooked
        return {box: totals[box] for box in BOX_ORDER if box in totals}


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return start, end


def current_quarter(today: date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


def build(koppelingen: list[Koppeling], year: int, quarter: int) -> Report:
    report = Report(year, quarter)
    start, end = quarter_bounds(year, quarter)
    for koppeling in koppelingen:
        _add_sold(report, koppeling, start, end)
        _add_booked(report, koppeling, start, end)
    return report


def _add_sold(report: Report, koppeling: Koppeling, start: date, end: date) -> None:
    settings = VatSettings.from_config(koppeling.vat_settings)
    sales = koppeling.sales.filter(state__in=[SaleState.READY, SaleState.BOOKED, SaleState.FAILED])
    for sale in sales.filter(sold_at__date__gte=start, sold_at__date__lt=end).only("canonical", "state", "total"):
        result = classify_as_sold(from_json(sale.canonical), settings)
        if result.refusal or result.treatment is None:
            row = report.row(UNCLASSIFIED)
            row.sold_net += sale.total
            row.unbooked += sale.state != SaleState.BOOKED
            continue
        for code, (net, tax) in result.totals().items():
            row = report.row(code)
            row.sold_net += net
            row.sold_tax += tax
            row.unbooked += sale.state != SaleState.BOOKED


def _add_booked(report: Report, koppeling: Koppeling, start: date, end: date) -> None:
    for document in Booking.objects.filter(koppeling=koppeling, document__date__gte=start.isoformat(),
                                           document__date__lt=end.isoformat()).values_list("document", flat=True):
        for line in document.get("lines", []):
            row = report.row(line.get("category") or UNCLASSIFIED)
            row.booked_net += Decimal(line["net"])
            row.booked_tax += Decimal(line["tax"])


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["categorie", "omschrijving", "rubriek", "verkocht netto", "verkocht btw", "geboekt netto",
                     "geboekt btw", "verschil netto", "verschil btw", "niet geboekte verkopen"])
    for row in report.ordered():
        writer.writerow([row.code, row.label, row.box, row.sold_net, row.sold_tax, row.booked_net, row.booked_tax,
                         row.diff_net, row.diff_tax, row.unbooked])
    return out.getvalue()

