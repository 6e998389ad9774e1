"""Test support: export and secret generators, the shared lint and CLI helpers, and where the test data lives."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
EXAMPLE = REPO_ROOT / "examples" / "acme-shop"
