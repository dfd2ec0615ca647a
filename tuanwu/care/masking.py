"""How names in the care register are shown outside a record's own page."""


def mask_care_name(value: str | None) -> str:
    """张晓明 → 张*明, 李华 → 李*, 欧阳明月 → 欧**月: first and last character only (the register's own form)."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]
