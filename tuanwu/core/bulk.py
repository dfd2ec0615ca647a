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
    # Only date and time columns need adapting; the others go to the driver as they are.
    adapt = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None]
    count = 0
    with connection.cursor() as cursor:
        chunk: list = []
        for row in rows:
            if adapt:
                row = list(row)
                for i, a in adapt:
                    if row[i] is not None:
                        row[i] = a(row[i])
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
    if isinstance(field, models.DateField):
        return lambda v: ops.adapt_datefield_value(v) if isinstance(v, datetime.date) else v
    return None


def find_existing(model: type[models.Model], column: str, values: Sequence, fetch: str = "id") -> dict:
    """{value of column: value of fetch} for the rows whose column is among values (one query per chunk)."""
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    key, out = ops.quote_name(model._meta.get_field(column).column), ops.quote_name(model._meta.get_field(fetch).column)
    found: dict = {}
    step = 900  # under every backend's limit of parameters per statement
    with connection.cursor() as cursor:
        for i in range(0, len(values), step):
            chunk = values[i : i + step]
            cursor.execute(f"SELECT {key}, {out} FROM {table} WHERE {key} IN ({', '.join(['%s'] * len(chunk))})", chunk)
            found.update(cursor.fetchall())
    return found
