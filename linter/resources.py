"""Locate the data files (rules/, schemas/) that ship with fflint.

In a wheel they are installed as ``linter/_data/{rules,schemas}`` (see pyproject.toml);
in a source checkout they sit at the repository root next to ``linter/``.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


@cache
def _data_root() -> Traversable:
    installed = files("linter").joinpath("_data")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent


def data_file(*parts: str) -> Traversable:
    """Return a data file or folder, e.g. ``data_file("rules", "secrets", "providers.yaml")``."""
    node = _data_root()
    for part in parts:
        node = node.joinpath(part)
    return node
