"""What callbacks and routes share: the settings, the cached data access, and query-string parsing."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.data import DataAccess
from dashboard.filters import ParsedQuery, Vocabulary, parse_query
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

    def parse(self, search) -> ParsedQuery:
        """Filters, interface language and problems of a query string, with "today" from the settings."""
        return parse_query(search, self.vocabulary(), brussels_today(self.settings.current_time()))
