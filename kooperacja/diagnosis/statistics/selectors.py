"""Reads of the yearly indicators: the tables and charts of the statistics page, in two queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kooperacja.diagnosis import charts
from kooperacja.diagnosis.models import Indicator, IndicatorValue
from kooperacja.territory.models import Unit

YEARS_SHOWN = 10
POPULATION_GROUPS = ("population_pre_working", "population_working", "population_post_working")


@dataclass
class Cell:
    year: int
    value: Decimal | None = None
    display: str = ""
    change: str = ""  # "+12", "−3"
    change_percent: str = ""  # "+1,2%"
    direction: str = ""  # "up", "down", "same"
    source: str = ""  # the full source line, for the title and the footnote
    source_mark: int | None = None  # number of the footnote


@dataclass
class Row:
    indicator: Indicator
    cells: list[Cell]

    @property
    def has_values(self) -> bool:
        return any(c.value is not None for c in self.cells)


@dataclass
class GroupTable:
    group: str
    title: str
    rows: list[Row]


@dataclass
class Statistics:
    years: list[int]
    tables: list[GroupTable]
    sources: list[str] = field(default_factory=list)  # footnotes, numbered from 1
    charts: list = field(default_factory=list)  # SafeString SVGs

    @property
    def has_values(self) -> bool:
        return bool(self.years)


def _signed(value: Decimal, decimal_pos: int | None = None, suffix: str = "") -> str:
    text = charts.number(abs(value), decimal_pos)
    sign = "+" if value > 0 else ("\u2212" if value < 0 else "")
    return f"{sign}{text}{suffix}"


def _source_line(value: IndicatorValue) -> str:
    parts = [value.get_source_display()]
    if value.source_note:
        parts.append(value.source_note)
    if value.source_date:
        parts.append(_("as of %(date)s") % {"date": date_format(value.source_date, "SHORT_DATE_FORMAT")})
    return ", ".join(parts)


def indicator_statistics(*, unit: Unit, until_year: int, years_shown: int = YEARS_SHOWN) -> Statistics:
    """The gmina's indicators by group, for the last ``years_shown`` years with data up to ``until_year``,
    each value with its year-on-year change and source; charts of the population groups and of every other
    indicator with at least two values."""
    indicators = list(Indicator.objects.filter(unit__isnull=True) | Indicator.objects.filter(unit=unit))
    values = list(IndicatorValue.objects.filter(unit=unit, year__lte=until_year).order_by())
    years = sorted({v.year for v in values})[-years_shown:]
    by_key = {(v.indicator_id, v.year): v for v in values}
    sources: dict[str, int] = {}
    rows_by_group: dict[str, list[Row]] = {}
    for indicator in indicators:
        cells, previous, previous_year = [], None, None
        for year in years:
            cell = Cell(year=year)
            value = by_key.get((indicator.pk, year))
            if value is not None:
                cell.value = value.value
                cell.display = charts.number(value.value)
                cell.source = _source_line(value)
                cell.source_mark = sources.setdefault(cell.source, len(sources) + 1)
                if previous is not None and previous_year == year - 1:  # a change against the year before only
                    delta = value.value - previous
                    cell.change = _signed(delta)
                    cell.direction = "up" if delta > 0 else ("down" if delta < 0 else "same")
                    if previous:
                        cell.change_percent = _signed(delta * 100 / abs(previous), 1, "%")
            previous, previous_year = (value.value if value is not None else None), year
            cells.append(cell)
        rows_by_group.setdefault(indicator.group, []).append(Row(indicator=indicator, cells=cells))
    tables = [
        GroupTable(group=group, title=str(label), rows=rows_by_group.get(group, []))
        for group, label in Indicator.Group.choices
        if rows_by_group.get(group)
    ]
    statistics = Statistics(years=years, tables=tables, sources=list(sources))
    if years:
        statistics.charts = _charts(tables, years)
    return statistics


def _series(row: Row) -> list[float | None]:
    return [float(c.value) if c.value is not None else None for c in row.cells]


def _charts(tables: list[GroupTable], years: list[int]) -> list:
    rows = [row for table in tables for row in table.rows]
    groups = [r for code in POPULATION_GROUPS for r in rows if r.indicator.code == code and r.has_values]
    result = []
    if groups:
        result.append(
            charts.line_chart(
                title=_("Population by economic age groups"),
                years=years,
                series=[(r.indicator.name, _series(r)) for r in groups],
            )
        )
    for row in rows:
        if row.indicator.code in POPULATION_GROUPS or sum(c.value is not None for c in row.cells) < 2:
            continue
        title = f"{row.indicator.name} [{row.indicator.measure}]"
        result.append(
            charts.line_chart(
                title=title,
                years=years,
                series=[(row.indicator.name, _series(row))],
                width=420,
                height=240,
            )
        )
    return result
