"""The case file's schema: versioned migrations and the check that a file is ours.

The schema version lives in ``PRAGMA user_version``. Migrations are the SQL files in
``migrations/``, applied in order; a fresh case runs them all. The expected shape of the
schema at each version is what running those same files on an empty database produces, so a
file that carries anything else (a trigger, view or table we did not create, or one of ours
with different SQL) is recognised as untrusted.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import sqlite3

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@functools.cache
def migrations() -> tuple[str, ...]:
    """The SQL scripts, index 0 taking an empty file to version 1."""
    folder = importlib.resources.files("importer_app.store") / "migrations"
    scripts: dict[int, str] = {}
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            scripts[int(match.group(1))] = entry.read_text(encoding="utf-8")
    numbers = sorted(scripts)
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migration files are not numbered 1..n: {numbers}")
    return tuple(scripts[n] for n in numbers)


def current_version() -> int:
    """The schema version this build of importer_app writes."""
    return len(migrations())


def apply_migrations(conn: sqlite3.Connection, from_version: int, to_version: int) -> None:
    """Run the migrations that take a database from one version to another.

    The caller owns the transaction; ``executescript`` would commit it, so statements are
    run one by one.
    """
    for script in migrations()[from_version:to_version]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {int(to_version)}")


def _statements(script: str) -> list[str]:
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise RuntimeError(f"incomplete SQL statement in a migration: {pending[:60]!r}")
    return statements


SchemaObject = tuple[str, str, str, str]
"""type, name, tbl_name, sql: one row of sqlite_master."""


def schema_objects(conn: sqlite3.Connection) -> frozenset[SchemaObject]:
    rows = conn.execute(
        "SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    return frozenset((t, n, tb, " ".join(sql.split())) for t, n, tb, sql in rows)


@functools.cache
def expected_schema(version: int) -> frozenset[SchemaObject]:
    """The schema objects a file of this version holds when only we have written it."""
    conn = sqlite3.connect(":memory:")
    try:
        apply_migrations(conn, 0, version)
        return schema_objects(conn)
    finally:
        conn.close()


def unexpected_objects(conn: sqlite3.Connection, version: int) -> list[str]:
    """Names of schema objects that differ from what we create at ``version``.

    Returns ``"trigger evil"``-style labels for objects that are extra or altered, and
    ``"missing table x"`` for ours that are gone.
    """
    found = schema_objects(conn)
    expected = expected_schema(version)
    extra = sorted(f"{t} {n}" for t, n, _, _ in found - expected)
    expected_names = {(t, n) for t, n, _, _ in expected}
    found_names = {(t, n) for t, n, _, _ in found}
    missing = sorted(f"missing {t} {n}" for t, n in expected_names - found_names)
    return extra + missing
