"""The demo county's admission cases as data: the planted violations of the previous year and the open pipeline
of the featured branch (tuanwu.demo.admission draws the rest).

Planted violations: a few people of the previous year (added with fixed names and birth dates, so that
the annual audit, `tuanwu audit admissions --year <previous year>`, has a known answer):

| Person | Branch   | Rule code                          | How                                               |
|--------|----------|------------------------------------|---------------------------------------------------|
| 韩沐晨 | village  | VOLUNTEER_HOURS_UNDER_20           | admitted with 12 certified volunteer hours        |
| 邓书帆 | village  | LESSON_HOURS_UNDER_8               | 6 lesson hours                                    |
| 曹语岚 | village  | ACTIVIST_UNDER_3_MONTHS            | candidate 2 months after becoming an activist     |
| 彭振川 | village  | AGE_ABOVE_28                       | 28 when applying, 29 at the general meeting       |
| 曾可馨 | village  | QUORUM_NOT_MET                     | 5 of 12 members at the meeting ...                |
| 曾可馨 | village  | MAJORITY_NOT_REACHED               | ... so 5 yes votes are not more than half of 12   |
| 肖景熙 | featured | APPROVAL_LATE (warning)            | approved 45 days after the general meeting        |
| 田若楠 | featured | FORM_NOT_ARCHIVED (warning)        | the admission form never archived                 |
| 董小乐 | class    | AGE_BELOW_14                       | imported (no application), joined at 13           |
| 袁梦蓉 | village  | NUMBER_YEAR_MISMATCH               | imported, a number of the year before the join    |
| 潘浩远 | village  | NUMBER_MISSING                     | imported, joined without a development number     |

"village" is a village or community branch drawn by the seed, "featured" the branch of the demo logins, "class"
the first junior high class.

A quorum short of half cannot give more than half of the expected members' yes votes (the county's default
majority base), so the meeting without a quorum also breaks the majority rule. A member who joined without an
application recorded here is held to the rules a recorded join allows (`rules.check_join`); their missing
admission form is the file check's concern. The three imported members above are the only ones of the previous
year. The current year has no planted violation.
"""

from __future__ import annotations

from dataclasses import dataclass

from tuanwu.admission.models import Application

S = Application.Status
CEREMONY_PLACES = ["县革命烈士纪念馆", "县青少年活动中心", "村党群服务中心", "学校报告厅", "县委党校礼堂"]

# The planted violations of the previous year: (name, rule code), as the audit reports them.
PLANTED = [
    ("韩沐晨", "VOLUNTEER_HOURS_UNDER_20"),
    ("邓书帆", "LESSON_HOURS_UNDER_8"),
    ("曹语岚", "ACTIVIST_UNDER_3_MONTHS"),
    ("彭振川", "AGE_ABOVE_28"),
    ("曾可馨", "QUORUM_NOT_MET"),
    ("曾可馨", "MAJORITY_NOT_REACHED"),
    ("肖景熙", "APPROVAL_LATE"),
    ("田若楠", "FORM_NOT_ARCHIVED"),
    ("董小乐", "AGE_BELOW_14"),
    ("袁梦蓉", "NUMBER_YEAR_MISMATCH"),
    ("潘浩远", "NUMBER_MISSING"),
]
# Members of the previous year without an application (imported).
IMPORTED = ["董小乐", "袁梦蓉", "潘浩远"]


@dataclass(frozen=True)
class Planted:
    """One planted person of the previous year; dates as (month, day) of that year, birth as years before it."""

    name: str
    male: bool
    where: str  # "featured", "village" or "class"
    born: tuple[int, int, int]  # years before the previous year, month, day
    on: tuple[int, int]  # general meeting (admissions) or join date (imported)
    volunteer: int | None = None  # certified hours in the year of the candidacy (None: 20 or more)
    lesson_hours: int | None = None
    activist_months: int = 3
    approval_days: int | None = None
    archived: bool = True
    voting_present: tuple[int, int] | None = None
    imported: bool = False
    number: str = "valid"  # imported only: "valid", "year_before" or "none"


PLANTED_PEOPLE = [
    Planted("韩沐晨", True, "village", (21, 3, 2), (6, 12), volunteer=12),
    Planted("邓书帆", True, "village", (19, 8, 21), (5, 20), lesson_hours=6),
    Planted("曹语岚", False, "village", (22, 11, 5), (7, 8), activist_months=2),
    Planted("彭振川", True, "village", (29, 4, 10), (6, 18)),
    Planted("曾可馨", False, "village", (20, 1, 27), (8, 26), voting_present=(12, 5)),
    Planted("肖景熙", True, "featured", (23, 6, 30), (10, 15), approval_days=45),
    Planted("田若楠", False, "featured", (24, 9, 16), (9, 8), archived=False),
    Planted("董小乐", True, "class", (14, 12, 5), (9, 1), imported=True),
    Planted("袁梦蓉", False, "village", (19, 2, 14), (4, 12), imported=True, number="year_before"),
    Planted("潘浩远", True, "village", (22, 10, 9), (7, 3), imported=True, number="none"),
]


@dataclass(frozen=True)
class Open:
    """One open application of the featured branch; days before today of each step taken (None: not yet)."""

    name: str
    male: bool
    age: int
    status: str
    applied: int
    interviewed: int | None = None
    activist: int | None = None
    trained: int | None = None
    lesson_hours: int = 10
    candidate: int | None = None
    prereviewed: int | None = None
    introduced: int | None = None
    meeting: int | None = None
    volunteer: int | None = None  # certified hours this year (None: 20 or more)


PIPELINE = [
    Open("林一诺", False, 17, S.APPLIED, 45),  # the interview is overdue
    Open("郑嘉禾", True, 19, S.APPLIED, 6),
    Open("高子墨", True, 18, S.INTERVIEWED, 40, 22),
    Open("罗欣妤", False, 20, S.ACTIVIST, 80, 65, 50, 20, lesson_hours=4, volunteer=8),
    Open("梁文博", True, 22, S.ACTIVIST, 170, 150, 130, 30),  # 3 months passed: ready for candidacy
    Open("宋佳音", False, 21, S.CANDIDATE, 190, 172, 160, 70, candidate=12),
    Open("唐浩然", True, 23, S.CANDIDATE, 200, 185, 168, 80, candidate=20, prereviewed=6, introduced=4),
    Open("韦思源", True, 24, S.VOTED, 210, 196, 180, 95, candidate=60, prereviewed=50, introduced=45, meeting=9),
]

# People the generator leaves room for: the total stays the number asked for.
PEOPLE = len(PLANTED_PEOPLE) + len(PIPELINE)
