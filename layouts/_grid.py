"""Sortable tables (AG Grid) with numbers in the reader's format: 66.218 and 79,5 % (nl), 66,218 and 79.5 % (en).

Cells keep their numeric values, so sorting is numeric; only the display is formatted (in the browser, with the
reader's locale). An empty value (an undefined rate) shows as '–'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import dash_ag_grid as dag
import pandas as pd

from dashboard.i18n import t
from dashboard.texts.accessibility import GRID_WORDS

LOCALES = {"nl": "nl-BE", "en": "en-GB"}


@dataclass(frozen=True)
class Column:
    """A grid column: the table's column `field`, its header text key, and how its values read."""

    field: str
    header_key: str
    kind: str = "text"  # text, count, rate (a fraction as %), number (one decimal), decimal (two), date (ISO day),
    # link (markdown), shown (a number that sorts as itself but reads as the row's text in `<field>_shown`)
    width: int | None = None
    pinned: bool = False


@dataclass(frozen=True)
class ReadableHeaders:
    """How a grid's wrapped headers stay readable (headers wrap between words only): a column no narrower than
    its `min_widths` entry, else a numeric one no narrower than `number_width` (plus `sort_arrow` on the sorted
    column, whose header also holds the arrow); `header_tooltips` (field -> text, e.g. the figure's definition)
    on hover over a header; `cell_tooltips` (field -> field shown on hover) for names that may be cut off; with
    `buttons` False, no menu or filter buttons, which leaves the header's width to its text."""

    min_widths: Mapping[str, int] = field(default_factory=dict)
    number_width: int = 100
    sort_arrow: int = 0
    header_tooltips: Mapping[str, str] = field(default_factory=dict)
    cell_tooltips: Mapping[str, str] = field(default_factory=dict)
    buttons: bool = True


FORMATTERS = {
    "count": "stvCount",
    "rate": "stvRate",
    "number": "stvNumber",
    "decimal": "stvDecimal",
    "date": "stvDate",
}  # assets/dashAgGridFunctions.js


def _formatter(kind: str, lang: str) -> dict | None:
    if kind not in FORMATTERS:
        return None
    return {"function": f"{FORMATTERS[kind]}(params.value, '{LOCALES.get(lang, 'nl-BE')}')"}


def is_numeric(column: Column) -> bool:
    """Whether the column holds numbers (formatted and right-aligned)."""
    return (column.kind in FORMATTERS and column.kind != "date") or column.kind == "shown"


def markdown_link(text: str, href: str) -> str:
    """A markdown link for a grid cell (a `link` column), the text's brackets escaped."""
    escaped = str(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[{escaped}]({href})"


# A header wraps between words, never within one: a column is at least as wide as its header's longest word
# (AG Grid's bold 14 px header text, about 8.5 px a character at most, plus the cell's padding and the sort arrow),
# so no word is cut to "Wacht…" when the grid's columns shrink on a phone.
HEADER_CHARACTER_PX = 8.5
HEADER_PADDING_PX = 52
DEFAULT_MIN_WIDTH = 90


def header_min_width(header: str) -> int:
    """The narrowest a column may be so that its header's longest word reads whole."""
    longest = max((len(word) for word in header.split()), default=0)
    return max(DEFAULT_MIN_WIDTH, round(longest * HEADER_CHARACTER_PX + HEADER_PADDING_PX))


def column_defs(columns: Sequence[Column], lang: str) -> list[dict]:
    """AG Grid column definitions: headers in the reader's language, numbers right-aligned and formatted."""
    definitions = []
    for column in columns:
        definition = {
            "field": column.field,
            "headerName": t(column.header_key, lang),
            "sortable": True,
            "resizable": True,
            "minWidth": header_min_width(t(column.header_key, lang)),
        }
        formatter = _formatter(column.kind, lang)
        if column.kind == "shown":  # formatted on the server, where the words are (layouts/supply_demand.py)
            formatter = {"function": f"params.data.{column.field}_shown"}
        if formatter:
            definition["valueFormatter"] = formatter
            if is_numeric(column):
                definition["type"] = "rightAligned"
        if column.kind == "link":
            definition["cellRenderer"] = "markdown"
        if column.kind in ("text", "link"):  # a name cut off by the column's width reads whole on hover
            definition["tooltipValueGetter"] = {"function": "stvCellText(params)"}
        if column.width:
            definition["width"] = column.width
        else:
            definition["flex"] = 1
        if column.pinned:
            definition["pinned"] = "left"
        definitions.append(definition)
    return definitions


def data_grid(
    grid_id: str,
    table: pd.DataFrame,
    columns: Sequence[Column],
    lang: str,
    height: int = 420,
    sort: tuple[str, str] | None = None,
    empty_key: str = "grid-no-rows",
    headers: ReadableHeaders | None = None,
    on_demand: bool = False,
) -> dag.AgGrid:
    """A sortable grid of `table` (only `columns` shown), optionally sorted first by (field, 'asc'|'desc');
    without rows it shows the text `empty_key`, saying why. `headers`: see ReadableHeaders. `on_demand`: the
    grid holds no rows and asks for them a block at a time as it scrolls (`rows_on_demand`, answered by the page's
    rows callback): a list of hundreds of organisations is not sent whole (issue 12: no answer above 100 KiB)."""
    definitions = column_defs(columns, lang)
    if sort:
        for definition in definitions:
            if definition["field"] == sort[0]:
                definition["sort"] = sort[1]
    default = {"minWidth": DEFAULT_MIN_WIDTH, "wrapHeaderText": True, "autoHeaderHeight": True}
    if headers:
        _make_readable(definitions, columns, headers)
        if not headers.buttons:
            default.update(suppressHeaderMenuButton=True, suppressHeaderFilterButton=True)
    options = {
        "theme": "themeAlpine",
        "animateRows": False,
        "tooltipShowDelay": 300,
        "localeText": grid_words(lang) | {"noRowsToShow": t(empty_key, lang)},
    }
    if not on_demand:
        rows = {"rowData": grid_records(table[[c.field for c in columns]])}
    else:  # only the table's length is read: how many rows to draw before the first block comes
        rows = {"rowModelType": "infinite"}
        # rows the grid draws (loading) before its first block tells their number: at least one, else it asks none
        options |= {
            "cacheBlockSize": ROWS_PER_BLOCK,
            "infiniteInitialRowCount": max(1, min(len(table), ROWS_PER_BLOCK)),
        }
    return dag.AgGrid(
        id=grid_id,
        **rows,
        columnDefs=definitions,
        defaultColDef=default,
        dashGridOptions=options,
        style={"height": f"{height}px", "width": "100%"},
    )


ROWS_PER_BLOCK = 50  # rows a grid on demand asks for at once: about five screens of a 420 px grid
MAX_BLOCK = 1_000  # the most rows one request may ask for (AG Grid asks for ROWS_PER_BLOCK)


def rows_on_demand(table: pd.DataFrame, columns: Sequence[Column], request: dict | None) -> dict:
    """The rows a grid on demand asked for (AG Grid's `getRowsRequest`: startRow, endRow, sortModel) as its
    `getRowsResponse`: `table` sorted as the grid shows it (by the sort model's known columns, empty values last,
    ties in the table's order), that slice of it, and the number of rows; at most MAX_BLOCK rows. The request's
    shape is checked by dashboard.payloads.rows_request; without one, the first block unsorted."""
    request = request or {}
    fields = [c.field for c in columns]
    start = max(0, int(request.get("startRow") or 0))
    end = min(start + MAX_BLOCK, max(start, int(request.get("endRow") or start + ROWS_PER_BLOCK)))
    order = [(s["colId"], s["sort"] == "asc") for s in request.get("sortModel") or [] if s.get("colId") in fields]
    if order:
        table = table.sort_values(
            [name for name, _ in order], ascending=[up for _, up in order], na_position="last", kind="stable"
        )
    return {"rowData": grid_records(table[fields].iloc[start:end]), "rowCount": len(table)}


def grid_words(lang: str) -> dict[str, str]:
    """AG Grid's own words (menus, sorting, its screen-reader labels) in the reader's language."""
    return {key: t(f"grid-word-{key}", lang) for key in GRID_WORDS}


def _make_readable(definitions: list[dict], columns: Sequence[Column], headers: ReadableHeaders) -> None:
    """Apply `headers` to the column definitions (in place)."""
    for definition, column in zip(definitions, columns):
        name = column.field
        if name in headers.min_widths:
            wanted = headers.min_widths[name]
        elif is_numeric(column):
            wanted = headers.number_width + (headers.sort_arrow if "sort" in definition else 0)
        else:
            wanted = 0
        definition["minWidth"] = max(definition["minWidth"], wanted)  # never narrower than a header word
        if name in headers.header_tooltips:
            definition["headerTooltip"] = headers.header_tooltips[name]
        if name in headers.cell_tooltips:
            definition["tooltipField"] = headers.cell_tooltips[name]
            definition.pop("tooltipValueGetter", None)


def grid_records(table: pd.DataFrame) -> list[dict]:
    """A table as the grid's rowData: one dict per row, empty values as None (JSON null, shown as '–')."""
    return table.astype(object).where(table.notna(), None).to_dict("records")
