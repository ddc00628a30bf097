"""The outage banner of every page: while the operational database cannot be reached (`dashboard.outages`), since
when, and from when the figures still shown are; gone by itself once the database answers again.

Asked on every page load, navigation and filter change (the URL), and, only while a banner shows, every probe
interval by the shell's timer, until the outage is over. The timer is off otherwise: a request every few seconds
from every open tab would keep its session from ever going idle (sessions end after 30 idle minutes)."""

from __future__ import annotations

from datetime import UTC, datetime

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output

from dashboard import ids
from dashboard.context import Context
from dashboard.filters import query_values
from dashboard.i18n import t
from dashboard.outages import Outage
from dashboard.periods import BRUSSELS
from layouts._page import page_lang


def register(app: dash.Dash, context: Context) -> None:
    """The banner follows the URL (its language) and the shell's timer."""

    @app.callback(
        *OUTPUTS,
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        Input(ids.OUTAGE_TICK, "n_intervals"),
        prevent_initial_call=True,  # drawn with the layout (callbacks.shell.first_paint)
    )
    def show_outage(_path, search, _tick):
        return outage_state(context, search)


OUTPUTS = (Output(ids.OUTAGE, "children"), Output(ids.OUTAGE_TICK, "disabled"))


def outage_state(context: Context, search) -> tuple:
    """The banner in the URL's language, and whether the timer that asks again is off (no outage)."""
    lang = page_lang(query_values(search if isinstance(search, str) else ""))
    outage = context.data.outage()
    return banner(outage, lang), outage is None


def banner(outage: Outage | None, lang: str) -> dbc.Alert | None:
    """The banner for `outage` in `lang` (times as hh:mm in Brussels), or nothing without one."""
    if outage is None:
        return None
    since = _clock(outage.since)
    if outage.figures_from is None:
        text = t("outage-banner-no-figures", lang, since=since)
    else:
        text = t("outage-banner", lang, since=since, figures=_clock(outage.figures_from))
    return dbc.Alert(text, color="warning", className="outage-banner mb-3")


def _clock(moment: float) -> str:
    return f"{datetime.fromtimestamp(moment, UTC).astimezone(BRUSSELS):%H:%M}"
