"""`/data-quality`: gaps and inconsistencies in the registered data, each with its count, what it means, and
links to the requests or organisations concerned."""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from layouts import register
from layouts._charts_places import defect_columns, layout_grid
from layouts._page import page_frame, page_lang
from queries.data_quality import CHECKS, STALE_AFTER_DAYS

NAME = "data-quality"


def layout(query: dict) -> html.Div:
    """The page's skeleton: a card per check, then a section per check; counts, breakdowns and rows arrive from
    `callbacks.data_quality`."""
    lang = page_lang(query)
    body = html.Div(
        [
            html.P(id=ids.page(NAME, "scope"), className="small mb-2"),
            dcc.Loading(
                html.Div(id=ids.page(NAME, "summary"), className="row row-cols-1 row-cols-md-3 row-cols-xl-5"),
                type="default",
            ),
            *(check_section(check, lang) for check in CHECKS),
        ]
    )
    return page_frame(NAME, query, "data-quality-title", "data-quality-lead", body)


def check_section(check: str, lang: str) -> html.Section:
    """A check: what it means, its breakdown (age bands, statuses or rules), and the organisations concerned."""
    return html.Section(
        [
            html.H3(t(f"data-quality-check-{check}", lang), className="h5 mt-4 mb-0"),
            html.P(t(f"data-quality-def-{check}", lang, days=STALE_AFTER_DAYS), className="small text-muted mb-2"),
            dcc.Loading(html.Div(id=ids.page(NAME, f"detail-{check}")), type="default"),
            html.H4(t("data-quality-by-organisation", lang), className="h6 mt-2"),
            layout_grid(
                ids.page(NAME, f"organisations-{check}"),
                defect_columns(check),
                lang,
                height=320,
                empty_key="data-quality-none",
                definitions_on_hover=False,
            ),
        ],
        className=f"dq-section dq-section-{check}",
    )


register("/data-quality", layout, order=70, nav_key="nav-data-quality", name=NAME)
