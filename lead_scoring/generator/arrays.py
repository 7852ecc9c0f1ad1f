"""Small vectorized helpers: numpy draws and pyarrow string arrays (pyarrow compute does the
string work in C++); every value of a raw table is text.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

STR = pa.string()


def take(vocab, idx) -> pa.Array:
    """vocab[idx] as a string array."""
    return pa.array(vocab, STR).take(pa.array(np.asarray(idx, dtype=np.int64)))


def fmt_ids(prefix: str, numbers, width: int) -> pa.Array:
    digits = pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), STR)
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(digits, width=width, padding="0"), "")


def fmt_ts(seconds) -> pa.Array:
    arr = pa.array(np.asarray(seconds, dtype=np.int64), pa.timestamp("s"))
    return pc.strftime(arr, format="%Y-%m-%d %H:%M:%S")


def fmt_date(seconds) -> pa.Array:
    arr = pa.array(np.asarray(seconds, dtype=np.int64), pa.timestamp("s"))
    return pc.strftime(arr, format="%Y-%m-%d")


def fmt_int(values) -> pa.Array:
    return pc.cast(pa.array(np.asarray(values, dtype=np.int64)), STR)


def fmt_bool(values) -> pa.Array:
    return take(["false", "true"], np.asarray(values, dtype=np.int64))


def concat(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def null_where(arr: pa.Array, mask) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(mask, dtype=bool)), pa.scalar(None, STR), arr)


def replace_where(arr: pa.Array, mask, values: pa.Array) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(mask, dtype=bool)), values, arr)


def nulls(n: int) -> pa.Array:
    return pa.nulls(n, STR)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def choice(rng: np.random.Generator, n: int, p) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def uniform_between(rng: np.random.Generator, low, high) -> np.ndarray:
    """Integer seconds uniform in [low, high) (element-wise; high > low assumed)."""
    low = np.asarray(low, dtype=np.int64)
    high = np.asarray(high, dtype=np.int64)
    span = np.maximum(high - low, 1)
    return low + (rng.random(np.broadcast(low, high).shape) * span).astype(np.int64)


def segment_offsets(rng: np.random.Generator, counts: np.ndarray, mean_gap) -> np.ndarray:
    """Seconds since the start of its segment for each item of consecutive segments.

    The first item of a segment is at 0; later items follow after exponential gaps.
    """
    total = int(counts.sum())
    gaps = rng.exponential(1.0, total) * np.repeat(np.asarray(mean_gap, dtype=float), counts)
    starts = np.cumsum(counts) - counts
    gaps[starts[counts > 0]] = 0.0
    cumulative = np.cumsum(gaps)
    return (cumulative - np.repeat(cumulative[starts], counts)).astype(np.int64)


def concat_tables(*parts: dict[str, pa.Array]) -> dict[str, pa.Array]:
    parts = [p for p in parts if p is not None]
    return {c: pa.concat_arrays([p[c] for p in parts]) for c in parts[0]}


def take_rows(data: dict[str, pa.Array], idx) -> dict[str, pa.Array]:
    index = pa.array(np.asarray(idx, dtype=np.int64))
    return {c: a.take(index) for c, a in data.items()}
