"""The resolve layer: what each request really sends, computed once per export from the model.

Checks read ``resolve(export).requests`` (and the helpers below) instead of re-deriving merged variables, filled
URLs, effective headers or credentials themselves.
"""

from linter.resolve.body import BodyField
from linter.resolve.credentials import Credential, auth_header_names, is_auth_header, is_jwt
from linter.resolve.environment import env_flows, env_value, getter_of
from linter.resolve.headers import (
    effective_headers,
    header_key,
    header_maps,
    literal_header,
    overrides_group,
    winning_headers,
)
from linter.resolve.request import Request, Resolution, resolve
from linter.resolve.urls import (
    FilledUrl,
    FormulaValue,
    Piece,
    UrlParts,
    fill_url,
    formula_values,
    is_formula,
    split_url,
)

__all__ = [
    "BodyField",
    "Credential",
    "FilledUrl",
    "FormulaValue",
    "Piece",
    "Request",
    "Resolution",
    "UrlParts",
    "auth_header_names",
    "effective_headers",
    "env_flows",
    "env_value",
    "fill_url",
    "formula_values",
    "getter_of",
    "header_key",
    "header_maps",
    "is_auth_header",
    "is_formula",
    "is_jwt",
    "literal_header",
    "overrides_group",
    "resolve",
    "split_url",
    "winning_headers",
]
