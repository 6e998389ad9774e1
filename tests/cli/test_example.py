"""The bundled example export: every planted defect is found at its line, and nothing else is reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import EXAMPLE

CALLS = "lib/backend/api_requests/api_calls.dart"

# README-DEFECTS.md: (code, file, line) of each planted defect.
PLANTED = {
    ("A002", CALLS, 901),  # Bearer${token}
    ("H001", CALLS, 418),  # 'X-Tenant-Id '
    ("C002", CALLS, 377),  # application/json on a MULTIPART upload
    ("S003", CALLS, 927),  # Google API key default
    ("S001", CALLS, 761),  # Stripe live secret key default
    ("S001", CALLS, 721),  # Supabase service_role JWT in a client call
}
# Present on purpose and reported at a low severity or as the documented extra.
EXPECTED_EXTRAS = {
    ("S002", "lib/backend/supabase/supabase.dart", 7),  # anon key: public by design (info)
    ("P001", CALLS, 208),  # "<giftMessage>" left in a body
}


def test_example_findings_are_exactly_the_planted_defects():
    result = subprocess.run(
        [sys.executable, "-m", "linter", "check", str(EXAMPLE), "--format", "json", "--now", "2026-11-28"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = set()
    for finding in report["findings"]:
        path = Path(finding["path"]).resolve().relative_to(EXAMPLE.resolve()).as_posix()
        found.add((finding["code"], path, finding["line"]))
    missing = PLANTED - found
    assert not missing, f"planted defects not found: {sorted(missing)}"
    unexpected = found - PLANTED - EXPECTED_EXTRAS
    assert not unexpected, f"false positives on the example: {sorted(unexpected)}"
