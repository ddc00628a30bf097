"""The board report of one period (`period=2024-Q3`, `2024-09` or `2024`): everything its documents show,
gathered once by `build_report` as plain data. The /report page, the PDF (`dashboard.report_pdf`) and the
workbook (`dashboard.report_xlsx`) all read a `Report`, so no figure has a second definition; every figure
comes from the overview's views, so the report equals the dashboard and its exports for the same filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.data import DataAccess
from dashboard.filters import Filters
from dashboard.i18n import format_date, format_month, t
from dashboard.metrics import GLOSSARY, OUTCOME_LEVELS, change_of, change_verdict, is_rate, ratio
from dashboard.periods import (
    RunningMonth,
    add_months,
    comparison_periods,
    is_future,
    is_running,
    month_end,
    month_start,
    parse_report_period,
    quarter_start,
    running_month,
)
from dashboard.targets import Target
from dashboard.views import overview as views

# The report's headline figures, in reading order: the overview's cards and every figure with a target.
HEADLINE = (
    "requests",
    "answer_rate",
    "unmet_rate",
    "shortage_rate",
    "completion_rate",
    "non_completion_rate",
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "active_interpreters",
)
TREND_MONTHS = 12  # the trend chart shows at least the twelve months up to the period's end
TOP_LANGUAGES = 10


@dataclass(frozen=True)
class Headline:
    """A headline figure: its value now, in the previous period and a year earlier, and its target."""

    name: str
    value: int | float | None
    previous: int | float | None
    year_ago: int | float | None
    target: Target | None

    @property
    def met(self) -> bool | None:
        """Whether the target is met; None without a target or without a value."""
        return None if self.target is None else self.target.met(self.value)

    def verdict(self, before) -> str:
        """Whether the change from `before` is "better", "worse" or "neither" (`metrics.change_verdict`)."""
        return change_verdict(self.name, change_of(self.value, before, is_rate(self.name)))


@dataclass(frozen=True)
class Report:
    """What the board report shows, for one period and slice, in one interface language."""

    lang: str
    period: str  # as the link names it: 2024-Q3, 2024-09, 2024 (or from–to for another span)
    title: str
    filters: Filters
    made: date
    state: str  # "complete", "running" (today lies in the period) or "future" (it has not begun)
    previous: tuple[date, date]
    year_ago: tuple[date, date]
    figures: dict  # every figure of CONTRACT §3 (the `kpis` export)
    figures_previous: dict  # the same in the previous period
    figures_year_ago: dict  # and a year earlier
    headlines: tuple[Headline, ...]
    annual: pd.DataFrame  # the `annual-report` export: figure, one column per modality, total
    monthly: pd.DataFrame  # the `monthly` export: month × modality
    trend: pd.DataFrame  # per month up to the period's end: requests, answered, unanswered, in_progress, …
    running: RunningMonth | None  # the month still in progress while the period runs
    languages: pd.DataFrame  # the `languages` export, busiest first
    busiest: pd.DataFrame  # the busiest languages: requests, share, a year earlier, change, shortage rate
    definitions: tuple[tuple[str, str], ...]  # (figure's name, its definition) in `lang`

    @property
    def span(self) -> tuple[date, date]:
        return self.filters.start, self.filters.end

    def level(self, figure: str) -> int:
        """How deep a row of the annual report's table sits in its hierarchy (requests 0, answered 1, …)."""
        return OUTCOME_LEVELS[figure]


def period_label(start: date, end: date, lang: str) -> str:
    """The period as readers name it: '3e kwartaal 2024' / 'Q3 2024', 'september 2024', '2024', or the dates."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start == quarter_start(start) and end == month_end(add_months(start, 2)):
        return t("report-quarter", lang, n=(start.month - 1) // 3 + 1, year=start.year)
    if start == month_start(start) and end == month_end(start):
        return format_month(start, lang)
    return t("report-span", lang, start=format_date(start, lang), end=format_date(end, lang))


def build_report(
    data: DataAccess,
    filters: Filters,
    lang: str,
    today: date,
    *,
    targets: dict[str, Target] | None = None,
    period: str | None = None,
) -> Report:
    """Everything the report of `filters`' period shows, computed once (`targets` per figure name, as the
    context holds them; `period` the link's name for it)."""
    start, end = filters.start, filters.end
    if is_future(start, today):
        raise ValueError(f"the period {start}–{end} has not begun on {today}: there is nothing to report")
    previous, year_ago = comparison_periods(start, end, today)
    state = "running" if is_running(start, end, today) else "complete"
    figures = views.kpis(data, filters)
    before = views.kpis(data, filters.with_period(*previous))
    year_before = views.kpis(data, filters.with_period(*year_ago))
    targets = targets or {}
    trend = _trend(data, filters, today)
    languages = views.languages(data, filters, lang)
    return Report(
        lang=lang,
        period=period or f"{start.isoformat()}–{end.isoformat()}",
        title=t("report-title", lang, period=period_label(start, end, lang)),
        filters=filters.with_period(start, end),
        made=today,
        state=state,
        previous=previous,
        year_ago=year_ago,
        figures=figures,
        figures_previous=before,
        figures_year_ago=year_before,
        headlines=tuple(
            Headline(name, figures[name], before[name], year_before[name], targets.get(name)) for name in HEADLINE
        ),
        annual=views.annual_report(data, filters),
        monthly=views.monthly(data, filters),
        trend=trend,
        running=running_month(start, end, today),
        languages=languages,
        busiest=_busiest(languages, views.languages(data, filters.with_period(*year_ago), lang)),
        definitions=tuple((t(f"metric-{name}", lang), t(f"def-{name}", lang)) for name in GLOSSARY),
    )


def _trend(data: DataAccess, filters: Filters, today: date) -> pd.DataFrame:
    """The monthly trend up to the period's end (at least `TREND_MONTHS` months, none after today's), each month
    marked whether it lies in the period."""
    last = min(filters.end, today)
    first = min(filters.start, add_months(month_start(last), 1 - TREND_MONTHS))
    trend = views.monthly_trend(data, filters.with_period(first, last))
    return trend.assign(in_period=trend.month >= f"{filters.start:%Y-%m}")


def _busiest(now: pd.DataFrame, year_before: pd.DataFrame) -> pd.DataFrame:
    """The busiest languages of `now` (the `languages` table): requests, share of all requests, requests in the
    comparison period a year earlier, the relative change, and the shortage rate."""
    total = int(now.requests.sum())
    table = now.head(TOP_LANGUAGES)[["language_code", "language", "requests", "not_available", "shortage_rate"]]
    earlier = year_before.set_index("language_code").requests
    table = table.assign(
        share=[ratio(n, total) for n in table.requests],
        requests_year_before=[int(earlier.get(code, 0)) for code in table.language_code],
    )
    table["change_rate"] = [ratio(n - b, b) for n, b in zip(table.requests, table.requests_year_before)]
    return table[table.requests > 0].reset_index(drop=True)


def report_query(args: dict[str, list[str]]) -> tuple[dict[str, list[str]], str] | None:
    """The query of a report request with `period` turned into `from` and `to`; None for a bad period."""
    period = (args.get("period") or [""])[-1]
    bounds = parse_report_period(period)
    if bounds is None:
        return None
    query = {k: v for k, v in args.items() if k not in ("period", "from", "to")}
    query.update({"from": [bounds[0].isoformat()], "to": [bounds[1].isoformat()]})
    return query, period
