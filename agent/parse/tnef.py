"""A bounded reader for TNEF (winmail.dat): the names and sizes of the files inside, the body.

winmail.dat comes from anyone who can send us mail, so no count in it is trusted: each one
is checked against the bytes left before a loop runs on it. tnefparse trusts them: a
30-byte file that declares four billion properties loops for hours, one that declares four
billion values fills the memory, every attribute copies the rest of the file (quadratic)
and embedded messages recurse without limit. Here time and memory grow with the file's
size alone, at most MAX_FILES files are listed and embedded messages are not opened.
"""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass, field

MAX_FILES = 200  # a real winmail.dat carries a handful; the rest are counted, not listed

_SIGNATURE = 0x223E9F78
_MESSAGE, _ATTACHMENT = 1, 2
# Attributes (MS-OXTNEF 2.1.3.3)
_ATT_BODY = 0x800C
_ATT_ATTACH_DATA = 0x800F
_ATT_ATTACH_TITLE = 0x8010
_ATT_ATTACH_REND_DATA = 0x9002  # starts each attachment
_ATT_MAPI_PROPS = 0x9003
_ATT_ATTACHMENT = 0x9005
_ATT_OEM_CODEPAGE = 0x9007
# MAPI property tags
_PR_BODY = 0x1000
_PR_DISPLAY_NAME = 0x3001
_PR_ATTACH_DATA = 0x3701
_PR_ATTACH_FILENAME = 0x3704
_PR_ATTACH_LONG_FILENAME = 0x3707
_PR_UNCOMPRESSED_BODY = 0x3FD9
_PR_INTERNET_CODEPAGE = 0x3FDE
_IMESSAGE = b"\x07\x03\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46"
# MAPI property types: fixed sizes, and those stored as counted, padded byte strings
_FIXED = {0x0002: 2, 0x000B: 2, 0x0003: 4, 0x0004: 4, 0x000A: 4, 0x0005: 8, 0x0006: 8}
_FIXED |= {0x0007: 8, 0x0014: 8, 0x0040: 8, 0x0048: 16}
_STRING8, _UNICODE = 0x001E, 0x001F
_COUNTED = {0x0000, 0x000D, 0x0102, _STRING8, _UNICODE}
_MULTI, _NAMED = 0x1000, 0x8000


class TnefError(ValueError):
    """Raised when the bytes are not TNEF, or a count in them cannot be true."""


@dataclass
class TnefFile:
    name: str = ""
    size: int = 0
    data: bytes = b""  # the file's bytes (slices of the input: never more than it)


@dataclass
class Tnef:
    files: list[TnefFile] = field(default_factory=list)
    files_total: int = 0  # files declared, including those past MAX_FILES
    body: str = ""


def read_tnef(data: bytes) -> Tnef:
    """The files and body of a winmail.dat; TnefError if it is not one."""
    if len(data) < 6 or struct.unpack_from("<I", data)[0] != _SIGNATURE:
        raise TnefError("not a TNEF file")
    out = Tnef()
    codepage = "cp1252"
    current: _Attachment | None = None
    offset = 6
    while offset + 11 <= len(data):
        level, name, _type, length = struct.unpack_from("<BHHI", data, offset)
        start = offset + 9
        end = min(start + length, len(data))  # a truncated last attribute is read as is
        offset = end + 2  # the checksum is not checked: a wrong one is still readable
        if name == _ATT_ATTACH_REND_DATA:
            out.files_total += 1
            current = _Attachment() if out.files_total <= MAX_FILES else None
            if current is not None:
                out.files.append(current.file)
            continue
        if level == _ATTACHMENT:
            if current is not None:
                current.add(name, data, start, end, codepage)
        elif name == _ATT_OEM_CODEPAGE and end - start >= 4:
            codepage = _codec(struct.unpack_from("<I", data, start)[0]) or codepage
        elif name == _ATT_BODY:
            out.body = _decode(data[start:end], codepage).rstrip("\x00")
        elif name == _ATT_MAPI_PROPS:
            out.body = _mapi_body(_mapi(data, start, end, codepage)) or out.body
    return out


@dataclass
class _Attachment:
    file: TnefFile = field(default_factory=TnefFile)
    names: dict[int, str] = field(default_factory=dict)  # by where the name came from

    def add(self, name: int, data: bytes, start: int, end: int, codepage: str) -> None:
        if name == _ATT_ATTACH_TITLE:
            self.names[_ATT_ATTACH_TITLE] = _decode(data[start:end], "utf-8", fallback=codepage)
        elif name == _ATT_ATTACH_DATA:
            self.file.data = data[start:end]
            self.file.size = end - start
        elif name == _ATT_ATTACHMENT:
            props = _mapi(data, start, end, codepage)
            if isinstance(blob := props.get(_PR_ATTACH_DATA), bytes):
                # An embedded message is counted by its size; it is not opened.
                self.file.data = blob[len(_IMESSAGE) :] if blob.startswith(_IMESSAGE) else blob
                self.file.size = len(self.file.data)
            for tag in (_PR_ATTACH_LONG_FILENAME, _PR_ATTACH_FILENAME, _PR_DISPLAY_NAME):
                if isinstance(value := props.get(tag), str):
                    self.names.setdefault(tag, value)
        # The long name first, then the 8.3 name, then the title (as tnefparse reads them).
        order = (_PR_ATTACH_LONG_FILENAME, _PR_ATTACH_FILENAME, _ATT_ATTACH_TITLE, _PR_DISPLAY_NAME)
        found = (self.names.get(tag, "").strip("\x00").strip() for tag in order)
        self.file.name = next((n for n in found if n), "")


def _mapi(data: bytes, start: int, end: int, codepage: str) -> dict[int, object]:
    """The first value of each property in a MAPI property list (MS-OXTNEF 2.1.3.4).

    Unreadable from some point on (an unknown type, a count larger than the bytes left):
    what came before is kept, as tnefparse does.
    """
    reader = _Reader(data, start, end)
    props: dict[int, object] = {}
    try:
        count = reader.count(4)
        for _ in range(count):
            kind, tag = reader.u16(), reader.u16()
            if tag >= _NAMED:  # a named property: GUID, then an id or a name
                reader.skip(16)
                if reader.u32() != 0:
                    reader.skip(_padded(reader.u32()))
                else:
                    reader.skip(4)
            multi = bool(kind & _MULTI)
            kind &= ~_MULTI
            if kind in _FIXED:
                size = _FIXED[kind]
                n = reader.count(size) if multi else 1
                value: object = reader.take(size)
                reader.skip(size * (n - 1))
                if n % 2 and size == 2:
                    reader.skip(2)  # 2-byte values are padded to 4
            elif kind in _COUNTED:  # single or multi-valued: a count, then (length, bytes)
                n = reader.count(4)
                value = None
                for i in range(n):
                    length = reader.u32()
                    item = reader.take(length, exact=False)
                    reader.skip(min(_padded(length) - length, reader.left))
                    if i == 0:
                        value = _value(kind, item, codepage)
            else:
                break
            props.setdefault(tag, value)
    except TnefError:
        pass
    return props


def _value(kind: int, item: bytes, codepage: str) -> object:
    if kind == _UNICODE:
        return item.decode("utf-16-le", "replace").rstrip("\x00")
    if kind == _STRING8:
        return _decode(item, codepage).rstrip("\x00")
    return item


def _mapi_body(props: dict[int, object]) -> str:
    body = props.get(_PR_UNCOMPRESSED_BODY, props.get(_PR_BODY))
    if isinstance(body, bytes):
        cp = props.get(_PR_INTERNET_CODEPAGE)
        codec = _codec(struct.unpack_from("<i", cp)[0]) if isinstance(cp, bytes) else None
        return _decode(body, codec or "cp1252").rstrip("\x00")
    return body if isinstance(body, str) else ""


class _Reader:
    """Reads forward within [start, end); every read past the end is a TnefError."""

    def __init__(self, data: bytes, start: int, end: int) -> None:
        self.data, self.pos, self.end = data, start, end

    def u16(self) -> int:
        return int.from_bytes(self.take(2), "little")

    def u32(self) -> int:
        return int.from_bytes(self.take(4), "little")

    @property
    def left(self) -> int:
        return self.end - self.pos

    def count(self, item_size: int) -> int:
        """A count of items of at least `item_size` bytes each, which must fit what is left."""
        n = self.u32()
        if n * item_size > self.end - self.pos:
            raise TnefError(f"a count of {n} does not fit in {self.end - self.pos} bytes")
        return n

    def take(self, n: int, *, exact: bool = True) -> bytes:
        if n > self.end - self.pos and exact:
            raise TnefError("attribute ends early")
        value = self.data[self.pos : min(self.pos + n, self.end)]
        self.pos = min(self.pos + n, self.end)
        return value

    def skip(self, n: int) -> None:
        if n > self.end - self.pos:
            raise TnefError("attribute ends early")
        self.pos += n


def _padded(n: int) -> int:
    return n + (-n) % 4


def _codec(codepage: int) -> str | None:
    """The Python codec of a Windows code page number, or None when there is none."""
    name = {20127: "ascii", 28591: "latin-1", 65001: "utf-8", 1200: "utf-16-le"}.get(
        codepage, f"cp{codepage}"
    )
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode(raw: bytes, codec: str, *, fallback: str | None = None) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return raw.decode(fallback or codec, "replace")
