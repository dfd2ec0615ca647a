"""Phone numbers as Chinese users write them: mobiles of 11 digits, landlines with an area code."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?$")


def normalize_phone(value: str | None) -> str:
    """Strip spaces and a +86 prefix and check the shape; an empty value stays empty."""
    if value and len(value) == 11 and value.isascii() and MOBILE.match(value):
        return value  # the usual case, already clean
    phone = re.sub(r"[\s()]", "", unicodedata.normalize("NFKC", value or ""))
    if phone.startswith("+86"):
        phone = phone[3:]
    if not phone:
        return ""
    if MOBILE.match(phone) or LANDLINE.match(phone):
        return phone
    raise ValidationError(
        _(
            "The phone number %(value)s is not valid: use an 11-digit mobile (13812345678) or a landline "
            "with its area code (0551-12345678)."
        )
        % {"value": value},
        code="PHONE_INVALID",
    )
