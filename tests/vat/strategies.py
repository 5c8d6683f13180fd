"""Hypothesis strategies for the VAT property tests: consistent shop sales (with the shop's own per-line
rounding) and junk."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import strategies as st

from koppeling.sync.canonical import LINE_KINDS, SALE_KINDS, Customer, Line, Sale
from koppeling.vat.eu_rates import EU_MEMBERS, rates_on
from koppeling.vat.treatment import VatNumberCheck, VatSettings

CENT = Decimal("0.01")
OSS_START = date(2021, 7, 1)
VALID_NUMBERS = {"BE": "BE0428759497", "DE": "DE811363057", "FR": "FR40303265045", "GR": "EL094259216"}
ABROAD = ("CH", "US", "GB", "NO", "AU")
EU_ELSEWHERE = sorted(EU_MEMBERS - {"NL"})


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def priced(kind: str, amount: Decimal, rate: Decimal, quantity: int, incl: bool) -> Line:
    """A line as a shop computes it, rounding per line: `amount` is the line's gross (incl.) or net (excl.)."""
    if incl:
        tax = cents(amount * rate / (100 + rate))
        return Line(kind, kind, Decimal(quantity), amount - tax, tax, rate)
    return Line(kind, kind, Decimal(quantity), amount, cents(amount * rate / 100), rate)


def sale_of(lines: list[Line], *, country: str, vat_number: str = "", incl: bool = True, kind: str = "order",
            day: date = date(2026, 3, 2)) -> Sale:
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    net = sum((line.net for line in lines), Decimal("0"))
    tax = sum((line.tax for line in lines), Decimal("0"))
    return Sale(kind, "1", "1", "processing", moment, moment, "EUR", incl, net + tax, tax,
                Customer(country=country, vat_number=vat_number), lines)


amounts = st.integers(min_value=1, max_value=200_000).map(lambda n: Decimal(n) / 100)


@st.composite
def where_and_rates(draw) -> tuple[str, str, list[Decimal], VatSettings, date]:
    """Where the goods go, the buyer's VAT number, the rates the shop may use there, the settings, the day."""
    day = draw(st.dates(min_value=OSS_START, max_value=date(2026, 11, 1)))
    route = draw(st.sampled_from(["domestic", "distance", "oss", "icp", "export"]))
    if route == "domestic":
        return "NL", "", [Decimal("21"), Decimal("9"), Decimal("0")], VatSettings(allow_nl_zero=True), day
    if route == "distance":
        ytd = Decimal(draw(st.integers(min_value=0, max_value=1_200_000))) / 100
        return draw(st.sampled_from(EU_ELSEWHERE)), "", [Decimal("21"), Decimal("9")], \
            VatSettings(distance_sales_ytd=ytd), day
    if route == "oss":
        country = draw(st.sampled_from(EU_ELSEWHERE))
        return country, "", sorted(rates_on(country, day) - {Decimal("0")}), VatSettings(oss=True), day
    if route == "icp":
        country = draw(st.sampled_from(sorted(VALID_NUMBERS)))
        return country, VALID_NUMBERS[country], [Decimal("0")], VatSettings(), day
    return draw(st.sampled_from(ABROAD)), "", [Decimal("0")], VatSettings(), day


def dutch_route() -> st.SearchStrategy:
    rates = [Decimal("21"), Decimal("9"), Decimal("0")]
    return st.dates(min_value=OSS_START, max_value=date(2026, 11, 1)).map(
        lambda day: ("NL", "", rates, VatSettings(allow_nl_zero=True), day))


@st.composite
def valid_sales(draw, *, incl: bool | None = None, route=None) -> tuple[Sale, VatSettings]:
    """A consistent sale: products at rates that exist there, optional shipping, fee and discount line
    at a goods rate, all rounded per line the way shops do; a refund is the mirror image."""
    country, number, rates, settings, day = draw(route if route is not None else where_and_rates())
    incl = draw(st.booleans()) if incl is None else incl
    goods = [priced("product", draw(amounts), draw(st.sampled_from(rates)), draw(st.integers(1, 5)), incl)
             for _ in range(draw(st.integers(min_value=1, max_value=4)))]
    # Shipping and fees at a goods rate, never 0% beside taxed goods (that is refused on purpose).
    goods_rates = sorted({line.vat_rate for line in goods if line.vat_rate}) or [Decimal("0")]
    extras = []
    for kind, sign in (("shipping", 1), ("fee", 1), ("fee", -1), ("discount", -1)):
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            amount = Decimal(draw(st.integers(min_value=10, max_value=2_500))) / 100
            extras.append(priced(kind, sign * amount, draw(st.sampled_from(goods_rates)), 1, incl))
    lines = goods + extras
    kind = draw(st.sampled_from(["order", "order", "refund"]))
    if kind == "refund":
        lines = [Line(line.kind, line.description, line.quantity, -line.net, -line.tax, line.vat_rate)
                 for line in lines]
    return sale_of(lines, country=country, vat_number=number, incl=incl, kind=kind, day=day), settings


# Junk: anything a broken connector could put in a canonical sale, with the declared types.
junk_decimals = st.one_of(
    st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=-1000, max_value=1000, places=2),
    st.sampled_from([Decimal("0"), Decimal("-0"), Decimal("0.001"), Decimal("1E-20"), Decimal("999999999999.99")]),
)
junk_rates = st.one_of(st.sampled_from([Decimal(r) for r in ("21", "9", "0", "19", "7", "100")]), st.none(),
                       junk_decimals)
junk_kinds = st.sampled_from([*LINE_KINDS, "tip", "", "Product", "deposit"])
junk_countries = st.sampled_from(["", "NL", "nl", " de ", "DE", "BE", "XX", "IC", "GR", "EL", "GB", "US", "ES", "N"])
junk_numbers = st.one_of(st.sampled_from(["", *VALID_NUMBERS.values(), "NL004495445B01", "BE0406139583"]),
                         st.text(max_size=20))


@st.composite
def junk_lines(draw) -> Line:
    net, rate = draw(junk_decimals), draw(junk_rates)
    # Half the time the line's own VAT matches its rate, so that junk also gets past the first checks.
    tax = cents(net * rate / 100) if rate is not None and draw(st.booleans()) else draw(junk_decimals)
    return Line(draw(junk_kinds), draw(st.text(max_size=10)), draw(junk_decimals), net, tax, rate,
                exempt=draw(st.integers(0, 4)) == 0)


@st.composite
def junk_sales(draw) -> tuple[Sale, VatSettings, VatNumberCheck | None]:
    lines = draw(st.lists(junk_lines(), max_size=5))
    moment = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31),
                               timezones=st.just(UTC)))
    net = sum((line.net for line in lines), Decimal("0"))
    tax = sum((line.tax for line in lines), Decimal("0"))
    consistent = draw(st.booleans())
    sale = Sale(draw(st.sampled_from([*SALE_KINDS, "quote"])), "1", "1", "x", moment, moment,
                draw(st.sampled_from(["EUR"] * 6 + ["eur", "USD", ""])), draw(st.booleans()),
                net + tax if consistent else draw(junk_decimals), tax if consistent else draw(junk_decimals),
                Customer(country=draw(junk_countries), vat_number=draw(junk_numbers)), lines)
    settings = VatSettings(oss=draw(st.booleans()), icp_fallback=draw(st.sampled_from(["refuse", "domestic", "?"])),
                           distance_sales_ytd=draw(junk_decimals))
    check = draw(st.one_of(st.none(), st.builds(VatNumberCheck, st.sampled_from([True, False, None]),
                                                st.sampled_from(["vies", "syntax"]), st.text(max_size=8))))
    return sale, settings, check
