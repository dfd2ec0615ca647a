"""Photos sent with a case: only images Pillow can read, at most a few and of limited size, re-encoded so that
nothing but pixels is kept (no EXIF location, no appended payload, nothing executable)."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .models import Case, CaseAttachment

MAX_COUNT = 3
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "jpg", "GIF": "png"}


def limits() -> tuple[int, int]:
    return getattr(settings, "VOICE_ATTACHMENT_COUNT", MAX_COUNT), getattr(
        settings, "VOICE_ATTACHMENT_BYTES", MAX_BYTES
    )


def check_uploads(uploads: list) -> list[tuple[bytes, str]]:
    """Re-encode every upload or refuse them all, naming the file and the rule it broke."""
    count, size = limits()
    if len(uploads) > count:
        raise ValidationError(
            {"attachments": _("At most %(count)s photos, please.") % {"count": count}}, code="ATTACHMENT_COUNT"
        )
    out = []
    for upload in uploads:
        if upload.size > size:
            raise ValidationError(
                {"attachments": _("%(name)s is larger than %(mb)s MB.") % {"name": upload.name, "mb": size // 1048576}},
                code="ATTACHMENT_SIZE",
            )
        out.append(_reencode(upload))
    return out


def _reencode(upload) -> tuple[bytes, str]:
    try:
        with Image.open(upload) as image:
            if image.format not in FORMATS or image.width * image.height > MAX_PIXELS:
                raise UnidentifiedImageError
            image.load()
            kind = FORMATS[image.format]
            clean = image.convert("RGB") if kind == "jpg" else image.convert("RGBA")
            buffer = io.BytesIO()
            clean.save(buffer, format="JPEG" if kind == "jpg" else "PNG", **({"quality": 85} if kind == "jpg" else {}))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as e:
        raise ValidationError(
            {"attachments": _("%(name)s is not a photo (JPEG, PNG, WebP or GIF).") % {"name": upload.name}},
            code="ATTACHMENT_TYPE",
        ) from e
    return buffer.getvalue(), kind


def attachments_store(case: Case, cleaned: list[tuple[bytes, str]]) -> list[CaseAttachment]:
    """Keep the re-encoded photos with the case, in the caller's transaction."""
    rows = []
    for index, (data, kind) in enumerate(cleaned, start=1):
        row = CaseAttachment(
            case=case, content_type="image/jpeg" if kind == "jpg" else "image/png", size=len(data), at=timezone.now()
        )
        row.file.save(f"{case.number}-{index}.{kind}", ContentFile(data), save=False)
        row.save()
        rows.append(row)
    return rows
