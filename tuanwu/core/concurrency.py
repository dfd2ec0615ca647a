"""Optimistic locking: concurrent edits must not silently overwrite each other."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_version(obj, expected: int | None) -> None:
    """Raise when the row changed since the user loaded the form that edits it (expected=None skips)."""
    if expected is not None and int(expected) != obj.version:
        raise ValidationError(
            _("Someone else saved this record while you were editing it. Reload the page and try again."),
            code="EDIT_CONFLICT",
        )
    obj.version += 1
