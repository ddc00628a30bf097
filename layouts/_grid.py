"""Sortable tables (AG Grid) with numbers in the reader's format: 66.218 and 79,5 % (nl), 66,218 and 79.5 % (en).

Cells keep their numeric values, so sorting is numeric; only the display is formatted (in the browser, with the
reader's locale). An empty value (an undefined rate) shows as '–'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dash_ag_grid as dag
import pandas as pd

from dashboard.i18n import t

LOCALES = {"nl": "nl-BE", "en": "en-GB"}


@dataclass(frozen=True)
class Column:
    """A grid column: the table's column `field`, its header text key, and how its values read."""

    field: str
    header_key: str
    kind: str = "text"  # text, count, rate (a fraction as %), number (one decimal), decimal (two), date (ISO day),
    # link (markdown)
    width: int | None = None
    pinned: bool = False


FORMATTERS = {"count": "stvCount", "rate": "stvRate", "number": "stvNumber", "decimal": "stvDecimal",
              "date": "stvDate"}  # assets/dashAgGridFunctions.js


def _formatter(kind: str, lang: str) -> dict | None:
    if kind not in FORMATTERS:
        return None
    return {"function": f"{FORMATTERS[kind]}(params.value, '{LOCALES.get(lang, 'nl-BE')}')"}


def column_defs(columns: Sequence[Column], lang: str) -> list[dict]:
    """AG Grid column definitions: headers in the reader's language, numbers right-aligned and formatted."""
    definitions = []
    for column in columns:
        definition = {"field": column.field, "headerName": t(column.header_key, lang), "sortable": True,
                      "resizable": True}
        formatter = _formatter(column.kind, lang)
        if formatter:
            definition["valueFormatter"] = formatter
            if column.kind != "date":
                definition["type"] = "rightAligned"
        if column.kind == "link":
            definition["cellRenderer"] = "markdown"
        if column.width:
            definition["width"] = column.width
        else:
            definition["flex"] = 1
        if column.pinned:
            definition["pinned"] = "left"
        definitions.append(definition)
    return definitions


def data_grid(grid_id: str, table: pd.DataFrame, columns: Sequence[Column], lang: str, height: int = 420,
              sort: tuple[str, str] | None = None, empty_key: str = "grid-no-rows") -> dag.AgGrid:
    """A sortable grid of `table` (only `columns` shown), optionally sorted first by (field, 'asc'|'desc');
    without rows it shows the text `empty_key`, saying why."""
    definitions = column_defs(columns, lang)
    if sort:
        for definition in definitions:
            if definition["field"] == sort[0]:
                definition["sort"] = sort[1]
    return dag.AgGrid(
        id=grid_id, rowData=grid_records(table[[c.field for c in columns]]), columnDefs=definitions,
        defaultColDef={"minWidth": 90, "wrapHeaderText": True, "autoHeaderHeight": True},
        dashGridOptions={"theme": "themeAlpine", "animateRows": False, "tooltipShowDelay": 300,
                         "localeText": {"noRowsToShow": t(empty_key, lang)}},
        style={"height": f"{height}px", "width": "100%"})


def grid_records(table: pd.DataFrame) -> list[dict]:
    """A table as the grid's rowData: one dict per row, empty values as None (JSON null, shown as '–')."""
    return table.astype(object).where(table.notna(), None).to_dict("records")
