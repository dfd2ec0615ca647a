"""Money on the dues pages: fen shown as yuan with two decimals."""

from django import template

from tuanwu.lifecycle.dues_rules import fen_text

register = template.Library()


@register.filter
def yuan(fen) -> str:
    return "" if fen is None else fen_text(int(fen))
