"""Names of the files users download: in the user's language, dated, and safe on every system.

A secretary keeps downloads in one folder for years; ``meetings-20261204-1530.xlsx`` says little there, while
``会议记录-2026-12-04-1530.xlsx`` says what it is. Non-ASCII names reach every browser through RFC 6266's
``filename*`` parameter (Django's ``content_disposition_header``), with an ASCII fallback for old clients.
"""

from __future__ import annotations

import datetime
import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

# Characters Windows, macOS or a shell refuse or misread in a file name, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(name: str) -> str:
    """The name with every character some system refuses replaced by "-", never empty."""
    return _UNSAFE.sub("-", name).strip(" .-") or "download"


def file_name(label: object, *parts: object, ext: str = "xlsx") -> str:
    """``label-part-part.ext``: the label in the active language, empty parts left out."""
    pieces = [str(label), *(str(p) for p in parts if p not in (None, ""))]
    return f"{safe_name('-'.join(pieces))}.{ext}"


def dated_name(label: object, *parts: object, ext: str = "xlsx", when: datetime.datetime | None = None) -> str:
    """``label-part-2026-12-04-1530.ext``: a file produced now (or at ``when``), stamped in local time."""
    stamp = timezone.localtime(when) if when else timezone.localtime()
    return file_name(label, *parts, f"{stamp:%Y-%m-%d-%H%M}", ext=ext)


def attach(response: HttpResponse, name: str, *, inline: bool = False) -> HttpResponse:
    """Set the response's Content-Disposition to download (or show, when ``inline``) as ``name``."""
    response["Content-Disposition"] = content_disposition_header(not inline, name) or ""
    return response
