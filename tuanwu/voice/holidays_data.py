"""The decreed holiday tables TuanWu ships (国务院办公厅关于节假日安排的通知), loaded by migration 0002.

Each entry: (date, kind, holiday name, statutory). Statutory days are those the 2024 revision of the holiday
rules grants (13 a year from 2025: 元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3); the other days
off are weekend days moved, paid back by the make-up working days ("work").
"""

import datetime

SOURCES = {
    2025: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
    2026: "国务院办公厅关于2026年部分节假日安排的通知",
}


def _span(first: str, last: str, name: str, statutory: set[str]) -> list[tuple[datetime.date, str, str, bool]]:
    day, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    rows = []
    while day <= end:
        rows.append((day, "off", name, day.isoformat() in statutory))
        day += datetime.timedelta(days=1)
    return rows


def _work(*dates: str, name: str = "") -> list[tuple[datetime.date, str, str, bool]]:
    return [(datetime.date.fromisoformat(d), "work", name, False) for d in dates]


TABLES: dict[int, list[tuple[datetime.date, str, str, bool]]] = {
    2025: [
        *_span("2025-01-01", "2025-01-01", "元旦", {"2025-01-01"}),
        *_span("2025-01-28", "2025-02-04", "春节", {"2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"}),
        *_span("2025-04-04", "2025-04-06", "清明节", {"2025-04-04"}),
        *_span("2025-05-01", "2025-05-05", "劳动节", {"2025-05-01", "2025-05-02"}),
        *_span("2025-05-31", "2025-06-02", "端午节", {"2025-05-31"}),
        *_span("2025-10-01", "2025-10-08", "国庆节、中秋节", {"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06"}),
        *_work("2025-01-26", "2025-02-08", name="春节"),
        *_work("2025-04-27", name="劳动节"),
        *_work("2025-09-28", "2025-10-11", name="国庆节、中秋节"),
    ],
    2026: [
        *_span("2026-01-01", "2026-01-03", "元旦", {"2026-01-01"}),
        *_span("2026-02-15", "2026-02-23", "春节", {"2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"}),
        *_span("2026-04-04", "2026-04-06", "清明节", {"2026-04-05"}),
        *_span("2026-05-01", "2026-05-05", "劳动节", {"2026-05-01", "2026-05-02"}),
        *_span("2026-06-19", "2026-06-21", "端午节", {"2026-06-19"}),
        *_span("2026-09-25", "2026-09-27", "中秋节", {"2026-09-25"}),
        *_span("2026-10-01", "2026-10-07", "国庆节", {"2026-10-01", "2026-10-02", "2026-10-03"}),
        *_work("2026-01-04", name="元旦"),
        *_work("2026-02-14", "2026-02-28", name="春节"),
        *_work("2026-05-09", name="劳动节"),
        *_work("2026-09-20", "2026-10-10", name="国庆节"),
    ],
}
