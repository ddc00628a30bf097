"""Query timings for `make bench`: every query function and view, uncached and cached, on SQLite and PostgreSQL.

Run `python -m benchmarks --help`; see benchmarks/README.md.
"""
