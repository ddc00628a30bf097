"""The codes of the operational database (CONTRACT.md section 2) and the annual-report buckets.

One place for every code, so that the schema, the demo data and the queries cannot disagree.
"""

from __future__ import annotations

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

ANSWERED = COMPLETED + NOT_COMPLETED
UNANSWERED = NOT_AVAILABLE + OTHER_REASON
FINAL_STATUSES = ANSWERED + UNANSWERED
STATUSES = IN_PROGRESS + FINAL_STATUSES
