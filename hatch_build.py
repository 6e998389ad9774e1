"""Wheel build hook: compile every YAML data file under rules/ into one JSON bundle.

ruamel.yaml parses in pure Python (about 0.4 s for the rule files and the secret catalog), which a pre-commit hook
would pay on every run. The wheel ships `linter/_data/compiled.json` beside the YAML; `linter.resources.load_data`
reads the bundle when it is there and falls back to the YAML in a source checkout.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileDataHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe")
        root = Path(self.root)
        bundle = {
            path.relative_to(root).as_posix(): yaml.load(path.read_text(encoding="utf-8"))
            for path in sorted((root / "rules").rglob("*.yaml"))
        }
        self._scratch = Path(tempfile.mkdtemp(prefix="fflint-build-"))
        output = self._scratch / "compiled.json"
        output.write_text(json.dumps(bundle, separators=(",", ":")), encoding="utf-8")  # keeps YAML order
        build_data["force_include"][str(output)] = "linter/_data/compiled.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)
