"""The change history of given rows, ready to show: the timeline on any record's page. Knows no domain: the
caller has checked that the user may see the rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tuanwu.core.masking import mask_birth_date, mask_id_number, mask_phone


def history_for(objects) -> QuerySet[LogEntry]:
    """Change history of the given rows, newest first (the caller has already checked their scope)."""
    q = Q(pk__in=[])
    by_type: dict[int, list[str]] = {}
    for obj in objects:
        ct = ContentType.objects.get_for_model(obj.__class__)
        by_type.setdefault(ct.pk, []).append(str(obj.pk))
    for ct_id, pks in by_type.items():
        q |= Q(content_type_id=ct_id, object_pk__in=pks)
    return LogEntry.objects.filter(q).select_related("actor", "content_type").order_by("-timestamp", "-pk")


ACTION_LABELS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
}


@dataclass
class HistoryRow:
    at: object
    actor: object
    action: str
    subject: str
    record: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)


# Personal data in any record's history, and how it is shown to whom may not see it in clear. ID numbers and
# phones are stored masked already (entries written before that kept half of the number: masked again here).
PERSONAL_FIELDS = {"id_number": mask_id_number, "phone": mask_phone, "birth_date": mask_birth_date}


def history_rows(entries, *, clear_personal: bool = False) -> list[HistoryRow]:
    """Log entries ready to show: field labels, choice labels, and related rows' names resolved in one
    query per related model (auditlog's own display looks each one up separately). Personal data is masked
    unless clear_personal: the caller decides whether the user may see it on every row of entries."""
    entries = list(entries)
    wanted: dict[type[models.Model], set[str]] = {}
    parsed = []
    for entry in entries:
        model = entry.content_type.model_class()
        items = []
        for name, values in (entry.changes_dict or {}).items():
            try:
                f = model._meta.get_field(name) if model else None
            except FieldDoesNotExist:
                f = None
            old, new = (list(values) + ["", ""])[:2] if isinstance(values, list | tuple) else ("", values)
            if f is not None and f.is_relation and f.many_to_one | f.one_to_one:
                wanted.setdefault(f.related_model, set()).update(
                    str(v) for v in (old, new) if v not in (None, "None", "")
                )
            items.append((f, name, old, new))
        parsed.append((entry, model, items))
    names = {
        model: {str(pk): str(obj) for pk, obj in model._base_manager.in_bulk(list(pks)).items()}
        for model, pks in wanted.items()
    }
    rows = []
    for entry, model, items in parsed:
        row = HistoryRow(
            at=entry.timestamp,
            actor=entry.actor,
            action=str(ACTION_LABELS.get(entry.action, entry.get_action_display())),
            subject=capfirst(str(model._meta.verbose_name)) if model else entry.content_type.model,
            record=entry.object_repr,
        )
        for f, name, old, new in items:
            if old in (None, "None", "") and new in (None, "None", ""):
                continue
            label = capfirst(str(f.verbose_name)) if f is not None and hasattr(f, "verbose_name") else name
            old, new = _display(f, old, names), _display(f, new, names)
            if not clear_personal and (mask := PERSONAL_FIELDS.get(name)):
                old, new = mask(old), mask(new)
            row.changes.append((label, old, new))
        rows.append(row)
    return rows


def _display(f, value, names) -> str:
    if value in (None, "None", ""):
        return ""
    value = str(value)
    if f is None:
        return value
    if f.is_relation:
        return names.get(f.related_model, {}).get(value, value)
    if f.choices:
        return str(dict(f.choices).get(value, value))
    if isinstance(f, models.BooleanField) and value in ("True", "False"):
        return str(_("Yes") if value == "True" else _("No"))
    return value


# The record types of the county's change history page, in menu order: (name, label, model, organization
# field for the scope, "" for Organization itself). Each app registers its own from its AppConfig.ready().
HISTORY_SOURCES: list[tuple[str, str, type[models.Model], str]] = []


def register_history(name: str, label, model: type[models.Model], field: str = "organization") -> None:
    """Show the model's changes on the history page, scoped through its organization field."""
    if all(existing != name for existing, *_ in HISTORY_SOURCES):
        HISTORY_SOURCES.append((name, label, model, field))
