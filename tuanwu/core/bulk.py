"""Inserting many rows at once with one prepared statement, for imports and data generation.

Django's bulk_create compiles every row through the ORM, which costs more than the database itself for
large files. Callers pass plain values of simple types; this module adapts them the way the database
backend does and sends them with executemany.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import connection, models

CHUNK = 5000


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """INSERT rows (values in the order of columns, which are field names) into model's table."""
    ops = connection.ops
    fields = [model._meta.get_field(name) for name in columns]
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    if connection.vendor == "postgresql":
        return _copy_rows(table, names, rows)
    # Only date-time columns need adapting: SQLite's driver turns dates into the same ISO text as
    # adapt_datefield_value does (Django registers that adapter for it).
    adapt = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None]
    count = 0
    with connection.cursor() as cursor:
        chunk: list = []
        for row in rows:
            if adapt:
                # Copied only when a value changes: callers mostly pass values already adapted, and a row kept as
                # a tuple of plain values is soon untracked by the garbage collector, where a list stays tracked.
                copy = None
                for i, a in adapt:
                    value = row[i]
                    if value is not None:
                        adapted = a(value)
                        if adapted is not value:
                            if copy is None:
                                copy = list(row)
                            copy[i] = adapted
                if copy is not None:
                    row = copy
            chunk.append(row)
            if len(chunk) >= CHUNK:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def _copy_rows(table: str, names: str, rows: Iterable[Sequence]) -> int:
    """PostgreSQL's COPY, several times faster than INSERT for thousands of rows."""
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _adapter(field: models.Field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lambda v: ops.adapt_datetimefield_value(v) if isinstance(v, datetime.datetime) else v
    if isinstance(field, models.DateField) and connection.vendor != "sqlite":
        return lambda v: ops.adapt_datefield_value(v) if isinstance(v, datetime.date) else v
    return None


def find_existing(model: type[models.Model], column: str, values: Sequence, fetch: str = "id") -> dict:
    """{value of column: value of fetch} for the rows whose column is among values.

    PostgreSQL takes them all as one array parameter in one statement; elsewhere one query per chunk of IN.
    """
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    key, out = ops.quote_name(model._meta.get_field(column).column), ops.quote_name(model._meta.get_field(fetch).column)
    found: dict = {}
    if not values:
        return found
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT {key}, {out} FROM {table} WHERE {key} = ANY(%s)", [list(values)])
            found.update(cursor.fetchall())
            return found
        step = 900  # under every backend's limit of parameters per statement
        for i in range(0, len(values), step):
            chunk = values[i : i + step]
            cursor.execute(f"SELECT {key}, {out} FROM {table} WHERE {key} IN ({', '.join(['%s'] * len(chunk))})", chunk)
            found.update(cursor.fetchall())
    return found
