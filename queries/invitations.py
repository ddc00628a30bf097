"""The taalhulp self-match flow (CONTRACT §1, `invitations`): invitations sent to volunteer language helpers.
The names of their pools (local governments) come from `queries.places.select_local_governments`."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Select, select

from dashboard.filters import Filters
from dashboard.periods import utc_bounds
from dashboard.schema import interpreters, invitations, requests
from queries._filters import filter_requests
from queries._time import brussels_month


def select_invitations(filters: Filters) -> Select:
    """Invitations sent on the period's Brussels days, for requests in the slice: one row each, with the helper's
    pool (local government), the Brussels month sent, the moments sent and answered, and the response.

    The period applies to `sent_at` (the invitation's own moment), the other filters to the request, except the
    kind: it selects the invited helpers' kind (the request may have found nobody)."""
    start, end = utc_bounds(filters.start, filters.end)
    statement = (
        select(
            invitations.c.id,
            invitations.c.request_id,
            invitations.c.interpreter_id,
            interpreters.c.local_government_id,
            brussels_month(invitations.c.sent_at).label("month"),
            invitations.c.sent_at,
            invitations.c.responded_at,
            invitations.c.response,
        )
        .join_from(invitations, requests, requests.c.id == invitations.c.request_id)
        .join(interpreters, interpreters.c.id == invitations.c.interpreter_id)
        .where(invitations.c.sent_at >= start, invitations.c.sent_at < end)
    )
    if filters.kind:
        statement = statement.where(interpreters.c.kind.in_(filters.kind))
    # in a fixed order, whichever engine reads it (PostgreSQL, SQLite and the replica each return their own)
    return filter_requests(statement, replace(filters, kind=()), period=False).order_by(invitations.c.id)
