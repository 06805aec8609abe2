"""The results catalog: every computed result, with the command and version that produced it, in SQLite.

SQLite (Python's built-in ``sqlite3``) is the store: one file, no server, no extra dependency, transactions that
make each write atomic (a half-written result never becomes visible), and SQL for ad-hoc queries. Results are
JSON documents keyed by a stable string (``threshold/T/6``); reading a key that exists returns the stored value
instead of recomputing it.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .encoding import json_default
from .errors import InvalidInput, TooLarge

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


QUERY_TIMEOUT = 60.0            # seconds a catalog query may run
MAX_QUERY_ROWS = 100_000        # rows a catalog query may return


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

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        if not create:
            if not self.path.is_file():
                raise InvalidInput(f"no catalog at {self.path}" if not self.path.exists() else
                                   f"{self.path} is not a catalog file")
            with self._connect(read_only=True) as db:
                tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"results", "sections"} <= tables:
                raise InvalidInput(f"{self.path} is an SQLite file but not a weightspace catalog (no results table)")
            return
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise InvalidInput(f"{self.path.parent} is a file, not a directory")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InvalidInput(f"cannot create {self.path.parent}: {error.strerror}") from None
        if self.path.is_dir():
            raise InvalidInput(f"{self.path} is a directory, not a catalog file")
        with self._connect() as db, db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self, read_only: bool = False):
        """A connection that is closed afterwards; SQLite's errors on a file that is not a healthy catalog (corrupt,
        truncated, not a database, read-only) become one [`InvalidInput`][weightspace.errors.InvalidInput]."""
        try:
            db = (sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) if read_only
                  else sqlite3.connect(self.path, timeout=30))
            try:
                yield db
            finally:
                db.close()
        except sqlite3.OperationalError as error:
            raise InvalidInput(f"the catalog {self.path} cannot be used: {error}") from None
        except sqlite3.DatabaseError as error:
            raise InvalidInput(f"{self.path} is not a readable catalog ({error}): move it away to start a new one "
                               f"(`weightspace atlas --recompute` rebuilds it)") from None

    def get(self, key: str) -> Entry | None:
        with self._connect(read_only=True) as db:
            row = db.execute("SELECT key, section, value, command, version, created, seconds FROM results "
                             "WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return Entry(row[0], row[1], json.loads(row[2]), row[3], row[4], row[5], row[6])

    def put(self, section: str, key: str, value: Any, command: str, seconds: float) -> None:
        """Store (or replace) a result in one transaction."""
        text = json.dumps(value, default=_jsonable)
        created = time.strftime("%Y-%m-%dT%H:%M:%S")
        with self._connect() as db, db:
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
        with self._connect(read_only=True) as db:
            rows = db.execute(query + " ORDER BY section, key", args).fetchall()
        return [Entry(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6]) for r in rows]

    def mark_section(self, name: str) -> None:
        with self._connect() as db, db:
            db.execute("INSERT OR REPLACE INTO sections VALUES (?, ?)", (name, time.strftime("%Y-%m-%dT%H:%M:%S")))

    def finished_sections(self) -> set[str]:
        with self._connect(read_only=True) as db:
            return {r[0] for r in db.execute("SELECT name FROM sections")}

    def query(self, sql: str, timeout: float = QUERY_TIMEOUT, max_rows: int = MAX_QUERY_ROWS
              ) -> tuple[list[str], list[tuple]]:
        """Run one read-only SQL query (``SELECT`` / ``WITH`` / ``VALUES``); returns ``(column names, rows)``.

        The query runs on a read-only connection under an authorizer that allows reading only (no ``ATTACH``, no
        writes, no pragma that sets anything), so it can neither change the catalog nor create a file
        (``VACUUM INTO`` and ``ATTACH DATABASE`` are refused). SQLite's progress handler stops it after ``timeout``
        seconds and on Ctrl-C or SIGTERM, which are then delivered as usual once SQLite has let go.

        Raises
        ------
        InvalidInput
            When the statement is not a query or SQLite rejects it (the message carries SQLite's reason).
        TooLarge
            When it runs longer than ``timeout`` seconds or returns more than ``max_rows`` rows.

        Examples
        --------
        >>> import tempfile, os
        >>> catalog = Catalog(os.path.join(tempfile.mkdtemp(), "c.sqlite"))
        >>> catalog.query("SELECT count(*) FROM results")
        (['count(*)'], [(0,)])
        >>> catalog.query("VACUUM INTO 'copy.sqlite'")
        Traceback (most recent call last):
        ...
        weightspace.errors.InvalidInput: only a query (SELECT, WITH or VALUES) may run on the catalog, not VACUUM
        """
        if timeout <= 0 or max_rows < 1:
            raise InvalidInput("the query needs a positive --timeout and --max-rows")
        keyword = _first_keyword(sql)
        if keyword not in ("SELECT", "WITH", "VALUES"):
            raise InvalidInput(f"only a query (SELECT, WITH or VALUES) may run on the catalog, not {keyword or 'this'}")
        deadline = time.monotonic() + timeout
        with _signals_deferred() as caught, self._connect(read_only=True) as db:
            db.set_authorizer(_read_only_authorizer)
            db.set_progress_handler(lambda: int(bool(caught) or time.monotonic() > deadline), 1000)
            try:
                cursor = db.execute(sql)
                columns = [c[0] for c in cursor.description or []]
                rows = cursor.fetchmany(max_rows + 1)
            except sqlite3.Error as error:
                if caught:
                    return [], []               # the deferred signal is delivered on leaving the block
                if time.monotonic() > deadline:
                    raise TooLarge(f"the query ran longer than {timeout:g} s and was stopped (raise --timeout)",
                                   ) from None
                raise InvalidInput(f"SQL error: {error}") from None
        if len(rows) > max_rows:
            raise TooLarge(f"the query returns more than {max_rows} rows (raise --max-rows, or add LIMIT)")
        return columns, rows

    def dataframe(self, sql: str = "SELECT key, section, value, command, version, created, seconds FROM results"):
        """The result of a query as a pandas DataFrame."""
        import pandas as pd
        columns, rows = self.query(sql)
        return pd.DataFrame(rows, columns=columns)


def open_catalog(directory: str | Path, create: bool = True) -> Catalog:
    """The catalog of an atlas directory (``DIR/catalog.sqlite``); with ``create=False`` it must exist already and is
    opened without writing anything.

    Parameters
    ----------
    directory
        The catalog's directory.
    create
        Create it when missing.

    Returns
    -------
    Catalog
        The open catalog.
    """
    return Catalog(Path(directory) / "catalog.sqlite", create=create)

# sqlite3 authorizer action codes that a read needs: READ, SELECT, FUNCTION, RECURSIVE (and PRAGMA without a value,
# which only the read-only pragma table functions reach, statements being limited to queries).
_READ_ACTIONS = {sqlite3.SQLITE_READ, sqlite3.SQLITE_SELECT, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}


def _read_only_authorizer(action: int, first, second, database, trigger) -> int:
    if action in _READ_ACTIONS or (action == sqlite3.SQLITE_PRAGMA and second is None):
        if action == sqlite3.SQLITE_FUNCTION and str(second).lower() == "load_extension":
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _first_keyword(sql: str) -> str:
    """The first keyword of an SQL text, after whitespace and comments (``--`` to the end of the line, ``/* */``)."""
    text = sql
    while True:
        text = text.lstrip()
        if text.startswith("--"):
            text = text.partition("\n")[2]
        elif text.startswith("/*"):
            text = text.partition("*/")[2]
        else:
            break
    word = ""
    for character in text:
        if not character.isalpha():
            break
        word += character
    return word.upper()


@contextmanager
def _signals_deferred():
    """Record SIGINT and SIGTERM instead of acting on them while SQLite runs (Python cannot raise inside SQLite's C
    code; the progress handler sees the record and stops the statement), then deliver them to the handlers that
    were in place. Yields the list of recorded signal numbers."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return
    wanted = [number for number in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(number) != signal.SIG_IGN]
    previous = {number: signal.signal(number, lambda number, frame: caught.append(number)) for number in wanted}
    try:
        yield caught
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            handler = previous[caught[0]]
            if callable(handler):
                handler(caught[0], None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(caught[0])
            raise KeyboardInterrupt          # a handler that returned: the statement was stopped all the same


def _jsonable(value: Any) -> Any:
    """The one encoding of [`weightspace.encoding`][weightspace.encoding]; anything else is stored as its ``str``."""
    return json_default(value, strict=False)
