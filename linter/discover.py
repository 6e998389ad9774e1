"""Find FlutterFlow export roots and classify the files in them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from linter.model import FileKind

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".dart_tool",
        "build",
        "node_modules",
        "Pods",
        ".idea",
        ".fvm",
        ".pub-cache",
        ".gradle",
        ".fflint_cache",
        "__pycache__",
        ".venv",
        "venv",
    }
)
_DEFINITION_PATHS = {
    "lib/backend/api_requests/api_calls.dart": FileKind.API_CALLS,
    "lib/backend/api_requests/api_manager.dart": FileKind.API_MANAGER,
    "lib/environment_values.dart": FileKind.ENV_VALUES_DART,
    "firebase/functions/api_manager.js": FileKind.PRIVATE_JS,
}
_TEXT_SUFFIXES = frozenset(
    {
        ".dart",
        ".js",
        ".mjs",
        ".cjs",
        ".ts",
        ".json",
        ".yaml",
        ".yml",
        ".plist",
        ".xml",
        ".html",
        ".htm",
        ".md",
        ".txt",
        ".sh",
        ".kt",
        ".kts",
        ".java",
        ".swift",
        ".m",
        ".h",
        ".gradle",
        ".properties",
        ".toml",
        ".ini",
        ".cfg",
        ".conf",
        ".env",
        ".xcconfig",
        ".pbxproj",
        ".arb",
        ".csv",
        ".sql",
        ".rules",
        ".py",
    }
)
BINARY_SNIFF_BYTES = 8192


class DiscoveryError(Exception):
    """An input problem the user must fix (exit code 2)."""


@dataclass
class ExportFiles:
    root: Path
    files: list[tuple[Path, FileKind]] = field(default_factory=list)


def is_export_root(folder: Path) -> bool:
    return (folder / "pubspec.yaml").is_file() and (folder / "lib").is_dir()


def is_project_yaml_root(folder: Path) -> bool:
    """A Project YAML folder as downloaded from FlutterFlow's Project API (no pubspec.yaml needed)."""
    return (folder / "api-endpoint").is_dir() or any(
        (folder / name).is_file() for name in ("environment-settings.yaml", "environment-settings.yml")
    )


_PROJECT_YAML_STEMS = frozenset({"environment-settings", "supabase", "google-maps", "app-constants"})
_DART_DEFINE_NAME = re.compile(r"(dart[_-]?defines?[\w.-]*|\.?env|[\w.-]+\.env|env[._-][\w.-]+)\.json", re.IGNORECASE)


def classify(relpath: str) -> FileKind:
    """The kind of a file from its path relative to the export root (contents are sniffed later)."""
    if relpath in _DEFINITION_PATHS:
        return _DEFINITION_PATHS[relpath]
    name = relpath.rsplit("/", 1)[-1]
    if relpath.startswith("assets/environment_values/") and name.endswith(".json"):
        return FileKind.ENV_JSON
    if name == ".env" or name.startswith(".env.") or name.endswith(".env"):
        return FileKind.DOTENV if not name.endswith((".json", ".yaml", ".yml")) else _json_kind(name)
    suffix = os.path.splitext(name)[1].lower()
    parts = relpath.split("/")
    if suffix in (".yaml", ".yml", "") and "api-endpoint" in parts[:-1]:
        return FileKind.PROJECT_YAML
    if suffix in (".yaml", ".yml") and os.path.splitext(name)[0] in _PROJECT_YAML_STEMS:
        return FileKind.PROJECT_YAML
    if suffix == ".json":
        return _json_kind(name)
    if suffix == ".dart":
        return FileKind.DART
    if suffix in _TEXT_SUFFIXES or not suffix:
        return FileKind.TEXT
    return FileKind.BINARY


def _json_kind(name: str) -> FileKind:
    """--dart-define-from-file inputs (dart_defines.json, env.prod.json, .env.json) hold environment values."""
    return FileKind.ENV_JSON if _DART_DEFINE_NAME.fullmatch(name) else FileKind.TEXT


def _is_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _walk(root: str, skipped: set[str]) -> list[tuple[str, str]]:
    """(path, path relative to ``root``) of every file under ``root`` that is not a symbolic link, in ``os.walk``
    order (a folder's files by name, then its subfolders by name), without following links or entering
    ``skipped`` folders (nested exports). One ``scandir`` per folder and no ``stat`` per file."""
    found: list[tuple[str, str]] = []
    pending = [(root, "")]
    while pending:
        folder, relative = pending.pop()
        files: list[tuple[str, str]] = []
        folders: list[tuple[str, str]] = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        if entry.name not in SKIPPED_DIRS and not _is_link(entry) and entry.path not in skipped:
                            folders.append((entry.name, entry.path))
                    elif not _is_link(entry):
                        files.append((entry.name, entry.path))
        except OSError:  # unreadable, or gone: os.walk skips such a folder too
            continue
        prefix = relative + "/" if relative else ""
        found.extend((path, prefix + name) for name, path in sorted(files))
        pending.extend((path, prefix + name) for name, path in sorted(folders, reverse=True))
    return found


def find_export_roots(folder: Path) -> list[Path]:
    """Every export root at or below ``folder`` (nested exports are separate roots)."""
    roots: list[Path] = []
    for current, dirs, _files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and d != "lib")
        here = Path(current)
        if is_export_root(here):
            roots.append(here)
        elif is_project_yaml_root(here) and not any(root in here.parents for root in roots):
            # A Project YAML folder inside a Dart export belongs to that export.
            roots.append(here)
            dirs[:] = [d for d in dirs if d != "api-endpoint"]
    return roots


def export_root_of(path: Path) -> Path | None:
    """The export a file or folder belongs to: the nearest ancestor with pubspec.yaml and lib/, else the nearest
    Project YAML folder."""
    candidates = [path, *path.parents]
    for test in (is_export_root, is_project_yaml_root):
        for candidate in candidates:
            if candidate.is_dir() and test(candidate):
                return candidate
    return None


def export_files(root: Path) -> ExportFiles:
    """Every file of an export root, classified, skipping build output and nested exports."""
    result = ExportFiles(root)
    nested = {str(r) for r in find_export_roots(root) if r != root}
    result.files = [(Path(path), classify(relpath)) for path, relpath in _walk(str(root), nested)]
    return result


@dataclass
class Discovery:
    exports: list[ExportFiles]
    # Explicit files (pre-commit) that belong to an export: only these are reported on.
    focus: dict[Path, set[Path]] = field(default_factory=dict)
    outside: list[Path] = field(default_factory=list)  # explicit files that belong to no export


def discover(paths: list[Path]) -> Discovery:
    """Resolve CLI paths to exports. Folders are searched; files select the export they belong to."""
    roots: dict[Path, None] = {}
    focus: dict[Path, set[Path]] = {}
    outside: list[Path] = []
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise DiscoveryError(f"{given}: no such file or folder")
        try:
            path = given.resolve()
        except (RuntimeError, OSError) as error:  # a symbolic link loop: RuntimeError before Python 3.13
            raise DiscoveryError(f"{given}: cannot resolve ({error})") from None
        if path.is_dir():
            found = find_export_roots(path) or ([r] if (r := export_root_of(path)) else [])
            if not found:
                raise DiscoveryError(
                    f"{given}: no FlutterFlow export found (looked for a folder with pubspec.yaml and lib/, or a "
                    "Project YAML folder with api-endpoint/ or environment-settings.yaml)"
                )
            for root in found:
                roots[root] = None
                focus.pop(root, None)
            continue
        root = export_root_of(path.parent)
        if root is None:
            outside.append(given)
            continue
        if root not in roots:
            focus.setdefault(root, set()).add(path)
            roots[root] = None
        elif root in focus:
            focus[root].add(path)
    return Discovery([export_files(root) for root in roots], focus, outside)
