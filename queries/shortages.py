"""Who served a language: completed requests by the interpreter's kind and whether they also speak another
language (Ukrainian served by Russian-speaking interpreters)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Select, exists, func, select

from dashboard.filters import Filters
from dashboard.schema import interpreter_languages, interpreters, languages, requests
from queries._filters import filter_requests


def select_served_by(filters: Filters, language_code: str, also_speaks: str) -> Select:
    """Completed requests in `language_code` in the slice (its language filter replaced), per interpreter kind and
    whether the interpreter also speaks `also_speaks`."""
    speaks_other = exists().where(
        interpreter_languages.c.interpreter_id == requests.c.interpreter_id,
        interpreter_languages.c.language_id
        == select(languages.c.id).where(languages.c.code == also_speaks).scalar_subquery(),
    )
    statement = (
        select(interpreters.c.kind, speaks_other.label("also_speaks"), func.count().label("completed"))
        .join_from(requests, interpreters, interpreters.c.id == requests.c.interpreter_id)
        .where(requests.c.status == "completed")
    )
    statement = filter_requests(statement, replace(filters, language=(language_code,)))
    return statement.group_by(interpreters.c.kind, speaks_other)
