"""The registry of check functions: one function per rule code, registered with ``@check``.

A check reads the model and the resolve layer and yields findings. Checks of the "suppress" stage (F001, F002)
also receive the findings every other check produced, since they judge the suppression comments against them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.check_context import CheckContext
    from linter.findings import Finding
    from linter.model import Export

CheckFunction = Callable[..., Iterable["Finding"]]
STAGES = ("model", "suppress")
_CHECKS: dict[str, CheckFunction] = {}
_STAGE: dict[str, str] = {}


def check(code: str, *, stage: str = "model") -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function as the producer of rule ``code``."""
    if stage not in STAGES:
        raise ValueError(f"unknown check stage {stage!r}")

    def register(function: CheckFunction) -> CheckFunction:
        if code in _CHECKS:
            raise RuntimeError(f"rule {code} has two checks")
        _CHECKS[code] = function
        _STAGE[code] = stage
        return function

    return register


def registered_checks() -> dict[str, CheckFunction]:
    return dict(_CHECKS)


def stage_of(code: str) -> str:
    return _STAGE[code]


ModelCheck = Callable[["Export", "CheckContext"], Iterable["Finding"]]
SuppressCheck = Callable[["Export", "CheckContext", "list[Finding]"], Iterable["Finding"]]
