"""Pinyin keys of Chinese personal names, for search by full pinyin and by initials (张晓明 → zhangxiaoming, zxm).

Names are read character by character, with the surname read as a surname: a general converter reads 曾
as "ceng" and 单 as "dan", but as surnames they are Zeng and Shan. Characters are looked up once and
cached, which also makes bulk imports fast.
"""

from __future__ import annotations

from functools import cache, lru_cache

from pypinyin import lazy_pinyin

# Surnames whose reading differs from the character's most common one (two-character surnames first).
SURNAMES: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "单于": ("chan", "yu"),
    "令狐": ("ling", "hu"),
    "曾": ("zeng",),
    "单": ("shan",),
    "解": ("xie",),
    "仇": ("qiu",),
    "区": ("ou",),
    "朴": ("piao",),
    "查": ("zha",),
    "盖": ("ge",),
    "乐": ("yue",),
    "覃": ("qin",),
    "繁": ("po",),
    "秘": ("bi",),
    "召": ("shao",),
    "缪": ("miao",),
    "员": ("yun",),
    "句": ("gou",),
    "折": ("she",),
    "翟": ("zhai",),
    "祭": ("zhai",),
    "种": ("chong",),
    "薄": ("bo",),
    "莘": ("shen",),
    "能": ("nai",),
    "黑": ("he",),
    "哈": ("ha",),
    "阚": ("kan",),
    "谌": ("chen",),
    "任": ("ren",),
    "华": ("hua",),
    "纪": ("ji",),
    "过": ("guo",),
    "那": ("na",),
    "都": ("du",),
    "车": ("che",),
    "贾": ("jia",),
    "宿": ("su",),
    "隗": ("wei",),
    "燕": ("yan",),
    "朝": ("chao",),
    "蕃": ("pi",),
    "卜": ("bu",),
    "冯": ("feng",),
    "沈": ("shen",),
    "石": ("shi",),
    "柏": ("bai",),
    "藏": ("zang",),
}


@cache
def _char(c: str) -> str:
    return (lazy_pinyin(c, errors="default")[0] or c).lower()


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, both lower case, with the surname read as a surname."""
    name = name.strip()
    surname = SURNAMES.get(name[:2]) or SURNAMES.get(name[:1])
    syllables = list(surname) if surname else []
    rest = name[len(surname) :] if surname else name
    syllables.extend(_char(c) for c in rest if not c.isspace())
    return "".join(syllables), "".join(s[0] for s in syllables if s)
