"""The checks: one function per rule code, registered with ``@check``. Importing this package registers them all.

Modules by family and seam: auth_scheme (A001-A004), auth_jwt (A005, A006), auth_provider (A007-A010), headers (H),
placeholders (P), content_type (C001-C005), body (C006-C009), secrets (S), env_files (E001, E005-E007), env_flows
(E002-E004), env_project (E008-E011), urls (U), definitions (D), suppressions (F, run after the others).
"""

from linter.checks import (  # noqa: F401  (importing registers the checks)
    auth_jwt,
    auth_provider,
    auth_scheme,
    body,
    content_type,
    definitions,
    env_files,
    env_flows,
    env_project,
    headers,
    placeholders,
    secrets,
    suppressions,
    urls,
)
from linter.checks.registry import registered_checks, stage_of

__all__ = ["registered_checks", "stage_of"]
