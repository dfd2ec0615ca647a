"""Checks of a model's own field limits for bulk paths, where full_clean per row would cost too much."""

from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext as _


@cache
def _limits(model: type[models.Model]) -> dict[str, tuple[int | None, bool]]:
    """Editable fields (by name and attname) with their maximum length and whether they hold e-mail."""
    out = {}
    for field in model._meta.concrete_fields:
        if field.editable:
            limit = (getattr(field, "max_length", None), isinstance(field, models.EmailField))
            out[field.name] = out[field.attname] = limit
    return out


def check_field_limits(model: type[models.Model], fields: dict, only: tuple[str, ...] | None = None) -> None:
    """Raise, field by field, for strings longer than the column and malformed e-mail addresses.

    Fields the model derives itself (not editable) and keys that are not fields are left alone; `only`
    limits the check to the free-text fields when the others were already parsed into valid values.
    """
    limits = _limits(model)
    problems: dict[str, list[ValidationError]] = {}
    for name in only if only is not None else fields:
        value = fields.get(name)
        if name not in limits or not isinstance(value, str) or not value:
            continue
        max_length, is_email = limits[name]
        if max_length and len(value) > max_length:
            problems[name] = [
                ValidationError(
                    _("At most %(n)d characters (this one has %(m)d).") % {"n": max_length, "m": len(value)},
                    code="TOO_LONG",
                )
            ]
        elif is_email:
            try:
                validate_email(value)
            except ValidationError:
                problems[name] = [ValidationError(_("Not a valid e-mail address."), code="EMAIL_INVALID")]
    if problems:
        raise ValidationError(problems)
