"""Validation errors that keep their rule code when they are attached to a field."""

from django.core.exceptions import ValidationError


def field_error(fields: dict, *, code: str) -> ValidationError:
    """ValidationError({field: message}) whose messages all carry code (Django drops code for dicts)."""
    error = ValidationError(
        {
            name: [ValidationError(m, code=code) for m in (message if isinstance(message, list) else [message])]
            for name, message in fields.items()
        }
    )
    error.code = code
    return error
