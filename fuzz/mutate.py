"""Byte-level mutations of fixture files, seeded, for fuzzing every extractor through the engine."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable

Mutation = Callable[[random.Random, bytes], bytes]
_STRUCTURE = [b"'", b'"', b"'''", b"{", b"}", b"(", b")", b"[", b"]", b"$", b"${", b"\\", b":", b",", b"\n", b"`"]


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(0, len(data))]


def delete_structure(rng: random.Random, data: bytes) -> bytes:
    token = rng.choice(_STRUCTURE)
    positions = [i for i in range(len(data)) if data.startswith(token, i)]
    if not positions:
        return data
    at = rng.choice(positions)
    return data[:at] + data[at + len(token) :]


def duplicate_structure(rng: random.Random, data: bytes) -> bytes:
    token = rng.choice(_STRUCTURE)
    at = rng.randint(0, len(data))
    return data[:at] + token * rng.randint(1, 3) + data[at:]


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randint(0, len(data))
    noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return data[:at] + noise + data[at + rng.randint(0, 8) :]


def flip_line_endings(rng: random.Random, data: bytes) -> bytes:
    if b"\r\n" in data and rng.random() < 0.5:
        return data.replace(b"\r\n", b"\n")
    return data.replace(b"\n", b"\r\n") if rng.random() < 0.8 else data.replace(b"\n", b"\r")


def add_bom(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.5:
        return codecs.BOM_UTF8 + data
    return data.decode("utf-8", "replace").encode(rng.choice(["utf-16", "utf-16-le", "utf-32"]))


def huge_line(rng: random.Random, data: bytes) -> bytes:
    at = rng.randint(0, len(data))
    # log-uniform length: mostly a few thousand bytes, now and then tens of thousands
    filler = rng.choice([b"A", b"{", b"'", b"$", b"[", b"eyJ", b"\\u00a0"]) * int(1_000 * 60 ** rng.random())
    return data[:at] + filler + data[at:]


def swap_chunks(rng: random.Random, data: bytes) -> bytes:
    if len(data) < 4:
        return data
    a, b = sorted(rng.sample(range(len(data)), 2))
    return data[:a] + data[b:] + data[a:b]


MUTATIONS: list[Mutation] = [
    truncate,
    delete_structure,
    duplicate_structure,
    random_bytes,
    flip_line_endings,
    add_bom,
    huge_line,
    swap_chunks,
]


def mutate(rng: random.Random, data: bytes, rounds: int | None = None) -> bytes:
    for _ in range(rounds or rng.randint(1, 4)):
        data = rng.choice(MUTATIONS)(rng, data)
    return data
