"""The filters of every page and export (CONTRACT.md §4), parsed from the query string into one hashable object.

Parsing never raises for user input: it returns the filters it could read (defaults where a value was bad)
and a list of problems, each naming the parameter. Pages show the problems as an alert; exports answer 400.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qsl, urlencode

from dashboard import codes
from dashboard.periods import EARLIEST, LATEST, default_range

MULTI_VALUE = ("region", "language", "modality", "sector", "service", "kind")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
UI_LANGUAGES = ("nl", "en")
MAX_VALUES = 200  # values of one code parameter (issue 17): over thrice the 57 languages the demo registers


@dataclass(frozen=True)
class Problem:
    """A query-string parameter that could not be used: which one, what was wrong (a message key), the value."""

    parameter: str
    reason: str  # i18n key: "bad-date", "unknown-code", "to-before-from", "out-of-range", "unknown-language",
    # "outside-scope"
    value: str


@dataclass(frozen=True)
class Scope:
    """What an account may see (CONTRACT.md §7): every organisation (the default), the organisations of `regions`,
    or the one `organisation`. Parsing folds it into the filters, and the request queries apply it once more."""

    regions: tuple[str, ...] = ()
    organisation: int | None = None

    @property
    def unlimited(self) -> bool:
        return not self.regions and self.organisation is None


EVERYTHING = Scope()


@dataclass(frozen=True)
class Filters:
    """A slice of the data: Brussels dates [start, end] and sorted code tuples (empty = everything)."""

    start: date
    end: date
    region: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    service: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    scope: Scope = EVERYTHING  # never from the query string: the signed-in account's (dashboard.access)

    def key(self) -> tuple:
        """A hashable, normalised key for caching."""
        return (
            self.start.isoformat(),
            self.end.isoformat(),
            *(getattr(self, name) for name in MULTI_VALUE),
            self.scope.regions,
            self.scope.organisation,
        )

    def with_period(self, start: date, end: date) -> Filters:
        return replace(self, start=start, end=end)

    def query_pairs(self) -> list[tuple[str, str]]:
        """Query-string pairs in a stable order, multi-values comma-separated."""
        pairs = [("from", self.start.isoformat()), ("to", self.end.isoformat())]
        pairs += [(name, ",".join(getattr(self, name))) for name in MULTI_VALUE if getattr(self, name)]
        return pairs


@dataclass(frozen=True)
class Vocabulary:
    """The codes a filter may name: fixed ones from the contract, regions and languages from the database."""

    regions: frozenset[str]
    languages: frozenset[str]
    modalities: frozenset[str] = frozenset(codes.MODALITIES)
    sectors: frozenset[str] = frozenset(codes.SECTORS)
    services: frozenset[str] = frozenset(codes.SERVICES)
    kinds: frozenset[str] = frozenset(codes.KINDS)

    def allowed(self, parameter: str) -> frozenset[str]:
        return {
            "region": self.regions,
            "language": self.languages,
            "modality": self.modalities,
            "sector": self.sectors,
            "service": self.services,
            "kind": self.kinds,
        }[parameter]


@dataclass(frozen=True)
class ParsedQuery:
    """Filters, interface language and what was wrong with the query string."""

    filters: Filters
    lang: str = "nl"
    problems: tuple[Problem, ...] = field(default=())
    period_given: bool = True  # False: the query named no usable period and the default applies

    @property
    def search(self) -> str:
        """The normalised query string of what applies: a default period stays implicit (a copied link of the
        default view shows the default view of its day)."""
        return to_search(self.filters, self.lang, period=self.period_given)


def query_values(search: str | Mapping | None) -> dict[str, list[str]]:
    """Every value of every parameter: from '?a=1&a=2', a mapping of lists or of single strings."""
    if search is None:
        return {}
    if isinstance(search, str):
        values: dict[str, list[str]] = {}
        for name, value in parse_qsl(search.lstrip("?"), keep_blank_values=True):
            values.setdefault(name, []).append(value)
        return values
    return {name: list(v) if isinstance(v, list | tuple) else [v] for name, v in search.items()}


def parse_query(search, vocabulary: Vocabulary, today: date, scope: Scope = EVERYTHING) -> ParsedQuery:
    """Read filters and `lang` from a query string; bad values become defaults and problems. Within a `scope` of
    regions the region filter narrows the scope (a region outside it is an "outside-scope" problem) and defaults to
    the whole scope."""
    values = query_values(search)
    problems: list[Problem] = []
    start, end = _parse_period(values, today, problems)
    named = bool(values.get("from") or values.get("to"))
    given = named and not any(problem.parameter in ("from", "to") for problem in problems)
    chosen = {
        name: _parse_codes(name, values.get(name, []), vocabulary.allowed(name), problems) for name in MULTI_VALUE
    }
    if scope.regions:
        chosen["region"] = _within_scope(chosen["region"], scope.regions, problems)
    lang = (values.get("lang") or ["nl"])[-1]
    if lang not in UI_LANGUAGES:
        problems.append(Problem("lang", "unknown-language", lang))
        lang = "nl"
    return ParsedQuery(Filters(start, end, **chosen, scope=scope), lang, tuple(problems), period_given=given)


def _within_scope(regions: tuple[str, ...], scope: tuple[str, ...], problems: list[Problem]) -> tuple[str, ...]:
    """The chosen regions an account of `scope` may see, or its whole scope when none is chosen (or none of them
    may be seen: never more than the scope, and never an empty filter that would mean "every region")."""
    problems.extend(Problem("region", "outside-scope", code) for code in regions if code not in scope)
    return tuple(code for code in regions if code in scope) or tuple(sorted(scope))


def period_of(search, today: date) -> tuple[date, date]:
    """The period [start, end] a query string names (its problems aside: the default where it names none or a
    bad one), read as `parse_query` reads it, without the vocabulary."""
    return _parse_period(query_values(search if isinstance(search, str | Mapping) else ""), today, [])


def _parse_period(values, today: date, problems: list[Problem]) -> tuple[date, date]:
    default_start, default_end = default_range(today)
    start = _parse_date("from", values.get("from"), problems)
    end = _parse_date("to", values.get("to"), problems)
    if start and end and end < start:
        problems.append(Problem("to", "to-before-from", values["to"][-1]))
        return default_start, default_end
    if start and not end:
        end = max(start, default_end)
    if end and not start:
        start = min(end, default_start)
    return (start, end) if start and end else (default_start, default_end)


def _parse_date(name: str, raw: list[str] | None, problems: list[Problem]) -> date | None:
    """The last value as a calendar date written YYYY-MM-DD, the form the page writes; any other form is a
    "bad-date". Python 3.11's `date.fromisoformat` also reads ISO's basic (20220101), week (2022-W01-1) and
    ordinal (2022-001) forms: a week date as `to` would end the period on the week's first day, so those are
    refused with the form to use rather than guessed."""
    if not raw or raw[-1] == "":
        return None
    text = raw[-1]
    try:
        value = date.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or not ISO_DAY.fullmatch(text):
        problems.append(Problem(name, "bad-date", text))
        return None
    if not EARLIEST <= value <= LATEST:
        problems.append(Problem(name, "out-of-range", text))
        return None
    return value


def _parse_codes(name: str, raw: Iterable[str], allowed: frozenset[str], problems: list[Problem]) -> tuple[str, ...]:
    """The known codes among the values of `name`; more than MAX_VALUES values are one "too-many-values" problem
    (and everything: no list that long is worth checking code by code, nor an alert naming each)."""
    values = [part.strip() for item in raw for part in item.split(",")]
    if len(values) > MAX_VALUES:
        problems.append(Problem(name, "too-many-values", str(MAX_VALUES)))
        return ()
    chosen: set[str] = set()
    for value in values:
        if not value:
            continue
        if value in allowed:
            chosen.add(value)
        else:
            problems.append(Problem(name, "unknown-code", value))
    return tuple(sorted(chosen))


def to_search(filters: Filters, lang: str = "nl", period: bool = True) -> str:
    """The query string ('?…') for filters and interface language; `lang` only when not the default, the period
    only when `period`; '' when nothing is left."""
    pairs = filters.query_pairs()[0 if period else 2 :] + ([("lang", lang)] if lang != "nl" else [])
    return "?" + urlencode(pairs, safe=",") if pairs else ""
