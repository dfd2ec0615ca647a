"""The establishment steps of a directory unit: 摸排 → 建团 → 验收 → covered, and the drop back of a shell."""

from .models import Unit

S = Unit.Status

TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "survey": (frozenset({S.LISTED, S.SURVEYED}), S.SURVEYED),
    "found": (frozenset({S.LISTED, S.SURVEYED}), S.FOUNDED),
    "check": (frozenset({S.FOUNDED}), S.COVERED),
    "drop": (frozenset({S.COVERED}), S.FOUNDED),
}

# The "四有" check of 验收: a committee (班子), members (团员), activities (活动), a place and files (阵地/档案).
FOUR_HAVES = ("committee", "members", "activities", "place")
