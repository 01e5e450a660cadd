"""Turn a published file's bytes into text: UTF-8 (with or without BOM), else cp1252."""

import re
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"
REPLACEMENT = "\ufffd"
# Bytes that cp1252 leaves undefined; they are replaced by U+FFFD and recorded, never dropped.
CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


@dataclass(frozen=True)
class Undecodable:
    """One byte that could not be decoded: its offset, value and 1-based line."""

    offset: int
    byte: int
    line: int

    def __str__(self) -> str:
        return (
            f"byte 0x{self.byte:02X} at offset {self.offset} (line {self.line}) is not "
            f"valid cp1252; decoded as U+FFFD"
        )


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding detected and any bytes that had to be replaced."""

    text: str
    encoding: str
    undecodable: tuple[Undecodable, ...] = ()


def decode_bytes(data: bytes) -> Decoded:
    """Decode UTF-8 with BOM, then UTF-8, then cp1252 (undefined bytes → U+FFFD, recorded)."""
    start = len(BOM) if data.startswith(BOM) else 0
    try:
        return Decoded(data[start:].decode("utf-8"), "utf-8-sig" if start else "utf-8")
    except UnicodeDecodeError:
        pass
    bad = tuple(_undecodable(data, m.start()) for m in CP1252_UNDEFINED.finditer(data, start))
    return Decoded(data[start:].decode("cp1252", errors="replace"), "cp1252", bad)


def _undecodable(data: bytes, offset: int) -> Undecodable:
    """Describe the undecodable byte at ``offset``."""
    return Undecodable(offset=offset, byte=data[offset], line=data.count(b"\n", 0, offset) + 1)
