"""The dashboard's pages (one module per page, each calling `register`) and shared building blocks in `_*.py`.

The pages are routed by the shell (`callbacks.shell`), not by Dash Pages: Dash Pages re-mounts the page on every
change of the query string, which resets every choice on the page when a filter changes. Here the page is mounted
when its path or the interface language changes, and filters reach the page's callbacks through the shell's query
store. A path variable is taken from the path only, never from the query string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import html

from dashboard.access import Account, may_open
from dashboard.modules import submodules


@dataclass(frozen=True)
class Page:
    """A routable page: `path` may hold variables (`/regions/<region_code>`); `layout(query, **variables)` builds it."""

    path: str
    layout: Callable[..., html.Div]
    order: int
    nav_key: str | None = None  # the navigation's label; None: not in the navigation
    name: str | None = None  # the page's name (its ids' prefix); None: a page without filters (not found)
    uses_period: bool = True  # whether it counts within the period (not the live /supply-demand, nor /admin)
    menu: str = "main"  # where the navigation lists it: "main" (the bar) or "account" (the account's own menu)

    @property
    def segments(self) -> tuple[str, ...]:
        return _segments(self.path)

    def match(self, pathname: str) -> dict[str, str] | None:
        """The path variables when `pathname` is this page's path, else None."""
        parts = _segments(pathname)
        if len(parts) != len(self.segments):
            return None
        variables = {}
        for pattern, part in zip(self.segments, parts):
            if pattern.startswith("<") and pattern.endswith(">"):
                variables[pattern[1:-1]] = part
            elif pattern != part:
                return None
        return variables


PAGES: dict[str, Page] = {}
NOT_FOUND_PATH = "/404"


def register(
    path: str,
    layout: Callable[..., html.Div],
    order: int,
    nav_key: str | None = None,
    name: str | None = None,
    uses_period: bool = True,
    menu: str = "main",
) -> Page:
    """Make `layout` the page at `path` (called by each page module when imported)."""
    page = Page(path, layout, order, nav_key, name, uses_period and name is not None, menu)
    PAGES[path] = page
    return page


def route(pathname: str | None, account: Account | None) -> tuple[Page, dict[str, str]]:
    """The page for `pathname` and its path variables; 'not found' when there is none, or when `account` may not
    open it (CONTRACT.md §7)."""
    page, variables = match(pathname)
    return (page, variables) if may_open(account, page.name) else not_found()


def match(pathname: str | None) -> tuple[Page, dict[str, str]]:
    """The page whose path `pathname` matches, whoever asks: a fixed path wins over one with variables."""
    load_pages()
    candidates = sorted(PAGES.values(), key=lambda page: ("<" in page.path, page.order))
    for page in candidates:
        variables = page.match(pathname or "/")
        if variables is not None:
            return page, variables
    return not_found()


def not_found() -> tuple[Page, dict[str, str]]:
    """The "not found" page (also what a page the account may not open looks like)."""
    return PAGES[NOT_FOUND_PATH], {}


def navigation(account: Account | None, menu: str | None = None) -> list[Page]:
    """The pages of the navigation that `account` may open, in their order: those of `menu`, or of both menus."""
    load_pages()
    listed = (page for page in PAGES.values() if page.nav_key and menu in (None, page.menu))
    shown = (page for page in listed if may_open(account, page.name))
    return sorted(shown, key=lambda page: page.order)


def load_pages() -> None:
    """Import every page module (each module here not starting with '_'), so that each registers itself."""
    submodules(__name__, __path__)


def _segments(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part)
