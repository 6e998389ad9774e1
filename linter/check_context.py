"""What a check receives besides the model: rule metadata, options, and a finding factory."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from linter.findings import Finding, Fix, SecretInfo, content_key
from linter.model import Span
from linter.rules import Rule, all_rules


def secret_info(value: str, provider: str = "credential") -> SecretInfo:
    """What a finding may show of a secret value: a redacted preview and a fingerprint, never the value."""
    from linter.secrets import fingerprint, redact

    return SecretInfo(provider, redact(value), fingerprint(value))


@dataclass
class CheckContext:
    now: float = field(default_factory=time.time)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=all_rules)

    def option(self, code: str, name: str, default: Any = None) -> Any:
        rule = self.rules[code]
        configured = self.rule_options.get(code, {}) | self.rule_options.get(rule.name, {})
        return configured.get(name, rule.options.get(name, default))

    def finding(
        self,
        code: str,
        span: Span,
        message: str,
        *,
        severity: str | None = None,
        fix: Fix | None = None,
        secret: SecretInfo | None = None,
        key: str = "",
        hint: str | None = None,
        prominence: int = 0,
    ) -> Finding:
        rule = self.rules[code]
        return Finding(
            code=code,
            name=rule.name,
            severity=severity or rule.severity,
            message=message,
            span=span,
            hint=hint if hint is not None else rule.flutterflow_fix,
            fix=fix,
            secret=secret,
            content_key=content_key(code, key or message),
            prominence=prominence,
        )
