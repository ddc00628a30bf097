"""Registered interpreters (CONTRACT.md §3): in the register or a pool at the end of the period."""

from __future__ import annotations

from sqlalchemy import Select, and_, func, or_, select

from dashboard.filters import Filters
from dashboard.schema import interpreter_languages, interpreters, languages
from queries._filters import interpreter_scope, speaks


def registered_at_end(filters: Filters) -> list:
    """Registered on or before the period's last day and not left by then, of the chosen kinds."""
    conditions = [
        interpreters.c.registered_on <= filters.end,
        or_(interpreters.c.left_on.is_(None), interpreters.c.left_on > filters.end),
    ]
    if filters.kind:
        conditions.append(interpreters.c.kind.in_(filters.kind))
    return conditions + interpreter_scope(filters.scope)


def select_registered_interpreters(filters: Filters) -> Select:
    """One value: registered interpreters of the chosen kinds, speaking a chosen language where one is chosen."""
    conditions = registered_at_end(filters)
    if filters.language:
        conditions.append(speaks(filters.language))
    return select(func.count().label("registered_interpreters")).where(and_(*conditions))


def select_registered_by_language(filters: Filters) -> Select:
    """Per language code: registered interpreters (of the chosen kinds) who speak it."""
    statement = (
        select(languages.c.code.label("language_code"), func.count().label("registered_interpreters"))
        .join_from(interpreter_languages, interpreters, interpreters.c.id == interpreter_languages.c.interpreter_id)
        .join(languages, languages.c.id == interpreter_languages.c.language_id)
        .where(*registered_at_end(filters))
        .group_by(languages.c.code)
    )
    if filters.language:
        statement = statement.where(languages.c.code.in_(filters.language))
    return statement
