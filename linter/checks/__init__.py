"""Check modules, one per rule family. Importing this package registers every check."""

from linter import suppress, validate  # noqa: F401  (D002 lives with the schema code, F001/F002 with suppressions)
from linter.checks import auth, body, content_type, definitions, environment, headers, placeholders, secrets, urls  # noqa: F401
