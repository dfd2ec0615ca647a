"""Reading plan documents: the sample plan whole, and the awkward inputs real documents bring."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from tuanwu.plan.parser import cn_number, fix_ocr_digits, parse, read_document

# The model county's 2020 plan, as the county wrote it (OCR slip "1+lOO" included).
SAMPLE = Path(__file__).resolve().parent / "data" / "work-plan-2020.txt"
TITLES = {
    1: "持续加强青少年理论武装",
    2: "继续深化“青年大学习”行动",
    3: "大力加强网络新媒体建设",
    4: "投身打赢防疫抗疫阻击战",
    5: "投身打赢脱贫攻坚战",
    6: "投身生态文明建设",
    7: "助力全县经济社会发展",
    8: "拓展大学生社会实践和志愿服务工作",
    9: "直接联系服务青年学生",
    10: "加强“青年之声”平台建设",
    11: "完善学生权益维护工作机制",
    12: "深化青年教师的联系、服务",
    13: "着力扩大“两新”领域基层团的有效覆盖",
    14: "深化团员队伍先进性建设",
    15: "完善全团抓基层的工作机制",
    16: "全面加强共青团系统党的建设",
    17: "加强团县委自身建设",
    18: "推进共青团理论研究",
    19: "加强团的作风建设",
}


@pytest.fixture(scope="module")
def sample():
    return parse(SAMPLE.read_text(encoding="utf-8"), year=2020)


def test_sample_plan_has_five_areas_and_nineteen_tasks(sample):
    assert sample.title == "团县委2020年工作要点"
    assert sample.guidance.startswith("2020 年团县委工作的总体思路是")
    assert [a.number for a in sample.areas] == [1, 2, 3, 4, 5]
    assert [len(a.tasks) for a in sample.areas] == [3, 5, 4, 3, 4]
    assert {t.number: t.title for t in sample.tasks} == TITLES
    assert sample.areas[3].title == "固本强基，着力巩固和夯实团的基层基础"
    assert sample.warnings == []


def _targets(sample, number):
    task = next(t for t in sample.tasks if t.number == number)
    return [(t.quantity, t.quantity_max, t.unit, t.comparison, t.deadline, t.scope) for t in task.targets]


def test_sample_plan_targets_are_found_with_numbers_units_and_deadlines(sample):
    assert _targets(sample, 13) == [
        (Decimal(100), None, "%", ">=", datetime.date(2022, 12, 31), "两新"),
        (Decimal(100), None, "%", ">=", datetime.date(2020, 12, 31), "园区"),
        (Decimal(10), None, "%", ">=", datetime.date(2020, 12, 31), "社会领域"),
    ]
    assert _targets(sample, 14) == [
        (Decimal(8), None, "学时", ">=", None, None),
        (Decimal(20), None, "小时", ">=", None, None),
        (None, None, None, "<", None, None),  # 合理降低团青比例: a direction, its number from the metric
    ]
    assert _targets(sample, 19) == [
        (Decimal(1), Decimal(2), "个", "between", None, None),
        (Decimal(3), None, "名", ">=", None, None),
    ]
    assert _targets(sample, 2) == [(None, None, None, None, None, "区县")]
    ranking = next(t for t in sample.tasks if t.number == 2).targets[0]
    assert "每期排名进入全省前列" in ranking.text


def test_sample_plan_quotes_the_sentence_each_target_came_from(sample):
    task = next(t for t in sample.tasks if t.number == 13)

    assert task.targets[2].text == "2020 年底前，确保园区团组织全覆盖，社会领域团的组织密度增长率不低于10%。"


def test_ocr_letters_in_numbers_are_read_as_digits(sample):
    assert "“1+100”" in next(t for t in sample.tasks if t.number == 9).body
    assert fix_ocr_digits("到2O22年") == "到2022年"
    assert fix_ocr_digits("lOO人") == "100人"
    assert fix_ocr_digits("Hello World") == "Hello World"


@pytest.mark.parametrize(("text", "number"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)])
def test_chinese_numerals(text, number):
    assert cn_number(text) == number


def test_mixed_numbering_full_width_digits_and_a_cut_off_last_task():
    text = (
        "某县团委2021年工作要点\n"
        "总体思路。\n"
        "一、思想引领\n"
        "１．开展主题团日。每月一次。\n"
        "2、深化青年大学习，确保每期排名进入全省前列。\n"
        "二、基层建设\n"
        "（1）扩大覆盖。到２０２２年底前实现园区全覆盖。\n"
        "② 团员发展，严格执行8学时团前教育和年度20 小时志愿服务\n"
    )

    plan = parse(text)

    assert [(a.number, a.title) for a in plan.areas] == [(1, "思想引领"), (2, "基层建设")]
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "开展主题团日"),
        (2, "深化青年大学习，确保每期排名进入全省前列"),
        (1, "扩大覆盖"),
        (2, "团员发展，严格执行8学时团前教育和年度20 小时志愿服务"),
    ]
    assert [(t.quantity, t.unit, t.deadline) for t in plan.tasks[2].targets] == [
        (Decimal(100), "%", datetime.date(2022, 12, 31))
    ]
    assert [(t.quantity, t.unit) for t in plan.tasks[3].targets] == [(Decimal(8), "学时"), (Decimal(20), "小时")]
    assert plan.warnings == ["last_task_cut_off"]


def test_chinese_parenthesised_numbers_as_tasks():
    plan = parse("计划\n一、总体\n（一）第一项工作。内容。\n（二）第二项工作。\n")

    assert [(t.number, t.title) for t in plan.tasks] == [(1, "第一项工作"), (2, "第二项工作")]


def test_a_year_named_without_a_deadline_sets_none():
    plan = parse("计划\n一、实践\n1.认真组织实施2020年暑期“三下乡”社会实践活动，参与不少于5所学校。\n")

    assert [(t.quantity, t.unit, t.deadline) for t in plan.tasks[0].targets] == [(Decimal(5), "所", None)]


def test_a_docx_plan_reads_like_its_text(sample):
    doc = Document()
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)

    plan = parse(read_document(out.getvalue(), "要点.docx"), year=2020)

    assert {t.number: t.title for t in plan.tasks} == TITLES
    assert [len(t.targets) for t in plan.tasks] == [len(t.targets) for t in sample.tasks]


def test_a_gbk_text_file_reads():
    assert read_document("计划\n一、总体".encode("gbk"), "plan.txt") == "计划\n一、总体"
