"""Compressed streams far larger inflated than on disk, and a zip writer that can lie.

zipfile cannot hold a member of 10 GiB that is small on disk (deflate tops out near 1:1032,
so 10 GiB would still be 10 MB), nor write sizes that differ from the data. This module builds
the compressed bytes directly, in milliseconds rather than the minutes compressing gigabytes
would take:

- deflate: after a Z_FULL_FLUSH the compressor starts afresh, so one chunk compressed once can
  be repeated any number of times inside one valid stream;
- bzip2: a stream is a bit-string of self-contained blocks plus a CRC over the block CRCs, so
  one block of zeros can be repeated (about 40 bytes per 5 MB of output);
- CRC-32 of the repeated data: zlib's crc32_combine, ported, so nothing large is hashed.
"""

from __future__ import annotations

import bz2
import struct
import zlib
from dataclasses import dataclass

# --------------------------------------------------------------------------- CRC-32


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A+B from crc(A), crc(B) and len(B) (zlib's crc32_combine)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_repeated(chunk: bytes, count: int) -> int:
    """CRC-32 of `chunk` repeated `count` times, by doubling."""
    result = 0
    piece, piece_len = zlib.crc32(chunk), len(chunk)
    while count:
        if count & 1:
            result = crc32_combine(result, piece, piece_len)
        piece = crc32_combine(piece, piece, piece_len)
        piece_len *= 2
        count >>= 1
    return result


@dataclass(frozen=True)
class Stream:
    """Compressed bytes and what they inflate to (its size and CRC-32)."""

    data: bytes
    size: int
    crc: int


def deflate_repeated(head: bytes, chunk: bytes, count: int, tail: bytes = b"") -> Stream:
    """Raw deflate of head + chunk * count + tail, compressing `chunk` only once."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    if block != again:
        raise AssertionError("deflate of a chunk after a full flush is not reproducible")
    end = comp.compress(tail) + comp.flush()
    data = start + block * count + end
    crc = zlib.crc32(head)
    crc = crc32_combine(crc, crc32_repeated(chunk, count), len(chunk) * count)
    crc = crc32_combine(crc, zlib.crc32(tail), len(tail))
    return Stream(data, len(head) + len(chunk) * count + len(tail), crc)


# --------------------------------------------------------------------------- bzip2

_BZ_BLOCK = format(0x314159265359, "048b")  # the pi magic that opens every block
_BZ_END = format(0x177245385090, "048b")  # sqrt(pi): end of stream, then the stream CRC
_BZ_LEVEL = 1  # 100k blocks: the compressor is fast on zeros at this level


def _bits(data: bytes) -> str:
    return format(int.from_bytes(data, "big"), f"0{len(data) * 8}b")


def _bz_stream(blocks: list[str]) -> bytes:
    combined = 0
    for block in blocks:
        block_crc = int(block[48:80], 2)
        combined = (((combined << 1) | (combined >> 31)) & 0xFFFFFFFF) ^ block_crc
    bits = _bits(b"BZh%d" % _BZ_LEVEL) + "".join(blocks) + _BZ_END + format(combined, "032b")
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


def _only_block(stream: bytes) -> str:
    bits = _bits(stream)
    return bits[32 : bits.rindex(_BZ_END)]


def bzip2_zeros(size: int) -> Stream:
    """A bzip2 stream of `size` zero bytes built from one repeated block."""
    probe = _bits(bz2.compress(bytes(16 << 20), _BZ_LEVEL))
    first = probe.index(_BZ_BLOCK, 32)
    block = probe[first : probe.index(_BZ_BLOCK, first + 48)]
    per_block = len(bz2.decompress(_bz_stream([block])))
    full, rest = divmod(size, per_block)
    blocks = [block] * full
    if rest:
        tail = _only_block(bz2.compress(bytes(rest), _BZ_LEVEL))
        if len(bz2.decompress(_bz_stream([tail]))) != rest:
            raise AssertionError("bzip2 tail block did not round-trip")
        blocks.append(tail)
    zeros = bytes(1 << 20)
    crc = crc32_repeated(zeros, size >> 20)
    crc = crc32_combine(crc, zlib.crc32(bytes(size & 0xFFFFF)), size & 0xFFFFF)
    return Stream(_bz_stream(blocks), size, crc)


# --------------------------------------------------------------------------- zip

STORED, DEFLATED, BZIP2 = 0, 8, 12
_DOS_TIME = (10 << 11) | (0 << 5)  # 10:00:00
_DOS_DATE = ((2021 - 1980) << 9) | (4 << 5) | 19  # 2021-04-19


@dataclass(frozen=True)
class Entry:
    """One zip member as stored; `declared` is the size the headers claim, when they lie."""

    name: str
    stream: Stream
    method: int
    declared: int | None = None


def stored(name: str, data: bytes) -> Entry:
    return Entry(name, Stream(data, len(data), zlib.crc32(data)), STORED)


def deflated(name: str, data: bytes) -> Entry:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Entry(name, Stream(comp.compress(data) + comp.flush(), len(data), zlib.crc32(data)),
                 DEFLATED)  # fmt: skip


def zip_bytes(entries: list[Entry]) -> bytes:
    """A zip archive of the entries, UTF-8 names, zip64 sizes where needed."""
    out, central = bytearray(), bytearray()
    for e in entries:
        name = e.name.encode("utf-8")
        size = e.stream.size if e.declared is None else e.declared
        csize = len(e.stream.data)
        zip64 = max(size, csize) >= 0xFFFFFFFF
        version = 46 if e.method == BZIP2 else 45 if zip64 else 20
        extra = struct.pack("<HHQQ", 1, 16, size, csize) if zip64 else b""
        c32, u32 = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (csize, size)
        offset = len(out)
        common = (version, 0x800, e.method, _DOS_TIME, _DOS_DATE, e.stream.crc, c32, u32)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", *common, len(name), len(extra))
        out += name + extra + e.stream.data
        central += struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", 0x031E, *common, len(name), len(extra), 0, 0, 0,
            0o100644 << 16, offset,
        )  # fmt: skip
        central += name + extra
    end = struct.pack(
        "<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)
