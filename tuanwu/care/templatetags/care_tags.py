"""Money and names on the care pages."""

from decimal import Decimal

from django import template

from tuanwu.care.masking import mask_care_name

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """12345 fen → 123.45."""
    return "" if fen is None else f"{Decimal(int(fen)) / 100:.2f}"


@register.filter
def care_masked(name) -> str:
    return mask_care_name(name)
