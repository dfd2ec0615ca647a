"""Sortable list columns: ?order=KEY (ascending) or ?order=-KEY (descending), KEY one a view allows.

A view names the keys it allows and the model fields each sorts by; anything else in ?order= is ignored and the
list keeps its own order. The primary key is always the last field, so that pages never overlap."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db.models import QuerySet

Sorts = Mapping[str, Sequence[str]]


def _flip(field: str) -> str:
    return field[1:] if field.startswith("-") else "-" + field


def requested_order(request, sorts: Sorts) -> str:
    """The ?order= value when it names an allowed key (with its sign), else ""."""
    raw = (request.GET.get("order") or "").strip()
    return raw if raw.lstrip("-") in sorts else ""


def order_list(request, queryset: QuerySet, sorts: Sorts) -> tuple[QuerySet, str]:
    """The queryset in the order the request asks for, and that order ("" for the list's own)."""
    order = requested_order(request, sorts)
    if not order:
        return queryset, ""
    fields = list(sorts[order.lstrip("-")])
    if order.startswith("-"):
        fields = [_flip(f) for f in fields]
    return queryset.order_by(*fields, "-pk" if order.startswith("-") else "pk"), order


def order_items(request, items: list, keys: Mapping[str, Callable[[Any], Any]]) -> tuple[list, str]:
    """A list already in its own order (computed in Python) re-sorted as the request asks, stable, with values
    that are None last whichever the direction."""
    order = requested_order(request, keys)
    if not order:
        return items, ""
    key = keys[order.lstrip("-")]
    present = [i for i in items if key(i) is not None]
    missing = [i for i in items if key(i) is None]
    return sorted(present, key=key, reverse=order.startswith("-")) + missing, order
