"""Locate the data files (rules/, schemas/) that ship with fflint.

In a wheel they are installed as ``linter/_data/{rules,schemas}`` (see pyproject.toml);
in a source checkout they sit at the repository root next to ``linter/``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


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


@cache
def _compiled_bundle() -> dict[str, Any] | None:
    """The YAML data files pre-parsed at wheel build time (see hatch_build.py), or None in a source checkout."""
    bundle = files("linter").joinpath("_data", "compiled.json")
    if not bundle.is_file():
        return None
    return json.loads(bundle.read_text(encoding="utf-8"))


def load_data(*parts: str) -> Any:
    """A YAML data file's content, e.g. ``load_data("rules", "secrets", "providers.yaml")``."""
    bundle = _compiled_bundle()
    key = "/".join(parts)
    if bundle is not None and key in bundle:
        return bundle[key]
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(data_file(*parts).read_text(encoding="utf-8"))
