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


@cache
def _checks(model: type[models.Model], only: tuple[str, ...]) -> tuple[tuple[str, int | None, bool], ...]:
    """(name, maximum length, holds e-mail) of the named fields that have a limit to check, worked out once:
    imports call check_field_limits for every row with the same `only`."""
    limits = _limits(model)
    return tuple((name, *limits[name]) for name in only if name in limits and any(limits[name]))


def check_field_limits(model: type[models.Model], fields: dict, only: tuple[str, ...] | None = None) -> None:
    """Raise, field by field, for strings longer than the column and malformed e-mail addresses.

    Fields the model derives itself (not editable) and keys that are not fields are left alone; `only`
    limits the check to the free-text fields when the others were already parsed into valid values.
    """
    if only is not None:
        checks = _checks(model, tuple(only))
    else:
        limits = _limits(model)
        checks = tuple((name, *limits[name]) for name in fields if name in limits)
    problems: dict[str, list[ValidationError]] | None = None
    for name, max_length, is_email in checks:
        value = fields.get(name)
        if not isinstance(value, str) or not value:
            continue
        if max_length and len(value) > max_length:
            problem = ValidationError(
                _("At most %(n)d characters (this one has %(m)d).") % {"n": max_length, "m": len(value)},
                code="TOO_LONG",
            )
        elif is_email:
            try:
                validate_email(value)
            except ValidationError:
                problem = ValidationError(_("Not a valid e-mail address."), code="EMAIL_INVALID")
            else:
                continue
        else:
            continue
        if problems is None:
            problems = {}
        problems[name] = [problem]
    if problems:
        raise ValidationError(problems)
