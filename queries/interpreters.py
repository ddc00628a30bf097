"""Registered interpreters (CONTRACT.md §3): in the register or a pool at the end of the period
(`registered_interpreters`), or at some time within it (`registered_in_period`, the activity rate's denominator)."""

from __future__ import annotations

from sqlalchemy import Select, and_, func, or_, select

from dashboard.filters import Filters
from dashboard.schema import interpreter_languages, interpreters, languages
from queries._filters import interpreter_scope, language_ids, speaks


def registered_at_end(filters: Filters) -> list:
    """Registered on or before the period's last day and not left by then, of the chosen kinds."""
    return _registered_between(filters, filters.end)


def registered_in_period(filters: Filters) -> list:
    """In the register at some time within the period: registered on or before its last day and not left by its
    first (left on the first day: gone before the period began), of the chosen kinds."""
    return _registered_between(filters, filters.start)


def _registered_between(filters: Filters, not_left_by) -> list:
    """Registered by the period's end, not left on or before `not_left_by`, of the chosen kinds, in scope."""
    conditions = [
        interpreters.c.registered_on <= filters.end,
        or_(interpreters.c.left_on.is_(None), interpreters.c.left_on > not_left_by),
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


def select_register_in_period(filters: Filters) -> Select:
    """Every interpreter in the register during the period (`registered_in_period`): interpreter_id, kind and
    language_id, one row per language spoken (the chosen ones only, where languages are chosen; one row with an
    empty language for an interpreter who speaks none, when none are chosen).

    Ids rather than counts: the activity rate's numerator is the active interpreters among them, and who was
    active may come from the aggregate store, a different database (dashboard.activity)."""
    statement = (
        select(interpreters.c.id.label("interpreter_id"), interpreters.c.kind, interpreter_languages.c.language_id)
        .join_from(
            interpreters,
            interpreter_languages,
            interpreter_languages.c.interpreter_id == interpreters.c.id,
            isouter=not filters.language,
        )
        .where(*registered_in_period(filters))
        .order_by(interpreters.c.id, interpreter_languages.c.language_id)
    )
    if filters.language:
        statement = statement.where(interpreter_languages.c.language_id.in_(language_ids(filters.language)))
    return statement
