"""Bounds that keep hostile YAML cheap, shared by the Project YAML reader and the configuration loader."""

from __future__ import annotations

import re
from typing import Any

# ruamel.yaml's scanner is quadratic in flow nesting (seconds per file at a few thousand '['); real files nest a few.
MAX_FLOW_DEPTH = 64
_FLOW_BRACKET = re.compile(r"[\[\]{}]")


def flow_too_deep(text: str) -> int | None:
    """Offset where brackets nest past MAX_FLOW_DEPTH (quotes are not tracked: a bound, not a parser), or None."""
    depth = 0
    for found in _FLOW_BRACKET.finditer(text):
        depth = depth + 1 if found.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_DEPTH:
            return found.start()
    return None


def reuses_nodes(root: Any) -> bool:
    """Whether any composed node is reachable twice (an alias), found in one pass over the distinct nodes."""
    seen: set[int] = set()
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        value = getattr(node, "value", None)
        if isinstance(value, list):
            for item in value:
                pending.extend(item if isinstance(item, tuple) else (item,))
    return False
