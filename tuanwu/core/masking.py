"""How personal data is shown to people who may not see it in full."""


def mask_id_number(value: str | None) -> str:
    """3411**********0018: the first four and last four characters stay visible."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


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
