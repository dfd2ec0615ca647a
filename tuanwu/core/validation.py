"""Checks of a model's own field limits for bulk paths, where full_clean per row would cost too much."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext as _


def check_field_limits(model: type[models.Model], fields: dict) -> None:
    """Raise, field by field, for strings longer than the column and malformed e-mail addresses."""
    problems: dict[str, list[ValidationError]] = {}
    for name, value in fields.items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # not a model field (a helper key of the caller)
            continue
        if not field.editable:  # derived by the service (pinyin keys), sized for what it derives
            continue
        if isinstance(value, str) and getattr(field, "max_length", None) and len(value) > field.max_length:
            problems[name] = [
                ValidationError(
                    _("At most %(n)d characters (this one has %(m)d).") % {"n": field.max_length, "m": len(value)},
                    code="TOO_LONG",
                )
            ]
        elif isinstance(field, models.EmailField) and value:
            try:
                validate_email(value)
            except ValidationError:
                problems[name] = [ValidationError(_("Not a valid e-mail address."), code="EMAIL_INVALID")]
    if problems:
        raise ValidationError(problems)
