"""How a file's bytes become text and back: UTF-8, or UTF-16/UTF-32 marked by a byte-order mark.

The encoding name kept on a SourceFile says how to write the file back byte for byte: the same code, the same byte
order, and the byte-order mark when the file had one.
"""

from __future__ import annotations

import codecs

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_MARKED = (
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-8-sig", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
)
_MARKS = dict(_MARKED)
WIDE_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)  # the UTF-32-LE mark is covered


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding to write it back with; raises UnicodeDecodeError (``start`` counts the mark)."""
    for encoding, mark in _MARKED:
        if not data.startswith(mark):
            continue
        codec = "utf-8" if encoding == "utf-8-sig" else encoding
        try:
            return data[len(mark) :].decode(codec), encoding
        except UnicodeDecodeError as error:
            if encoding == "utf-32-le":
                continue  # FF FE 00 00 is also UTF-16-LE text that starts with a NUL character
            start, end = error.start + len(mark), error.end + len(mark)
            raise UnicodeDecodeError(codec, data, start, end, error.reason) from None
    return data.decode("utf-8"), "utf-8"


def encode(text: str, encoding: str) -> bytes:
    """The bytes of ``text`` in an encoding named by ``decode``, byte-order mark included."""
    mark = _MARKS.get(encoding)
    if mark is None:
        return text.encode(encoding)
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    return mark + text.encode(codec)


def display_name(encoding: str) -> str:
    """UTF-8, UTF-16 or UTF-32, for messages."""
    return encoding.upper()[:6].rstrip("-")
