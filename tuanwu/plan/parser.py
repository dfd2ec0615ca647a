"""Reading a work plan (工作要点) document into areas, numbered tasks and target candidates.

Plans arrive as Word files or pasted text, typed by hand, converted from PDF or scanned: numbering comes as
一、 / （一） / 1. / 1、 / 1． / （1） / ①, digits full-width or half-width, OCR slips such as "lOO" for 100, and
the last task may be cut off mid-sentence. The parser keeps the text as written and proposes targets — a
quantity with its unit and comparison, a deadline, a scope, and the sentence they came from — for a person to
confirm, edit or drop. It decides nothing on its own.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ①–⑳

AREA = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.+)$")
TASK_PATTERNS = (
    re.compile(r"^\s*(\d{1,2})\s*[.．、]\s*(?!\d)(.*)$"),  # 1. 1、 1．  (not 1.5)
    re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[)）]\s*(.*)$"),  # （1）
    re.compile(r"^\s*([①-⑳])\s*(.*)$"),  # ①
    re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(.*)$"),  # （一） used for tasks
)

# Quantities that are targets, with the unit as written.
UNITS = "学时|小时|个|名|人|家|次|期|天|项|所|支|场|户|篇|条"
RANGE = re.compile(rf"(\d+(?:\.\d+)?)\s*[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*({UNITS})")
PERCENT = re.compile(r"(不低于|不少于|至少|达到|超过|高于|低于|不超过|不高于|以上)?\s*(\d+(?:\.\d+)?)\s*%")
AMOUNT = re.compile(rf"(不低于|不少于|至少|达到|超过|高于|低于|不超过|不高于)?\s*(\d+(?:\.\d+)?)\s*({UNITS})")
COMPARISONS = {
    None: ">=",
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "达到": ">=",
    "以上": ">=",
    "超过": ">",
    "高于": ">",
    "低于": "<",
    "不超过": "<=",
    "不高于": "<=",
}
DEADLINE = re.compile(r"(?:到|至|在)?\s*(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*)?(底前|底|年底前|年底|前|内|以前)?")
# A direction without a number ("合理降低团青比例", "提高覆盖率"): a target to lower or raise a ratio.
DIRECTION = re.compile(r"(降低|减少|下降|压减|提高|提升|增加|增长)[^，,；;。、]*?(比例|比重|率|密度|覆盖面)")
LOWER = ("降低", "减少", "下降", "压减")
QUALITATIVE = re.compile(r"(确保|力争|争取|实现)[^，,；;]*?(前列|第一|前三|全覆盖|达标|目标)")
FULL_COVERAGE = "全覆盖"
SCOPES = ("园区", "社会领域", "两新", "区县", "全县", "学校", "高校", "农村", "社区", "企业")


@dataclass
class Target:
    text: str
    quantity: Decimal | None = None
    unit: str | None = None
    comparison: str | None = None
    deadline: datetime.date | None = None
    scope: str | None = None
    quantity_max: Decimal | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        d["quantity"] = _number(self.quantity)
        d["quantity_max"] = _number(self.quantity_max)
        d["deadline"] = self.deadline.isoformat() if self.deadline else None
        if d["quantity_max"] is None:
            d.pop("quantity_max")
        return d


@dataclass
class Task:
    number: int
    title: str
    body: str
    targets: list[Target] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "body": self.body,
            "targets": [t.as_dict() for t in self.targets],
        }


@dataclass
class Area:
    number: int
    title: str
    tasks: list[Task] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"number": self.number, "title": self.title, "tasks": [t.as_dict() for t in self.tasks]}


@dataclass
class Plan:
    title: str
    guidance: str
    areas: list[Area] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"title": self.title, "guidance": self.guidance, "areas": [a.as_dict() for a in self.areas]}

    @property
    def tasks(self) -> list[Task]:
        return [t for a in self.areas for t in a.tasks]


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGITS[text[1]]
    if len(text) == 3 and text[1] == "十":
        return CN_DIGITS[text[0]] * 10 + CN_DIGITS[text[2]]
    if len(text) == 2 and text[1] == "十":
        return CN_DIGITS[text[0]] * 10
    return CN_DIGITS[text[0]]


def fix_ocr_digits(text: str) -> str:
    """lOO → 100, 2O20 → 2020: letters read for digits inside runs that are mostly digits."""

    def repair(match: re.Match) -> str:
        token = match.group(0)
        if sum(c.isdigit() for c in token) == 0 and not (token[0] in "1lI" and set(token[1:]) <= set("0oO")):
            return token
        return token.translate(str.maketrans("lIoO", "1100"))

    return re.sub(r"(?<![A-Za-z])[0-9lIoO]{2,}(?![A-Za-z])", repair, text)


def normalize(text: str) -> str:
    """Full-width digits and Latin letters to ASCII; Chinese punctuation kept (it carries the structure)."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A or ch in "％．":
            out.append(unicodedata.normalize("NFKC", ch))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return fix_ocr_digits("".join(out))


def _task_start(line: str) -> tuple[int, str] | None:
    for i, pattern in enumerate(TASK_PATTERNS):
        m = pattern.match(line)
        if not m:
            continue
        raw, rest = m.group(1), m.group(2)
        if i == 0 or i == 1:
            return int(raw), rest
        if i == 2:
            return CIRCLED[raw], rest
        return cn_number(raw), rest
    return None


def _title_of(body: str) -> str:
    """A task's short title: its first sentence, up to the first 。 (the whole text when cut off)."""
    head = re.split(r"[。！？]", body, maxsplit=1)[0].strip()
    return head[:200]


def parse(text: str, *, year: int | None = None) -> Plan:
    """Read a plan's text. Areas are 一、二、…; tasks are numbered 1. 2. … (or （1）, ①, （一）) and run on
    until the next task or area; the guidance is the text between the title and the first area."""
    lines = [normalize(x).strip() for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [x for x in lines if x]
    if not lines:
        return Plan(title="", guidance="", warnings=["empty"])
    title = lines[0]
    plan = Plan(title=title, guidance="")
    guidance: list[str] = []
    area: Area | None = None
    task_lines: list[str] | None = None
    task_number = 0

    def close_task():
        nonlocal task_lines
        if task_lines is not None and area is not None:
            body = "".join(task_lines).strip()
            area.tasks.append(Task(number=task_number, title=_title_of(body), body=body))
        task_lines = None

    for line in lines[1:]:
        m = AREA.match(line)
        if m:
            close_task()
            area = Area(number=cn_number(m.group(1)), title=m.group(2).strip())
            plan.areas.append(area)
            continue
        start = _task_start(line) if area is not None else None
        if start:
            close_task()
            task_number, rest = start
            task_lines = [rest]
            continue
        if task_lines is not None:
            task_lines.append(line)
        elif area is None:
            guidance.append(line)
        else:
            # Text under an area before its first task: keep it with the area's title.
            area.title = f"{area.title} {line}".strip()
    close_task()
    plan.guidance = "\n".join(guidance)
    plan_year = year or _year_of(title)
    for task in plan.tasks:
        task.targets = extract_targets(task.body, year=plan_year)
    if plan.tasks and not re.search(r"[。！？]$", plan.tasks[-1].body):
        plan.warnings.append("last_task_cut_off")
    return plan


def _year_of(title: str) -> int | None:
    m = re.search(r"(\d{4})\s*年", title)
    return int(m.group(1)) if m else None


def _deadline(sentence: str, year: int | None) -> datetime.date | None:
    for m in DEADLINE.finditer(sentence):
        y, month, suffix = int(m.group(1)), m.group(2), m.group(3)
        text = m.group(0)
        if not (suffix or text.lstrip().startswith(("到", "至", "在"))):
            continue  # "2020年暑期" names a year, it sets no deadline
        if month:
            month_i = int(month)
            next_month = datetime.date(y + (month_i == 12), month_i % 12 + 1, 1)
            return next_month - datetime.timedelta(days=1)
        return datetime.date(y, 12, 31)
    return None


def _scope(text: str) -> str | None:
    return next((s for s in SCOPES if s in text), None)


def extract_targets(body: str, *, year: int | None = None) -> list[Target]:
    """Target candidates in a task's text, one per quantity or qualitative commitment, each with the sentence
    it came from, the sentence's deadline and the nearest scope."""
    found: list[Target] = []
    for sentence in re.split(r"(?<=[。；;！？])", body):
        sentence = sentence.strip()
        if not sentence:
            continue
        deadline = _deadline(sentence, year)
        sentence_scope = _scope(sentence)
        for clause in re.split(r"[，,、]", sentence):
            clause_scope = _scope(clause) or sentence_scope
            taken: list[tuple[int, int]] = []

            def free(span, taken=taken):
                return all(span[1] <= a or span[0] >= b for a, b in taken)

            for m in RANGE.finditer(clause):
                taken.append(m.span())
                found.append(
                    Target(
                        text=sentence,
                        quantity=Decimal(m.group(1)),
                        quantity_max=Decimal(m.group(2)),
                        unit=m.group(3),
                        comparison="between",
                        deadline=deadline,
                        scope=clause_scope,
                    )
                )
            for m in PERCENT.finditer(clause):
                if not free(m.span()):
                    continue
                taken.append(m.span())
                found.append(
                    Target(
                        text=sentence,
                        quantity=Decimal(m.group(2)),
                        unit="%",
                        comparison=COMPARISONS.get(m.group(1), ">="),
                        deadline=deadline,
                        scope=clause_scope,
                    )
                )
            for m in AMOUNT.finditer(clause):
                if not free(m.span()) or _is_year(clause, m):
                    continue
                taken.append(m.span())
                found.append(
                    Target(
                        text=sentence,
                        quantity=Decimal(m.group(2)),
                        unit=m.group(3),
                        comparison=COMPARISONS.get(m.group(1), ">="),
                        deadline=deadline,
                        scope=clause_scope,
                    )
                )
            if FULL_COVERAGE in clause and not taken:
                found.append(
                    Target(
                        text=sentence,
                        quantity=Decimal(100),
                        unit="%",
                        comparison=">=",
                        deadline=deadline,
                        scope=clause_scope,
                    )
                )
            elif not taken and QUALITATIVE.search(clause):
                found.append(Target(text=sentence, deadline=deadline, scope=clause_scope))
            elif not taken and (direction := DIRECTION.search(clause)):
                found.append(
                    Target(
                        text=sentence,
                        comparison="<" if direction.group(1) in LOWER else ">",
                        deadline=deadline,
                        scope=clause_scope,
                    )
                )
    return found


def _is_year(clause: str, m: re.Match) -> bool:
    """ "2020年…" is a date, not an amount (年 is not among the units, but 2020名 is unlikely to be meant)."""
    return len(m.group(2)) == 4 and m.group(2).startswith(("19", "20")) and m.group(3) in ("期",)


def read_document(data: bytes, filename: str) -> str:
    """The text of a .txt (UTF-8 or GBK) or .docx plan."""
    name = filename.lower()
    if name.endswith(".docx"):
        import io

        from docx import Document

        doc = Document(io.BytesIO(data))
        return "\n".join(p.text for p in doc.paragraphs)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("unreadable")
