"""`fflint calls`: an inventory of the extracted API calls."""

from __future__ import annotations

import json
from typing import Any

from linter.model import ApiCall, Export, Template, Value
from linter.resolve import resolve
from linter.schemas import call_json
from linter.vocabulary import AUTH_HEADER_NAMES


def _text(value: Value | None) -> str:
    if value is None:
        return ""
    return value.text if isinstance(value, Template) else f"<{value.source}>"


def auth_scheme(export: Export, call: ApiCall) -> str:
    """How the call authenticates, as far as the definition shows it."""
    headers = resolve(export).request(call).headers
    for header in headers:
        name = (header.name_text or "").strip().lower()
        if name == "authorization":
            if not isinstance(header.value, Template):
                return "Authorization <expression>"
            text = header.value.text.strip()
            if not text or header.value.is_interpolated_at(len(header.value.text) - len(header.value.text.lstrip())):
                return "Authorization (value from a variable)"
            return text.split()[0].split("$")[0].split("[")[0] or "Authorization"
    for header in headers:
        name = (header.name_text or "").strip().lower()
        if name in AUTH_HEADER_NAMES:
            return f"{header.name_text.strip()} header" if header.name_text else "key header"
    return "none"


def full_url(call: ApiCall) -> str:
    """The URL with the group's base URL filled in (2021 calls: https://apiDomain/apiEndpoint)."""
    url = _text(call.url)
    if call.base_url is None or not isinstance(call.url, Template):
        return url
    base = _text(call.base_url)
    interpolations = call.url.interpolations
    if interpolations and interpolations[0][0] == 0:
        return base + url[interpolations[0][1] :]
    if "://" not in base:
        base = "https://" + base
    return base.rstrip("/") + "/" + url.lstrip("/")


def rows(exports: list[Export]) -> list[dict[str, Any]]:
    found = []
    for export in exports:
        for call in export.calls:
            found.append(
                {
                    "group": call.group or "",
                    "name": call.name,
                    "method": "PRIVATE" if call.private else (call.method or "?"),
                    "url": "(in firebase/functions/api_manager.js)" if call.private else full_url(call),
                    "headers": [_text(h.name).strip() for h in resolve(export).request(call).headers],
                    "bodyType": call.body_type or "",
                    "auth": auth_scheme(export, call),
                    "location": f"{call.span.path}:{call.span.line}",
                }
            )
    return found


def render_text(exports: list[Export]) -> str:
    table = rows(exports)
    if not table:
        return "No API calls found.\n"
    lines = []
    for row in table:
        group = f"{row['group']} / " if row["group"] else ""
        lines.append(f"{row['location']}: {group}{row['name']}  {row['method']} {row['url']}")
        details = [
            f"headers: {', '.join(row['headers']) or '-'}",
            f"body: {row['bodyType'] or '-'}",
            f"auth: {row['auth']}",
        ]
        lines.append("    " + "; ".join(details))
    lines.append(
        f"{len(table)} API call{'s' if len(table) != 1 else ''} in {len(exports)} export"
        f"{'s' if len(exports) != 1 else ''}."
    )
    return "\n".join(lines) + "\n"


def render_json(exports: list[Export]) -> str:
    document = []
    for export in exports:
        for call, row in zip(export.calls, rows([export]), strict=False):
            document.append(
                {
                    **call_json(call),
                    "auth": row["auth"],
                    "fullUrl": row["url"],
                    "export": export.relroot,
                    "era": export.era,
                    "contentTypeMode": export.content_type_mode.value,
                }
            )
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
