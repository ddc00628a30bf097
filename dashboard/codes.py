"""The codes of the operational database (CONTRACT.md section 2) and the annual-report buckets.

One place for every code, so that the schema, the demo data and the queries cannot disagree.
"""

from __future__ import annotations

from typing import NamedTuple

MODALITIES = ("onsite", "phone", "video", "translation")
SERVICES = ("interpreter", "taalhulp")
KINDS = ("certified", "sworn", "in_training", "crisis", "taalhulp", "commercial")
SECTORS = (
    "welfare",
    "public_services",
    "education",
    "health",
    "mental_health",
    "asylum_reception",
    "integration",
    "work",
    "housing",
    "justice",
    "other",
)
INVITATION_RESPONSES = ("accepted", "refused")

# Request statuses, grouped by the annual-report bucket they fall in (2022 annual report, fig. 47).
IN_PROGRESS = ("pending", "matched")
COMPLETED = ("completed",)
NOT_COMPLETED = (
    "cancelled_client_timely",
    "cancelled_client_late",
    "cancelled_interpreter",
    "cancelled_service",
    "no_show_client",
    "no_show_interpreter",
)
NOT_AVAILABLE = ("unanswered_no_interpreter", "unanswered_language_unavailable")
OTHER_REASON = ("unanswered_wrong_service", "unanswered_other")


class Fallthrough(NamedTuple):
    """Who let an assigned request fall through (`party`), and the name of the status's rate (its count ÷ the
    answered requests; CONTRACT §3 defines three of them, the no-shows page the other three)."""

    party: str
    rate: str


PARTIES = ("client", "interpreter", "service")
# Each not-completed status, its party and its rate, in the reading order of the no-shows page: the no-shows, the
# late (billable) cancellation, then the other cancellations.
NOT_COMPLETED_PARTIES: dict[str, Fallthrough] = {
    "no_show_client": Fallthrough("client", "no_show_client_rate"),
    "no_show_interpreter": Fallthrough("interpreter", "no_show_interpreter_rate"),
    "cancelled_client_late": Fallthrough("client", "late_cancellation_rate"),
    "cancelled_client_timely": Fallthrough("client", "timely_cancellation_rate"),
    "cancelled_interpreter": Fallthrough("interpreter", "interpreter_cancellation_rate"),
    "cancelled_service": Fallthrough("service", "service_cancellation_rate"),
}
assert set(NOT_COMPLETED_PARTIES) == set(NOT_COMPLETED)


def party_statuses(party: str) -> tuple[str, ...]:
    """The not-completed statuses `party` caused, in the contract's order."""
    return tuple(status for status in NOT_COMPLETED if NOT_COMPLETED_PARTIES[status].party == party)


ANSWERED = COMPLETED + NOT_COMPLETED
UNANSWERED = NOT_AVAILABLE + OTHER_REASON
FINAL_STATUSES = ANSWERED + UNANSWERED
STATUSES = IN_PROGRESS + FINAL_STATUSES

# Bands of booking lead time (scheduled_start − requested_at, in real hours; CONTRACT §4 `lead-time`): each band's
# code and its upper bound in hours (exclusive; None: no bound). The 24 h and 72 h bounds are the providers' rules
# for booking remote interpreting (at least 24 h ahead, video preferably 72 h).
LEAD_TIME_BANDS: tuple[tuple[str, int | None], ...] = (("lt24h", 24), ("24-72h", 72), ("3-7d", 168), ("gt7d", None))
LEAD_TIME_BAND_CODES = tuple(band for band, _ in LEAD_TIME_BANDS)
