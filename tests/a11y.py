"""Accessibility checks in Chromium: axe-core (npm, pinned in tests/axe/package-lock.json) injected into a page,
and the pages a check visits. Used by tests/test_e2e_a11y.py and tests/test_e2e_keyboard.py.

`npm ci` runs in tests/axe/ when its node_modules is missing, as tests/oidc.py does for the OpenID provider.
Without Node the axe tests skip; under CI=true that is a failure (tests/services.py `require`).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from tests.services import require

FOLDER = Path(__file__).parent / "axe"
AXE_SCRIPT = FOLDER / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA (EN 301 549) and axe's best practices: every rule axe runs by default.
AXE_OPTIONS = {"resultTypes": ["violations"]}
PERIOD = "from=2025-01-01&to=2025-12-31"
FILTERED = f"{PERIOD}&modality=onsite"  # "with a filter set"

# A page is ready when its heading is there and nothing is loading any more (Dash marks a pending output).
READY = """() => document.querySelector('main h1') !== null
    && document.querySelector('[data-dash-is-loading="true"]') === null
    && document.querySelector('.dash-spinner, ._dash-loading-callback, .dash-default-spinner') === null"""

# assets/stv-a11y.js has patched every dropdown, open dropdown list and tab list (it marks each when done): axe
# run before that finds the component's own markup (test_no_axe_violations_on_a_page[/regions-en] was flaky so).
PATCHED = """() => Array.prototype.every.call(
    document.querySelectorAll('button.dash-dropdown, .dash-dropdown-content, [role="tablist"]'),
    (element) => element.dataset.stvA11y === 'done')"""

BUSIEST = """
SELECT regions.code, local_governments.id, organisations.id FROM requests
JOIN organisations ON organisations.id = requests.organisation_id
JOIN local_governments ON local_governments.id = organisations.local_government_id
JOIN regions ON regions.id = local_governments.region_id
GROUP BY organisations.id ORDER BY count(*) DESC, organisations.id LIMIT 1
"""


def axe_source() -> str:
    """axe.min.js, installed from the lock file first when it is missing."""
    if not AXE_SCRIPT.exists():
        npm = shutil.which("npm")
        require(npm is not None, "npm, for axe-core (apt-get install npm)")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=FOLDER, capture_output=True, text=True, timeout=600
        )
        require(result.returncode == 0, f"axe-core (npm ci in tests/axe failed: {result.stderr[-500:]})")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def page_paths(demo_sqlite) -> dict[str, str]:
    """Every page of the registry with real path values (the busiest organisation, its local government and
    region), by its registry path; the administration is the admin's and is checked apart."""
    import layouts

    layouts.load_pages()
    database = sqlite3.connect(f"file:{Path(demo_sqlite).resolve()}?mode=ro", uri=True)
    try:
        region, local_government, organisation = database.execute(BUSIEST).fetchone()
    finally:
        database.close()
    values = {"region_code": region, "local_government_id": str(local_government), "organisation_id": str(organisation)}
    paths = {}
    for path in sorted(layouts.PAGES):
        concrete = path
        for name, value in values.items():
            concrete = concrete.replace(f"<{name}>", value)
        paths[path] = concrete
    return paths


def wait_until_ready(page) -> None:
    """Wait until the page's heading is shown and no callback output is pending."""
    page.wait_for_function(READY, polling=200)


def wait_until_patched(page) -> None:
    """Wait until assets/stv-a11y.js has patched every component it patches (PATCHED)."""
    page.wait_for_function(PATCHED, polling=100)


def axe_violations(page, source: str) -> list[dict]:
    """axe-core's violations on the page as it is now, once assets/stv-a11y.js has patched it:
    [{id, impact, nodes: [target, ...], help}]."""
    wait_until_patched(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(
            source
        )  # through the DevTools protocol: the page's Content-Security-Policy allows no inline script
    found = page.evaluate("async (options) => (await axe.run(document, options)).violations", AXE_OPTIONS)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [", ".join(map(str, node["target"])) for node in v["nodes"]],
        }
        for v in found
    ]


def describe(violations: list[dict]) -> str:
    """Violations as lines a person can act on: rule, impact, help and the first few elements."""
    return "\n".join(
        f"- {v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — {'; '.join(v['nodes'][:4])}"
        for v in violations
    )


def markdown_table(results: dict[str, list[dict]]) -> str:
    """Violations per page state and rule (elements affected), as a Markdown table."""
    lines = ["| page (state) | rule | impact | elements |", "|---|---|---|---:|"]
    total = 0
    for state, violations in results.items():
        if not violations:
            lines.append(f"| {state} | — | — | 0 |")
        for v in violations:
            lines.append(f"| {state} | {v['id']} | {v['impact']} | {len(v['nodes'])} |")
            total += len(v["nodes"])
    rules = sum(len(v) for v in results.values())
    lines.append(f"\n{len(results)} page states, {rules} rule violations, {total} elements.")
    return "\n".join(lines)
