"""XXH3-64 (seed 0, default secret), written from the public description of the algorithm.

Every input-length branch of XXH3-64 is here: 0, 1-3, 4-8, 9-16, 17-128, 129-240 bytes and the long hash of more than
240 bytes (stripes, accumulation, scrambling and the final merge). The long hash has a pure-Python path, which sums each
lane of a 1 KiB block at once (within a block the accumulation is a plain sum modulo 2^64), and a numpy path that does
the per-block sums of every block in one vectorized step when numpy is installed.
"""

import struct

__all__ = ["xxh3_64"]

_M64 = 0xFFFFFFFFFFFFFFFF
_M32 = 0xFFFFFFFF

_P32_1 = 0x9E3779B1
_P32_2 = 0x85EBCA77
_P32_3 = 0xC2B2AE3D
_P64_1 = 0x9E3779B185EBCA87
_P64_2 = 0xC2B2AE3D27D4EB4F
_P64_3 = 0x165667B19E3779F9
_P64_4 = 0x85EBCA77C2B2AE63
_P64_5 = 0x27D4EB2F165667C5
_PMX_1 = 0x165667919E3779F9
_PMX_2 = 0x9FB21C651E98DF25

# The default 192-byte secret of XXH3.
_SECRET = bytes.fromhex(
    "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
    "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
    "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
    "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
    "eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e"
    "2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e"
)
assert len(_SECRET) == 192

_STRIPE = 64
_STRIPES_PER_BLOCK = (len(_SECRET) - _STRIPE) // 8  # 16
_BLOCK = _STRIPE * _STRIPES_PER_BLOCK  # 1024


def _u64(buf, off):
    return struct.unpack_from("<Q", buf, off)[0]


def _u32(buf, off):
    return struct.unpack_from("<I", buf, off)[0]


def _xxh64_avalanche(h):
    h ^= h >> 33
    h = (h * _P64_2) & _M64
    h ^= h >> 29
    h = (h * _P64_3) & _M64
    h ^= h >> 32
    return h


def _avalanche(h):
    h ^= h >> 37
    h = (h * _PMX_1) & _M64
    h ^= h >> 32
    return h


def _rrmxmx(h, length):
    h ^= (((h << 49) | (h >> 15)) & _M64) ^ (((h << 24) | (h >> 40)) & _M64)
    h = (h * _PMX_2) & _M64
    h ^= (h >> 35) + length
    h = (h * _PMX_2) & _M64
    h ^= h >> 28
    return h


def _fold(a, b):
    p = a * b
    return (p ^ (p >> 64)) & _M64


def _bswap64(x):
    return int.from_bytes(x.to_bytes(8, "little"), "big")


def _mix16(data, off, soff):
    lo, hi = struct.unpack_from("<QQ", data, off)
    slo, shi = struct.unpack_from("<QQ", _SECRET, soff)
    return _fold(lo ^ slo, hi ^ shi)


def _len_1to3(data, n):
    c1, c2, c3 = data[0], data[n >> 1], data[n - 1]
    combined = (c1 << 16) | (c2 << 24) | c3 | (n << 8)
    bitflip = _u32(_SECRET, 0) ^ _u32(_SECRET, 4)
    return _xxh64_avalanche(combined ^ bitflip)


def _len_4to8(data, n):
    lo = _u32(data, 0)
    hi = _u32(data, n - 4)
    bitflip = _u64(_SECRET, 8) ^ _u64(_SECRET, 16)
    keyed = ((hi + (lo << 32)) & _M64) ^ bitflip
    return _rrmxmx(keyed, n)


def _len_9to16(data, n):
    flip1 = _u64(_SECRET, 24) ^ _u64(_SECRET, 32)
    flip2 = _u64(_SECRET, 40) ^ _u64(_SECRET, 48)
    lo = _u64(data, 0) ^ flip1
    hi = _u64(data, n - 8) ^ flip2
    acc = (n + _bswap64(lo) + hi + _fold(lo, hi)) & _M64
    return _avalanche(acc)


def _len_17to128(data, n):
    acc = (n * _P64_1) & _M64
    if n > 32:
        if n > 64:
            if n > 96:
                acc += _mix16(data, 48, 96) + _mix16(data, n - 64, 112)
            acc += _mix16(data, 32, 64) + _mix16(data, n - 48, 80)
        acc += _mix16(data, 16, 32) + _mix16(data, n - 32, 48)
    acc += _mix16(data, 0, 0) + _mix16(data, n - 16, 16)
    return _avalanche(acc & _M64)


def _len_129to240(data, n):
    acc = (n * _P64_1) & _M64
    for i in range(8):
        acc += _mix16(data, 16 * i, 16 * i)
    acc = _avalanche(acc & _M64)
    for i in range(8, n // 16):
        acc += _mix16(data, 16 * i, 16 * (i - 8) + 3)
    acc += _mix16(data, n - 16, 136 - 17)
    return _avalanche(acc & _M64)


_SECRET_WORDS = struct.unpack_from("<24Q", _SECRET, 0)
_SCRAMBLE_KEYS = struct.unpack_from("<8Q", _SECRET, len(_SECRET) - _STRIPE)
_LAST_KEYS = struct.unpack_from("<8Q", _SECRET, len(_SECRET) - _STRIPE - 7)
_MERGE_KEYS = struct.unpack_from("<8Q", _SECRET, 11)
# Stripe s, lane i uses the secret word s + i (secret offset 8 s + 8 i).
_LANE_KEYS = [_SECRET_WORDS[i:i + _STRIPES_PER_BLOCK] for i in range(8)]


def _lane_products(values, keys):
    total = 0
    for v, k in zip(values, keys):
        x = v ^ k
        total += (x & _M32) * (x >> 32)
    return total


def _accumulate(acc, words, nstripes):
    """Adds nstripes stripes (words: 8 * nstripes 64-bit values of one block) to the accumulators."""
    for i in range(8):
        lane = words[i:8 * nstripes:8]
        acc[i ^ 1] += sum(lane)
        acc[i] += _lane_products(lane, _LANE_KEYS[i][:nstripes])


def _scramble(acc):
    for i in range(8):
        a = acc[i] & _M64
        a ^= a >> 47
        a ^= _SCRAMBLE_KEYS[i]
        acc[i] = (a * _P32_1) & _M64


def _block_sums_numpy(np, data, nblocks):
    """For each full block and lane: the sum of the data words and of the keyed products (both modulo 2^64)."""
    words = np.frombuffer(data, dtype="<u8", count=nblocks * _BLOCK // 8).reshape(nblocks, _STRIPES_PER_BLOCK, 8)
    words = words.astype(np.uint64, copy=False)
    keys = np.array([[_SECRET_WORDS[s + i] for i in range(8)] for s in range(_STRIPES_PER_BLOCK)], dtype=np.uint64)
    x = words ^ keys
    products = (x & np.uint64(_M32)) * (x >> np.uint64(32))
    with np.errstate(over="ignore"):
        return words.sum(axis=1, dtype=np.uint64).tolist(), products.sum(axis=1, dtype=np.uint64).tolist()


def _long(data, n, np):
    acc = [_P32_3, _P64_1, _P64_2, _P64_3, _P64_4, _P32_2, _P64_5, _P32_1]
    nblocks = (n - 1) // _BLOCK
    if np is not None and nblocks >= 8:
        data_sums, product_sums = _block_sums_numpy(np, data, nblocks)
        for b in range(nblocks):
            ds, ps = data_sums[b], product_sums[b]
            for i in range(8):
                acc[i ^ 1] += ds[i]
                acc[i] += ps[i]
            _scramble(acc)
    else:
        per_block = struct.Struct("<%dQ" % (_BLOCK // 8))
        for b in range(nblocks):
            _accumulate(acc, per_block.unpack_from(data, b * _BLOCK), _STRIPES_PER_BLOCK)
            _scramble(acc)
    start = nblocks * _BLOCK
    nstripes = ((n - 1) - start) // _STRIPE
    if nstripes:
        _accumulate(acc, struct.unpack_from("<%dQ" % (8 * nstripes), data, start), nstripes)
    last = struct.unpack_from("<8Q", data, n - _STRIPE)
    for i in range(8):
        v = last[i]
        x = v ^ _LAST_KEYS[i]
        acc[i ^ 1] += v
        acc[i] += (x & _M32) * (x >> 32)
    acc = [a & _M64 for a in acc]
    result = (n * _P64_1) & _M64
    for i in range(4):
        result += _fold(acc[2 * i] ^ _MERGE_KEYS[2 * i], acc[2 * i + 1] ^ _MERGE_KEYS[2 * i + 1])
    return _avalanche(result & _M64)


def xxh3_64(data, use_numpy=None):
    """XXH3-64 with seed 0 of a bytes-like object. use_numpy: None = when installed, False = pure Python."""
    data = bytes(data) if not isinstance(data, (bytes, bytearray, memoryview)) else data
    n = len(data)
    if n == 0:
        return _xxh64_avalanche(_u64(_SECRET, 56) ^ _u64(_SECRET, 64))
    if n <= 3:
        return _len_1to3(data, n)
    if n <= 8:
        return _len_4to8(data, n)
    if n <= 16:
        return _len_9to16(data, n)
    if n <= 128:
        return _len_17to128(data, n)
    if n <= 240:
        return _len_129to240(data, n)
    np = None
    if use_numpy is not False:
        try:
            import numpy as np  # noqa: F811
        except ImportError:
            if use_numpy:
                raise
            np = None
    return _long(data, n, np)
