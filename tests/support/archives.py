"""ZIP archives for tests: a folder zipped as FlutterFlow's "Download Code" zips it (one top folder), or members
written one by one, hostile ones included (names, symbolic links, flags no zip tool would write)."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

FIXED_TIME = (2025, 1, 2, 3, 4, 6)  # byte-identical archives from run to run


def zip_folder(folder: Path, target: Path, *, top: str | None = "") -> Path:
    """Zip every file under ``folder`` into ``target``. ``top``: the archive's top folder ("" for the folder's own
    name, as FlutterFlow's download has it; None for no top folder)."""
    prefix = (folder.name if top == "" else top) if top is not None else None
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                relative = path.relative_to(folder).as_posix()
                name = f"{prefix}/{relative}" if prefix else relative
                archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), path.read_bytes(), zipfile.ZIP_DEFLATED)
    return target


def write_zip(target: Path, members: dict[str, str | bytes], *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    """An archive holding ``members`` (name -> content), written as given: names are not checked."""
    with zipfile.ZipFile(target, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, method)
    return target


def add_symlink(target: Path, name: str, points_to: str) -> None:
    """Append a symbolic-link member (as ``zip --symlinks`` stores one: the link's target is its content)."""
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.create_system = 3  # Unix
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(target, "a") as archive:
        archive.writestr(info, points_to)


def set_flag_bits(target: Path, bits: int) -> None:
    """Set general-purpose flag ``bits`` on every member, in the local headers and the central directory (how an
    encrypted archive is marked; zipfile cannot write one)."""
    data = bytearray(target.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            flags = int.from_bytes(data[start + offset : start + offset + 2], "little") | bits
            data[start + offset : start + offset + 2] = flags.to_bytes(2, "little")
            start = data.find(signature, start + 4)
    target.write_bytes(bytes(data))
