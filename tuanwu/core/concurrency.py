"""Optimistic locking: concurrent edits must not silently overwrite each other."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def refuse_stale(obj, expected: int | None) -> None:
    """Raise when the row changed since the user loaded the form that edits it (expected=None skips)."""
    if expected is not None and int(expected) != obj.version:
        raise ValidationError(
            _("Someone else saved this record while you were editing it. Reload the page and try again."),
            code="EDIT_CONFLICT",
        )


def versioned_save(
    obj: models.Model, *, expected: int | None = None, update_fields: list[str] | None = None, clean: bool = True
) -> None:
    """Save a versioned row: refuse it when someone saved it since the user loaded it (expected=None skips that
    check), move its version on, validate it (clean=False only where the caller validated it already) and save."""
    refuse_stale(obj, expected)
    if obj.pk is not None:
        obj.version += 1  # type: ignore[attr-defined]
    if clean:
        obj.full_clean()
    obj.save(update_fields=[*update_fields, "version"] if update_fields else None)


def version_bump(obj: models.Model) -> None:
    """Move a row's version on for a bulk write that saves it with others (bulk_update)."""
    obj.version += 1  # type: ignore[attr-defined]
