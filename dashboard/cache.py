"""The cache extension: created unbound here, bound to the Flask server by the app factory.

STV_CACHE_URL chooses the backend: redis://… (shared between workers), simple:// (in-process),
filesystem://PATH, null:// (no caching); default: files under the settings' cache folder.
"""

from __future__ import annotations

from flask_caching import Cache

from dashboard.settings import Settings

cache = Cache()
DEFAULT_TIMEOUT = 24 * 3600  # entries carry the data version in their key, so age alone never makes them wrong


def cache_config(settings: Settings) -> dict:
    """Flask-Caching configuration for the settings."""
    url = settings.cache_url or ""
    base = {"CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT, "CACHE_KEY_PREFIX": "stv:"}
    if url.startswith(("redis://", "rediss://")):
        return {**base, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url}
    if url.startswith("simple://"):
        return {**base, "CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000}
    if url.startswith("null://"):
        return {**base, "CACHE_TYPE": "NullCache"}
    folder = url.removeprefix("filesystem://") if url.startswith("filesystem://") else str(settings.cache_dir)
    return {**base, "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": folder, "CACHE_THRESHOLD": 5000}
