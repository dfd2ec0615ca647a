"""How personal data is shown to people who may not see it in full.

Nothing a mask keeps may, with the other masks and what else a page shows, narrow a person down: an ID
number keeps only its region code (the county that issued it), since its last four digits with the birth
date and the region leave a handful of numbers; a mobile keeps its operator prefix and last four digits, the
common form of a masked phone, which leaves ten thousand numbers (searching by phone needs the right to see
it, so no search can confirm a guess). Birth dates are shown as the year only.
"""

import datetime


def mask_id_number(value: str | None) -> str:
    """341122************: the six-digit region code only; any other number is masked whole."""
    if not value:
        return ""
    if len(value) in (15, 18) and value[:6].isdigit():
        return value[:6] + "*" * (len(value) - 6)
    return "*" * len(value)


def mask_phone(value: str | None) -> str:
    """138****1234 for mobiles; other numbers keep only their last four digits."""
    if not value:
        return ""
    if len(value) == 11 and value.isdigit():
        return value[:3] + "****" + value[-4:]
    return "*" * max(len(value) - 4, 0) + value[-4:]


def mask_name(value: str | None) -> str:
    """张晓明 → 张**, 李华 → 李*: the surname only, for pages anyone may open."""
    value = (value or "").strip()
    if not value:
        return ""
    return value[0] + "*" * max(1, len(value) - 1)


def mask_birth_date(value: datetime.date | str | None) -> str:
    """2004-05-17 → 2004: the year of birth only."""
    if not value:
        return ""
    return str(value)[:4]


def mask_number(value: str) -> str:
    """A phone or an ID number masked like the pages mask it, for the change history (auditlog's
    mask_callable: one function for all of a model's masked fields)."""
    value = str(value)
    if value in ("", "None"):
        return value
    if len(value) == 11 and value.isdigit():
        return mask_phone(value)
    return mask_id_number(value)
