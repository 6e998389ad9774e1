"""A ZIP archive (FlutterFlow's "Download Code") read in place: nothing is extracted to disk.

A member is known by a path that does not exist on disk: the archive's path followed by the member's path
(``my_app.zip/my_app/lib/main.dart``), the convention of Python's zipimport. Discovery looks for exports in the
archive as in a folder (``is_file``, ``is_dir`` and ``walk`` answer for those paths), and the members fflint reads
are inflated into memory once (``load``); the reader then takes them from here (``size``, ``read``).

Refused with ``ArchiveError`` (exit code 2), before anything is inflated:

- a file that is not a ZIP archive, or whose directory is damaged;
- a member whose name is absolute, starts with a drive letter or climbs out with ``..`` (path traversal);
- an encrypted member;
- more than ``MAX_MEMBERS`` members;
- a zip bomb: the members fflint reads (text files) declaring more than ``MAX_READ_BYTES`` in total, or one of
  them over ``RATIO_FLOOR`` expanding more than ``MAX_RATIO`` times. Binary members are never inflated.

Not read: folders' own entries, symbolic links (never followed, as on disk), and binary members, archives inside
the archive among them (never opened). A member over the reader's per-file limit is left for the reader to report,
as a file that size on disk is. A member that cannot be inflated (bad CRC, truncated data, an unsupported
compression method) is reported by the reader like an unreadable file on disk.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # zipfile is imported when an archive is opened: a run without one does not pay for it
    import zipfile
    from types import TracebackType

ARCHIVE_SUFFIXES = (".zip",)
MAX_MEMBERS = 100_000
MAX_READ_BYTES = 256 * 1024 * 1024  # inflated text in all; an export has tens of MB of text
MAX_RATIO = 100  # source text compresses 3 to 20 times; a bomb a thousand times or more
RATIO_FLOOR = 1024 * 1024  # members smaller than this are not judged by their ratio

_DRIVE = re.compile(r"[A-Za-z]:")
_ENCRYPTED = 0x1  # general purpose bit 0
_UNIX = 3  # create_system of archives made on Unix-like systems, whose external_attr holds st_mode


class ArchiveError(Exception):
    """The archive is refused: not a ZIP, damaged, or hostile (the message says which and what to do)."""


def is_archive(path: Path) -> bool:
    """A ZIP file given to fflint: linted in place (a folder or any other file is not)."""
    return path.suffix.lower() in ARCHIVE_SUFFIXES and path.is_file()


def _quoted(name: str) -> str:
    """A member name for a one-line message: characters that are not printable are escaped."""
    return "'" + "".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in name) + "'"


def _member_name(raw: str) -> str:
    """The member's path inside the archive, ``/``-separated, without empty or ``.`` parts; refuses names that
    reach outside the archive once extracted."""
    name = raw.replace("\\", "/")  # some Windows tools write backslashes; extractors treat them as separators
    if name.startswith("/") or _DRIVE.match(name):
        raise ArchiveError(f"member {_quoted(raw)} has an absolute path (path traversal); refusing the archive")
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise ArchiveError(f"member {_quoted(raw)} climbs out of the archive (path traversal); refusing the archive")
    return "/".join(parts)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == _UNIX and stat.S_ISLNK(info.external_attr >> 16)


class ZipArchive:
    """The members of one archive, by name, and the folders they imply (``""`` is the archive's top)."""

    def __init__(self, path: Path, handle: zipfile.ZipFile) -> None:
        self.path = path
        self._handle: zipfile.ZipFile | None = handle
        self.members: dict[str, zipfile.ZipInfo] = {}  # regular files; a later duplicate wins, as when extracted
        self.folders: set[str] = {""}
        self._loaded: dict[str, bytes | str] = {}  # inflated bytes, or why the member could not be inflated
        infos = handle.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(f"holds {len(infos):,} members, over the {MAX_MEMBERS:,} limit; extract it to lint it")
        for info in infos:
            name = _member_name(info.filename)
            if info.flag_bits & _ENCRYPTED:
                raise ArchiveError(
                    f"member {_quoted(info.filename)} is encrypted; fflint does not read encrypted archives "
                    "(extract it and lint the folder)"
                )
            if info.filename.replace("\\", "/").endswith("/"):
                self._add_folder(name)
            elif name and not _is_symlink(info):
                self.members[name] = info
                self._add_folder(name.rpartition("/")[0])
        self._children: dict[str, tuple[list[str], list[str]]] = {folder: ([], []) for folder in self.folders}
        for folder in self.folders - {""}:
            parent, _, child = folder.rpartition("/")
            self._children[parent][0].append(child)
        for name in self.members:
            folder, _, child = name.rpartition("/")
            self._children[folder][1].append(child)

    @classmethod
    def open(cls, path: Path) -> ZipArchive:
        """Open and check ``path``; use as a context manager, which closes the file (loaded members stay)."""
        import struct
        import zipfile

        # What opening a damaged archive raises: zipfile's own error, and the errors of the struct, seek and decode
        # calls it makes on a directory it trusts (a UTF-8-flagged name that is not UTF-8 is a UnicodeDecodeError).
        damaged = (zipfile.BadZipFile, OSError, EOFError, ValueError, OverflowError, struct.error, NotImplementedError)
        try:
            handle = zipfile.ZipFile(path)
        except damaged as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise ArchiveError(f"not a ZIP archive, or a damaged one ({reason})") from None
        try:
            return cls(path, handle)
        except BaseException:
            handle.close()
            raise

    def __enter__(self) -> ZipArchive:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _add_folder(self, folder: str) -> None:
        while folder not in self.folders:
            self.folders.add(folder)
            folder = folder.rpartition("/")[0]

    # -- paths: a member is ``self.path / name`` ------------------------------------------------------------------

    def location(self, name: str) -> Path:
        return self.path / name if name else self.path

    def name_of(self, path: Path) -> str | None:
        """The member or folder name of a path inside the archive, else None."""
        try:
            relative = path.relative_to(self.path)
        except ValueError:
            return None
        return relative.as_posix() if relative.parts else ""

    def is_file(self, path: Path) -> bool:
        return self.name_of(path) in self.members

    def is_dir(self, path: Path) -> bool:
        return self.name_of(path) in self.folders

    def walk(self, top: Path) -> Iterator[tuple[str, list[str], list[str]]]:
        """``os.walk`` over the archive from ``top``: (folder, subfolder names, file names), top-down; the caller
        may prune the subfolder list as with ``os.walk``."""
        start = self.name_of(top)
        pending = [start] if start in self.folders else []
        while pending:
            folder = pending.pop()
            subfolders, files = (sorted(names) for names in self._children[folder])
            yield str(self.location(folder)), subfolders, files
            prefix = f"{folder}/" if folder else ""
            pending.extend(prefix + child for child in reversed(subfolders))

    # -- reading --------------------------------------------------------------------------------------------------

    def load(self, names: Iterable[str], max_file_bytes: int) -> None:
        """Inflate the members ``names`` into memory, after refusing a zip bomb; members over ``max_file_bytes``
        are left out (the reader reports them by their size)."""
        if self._handle is None:
            raise ValueError("the archive is closed")
        wanted = {name: self.members[name] for name in names if self.members[name].file_size <= max_file_bytes}
        for info in wanted.values():
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
                ratio = info.file_size // max(info.compress_size, 1)
                raise ArchiveError(
                    f"member {_quoted(info.filename)} expands {ratio:,} times (over {MAX_RATIO}), like a zip bomb; "
                    "refusing the archive"
                )
        total = sum(info.file_size for info in wanted.values())
        if total > MAX_READ_BYTES:
            raise ArchiveError(
                f"its text files expand to {total // (1024 * 1024):,} MB, over the "
                f"{MAX_READ_BYTES // (1024 * 1024)} MB limit for an archive; extract it and lint the folder"
            )
        for name, info in wanted.items():
            self._loaded[name] = self._inflate(info)

    def _inflate(self, info: zipfile.ZipInfo) -> bytes | str:
        assert self._handle is not None
        try:
            with self._handle.open(info) as handle:
                return handle.read(info.file_size)  # never more than the size the directory declares
        # Any error: zipfile's own, and each decompressor's (zlib.error, lzma.LZMAError, OSError from bz2) on data
        # that lies about itself. A damaged member is one unreadable file, not the end of the run.
        except Exception as error:
            return f"damaged archive member ({type(error).__name__}: {error})"

    def size(self, path: Path) -> int:
        """The member's size as the archive's directory declares it (OSError if there is no such member)."""
        info = self.members.get(self.name_of(path) or "")
        if info is None:
            raise OSError(f"no such archive member: {path.name}")
        return info.file_size

    def read(self, path: Path) -> bytes:
        """The member's bytes as loaded; OSError when it could not be inflated or was not loaded."""
        loaded = self._loaded.get(self.name_of(path) or "")
        if isinstance(loaded, bytes):
            return loaded
        raise OSError(loaded or "archive member not loaded")
