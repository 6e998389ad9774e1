"""Find FlutterFlow export roots and classify the files in them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from linter.archive import ARCHIVE_SUFFIXES, ArchiveError, ZipArchive, is_archive
from linter.model import FileKind

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".dart_tool",
        "build",
        "node_modules",
        "Pods",
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
# Files never read: images, fonts, media, archives and packages, compiled code, office documents, key stores,
# databases and models. Any other file is read and judged by its bytes (NULs mean binary): the secret scan reads
# every text file, whatever its suffix (.ino sketches, .xcscheme environment variables, web.config, .cpp).
_BINARY_SUFFIXES = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".jfif", ".gif", ".webp", ".bmp", ".ico", ".icns", ".tif", ".tiff", ".heic"),
        *(".avif", ".psd", ".ai", ".sketch", ".fig", ".xcf", ".riv", ".flr", ".bitmap"),
        *(".ttf", ".otf", ".woff", ".woff2", ".eot"),
        *(".mp3", ".mp4", ".m4a", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".wav", ".ogg", ".oga", ".flac", ".aac"),
        *(".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar", ".jar", ".aar", ".apk", ".aab", ".ipa"),
        *(".so", ".a", ".o", ".dylib", ".dll", ".exe", ".class", ".dex", ".bin", ".wasm", ".pyc", ".car", ".symbols"),
        *(".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".numbers", ".pages", ".odt"),
        *(".jks", ".keystore", ".p12", ".pfx", ".der", ".mobileprovision"),
        *(".db", ".sqlite", ".sqlite3", ".realm", ".tflite", ".onnx", ".pt", ".pb", ".npz", ".npy", ".pack", ".idx"),
    }
)
BINARY_SNIFF_BYTES = 8192
MAX_TEXT_BYTES = 8 * 1024 * 1024  # a larger file is not read (a definition file that large is a D001)


class DiscoveryError(Exception):
    """An input problem the user must fix (exit code 2)."""


@dataclass
class ExportFiles:
    """The files of one export root, or (``loose``) files under the given paths that belong to no export: those
    are read for secrets only."""

    root: Path
    files: list[tuple[Path, FileKind]] = field(default_factory=list)
    loose: bool = False
    archive: ZipArchive | None = None  # the ZIP archive the files are read from (their paths are inside it)


class Tree(Protocol):
    """Where exports are looked for: the disk, or a ZIP archive (``linter.archive``)."""

    def is_file(self, path: Path) -> bool: ...

    def is_dir(self, path: Path) -> bool: ...

    def walk(self, top: Path) -> Iterator[tuple[str, list[str], list[str]]]: ...


class _Disk:
    def is_file(self, path: Path) -> bool:
        return path.is_file()

    def is_dir(self, path: Path) -> bool:
        return path.is_dir()

    def walk(self, top: Path) -> Iterator[tuple[str, list[str], list[str]]]:
        return os.walk(top, followlinks=False)


DISK: Tree = _Disk()


def is_export_root(folder: Path, tree: Tree = DISK) -> bool:
    return tree.is_file(folder / "pubspec.yaml") and tree.is_dir(folder / "lib")


def is_project_yaml_root(folder: Path, tree: Tree = DISK) -> bool:
    """A Project YAML folder as downloaded from FlutterFlow's Project API (no pubspec.yaml needed)."""
    return tree.is_dir(folder / "api-endpoint") or any(
        tree.is_file(folder / name) for name in ("environment-settings.yaml", "environment-settings.yml")
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
    if suffix in _BINARY_SUFFIXES:
        return FileKind.BINARY
    return FileKind.TEXT


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


def find_export_roots(folder: Path, tree: Tree = DISK) -> list[Path]:
    """Every export root at or below ``folder`` (nested exports are separate roots)."""
    roots: list[Path] = []
    for current, dirs, _files in tree.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and d != "lib")
        here = Path(current)
        if is_export_root(here, tree):
            roots.append(here)
        elif is_project_yaml_root(here, tree) and not any(root in here.parents for root in roots):
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
    exports: list[ExportFiles]  # export roots, then the groups of files outside any export (``loose``)
    # Explicit files (pre-commit) that belong to an export: only these are reported on.
    focus: dict[Path, set[Path]] = field(default_factory=dict)
    without_export: list[Path] = field(default_factory=list)  # given paths with no export in or around them
    unopened: list[Path] = field(default_factory=list)  # archives inside a given archive: never opened


def _loose_files(folder: Path, roots: list[Path]) -> ExportFiles:
    """Files under ``folder`` outside every export root (a backend beside the app, scripts, docs)."""
    group = ExportFiles(folder, loose=True)
    group.files = [(Path(path), classify(relpath)) for path, relpath in _walk(str(folder), {str(r) for r in roots})]
    return group


def archive_files(path: Path) -> list[ExportFiles]:
    """The exports in a ZIP archive, then (``loose``) its files outside them, as a folder's would be, with the
    text files read into memory (``ZipArchive.load``). Raises ArchiveError when the archive is refused."""
    with ZipArchive.open(path) as archive:
        roots = find_export_roots(path, archive)
        groups = [ExportFiles(root, archive=archive) for root in roots]
        loose = ExportFiles(path, loose=True, archive=archive)
        deepest_first = sorted(groups, key=lambda group: len(group.root.parts), reverse=True)
        for current, dirs, files in archive.walk(path):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
            folder = Path(current)
            for name in files:
                location = folder / name
                group = next((g for g in deepest_first if g.root in location.parents), loose)
                group.files.append((location, classify(location.relative_to(group.root).as_posix())))
        if loose.files:
            groups.append(loose)
        read = [archive.name_of(p) or "" for group in groups for p, kind in group.files if kind is not FileKind.BINARY]
        archive.load(read, MAX_TEXT_BYTES)
    return groups


def discover(paths: list[Path]) -> Discovery:
    """Resolve CLI paths to exports. Folders are searched (files outside the exports found in them are read for
    secrets); files select the export they belong to, or are read for secrets when they belong to none."""
    roots: dict[Path, None] = {}
    focus: dict[Path, set[Path]] = {}
    loose: list[ExportFiles] = []
    without_export: list[Path] = []
    outside_files: dict[Path, ExportFiles] = {}
    archived: dict[Path, list[ExportFiles]] = {}
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise DiscoveryError(f"{given}: no such file or folder")
        try:
            path = given.resolve()
        except (RuntimeError, OSError) as error:  # a symbolic link loop: RuntimeError before Python 3.13
            raise DiscoveryError(f"{given}: cannot resolve ({error})") from None
        if is_archive(path):
            if path not in archived:
                try:
                    archived[path] = archive_files(path)
                except ArchiveError as error:
                    raise DiscoveryError(f"{given}: {error}") from None
                if all(group.loose for group in archived[path]):
                    without_export.append(given)
            continue
        if path.is_dir():
            found = find_export_roots(path) or ([r] if (r := export_root_of(path)) else [])
            if not found:
                without_export.append(given)
            for root in found:
                roots[root] = None
                focus.pop(root, None)
            if not any(root == path or root in path.parents for root in found):
                group = _loose_files(path, found)
                if group.files:
                    loose.append(group)
            continue
        root = export_root_of(path.parent)
        if root is None:
            group = outside_files.setdefault(path.parent, ExportFiles(path.parent, loose=True))
            group.files.append((path, classify(path.name)))
            without_export.append(given)
            continue
        if root not in roots:
            focus.setdefault(root, set()).add(path)
            roots[root] = None
        elif root in focus:
            focus[root].add(path)
    in_archives = [group for groups in archived.values() for group in groups]
    exports = [export_files(root) for root in roots] + [group for group in in_archives if not group.loose]
    groups = exports + loose + [group for group in in_archives if group.loose] + list(outside_files.values())
    # Archives inside an archive are binary members, never opened: the user is told.
    unopened = [path for group in in_archives for path, _ in group.files if path.suffix.lower() in ARCHIVE_SUFFIXES]
    return Discovery(groups, focus, without_export, unopened)
