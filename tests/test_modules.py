"""dashboard.modules: the one discovery loop."""

from __future__ import annotations

import dashboard.texts
import dashboard.views
from dashboard.modules import submodules


def test_submodules_lists_the_public_modules_in_name_order():
    found = [module.__name__.rsplit(".", 1)[1] for module in submodules("dashboard.views", dashboard.views.__path__)]
    assert found == [
        "data_quality",
        "interpreters",
        "lead_time",
        "no_shows",
        "overview",
        "regions",
        "shortages",
        "supply_demand",
    ]


def test_texts_and_views_use_it():
    texts = [module.__name__ for module in submodules("dashboard.texts", dashboard.texts.__path__)]
    assert "dashboard.texts.no_shows" in texts
    assert [m.__name__ for m in dashboard.views.view_modules()] == [
        m.__name__ for m in submodules("dashboard.views", dashboard.views.__path__)
    ]
