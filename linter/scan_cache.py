"""Secret-scan results cached by file content, and the scan spread over worker processes for large trees.

The cache keeps offsets and provider ids only, never a secret's value: a hit re-reads the value from the file
text. Entries are keyed by a hash of the file's text; the cache file's name carries the fflint version and a hash
of the secret catalog, so an upgrade or a catalog change starts a fresh cache. The folder holds a ``.gitignore``
of ``*`` so that it is never committed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from linter import __version__
from linter.model import SourceFile

if TYPE_CHECKING:
    from linter.secrets.scanner import SecretMatch

CACHE_DIR_NAME = ".fflint_cache"
PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # below this, starting workers costs more than it saves


@cache
def _catalog_digest() -> str:
    from linter.secrets.catalog import load_raw

    return hashlib.sha256(json.dumps(load_raw(), sort_keys=True).encode()).hexdigest()[:16]


@cache
def text_digest(text: str) -> str:
    """Content hash of a file's text, computed once per run (the scan cache and the run cache both key on it).
    SHA-256 has CPU instructions on current x86 and ARM processors: twice blake2b's speed on 10 MB of text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class ScanCache:
    """Read on first use: a run whose findings come from the run cache never opens it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.dirty = False

    @cached_property
    def path(self) -> Path:
        return self.directory / f"scan-{__version__}-{_catalog_digest()}.json"

    @cached_property
    def entries(self) -> dict[str, list[list]]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def lookup(self, text: str) -> tuple[SecretMatch, ...] | None:
        entry = self.entries.get(text_digest(text))
        if entry is None:
            return None
        from linter.secrets.scanner import SecretMatch

        return tuple(SecretMatch(*fields, value=text[fields[0] : fields[1]]) for fields in entry)

    def store(self, text: str, matches: Iterable[SecretMatch]) -> None:
        self.entries[text_digest(text)] = [
            [m.start, m.end, m.provider, m.provider_name, m.exposure, m.confidence, m.detail] for m in matches
        ]
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            write_cache_file(self.path, self.entries)


def write_cache_file(path: Path, entries: dict) -> None:
    """Write one cache file atomically beside its older versions, which it replaces; a cache that cannot be
    written is silently skipped (read-only checkouts)."""
    directory = path.parent
    kind = path.name.split("-", 1)[0]
    try:
        directory.mkdir(parents=True, exist_ok=True)
        ignore = directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by fflint; never commit this cache.\n*\n")
        for stale in directory.glob(f"{kind}-*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
        import tempfile

        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(entries, handle, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        pass


# Texts for the workers to scan. Set before the pool forks, so every worker inherits them: sending 100 MB of
# text through the pool's pipes would cost more than scanning it.
_WORK: list[str] = []


def _scan_in_worker(index: int) -> tuple[SecretMatch, ...]:
    from linter.secrets.scanner import scan_text

    return tuple(scan_text(_WORK[index]))


class PendingScan:
    """A secret scan that runs in worker processes while the main process builds and checks the model."""

    def __init__(self, files: list[SourceFile], scan_cache: ScanCache | None, jobs: int) -> None:
        from linter.secrets.scanner import is_scanned, remember_scan

        self.scan_cache = scan_cache
        self.todo: list[str] = []
        for source in files:
            text = source.text
            if not text or is_scanned(text):
                continue
            cached = scan_cache.lookup(text) if scan_cache is not None else None
            if cached is not None:
                remember_scan(text, cached)
            else:
                self.todo.append(text)
        self.pool = None
        self.async_result = None
        size = sum(len(text) for text in self.todo)
        if jobs > 1 and size >= PARALLEL_MIN_BYTES and "fork" in _start_methods():
            _WORK[:] = self.todo
            import multiprocessing

            self.pool = multiprocessing.get_context("fork").Pool(jobs)
            chunk = max(1, len(self.todo) // (jobs * 8))
            self.async_result = self.pool.map_async(_scan_in_worker, range(len(self.todo)), chunksize=chunk)

    def finish(self) -> None:
        """Wait for the workers (or scan here when the tree is small) and record every result."""
        from linter.secrets.scanner import remember_scan, scan_text

        if self.async_result is not None and self.pool is not None:
            try:
                results = self.async_result.get()
            finally:
                self.pool.close()
                self.pool.join()
                _WORK.clear()
        else:
            results = [tuple(scan_text(text)) for text in self.todo]
        for text, matches in zip(self.todo, results, strict=True):
            remember_scan(text, matches)
            if self.scan_cache is not None:
                self.scan_cache.store(text, matches)
        self.todo = []


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()
