"""The cache extension: created unbound here, bound to the Flask server by the app factory.

STV_CACHE_URL chooses the backend: redis://… (shared between workers), simple:// (in-process),
filesystem://PATH, null:// (no caching); default: files under the settings' cache folder.

The cache holds data, never code: every backend stores values as JSON (`JsonSerializer`), with data frames as their
columns, dtypes and values, so that whoever can write to Redis (or the cache folder) can at worst make a figure
wrong, never run code in the workers, as a pickle would let them. Values of a type the codec does not know are
refused when they are stored, not silently turned into something else.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import IO, Any

import numpy as np
import pandas as pd
from cachelib import FileSystemCache
from flask_caching import Cache

from dashboard.settings import Settings

cache = Cache()
DEFAULT_TIMEOUT = 24 * 3600  # entries carry the data version in their key, so age alone never makes them wrong
# A Redis that stops answering must not hold a request: connecting and each command give up after these seconds
# (the data access then serves uncached, and tries the cache again a probe interval later).
REDIS_TIMEOUTS = {"socket_connect_timeout": 1.0, "socket_timeout": 2.0}


def cache_config(settings: Settings) -> dict:
    """Flask-Caching configuration for the settings."""
    url = settings.cache_url or ""
    base = {"CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT, "CACHE_KEY_PREFIX": "stv:"}
    if url.startswith(("redis://", "rediss://")):
        return {**base, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url, "CACHE_OPTIONS": dict(REDIS_TIMEOUTS)}
    if url.startswith("simple://"):
        return {**base, "CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000}
    if url.startswith("null://"):
        return {**base, "CACHE_TYPE": "NullCache"}
    folder = url.removeprefix("filesystem://") if url.startswith("filesystem://") else str(settings.cache_dir)
    return {**base, "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": folder, "CACHE_THRESHOLD": 5000}


def init_cache(server, settings: Settings) -> None:
    """Bind the cache to `server` with the settings' backend, storing JSON instead of pickles."""
    cache.init_app(server, config=cache_config(settings))
    backend = server.extensions["cache"][cache]
    if hasattr(backend, "serializer"):
        backend.serializer = JsonSerializer()


def add_once(cache: Cache, key: str, value: Any, timeout: int | None = None) -> bool:
    """Keep `value` under `key` unless an entry is there; whether this call kept it. Atomic across processes for
    every backend: Redis's SET NX, the in-process dictionary's setdefault, and for the cache folder a hard link
    of a staged file (cachelib's own `add` there looks, then writes: two workers could both think they won)."""
    backend = cache.cache
    if not isinstance(backend, FileSystemCache):
        return bool(cache.add(key, value, timeout=timeout))
    if backend.get(key) is not None:  # (an expired entry in the way is removed by this look)
        return False
    staged = f"{key}:staged:{uuid.uuid4().hex}"
    backend.set(staged, value, timeout=timeout)
    source = backend._get_filename(staged)  # cachelib's own: where an entry's file is
    try:
        os.link(source, backend._get_filename(key))
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.remove(source)
    return True


# --- values as JSON -----------------------------------------------------------------------------------------------


class JsonSerializer:
    """cachelib's serializer interface (bytes for Redis and the in-process cache, a file for the cache folder)."""

    def dumps(self, value: Any) -> bytes:
        if type(value) is int:  # as cachelib's own: Redis's INCR/DECR read plain integers
            return str(value).encode("ascii")
        return json.dumps(encode(value), separators=(",", ":"), allow_nan=True).encode()

    def loads(self, value: bytes | None) -> Any:
        """The value, or None (a miss) for anything that is not this codec's JSON, such as a planted pickle."""
        if value is None:
            return None
        try:
            return decode(json.loads(value))
        except (ValueError, TypeError, KeyError):
            return None

    def dump(self, value: Any, f: IO[bytes]) -> None:
        f.write(self.dumps(value))

    def load(self, f: IO[bytes]) -> Any:
        return self.loads(f.read())


def encode(value: Any) -> Any:
    """`value` as plain JSON types; what JSON lacks as a one-key object whose key starts with '$'."""
    if value is None or isinstance(value, (str, bool, int, float)) and not isinstance(value, np.generic):
        return value
    if isinstance(value, np.generic):
        return encode(value.item())
    if isinstance(value, pd.DataFrame):
        return {"$frame": _frame(value)}
    if isinstance(value, pd.Series):
        return {"$series": {"name": encode(value.name), "index": _index(value.index), "values": _column(value)}}
    if isinstance(value, (list, tuple)):
        items = [encode(item) for item in value]
        return items if isinstance(value, list) else {"$tuple": items}
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {"$dict": [[encode(key), encode(item)] for key, item in value.items()]}
    if value is pd.NaT:
        return {"$nat": None}
    if value is pd.NA:
        return {"$na": None}
    if isinstance(value, pd.Timestamp):
        return {"$timestamp": value.isoformat()}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, pd.Timedelta):
        return {"$timedelta": value.value}
    if isinstance(value, timedelta):
        return {"$pytimedelta": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, np.ndarray):
        return {"$array": {"dtype": str(value.dtype), "values": encode(value.tolist())}}
    if isinstance(value, (set, frozenset)):
        return {"$frozenset": [encode(item) for item in sorted(value, key=repr)]}
    raise TypeError(f"the cache stores data, not {type(value).__name__}")


def decode(value: Any) -> Any:
    """The reverse of `encode`."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((tag, body),) = value.items()
        if tag.startswith("$"):
            return _DECODERS[tag](body)
    return {key: decode(item) for key, item in value.items()}


_DECODERS = {
    "$frame": lambda body: _frame_from(body),
    "$series": lambda body: _values_from(body["values"], _index_from(body["index"])).rename(decode(body["name"])),
    "$tuple": lambda body: tuple(decode(item) for item in body),
    "$dict": lambda body: {decode(key): decode(item) for key, item in body},
    "$nat": lambda _: pd.NaT,
    "$na": lambda _: pd.NA,
    "$timestamp": pd.Timestamp,
    "$datetime": datetime.fromisoformat,
    "$date": date.fromisoformat,
    "$time": time.fromisoformat,
    "$timedelta": lambda body: pd.Timedelta(body, unit="ns"),
    "$pytimedelta": lambda body: timedelta(*body),
    "$decimal": Decimal,
    "$array": lambda body: np.array(decode(body["values"]), dtype=body["dtype"]),
    "$frozenset": lambda body: frozenset(decode(item) for item in body),
}


def _frame(frame: pd.DataFrame) -> dict:
    return {
        "index": _index(frame.index),
        "columns": _index(frame.columns),
        "data": [_column(frame.iloc[:, i]) for i in range(frame.shape[1])],
    }


def _frame_from(body: dict) -> pd.DataFrame:
    columns = _index_from(body["columns"])
    index = _index_from(body["index"])
    data = {i: _values_from(column, index) for i, column in enumerate(body["data"])}
    frame = pd.DataFrame(data, index=index) if data else pd.DataFrame(index=index)
    frame.columns = columns
    return frame


def _column(series: pd.Series) -> dict:
    """A column's dtype and values: date-times as ISO text (exact to the nanosecond), the rest as JSON values."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {
            "dtype": "category",
            "categories": _index(dtype.categories),
            "ordered": bool(dtype.ordered),
            "codes": series.cat.codes.tolist(),
        }
    if pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_timedelta64_dtype(dtype):
        values = [None if pd.isna(v) else v.isoformat() for v in series]
        return {"dtype": str(dtype), "values": values}
    return {"dtype": str(dtype), "values": encode(series.tolist())}


def _values_from(column: dict, index=None) -> pd.Series:
    dtype = column["dtype"]
    if dtype == "category":
        categories = _index_from(column["categories"])
        values = pd.Categorical.from_codes(column["codes"], categories=categories, ordered=column["ordered"])
        return pd.Series(values, index=index)
    values = decode(column["values"])
    if dtype.startswith("datetime64"):
        parsed = pd.to_datetime(values, format="ISO8601", utc="," in dtype)
        return pd.Series(parsed, index=index).astype(dtype)
    if dtype.startswith("timedelta64"):
        return pd.Series(pd.to_timedelta(values), index=index).astype(dtype)
    return pd.Series(values, index=index, dtype=dtype if dtype != "object" else object)


def _index(index: pd.Index) -> dict:
    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": encode(index.name)}
    if isinstance(index, pd.MultiIndex):
        return {"multi": _frame(index.to_frame(index=False))}
    return {"values": _column(pd.Series(index)), "name": encode(index.name)}


def _index_from(body: dict) -> pd.Index:
    if "range" in body:
        return pd.RangeIndex(*body["range"], name=decode(body["name"]))
    if "multi" in body:
        return pd.MultiIndex.from_frame(_frame_from(body["multi"]))
    return pd.Index(_values_from(body["values"]), name=decode(body["name"]))
