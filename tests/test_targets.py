"""The targets file (dashboard/targets.py, dashboard/config/targets.toml)."""

from __future__ import annotations

import pytest

from dashboard.targets import load_targets


def test_targets_file_is_valid_and_errors_are_clear(tmp_path):
    targets = load_targets()
    assert targets["answer_rate"].met(0.9) and not targets["shortage_rate"].met(0.2)
    bad = tmp_path / "targets.toml"
    bad.write_text('[answer_rat]\ntarget = 0.8\ndirection = "min"\n')
    with pytest.raises(ValueError, match="answer_rat"):
        load_targets(bad)
