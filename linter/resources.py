"""Locate the data files (rules/, schemas/) that ship with fflint.

In a wheel they are installed as ``linter/_data/{rules,schemas}`` (see pyproject.toml);
in a source checkout they sit at the repository root next to ``linter/``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_PACKAGE = Path(__file__).resolve().parent


@cache
def _installed_data() -> Traversable | None:
    """``linter/_data`` of an installed package (a folder on disk; importlib.resources for an unusual install, such
    as a zip), or None in a source checkout."""
    if (_PACKAGE / "_data").is_dir():
        return _PACKAGE / "_data"
    if _PACKAGE.is_dir():
        return None
    from importlib.resources import files

    installed = files("linter").joinpath("_data")
    return installed if installed.is_dir() else None


def data_file(*parts: str) -> Traversable:
    """Return a data file or folder, e.g. ``data_file("rules", "secrets", "providers.yaml")``."""
    node: Traversable = _installed_data() or _PACKAGE.parent
    for part in parts:
        node = node.joinpath(part)
    return node


@cache
def _compiled_bundle() -> dict[str, Any] | None:
    """The YAML data files pre-parsed at wheel build time (see hatch_build.py), or None in a source checkout."""
    installed = _installed_data()
    bundle = installed.joinpath("compiled.json") if installed is not None else None
    if bundle is None or not bundle.is_file():
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


@cache
def data_digest() -> str:
    """A hash of the code, rules and catalog data this run uses (part of every cache key)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    # fflint's own code too (cheaply, by file stats), so that an edited checkout never reuses stale findings.
    for module in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    installed = _installed_data()
    bundle = installed.joinpath("compiled.json") if installed is not None else None
    if bundle is not None and bundle.is_file():
        digest.update(bundle.read_bytes())
    else:
        for path in sorted(Path(str(data_file("rules"))).rglob("*.yaml")):
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()
