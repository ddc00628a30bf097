"""What callbacks and routes share: the settings, the cached data access, and query-string parsing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

from dashboard.access import current_scope
from dashboard.data import DataAccess
from dashboard.filters import ParsedQuery, Scope, Vocabulary, parse_query, query_values
from dashboard.periods import brussels_today
from dashboard.settings import Settings
from queries.reference import select_languages, select_regions


@dataclass(frozen=True)
class Context:
    """One per app: built by the factory and handed to every `register(app, context)`."""

    settings: Settings
    data: DataAccess
    targets: dict = field(default_factory=dict)  # figure name -> dashboard.targets.Target, read at start
    events: list = field(default_factory=list)  # dashboard.events.Event, read at start
    forecaster: object = None  # dashboard.forecasting.Forecaster: demand forecasts, computed in the background

    def vocabulary(self) -> Vocabulary:
        """Codes the filters may name: fixed ones and the regions and languages in the database."""
        return Vocabulary(
            regions=frozenset(self.data.fetch(select_regions).code),
            languages=frozenset(self.data.fetch(select_languages).code),
        )

    def today(self) -> date:
        """The Brussels day of "now" (STV_NOW or the wall clock); part of every kept page answer's key, so it
        does not limit their lifetime as reading the time does (Settings.current_time)."""
        return brussels_today(self.settings.clock_time())

    def parse(self, search) -> ParsedQuery:
        """Filters, interface language and problems of a query string, with "today" from the settings, within
        the scope of the request's account (dashboard.access).

        The page's callbacks all read the same normalised string from the shell (`ids.QUERY`): it is parsed once
        per worker and remembered; a string that is not the shell's is parsed and validated like any other."""
        if isinstance(search, Mapping):  # the report's and exports' parameters
            search = urlencode([(name, v) for name, values in query_values(search).items() for v in values])
        elif not isinstance(search, str):  # a forged callback payload
            search = ""
        return _parse(search, self.vocabulary(), self.today(), current_scope())


@lru_cache(maxsize=256)
def _parse(search: str, vocabulary: Vocabulary, today, scope: Scope) -> ParsedQuery:
    return parse_query(search, vocabulary, today, scope)
