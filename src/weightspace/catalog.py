"""The results catalog: every computed result, with the command and version that produced it, in SQLite.

SQLite (Python's built-in ``sqlite3``) is the store: one file, no server, no extra dependency, transactions that
make each write atomic (a half-written result never becomes visible), and SQL for ad-hoc queries. Results are
JSON documents keyed by a stable string (``threshold/T/6``); reading a key that exists returns the stored value
instead of recomputing it.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .errors import InvalidInput

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key      TEXT PRIMARY KEY,
    section  TEXT NOT NULL,
    value    TEXT NOT NULL,
    command  TEXT NOT NULL,
    version  TEXT NOT NULL,
    created  TEXT NOT NULL,
    seconds  REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sections (
    name     TEXT PRIMARY KEY,
    finished TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Entry:
    """One stored result."""

    key: str
    section: str
    value: Any
    command: str
    version: str
    created: str
    seconds: float


class Catalog:
    """A results store in one SQLite file.

    Examples
    --------
    >>> import tempfile, os
    >>> catalog = Catalog(os.path.join(tempfile.mkdtemp(), "c.sqlite"))
    >>> catalog.compute("demo", "demo/answer", lambda: {"value": 42}, command="doctest")["value"]
    42
    >>> [e.key for e in catalog.entries()]
    ['demo/answer']
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def get(self, key: str) -> Entry | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT key, section, value, command, version, created, seconds FROM results "
                             "WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return Entry(row[0], row[1], json.loads(row[2]), row[3], row[4], row[5], row[6])

    def put(self, section: str, key: str, value: Any, command: str, seconds: float) -> None:
        """Store (or replace) a result in one transaction."""
        text = json.dumps(value, default=_jsonable)
        created = time.strftime("%Y-%m-%dT%H:%M:%S")
        with closing(self._connect()) as db, db:
            db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (key, section, text, command, __version__, created, seconds))

    def compute(self, section: str, key: str, function: Callable[[], Any], command: str,
                recompute: bool = False) -> Any:
        """The stored value of ``key``, or compute, store and return it."""
        if not recompute:
            entry = self.get(key)
            if entry is not None:
                return entry.value
        start = time.perf_counter()
        value = function()
        self.put(section, key, value, command, time.perf_counter() - start)
        return json.loads(json.dumps(value, default=_jsonable))

    def entries(self, section: str | None = None) -> list[Entry]:
        query = "SELECT key, section, value, command, version, created, seconds FROM results"
        args: tuple = ()
        if section:
            query += " WHERE section = ?"
            args = (section,)
        with closing(self._connect()) as db:
            rows = db.execute(query + " ORDER BY section, key", args).fetchall()
        return [Entry(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6]) for r in rows]

    def mark_section(self, name: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute("INSERT OR REPLACE INTO sections VALUES (?, ?)", (name, time.strftime("%Y-%m-%dT%H:%M:%S")))

    def finished_sections(self) -> set[str]:
        with closing(self._connect()) as db:
            return {r[0] for r in db.execute("SELECT name FROM sections")}

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        """Run a read-only SQL query; returns ``(column names, rows)``.

        Raises
        ------
        InvalidInput
            When SQLite rejects the statement (the message carries SQLite's reason).
        """
        try:
            with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as db:
                cursor = db.execute(sql)
                columns = [c[0] for c in cursor.description or []]
                return columns, cursor.fetchall()
        except sqlite3.Error as error:
            raise InvalidInput(f"SQL error: {error}") from None

    def dataframe(self, sql: str = "SELECT key, section, value, command, version, created, seconds FROM results"):
        """The result of a query as a pandas DataFrame."""
        import pandas as pd
        columns, rows = self.query(sql)
        return pd.DataFrame(rows, columns=columns)


def open_catalog(directory: str | Path) -> Catalog:
    """The catalog of an atlas directory (``DIR/catalog.sqlite``)."""
    return Catalog(Path(directory) / "catalog.sqlite")


def _jsonable(value: Any) -> Any:
    try:
        import numpy as np
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.ndarray):
            return value.tolist()
    except ImportError:  # pragma: no cover
        pass
    return str(value)
