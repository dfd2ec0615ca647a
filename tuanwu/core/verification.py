"""Public verification of issued documents (service certificates, award certificates): the secret token in the
address, the QR code that carries it, and the Chinese date printed on the document."""

from __future__ import annotations

import datetime
import io
import secrets

import segno


def new_token() -> str:
    """The secret part of a public verification address."""
    return secrets.token_urlsafe(24)[:32]


def qr_svg(url: str) -> str:
    """The address as an inline SVG QR code to print on the document."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=3, border=1, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def chinese_date(value: datetime.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"
