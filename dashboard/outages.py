"""Outages of the operational database and of the cache: noticed by the data-version probe or the first failing
call, logged once (one line when it starts, one when it ends), shown on every page, and over by themselves.

- The operational database: the probe (`dashboard.data`, once per probe interval for all workers that share the
  cache) fails. Pages go on with the figures of the last version that was read (`figures_from`) as far as they are
  cached, under a banner that says since when the database cannot be reached; exports, reports and /healthz
  answer 503 with `Retry-After`. The next probe that succeeds ends the outage, within one probe interval of the
  database's return.
- The cache (Redis): the first call that fails logs a warning, later ones are not tried for a probe interval
  (results are computed uncached meanwhile), then the cache is tried again; the first call that succeeds logs
  its return.
Which worker logs: the one whose `add` of the outage's entry in the shared cache succeeds (its delete, for the
end), so that several workers log an outage once; with the cache down too, each worker logs its own.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("dashboard.outages")


@dataclass(frozen=True)
class Outage:
    """The operational database cannot be read since `since` (epoch seconds); the figures shown are those read
    at `figures_from` (None: nothing was read before, so nothing can be shown)."""

    since: float
    figures_from: float | None


class CacheHealth:
    """Whether the cache answers: after a failure it is left alone for `retry_seconds`, then tried again."""

    def __init__(self, retry_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.retry_seconds = retry_seconds
        self.clock = clock
        self.down_since: float | None = None
        self._retry_at = 0.0
        self._lock = threading.Lock()

    @property
    def usable(self) -> bool:
        """Whether to call the cache now: it answered last time, or its pause is over."""
        return self.down_since is None or self.clock() >= self._retry_at

    def failed(self, error: Exception) -> None:
        """A call failed: warn once per outage, and pause."""
        with self._lock:
            now = self.clock()
            self._retry_at = now + self.retry_seconds
            if self.down_since is None:
                self.down_since = now
                log.warning("cache unreachable (%s): serving uncached until it answers", _first_line(error))

    def answered(self) -> None:
        """A call succeeded: end the outage, if there was one (one line)."""
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is not None:
                log.warning("cache reachable again after %.0f s", self.clock() - self.down_since)
                self.down_since = None


def database_down(since: float, error: str, first: bool) -> None:
    """Log the start of an outage of the operational database (only where `first`: the worker that noticed)."""
    if first:
        log.error("operational database unreachable since %s: %s", _clock_time(since), error)


def database_back(since: float, first: bool) -> None:
    """Log the end of an outage of the operational database (only where `first`)."""
    if first:
        log.warning(
            "operational database reachable again after %.0f s (unreachable since %s)",
            time.time() - since,
            _clock_time(since),
        )


def _clock_time(moment: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(moment))


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]
