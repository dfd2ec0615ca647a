"""Public verification of issued documents (service certificates, award certificates): the secret token in the
address, the QR code that carries it, and the date as the document prints it."""

from __future__ import annotations

import datetime
import io
import secrets

import segno
from django.utils.translation import get_language


def new_token() -> str:
    """The secret part of a public verification address."""
    return secrets.token_urlsafe(24)[:32]


def qr_svg(url: str) -> str:
    """The address as an inline SVG QR code to print on the document."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=3, border=1, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def document_date(value: datetime.date) -> str:
    """A date as a document writes it: 2026年12月4日 in Chinese, 4 December 2026 in English."""
    if (get_language() or "zh-hans").startswith("zh"):
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
