"""A family, JWTs sent as credentials: expired or not yet valid (A005), truncated or corrupted (A006). Decoded
offline; `--now` (or the config's `now`) fixes the date they are judged at."""

from __future__ import annotations

from collections.abc import Iterator

from linter.check_context import CheckContext, secret_info
from linter.checks.common import header_hint, jwt_credentials, jwt_date
from linter.checks.registry import check
from linter.findings import Edit, Finding, Fix
from linter.model import Export
from linter.secrets import decode_jwt, fingerprint


def _role(info) -> str:
    return f"role '{info.role}'" if info.role else "no role claim"


@check("A005")
def check_jwt_expired(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A005 jwt-expired: a hardcoded JWT whose `exp` has passed (or whose `nbf` is still ahead)."""
    for call, found, token in jwt_credentials(export):
        info = decode_jwt(token)
        if info.problem is not None:
            continue
        where = f"the JWT ({_role(info)}) in header '{found.header.name_text}' of '{call.name}'{found.describe()}"
        if info.exp is not None and info.exp <= ctx.now:
            message = f"{where} expired on {jwt_date(info.exp)}: the server rejects it with 401"
        elif info.nbf is not None and info.nbf > ctx.now:
            message = f"{where} is not valid before {jwt_date(info.nbf)}: the server rejects it until then"
        else:
            continue
        yield ctx.finding(
            "A005",
            found.token_span(),
            message + "; get a fresh token at run time instead of pasting one",
            hint=header_hint(call, found.header),
            key=fingerprint(token),
            secret=secret_info(token),
        )


@check("A006")
def check_jwt_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    """A006 jwt-malformed: a JWT that lost characters when copied (no leading `e`, missing segments)."""
    for call, found, token in jwt_credentials(export):
        info = decode_jwt(token)
        if info.problem is None or info.problem == "not-a-jwt":
            continue
        fix = None
        if token.startswith("yJ"):
            detail = "has lost its first character (it starts 'yJ…' where every JWT starts 'eyJ…')"
            located = found.token_range()
            if located is not None:
                start, _ = found.origin.source_range(located[0], located[0])
                fix = Fix("put back the lost 'e'", (Edit.at(found.origin.file, start, start, "e"),))
        elif token.count(".") < 2:
            detail = f"has {token.count('.') + 1} of its 3 segments (cut off when copying)"
        elif info.problem == "truncated":
            detail = "has an empty signature segment (cut off when copying)"
        else:
            detail = "has a segment that does not decode (characters lost or added when copying)"
        yield ctx.finding(
            "A006",
            found.token_span(),
            f"the JWT in header '{found.header.name_text}' of '{call.name}'{found.describe()} {detail}: the server "
            "cannot verify it and answers 401",
            fix=fix,
            hint=header_hint(call, found.header),
            key=fingerprint(token),
            secret=secret_info(token),
        )
