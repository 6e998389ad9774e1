"""Test-wide guards: fflint must never open a socket."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# Import the installed package first (CI installs it non-editable, as pre-commit does), then make the repo root
# importable only for the tests' own helpers (tests.support). Appending, not inserting, keeps the
# source tree from shadowing the installed package; without an install the source tree is used.
try:
    import linter
except ImportError:
    sys.path.append(str(REPO_ROOT))
    import linter  # noqa: F401
if str(REPO_ROOT) not in sys.path:
    sys.path.append(str(REPO_ROOT))


class NetworkAccessError(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkAccessError("fflint tried to use the network")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any socket creation or DNS lookup during every test."""
    monkeypatch.setattr(socket, "socket", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(socket, "gethostbyname", _refuse)
