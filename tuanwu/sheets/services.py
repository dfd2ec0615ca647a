"""Writes of the engine's own table: saving a column mapping (the caller checks who may)."""

from __future__ import annotations

from django.db import transaction

from .models import ColumnMapping


def column_mapping_save(*, kind: str, name: str, columns: dict[str, str]) -> ColumnMapping:
    """Save the headers of a layout under a name, for the next imports of that kind; a name saved again is
    replaced."""
    with transaction.atomic():
        mapping, _created = ColumnMapping.objects.update_or_create(
            kind=kind, name=name.strip(), defaults={"columns": columns}
        )
    return mapping
