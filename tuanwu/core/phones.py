"""Phone numbers as Chinese users write them: mobiles of 11 digits, landlines with an area code."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalize_phone(value: str | None) -> str:
    """Strip spaces and a +86 prefix and check the shape; an empty value stays empty."""
    phone = re.sub(r"[\s()（）]", "", value or "")
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
