"""Reads of the engine's own table: the saved column mappings of an import kind."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import ColumnMapping


def column_mapping_list(kind: str) -> QuerySet[ColumnMapping]:
    """The mappings saved for an import kind, by name."""
    return ColumnMapping.objects.filter(kind=kind).order_by("name")


def column_mapping_get(kind: str, name: str) -> ColumnMapping | None:
    """The mapping saved under a name for an import kind, or None."""
    return ColumnMapping.objects.filter(kind=kind, name=name).first()
