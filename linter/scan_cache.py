"""Secret-scan results cached by file content, and the scan spread over worker processes for large trees.

The cache keeps offsets and provider ids only, never a secret's value: a hit re-reads the value from the file
text. Entries are keyed by a hash of the file's text and the syntax it was read in; the cache file's name carries
the fflint version and a hash of fflint's code and data, so an upgrade or a catalog change starts a fresh cache.
The folder holds a ``.gitignore`` of ``*`` so that it is never committed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter import __version__
from linter.model import SourceFile
from linter.resources import data_digest

if TYPE_CHECKING:
    from linter.secrets.scanner import SecretMatch

CACHE_DIR_NAME = ".fflint_cache"
PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # below this, starting workers costs more than it saves


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
        return self.directory / f"scan-{__version__}-{data_digest()[:16]}.json"

    @cached_property
    def entries(self) -> dict[str, list[list]]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def lookup(self, text: str, syntax: str) -> tuple[SecretMatch, ...] | None:
        entry = self.entries.get(_key(text, syntax))
        return None if entry is None else _matches(text, entry)

    def store(self, text: str, syntax: str, matches: Iterable[SecretMatch]) -> None:
        self.entries[_key(text, syntax)] = [_fields(match, text) for match in matches]
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            write_cache_file(self.path, self.entries)


def _key(text: str, syntax: str) -> str:
    return f"{text_digest(text)}+{syntax}"


def put_newest(entries: dict[str, Any], key: str, value: Any, limit: int) -> None:
    """Store ``value`` under ``key`` as the newest entry and drop the oldest beyond ``limit`` (dicts keep insertion
    order, so the first key is the oldest)."""
    entries.pop(key, None)
    entries[key] = value
    while len(entries) > limit:
        entries.pop(next(iter(entries)))


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


_MAX_BATCHES = 1024  # 4 KB of batch numbers: fits the pipe of any system, written before the workers start
# A match as stored (in the cache file, and sent back by a worker): everything but its value, and whether the value
# is the file's text at the match's range. It is sliced from the file again, except where the runtime sees another
# value than the source shows (literals joined with "+", escapes resolved): the value is never stored, so such a
# text is scanned again.
_MATCH_FIELDS = ("start", "end", "provider", "provider_name", "exposure", "confidence", "detail")


def _fields(match: SecretMatch, text: str) -> list:
    return [*(getattr(match, name) for name in _MATCH_FIELDS), match.value == text[match.start : match.end]]


def _matches(text: str, stored: Iterable[list]) -> tuple[SecretMatch, ...] | None:
    """The stored matches with their values sliced from ``text``; None when a value is not the text at its range."""
    from linter.secrets.scanner import SecretMatch

    stored = list(stored)
    if not all(fields[-1] for fields in stored):
        return None
    return tuple(SecretMatch(*fields[:-1], value=text[fields[0] : fields[1]]) for fields in stored)


class PendingScan:
    """The secret scan of an export's texts (those not in the cache).

    For a large tree, ``jobs - 1`` forked workers start scanning at once while this process builds and checks the
    model; it joins them when it first needs a result (``scanner.scan_text`` calls ``finish``). The texts, largest
    first, are cut into batches whose numbers wait in a pipe: every process reads the next 4-byte number, so the
    work is shared out without a lock and no core idles while another has work. Workers inherit the texts through
    fork (sending 100 MB of text through pipes would cost more than scanning it) and send back offsets. A text no
    worker finished (one that failed or died) is scanned here.
    """

    def __init__(self, files: list[SourceFile], scan_cache: ScanCache | None, jobs: int) -> None:
        from linter.secrets import scanner

        self.scan_cache = scan_cache
        self.todo: list[tuple[str, str]] = []
        for source in files:
            text, plain = source.text, source.syntax
            if not text or scanner.is_scanned(text, plain):
                continue
            cached = scan_cache.lookup(text, plain) if scan_cache is not None else None
            if cached is not None:
                scanner.remember_scan(text, plain, cached)
            else:
                self.todo.append((text, plain))
        self.batches: list[list[int]] = []
        self.queue = -1  # the read end of the pipe of batch numbers
        self.workers: list[tuple[int, int]] = []  # (process id, the read end of the pipe of its results)
        if jobs > 1 and sum(len(text) for text, _ in self.todo) >= PARALLEL_MIN_BYTES and _can_fork():
            self._start_workers(jobs - 1)
        scanner.wait_for(self.finish if self.todo else None)

    def _start_workers(self, count: int) -> None:
        order = sorted(range(len(self.todo)), key=lambda index: -len(self.todo[index][0]))
        size = -(-len(order) // _MAX_BATCHES)
        self.batches = [order[at : at + size] for at in range(0, len(order), size)]
        self.queue, queue_in = os.pipe()
        os.set_blocking(queue_in, False)
        numbers = b"".join(number.to_bytes(4, "little") for number in range(len(self.batches)))
        # Writes of 512 bytes are whole or nothing on any system; a batch that does not fit a small pipe is never
        # taken, and finish() scans it here.
        with contextlib.suppress(BlockingIOError):
            for at in range(0, len(numbers), 512):
                os.write(queue_in, numbers[at : at + 512])
        for _ in range(count):
            results, results_in = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns, never runs the parent's exit handlers
                code = 1
                try:
                    os.close(queue_in)
                    os.close(results)
                    self._work(results_in)
                    code = 0
                finally:
                    os._exit(code)
            os.close(results_in)
            self.workers.append((pid, results))
        os.close(queue_in)  # the last writer closed: an empty queue now reads as the end

    def _take(self) -> list[int] | None:
        """The indexes in ``todo`` of the next batch nobody has taken, or None when all are taken."""
        number = os.read(self.queue, 4)
        return self.batches[int.from_bytes(number, "little")] if len(number) == 4 else None

    def _work(self, results_in: int) -> None:  # in a worker process
        from linter.secrets.scanner import scan_text, wait_for

        wait_for(None)
        found: dict[int, list[tuple]] = {}
        try:
            while (batch := self._take()) is not None:
                for index in batch:
                    matches = scan_text(*self.todo[index])
                    found[index] = [_fields(match, self.todo[index][0]) for match in matches]
        except Exception:  # the main process scans what is missing and meets the error itself
            pass
        data = memoryview(marshal.dumps(found))
        while data:
            data = data[os.write(results_in, data) :]
        os.close(results_in)

    def _collect(self) -> dict[int, tuple[SecretMatch, ...]]:
        """What the workers found (waiting for them); nothing from a worker that died."""
        found: dict[int, tuple[SecretMatch, ...]] = {}
        for pid, results in self.workers:
            chunks = []
            while chunk := os.read(results, 1 << 20):
                chunks.append(chunk)
            os.close(results)
            os.waitpid(pid, 0)
            try:
                sent = marshal.loads(b"".join(chunks))
            except (EOFError, ValueError, TypeError):  # a worker that died mid-write
                continue
            for index, stored in sent.items():
                matches = _matches(self.todo[index][0], stored)
                if matches is not None:  # else this process scans the text again
                    found[index] = matches
        self.workers = []
        return found

    def finish(self) -> None:
        """Scan what is left here (everything, for a small tree), collect the workers' results and record them."""
        from linter.secrets import scanner

        scanner.wait_for(None)
        found: dict[int, tuple[SecretMatch, ...]] = {}
        if self.workers:
            while (batch := self._take()) is not None:
                for index in batch:
                    found[index] = tuple(scanner.scan_text(*self.todo[index]))
            found.update(self._collect())
            os.close(self.queue)
        for index, (text, plain) in enumerate(self.todo):
            matches = found[index] if index in found else tuple(scanner.scan_text(text, plain))
            scanner.remember_scan(text, plain, matches)
            if self.scan_cache is not None:
                self.scan_cache.store(text, plain, matches)
        self.todo = []

    def cancel(self) -> None:
        """Stop the workers without waiting for their results (the lint failed)."""
        import signal

        from linter.secrets import scanner

        scanner.wait_for(None)
        for pid, results in self.workers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            os.close(results)
            os.waitpid(pid, 0)
        if self.workers:
            os.close(self.queue)
        self.workers = []


def _can_fork() -> bool:
    return hasattr(os, "fork")
