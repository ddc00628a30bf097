"""Interpreter activity (issue 6.2): active against registered interpreters per kind and language, hours
interpreted per interpreter, interpreters registered but inactive for six months, the kinds that served each
language, and the taalhulp invitation flow.

Definitions (shown on the page too):
- active = distinct interpreters with a completed request in the slice; registered = in the register or a pool on
  the period's last day, of the chosen kinds and languages (CONTRACT §3); in the register during the period = at
  some time within it (`registered_in_period`); activity rate = the active among those in the register during the
  period ÷ those in the register during the period (dashboard/activity.py), never above 100 %.
  Per language, an interpreter is active in the languages of their completed requests and registered in every
  language they speak.
- hours per interpreter = the sum over their completed requests in the slice of the actual length (`actual_min`),
  or the booked length (`duration_min`) where no actual length was recorded; requests with neither (translations
  usually) add nothing, and interpreters with no length at all are left out of the distribution. Quantiles
  interpolate linearly between the two nearest values (as Excel's PERCENTILE.INC).
- inactive for six months: registered on the reference day (the period's last day, or today when the period runs
  on past it), registered at least since the same date six months earlier, and without any completed request
  (in any language, region or modality) made on the Brussels days from that date to the reference day. Only the
  kind and language filters apply, as for registered interpreters.
- taalhulp flow: invitations sent on the period's days (Brussels), for requests in the slice (the kind filter
  selects the invited helpers' kind). Acceptance rate = accepted ÷ responded; response rate = responded ÷ sent;
  response time = responded_at − sent_at in hours (median over responded invitations). "No response" counts
  invitations without a recorded response, including recent ones that may still be answered.

Interpreters appear by id only, never by name: the database holds no names.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from dashboard import codes
from dashboard.activity import register_activity, with_activity_rate
from dashboard.data import UNWATCHED_MAX_AGE, DataAccess
from dashboard.filters import Filters
from dashboard.i18n import code_name
from dashboard.metrics import rates_of
from dashboard.periods import BRUSSELS, add_months, brussels_today, month_end, months_between
from dashboard.views import language_names, with_language_names
from queries.interpreter_activity import (
    select_inactive_interpreters,
    select_interpreter_languages,
    select_interpreter_minutes,
    select_registered_by_kind,
)
from queries.interpreters import select_registered_by_language, select_registered_interpreters
from queries.invitations import select_invitations
from queries.places import select_local_governments

INACTIVE_MONTHS = 6
# Bin widths (hours) the histogram may use: the smallest that gives at most MAX_BINS bins.
BIN_WIDTHS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
MAX_BINS = 25
QUANTILES = {"p10_hours": 0.10, "p25_hours": 0.25, "median_hours": 0.50, "p75_hours": 0.75, "p90_hours": 0.90}

ACTIVITY_COUNTS = ("registered_in_period", "active_in_register")  # dashboard.activity
ACTIVITY_COLUMNS = (
    "group",
    "code",
    "label",
    "registered_interpreters",
    "registered_in_period",
    "active_interpreters",
    "active_in_register",
    "activity_rate",
)
HOURS_COLUMNS = ("interpreter_id", "kind", "completed", "hours", "booked_length_used", "without_length")
HOURS_SUMMARY_COLUMNS = (
    "interpreters",
    "total_hours",
    "mean_hours",
    *QUANTILES,
    "max_hours",
    "booked_length_used",
    "without_length",
    "without_any_length",
)
INACTIVE_COLUMNS = ("interpreter_id", "kind", "languages", "registered_on", "last_completed")
KIND_MIX_COLUMNS = ("language_code", "language", "kind", "completed", "share")
FLOW_COUNTS = (
    "invitations",
    "responded",
    "accepted",
    "refused",
    "no_response",
    "requests_invited",
    "requests_accepted",
)
FLOW_RATES = ("acceptance_rate", "response_rate")
FLOW_COLUMNS = (*FLOW_COUNTS, *FLOW_RATES, "median_response_hours")
POOL_COLUMNS = ("local_government_id", "local_government", "region_code", *FLOW_COLUMNS)


# --- active against registered ------------------------------------------------------------------------------------


def activity_by_kind(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Per interpreter kind (the contract's order) with registered or active interpreters: registered at the
    period's end, in the register during it, active, active among those in the register, and the activity rate."""
    registered = (
        data.fetch(select_registered_by_kind, filters, max_age=UNWATCHED_MAX_AGE)
        .set_index("kind")
        .registered_interpreters
    )
    active = data.active_counts(filters, ("kind",)).set_index("kind").active_interpreters
    table = pd.DataFrame({"kind": list(codes.KINDS)})
    table["registered_interpreters"] = table.kind.map(registered).fillna(0).astype("int64")
    table["active_interpreters"] = table.kind.map(active).fillna(0).astype("int64")
    table = _with_register_activity(table, register_activity(data, filters, "kind"), "kind")
    return table.reset_index(drop=True)


def activity_by_language(data: DataAccess, filters: Filters, lang: str = "nl") -> pd.DataFrame:
    """Per language with registered or active interpreters: registered at the period's end and in the register
    during it (speaking it), active (with a completed request in it), active among those in the register, and the
    activity rate; most registered first."""
    registered = (
        data.fetch(select_registered_by_language, filters, max_age=UNWATCHED_MAX_AGE)
        .set_index("language_code")
        .registered_interpreters
    )
    active = data.active_counts(filters, ("language_id",)).set_index("language_id").active_interpreters
    table = language_names(data, lang)
    table["registered_interpreters"] = table.language_code.map(registered).fillna(0).astype("int64")
    table["active_interpreters"] = table.language_id.map(active).fillna(0).astype("int64")
    table = _with_register_activity(table, register_activity(data, filters, "language_id"), "language_id")
    table = table.sort_values(["registered_interpreters", "language_code"], ascending=[False, True], kind="stable")
    return table[["language_code", "language", *ACTIVITY_COLUMNS[3:]]].reset_index(drop=True)


def _with_register_activity(table: pd.DataFrame, register: pd.DataFrame, key: str) -> pd.DataFrame:
    """`table` (one row per `key`) with the register's counts (0 where none) and the activity rate; only the
    rows with anyone registered (at the end or during the period) or active."""
    counts = register.set_index(key)
    for column in ACTIVITY_COUNTS:
        table[column] = table[key].map(counts[column]).fillna(0).astype("int64")
    shown = (table.registered_interpreters > 0) | (table.registered_in_period > 0) | (table.active_interpreters > 0)
    return with_activity_rate(table[shown])


def activity(data: DataAccess, filters: Filters, lang: str = "nl") -> pd.DataFrame:
    """Per kind, then per language, in one table (the `interpreter-activity` export): group (kind or language),
    code, label, registered, active, activity rate."""
    kinds = activity_by_kind(data, filters)
    kinds = kinds.assign(group="kind", code=kinds.kind, label=[code_name("kind", k, lang) for k in kinds.kind])
    languages = activity_by_language(data, filters, lang)
    languages = languages.assign(group="language", code=languages.language_code, label=languages.language)
    return pd.concat([kinds, languages], ignore_index=True)[list(ACTIVITY_COLUMNS)]


def headline(data: DataAccess, filters: Filters, today: date | None = None) -> pd.DataFrame:
    """The page's headline figures in one row: registered (at the end, and during the period), active, activity
    rate, inactive for six months and the median hours per interpreter."""
    registered = int(data.fetch(select_registered_interpreters, filters, max_age=UNWATCHED_MAX_AGE).iloc[0, 0])
    active = int(data.active_counts(filters).active_interpreters.iloc[0])
    register = with_activity_rate(register_activity(data, filters)).iloc[0]
    return pd.DataFrame(
        [
            {
                "registered_interpreters": registered,
                "registered_in_period": int(register.registered_in_period),
                "active_interpreters": active,
                "activity_rate": register.activity_rate,
                "inactive_interpreters": len(_inactive_rows(data, filters, today)),
                "median_hours": hours_summary(data, filters).median_hours.iloc[0],
            }
        ]
    )


# --- hours per interpreter ----------------------------------------------------------------------------------------


def hours_per_interpreter(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Per interpreter id with a completed request in the slice: kind, completed requests, hours (empty when no
    request had a length), requests where the booked length stood in, requests without any length; by id."""
    table = data.fetch(select_interpreter_minutes, filters)
    minutes = pd.to_numeric(table.minutes, errors="coerce")
    table = table.assign(hours=(minutes / 60).astype(object).where(minutes.notna(), None))
    table = table.astype(
        {"interpreter_id": "int64", "completed": "int64", "booked_length_used": "int64", "without_length": "int64"}
    )
    return table.sort_values("interpreter_id")[list(HOURS_COLUMNS)].reset_index(drop=True)


def bin_width(largest: float) -> float:
    """The smallest width of BIN_WIDTHS that puts values up to `largest` into at most MAX_BINS bins."""
    for width in BIN_WIDTHS:
        if largest < width * MAX_BINS:
            return width
    return BIN_WIDTHS[-1] * (int(largest // (BIN_WIDTHS[-1] * MAX_BINS)) + 1)


def hours_histogram(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Interpreters per bin of hours [bin_start, bin_end) and kind (interpreters with a length only)."""
    hours = hours_per_interpreter(data, filters).dropna(subset=["hours"])
    if hours.empty:
        return pd.DataFrame(columns=["bin_start", "bin_end", "kind", "interpreters"])
    width = bin_width(float(hours.hours.max()))
    starts = (hours.hours.astype(float) // width) * width
    table = hours.assign(bin_start=starts).groupby(["bin_start", "kind"], as_index=False).size()
    table = table.rename(columns={"size": "interpreters"}).assign(bin_end=lambda t: t.bin_start + width)
    return table[["bin_start", "bin_end", "kind", "interpreters"]]


def hours_summary(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The distribution in one row: interpreters with a length, total and mean hours, quantiles, maximum, requests
    where the booked length stood in, requests without any length, interpreters without any length."""
    table = hours_per_interpreter(data, filters)
    hours = table.hours.dropna().to_numpy(float)
    found = len(hours) > 0
    quantiles = np.quantile(hours, list(QUANTILES.values())) if found else [None] * len(QUANTILES)  # linear
    row = {
        "interpreters": len(hours),
        "total_hours": float(hours.sum()),
        "mean_hours": float(hours.mean()) if found else None,
    }
    row |= {name: None if value is None else float(value) for name, value in zip(QUANTILES, quantiles)}
    row |= {
        "max_hours": float(hours.max()) if found else None,
        "booked_length_used": int(table.booked_length_used.sum()),
        "without_length": int(table.without_length.sum()),
        "without_any_length": int(table.hours.isna().sum()),
    }
    return pd.DataFrame([row], columns=list(HOURS_SUMMARY_COLUMNS))


# --- inactive for six months --------------------------------------------------------------------------------------


def inactivity_window(filters: Filters, today: date | None = None) -> tuple[date, date]:
    """(reference day, first day of the six months up to it): the reference is the period's last day, or today
    when the period runs on past today; the first day is the same date six months earlier (the month's last day
    where that month is shorter)."""
    reference = min(filters.end, today) if today else filters.end
    first = add_months(reference, -INACTIVE_MONTHS)
    return reference, first.replace(day=min(reference.day, month_end(first).day))


def inactive(data: DataAccess, filters: Filters, today: date | None = None) -> pd.DataFrame:
    """Interpreters registered but inactive for six months (see `inactivity_window`): id, kind, the language codes
    they speak, registration date and the Brussels day of their last completed request (empty: never)."""
    table = _inactive_rows(data, filters, today)
    pairs = data.fetch(select_interpreter_languages, max_age=UNWATCHED_MAX_AGE)
    pairs = pairs[pairs.interpreter_id.isin(table.interpreter_id)]
    spoken: dict[int, list[str]] = {}
    for interpreter, code in zip(pairs.interpreter_id, pairs.language_code):
        spoken.setdefault(interpreter, []).append(code)
    table = table.assign(
        languages=[", ".join(spoken.get(i, [])) for i in table.interpreter_id],
        last_completed=_brussels_days(table.last_completed_at),
        registered_on=[_as_date(d) for d in table.registered_on],
    )
    return table.astype({"interpreter_id": "int64"})[list(INACTIVE_COLUMNS)].reset_index(drop=True)


def _inactive_rows(data: DataAccess, filters: Filters, today: date | None) -> pd.DataFrame:
    reference, since = inactivity_window(filters, today)
    return data.fetch(select_inactive_interpreters, filters, reference, since, max_age=UNWATCHED_MAX_AGE)


def inactive_by_language(
    data: DataAccess, filters: Filters, today: date | None = None, lang: str = "nl"
) -> pd.DataFrame:
    """Inactive interpreters per language they speak (the chosen languages only, when languages are chosen) and
    kind (one column per kind with any, then the total): an interpreter with two languages counts in both."""
    table = inactive(data, filters, today)
    pairs = data.fetch(select_interpreter_languages, max_age=UNWATCHED_MAX_AGE)
    pairs = pairs[pairs.interpreter_id.isin(table.interpreter_id)].merge(table[["interpreter_id", "kind"]])
    if filters.language:
        pairs = pairs[pairs.language_code.isin(filters.language)]
    kinds = [k for k in codes.KINDS if k in set(table.kind)]
    counts = pairs.pivot_table(
        index="language_code", columns="kind", values="interpreter_id", aggfunc="count", fill_value=0
    ).reindex(columns=kinds, fill_value=0)
    counts = counts.assign(total=counts.sum(axis=1)).astype("int64").reset_index().rename_axis(columns=None)
    names = language_names(data, lang).set_index("language_code").language
    counts.insert(1, "language", counts.language_code.map(names))
    return counts.sort_values(["total", "language_code"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _brussels_days(moments: pd.Series) -> list:
    """The Brussels calendar day of each UTC moment (naive ones read as UTC), None where empty."""
    stamps = pd.to_datetime(moments, utc=True)
    return [None if pd.isna(s) else s.tz_convert(BRUSSELS).date() for s in stamps]


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# --- who served each language -------------------------------------------------------------------------------------


def kind_mix(data: DataAccess, filters: Filters, lang: str = "nl") -> pd.DataFrame:
    """Completed requests per language and kind of the interpreter who carried them out, and the kind's share of
    the language's completed requests; busiest language first, kinds in the contract's order."""
    counts = data.status_counts(filters, ("language_id", "kind"))
    counts = (
        counts[(counts.status == "completed") & counts.kind.notna()]
        .groupby(["language_id", "kind"], as_index=False)
        .n.sum()
        .rename(columns={"n": "completed"})
    )
    counts = with_language_names(data, counts, lang)
    totals = counts.groupby("language_code").completed.transform("sum")
    counts = rates_of(counts, {"share": ("completed", totals)})
    counts["order"] = counts.kind.map({k: i for i, k in enumerate(codes.KINDS)})
    counts = counts.assign(total=totals).sort_values(["total", "language_code", "order"], ascending=[False, True, True])
    return counts[list(KIND_MIX_COLUMNS)].astype({"completed": "int64"}).reset_index(drop=True)


# --- the taalhulp flow --------------------------------------------------------------------------------------------


def invitations(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The invitations of the slice, one row each, with the response time in hours (empty without a response)."""
    table = data.fetch(select_invitations, filters, max_age=UNWATCHED_MAX_AGE)
    sent, answered = pd.to_datetime(table.sent_at, utc=True), pd.to_datetime(table.responded_at, utc=True)
    hours = (answered - sent).dt.total_seconds() / 3600
    return table.assign(response_hours=hours.where(hours >= 0).to_numpy())  # an answer before sending: unknown


def _flow_counts(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """Per value of `key` (empty values kept): the flow's counts and the median response time."""
    accepted = rows.response == "accepted"
    responded = rows.response.notna()  # the answer itself: responded + no response = invitations, always
    marks = pd.DataFrame(
        {
            key: rows[key],
            "request_id": rows.request_id,
            "responded": responded,
            "accepted": accepted,
            "refused": rows.response == "refused",
            "no_response": ~responded,
            "accepted_request": rows.request_id.where(accepted),
            "hours": rows.response_hours.astype(float),
        }
    )
    return marks.groupby(key, dropna=False).agg(
        invitations=("request_id", "size"),
        responded=("responded", "sum"),
        accepted=("accepted", "sum"),
        refused=("refused", "sum"),
        no_response=("no_response", "sum"),
        requests_invited=("request_id", "nunique"),
        requests_accepted=("accepted_request", "nunique"),
        median_response_hours=("hours", "median"),
    )


def _with_flow_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Counts (missing ones 0) with the acceptance and response rates; empty rates and medians None."""
    table = counts.copy()
    table[list(FLOW_COUNTS)] = table[list(FLOW_COUNTS)].fillna(0).astype("int64")
    table = rates_of(
        table, {"acceptance_rate": ("accepted", "responded"), "response_rate": ("responded", "invitations")}
    )
    table["median_response_hours"] = table.median_response_hours.astype(object).where(
        table.median_response_hours.notna(), None
    )
    return table


def taalhulp_summary(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The slice's taalhulp flow in one row."""
    counts = _flow_counts(invitations(data, filters).assign(slice=0), "slice").reindex([0])
    return _with_flow_rates(counts)[list(FLOW_COLUMNS)].reset_index(drop=True)


def taalhulp_by_pool(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The flow per pool (the invited helper's local government; empty id for helpers without one); most
    invitations first (the `taalhulp-invitations` export)."""
    table = _with_flow_rates(_flow_counts(invitations(data, filters), "local_government_id")).reset_index()
    pools = data.fetch(select_local_governments).set_index("id")
    table["local_government_id"] = [None if pd.isna(p) else int(p) for p in table.local_government_id]
    table["local_government"] = [pools["name"].get(p, "") if p is not None else "" for p in table.local_government_id]
    table["region_code"] = [pools.region_code.get(p, "") if p is not None else "" for p in table.local_government_id]
    table = table.sort_values(["invitations", "local_government"], ascending=[False, True], kind="stable")
    return table[list(POOL_COLUMNS)].reset_index(drop=True)


def taalhulp_monthly(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The flow per Brussels month of sending, every month of the period (empty months with zeros)."""
    counts = _flow_counts(invitations(data, filters), "month").reindex(months_between(filters.start, filters.end))
    return _with_flow_rates(counts).rename_axis("month").reset_index()[["month", *FLOW_COLUMNS]]


EXPORTS = {
    "interpreter-activity": lambda context, filters, lang: activity(context.data, filters, lang),
    "interpreter-hours": lambda context, filters, lang: hours_per_interpreter(context.data, filters),
    "interpreters-inactive": lambda context, filters, lang: inactive(
        context.data, filters, brussels_today(context.settings.current_time())
    ),
    "interpreter-kind-mix": lambda context, filters, lang: kind_mix(context.data, filters, lang),
    "taalhulp-invitations": lambda context, filters, lang: taalhulp_by_pool(context.data, filters),
}
