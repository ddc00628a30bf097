"""Finding a package's modules: the one discovery loop behind pages, callbacks, views and texts."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def submodules(package: str, path) -> list[ModuleType]:
    """Every module of `package` (its name; `path` its `__path__`) whose name does not start with '_', imported,
    in name order."""
    return [
        importlib.import_module(f"{package}.{info.name}")
        for info in sorted(pkgutil.iter_modules(path), key=lambda info: info.name)
        if not info.name.startswith("_")
    ]
