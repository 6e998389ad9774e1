"""A family: the Authorization header and its credential."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.check_context import CheckContext
from linter.checks.common import header_hint, literal_header, sent_headers
from linter.findings import Edit, Finding, Fix
from linter.model import Export, Template
from linter.rules import check

_SCHEMES = ("Bearer", "Basic", "Token", "JWT", "Digest")


@dataclass
class _Problem:
    message: str
    begin: int  # rendered offsets in the header value
    end: int
    fix: Fix | None = None
    severity: str | None = None


def _replace(value: Template, begin: int, end: int, replacement: str, description: str, safe: bool = True) -> Fix:
    start, stop = value.source_range(begin, end)
    return Fix(description, (Edit(value.file.relpath, start, stop, replacement),), safe)


def scheme_problem(value: Template) -> _Problem | None:
    """The first problem with how ``value`` writes its auth scheme, if any."""
    text = value.text
    lead = len(text) - len(text.lstrip())
    if value.is_interpolated_at(lead):
        return None
    scheme = next((s for s in _SCHEMES if text[lead:].lower().startswith(s.lower())), None)
    if scheme is None:
        return None
    after = lead + len(scheme)
    written, rest = text[lead:after], text[after:]
    if rest and value.is_interpolated_at(after):
        return _Problem(
            f"'{written}' is glued to the credential (no space): the server cannot find the scheme and answers 401",
            lead,
            after,
            _replace(value, after, after, " ", "insert a space after the scheme"),
        )
    if rest.startswith(":"):
        return _Problem(
            f"'{written}:' has a colon after the scheme; the header must read '{scheme} <credential>'",
            after,
            after + 1,
            _replace(value, after, after + 1, " ", "replace the colon with a space", safe=False),
        )
    spaces = re.match(r"[ \t\u00a0]+", rest)
    if spaces is None:
        if rest and scheme == "Bearer" and rest.startswith("eyJ"):
            return _Problem(
                f"'{written}' is glued to the token (no space): the server cannot find the scheme and answers 401",
                lead,
                after,
                _replace(value, after, after, " ", "insert a space after the scheme"),
            )
        return None
    gap = spaces.group()
    end = after + len(gap)
    if gap != " ":
        return _Problem(
            f"'{written}' is followed by {len(gap)} whitespace characters instead of one space; servers split on "
            "one space and then see a credential that starts with whitespace",
            after,
            end,
            _replace(value, after, end, " ", "use exactly one space"),
        )
    credential = rest[1:]
    doubled = re.match(rf"(?i){scheme}[ \t]+", credential)
    if doubled:
        return _Problem(
            f"the scheme is written twice ('{written} {credential[: len(scheme)]}'): the server reads the second "
            "word as the credential and answers 401",
            end,
            end + doubled.end(),
            _replace(value, end, end + doubled.end(), "", "remove the repeated scheme"),
        )
    if re.fullmatch(r"""(["']).+\1""", credential):
        return _Problem("the credential is wrapped in quotes, which are sent as part of the token", end, len(text))
    if written != scheme and scheme == "Bearer":
        return _Problem(
            f"'{written}' is not written 'Bearer'; the scheme is case-insensitive by the standard, but some "
            "servers and gateways compare it exactly",
            lead,
            after,
            _replace(value, lead, after, scheme, "write the scheme as 'Bearer'"),
            "info",
        )
    return None


@check("A002")
def check_scheme_malformed(export: Export, ctx: CheckContext) -> Iterator[Finding]:
    for call, header in sent_headers(export):
        value = literal_header(header, "authorization")
        if value is None:
            continue
        problem = scheme_problem(value)
        if problem is None:
            continue
        yield ctx.finding(
            "A002",
            value.span(problem.begin, problem.end),
            f"Authorization header of '{call.name}': {problem.message}",
            severity=problem.severity,
            fix=problem.fix,
            hint=header_hint(call, header),
            key=value.text,
        )
