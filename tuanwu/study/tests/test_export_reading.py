"""Reading the province's Layout A export (FORMATS.md §2.1): the title and footer rows around the table, GBK
CSV, the learners' times, duplicates, re-imports, and files that cannot be read."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.sheet_files import csv_bytes, xlsx
from tuanwu.audit.models import BatchEvent
from tuanwu.study import services
from tuanwu.study.models import Episode, MemberBase, Participation

from .factories import by_name, by_number, export, line, numbered, run

Match = Participation.Match


def aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_title_row_and_the_footer_row_are_not_learners(cast, admin, ep, fmt):
    numbered(cast.people["zhang"], "2021001")
    lines = [by_number(cast.people["zhang"]), by_name(cast.people["wang"])]

    result = run(admin, ep, lines, fmt=fmt)

    assert [(p.row, p.name, p.unit, p.match) for p in ep.participations.all()] == [
        (3, "张晓明", "东湖村团支部", Match.NUMBER),
        (4, "王芳", "西湾村团支部", Match.NAME_ORG),
    ]
    assert result.columns == {"number": "学号/卡号/工号", "unit": "单位/班级/社区（村）", "studied_at": "学习时间"}


def test_a_gbk_csv_saved_by_chinese_excel_reads(cast, admin, ep):
    data, filename = export([line("东湖村团支部", "李华"), line("西湾村团支部", "王芳")], fmt="csv")

    result = run_file(admin, ep, data, filename)

    assert data.decode("gbk").splitlines()[1] == ",".join(
        ["课程", "系统", "学校", "学院", "单位/班级/社区（村）", "学号/卡号/工号", "学习时间"]
    )
    assert [p.person for p in ep.participations.all()] == [cast.people["li"], cast.people["wang"]]
    assert (result.rows, result.matched, result.members) == (2, 2, 2)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime.datetime(2024, 5, 6, 20, 15), aware(2024, 5, 6, 20, 15)),
        ("2024/05/06 20:15", aware(2024, 5, 6, 20, 15)),
        ("2024/5/6 8:05", aware(2024, 5, 6, 8, 5)),
        ("2024/5/1 19:05", aware(2024, 5, 1, 19, 5)),
        ("2024-05-06 20:15:30", aware(2024, 5, 6, 20, 15, 30)),
        ("2024/5/6", aware(2024, 5, 6)),
        ("昨天", None),
        (None, None),
    ],
)
def test_the_study_time_is_read_as_typed_or_as_a_real_date(cast, admin, ep, cell, expected):
    run(admin, ep, [line("东湖村团支部", "李华", cell)])

    assert ep.participations.get().studied_at == expected


def test_a_person_listed_twice_is_counted_once(cast, admin, ep):
    numbered(cast.people["zhang"], "2021001")
    zhang = cast.people["zhang"]

    result = run(admin, ep, [by_number(zhang), by_name(cast.people["li"]), by_name(zhang), by_number(zhang)])

    assert [(p.row, p.person) for p in ep.participations.all()] == [(3, zhang), (4, cast.people["li"])]
    assert (result.rows, result.matched, result.duplicates) == (2, 2, 2)


def test_reimporting_an_episode_replaces_its_rows(cast, admin, ep):
    run(admin, ep, [by_name(cast.people["zhang"]), by_name(cast.people["li"]), line("", "路人甲")])

    result = run(admin, ep, [by_name(cast.people["wang"])])

    assert [p.person for p in ep.participations.all()] == [cast.people["wang"]]
    assert result.as_dict() == {"rows": 1, "matched": 1, "members": 1, "ambiguous": 0, "unmatched": 0, "duplicates": 0}
    assert sorted(MemberBase.objects.filter(episode=ep).values_list("organization__name", "members")) == [
        ("2024级1班团支部", 1),
        ("东湖村团支部", 2),
        ("西湾村团支部", 1),
    ]
    assert BatchEvent.objects.filter(kind="study_import").count() == 2


def test_an_import_records_who_imported_which_file_and_one_batch_event(cast, admin, ep):
    before = timezone.now()

    run(admin, ep, [by_name(cast.people["zhang"]), line("", "路人甲")])

    ep.refresh_from_db()
    assert (ep.imported_by, ep.source_file) == (admin, "青年大学习第12期.xlsx")
    assert ep.imported_at >= before
    event = BatchEvent.objects.get()
    assert (event.kind, event.actor, event.organization, event.rows, event.file_name) == (
        "study_import",
        admin,
        cast.county,
        2,
        "青年大学习第12期.xlsx",
    )


def test_a_dry_run_counts_and_writes_nothing(cast, admin, ep):
    result = services.episode_import(
        actor=admin, episode=ep, data=export([by_name(cast.people["zhang"])])[0], filename="a.xlsx", dry_run=True
    )

    assert (result.rows, result.matched, result.committed) == (1, 1, False)
    assert (Participation.objects.count(), MemberBase.objects.count(), BatchEvent.objects.count()) == (0, 0, 0)
    assert Episode.objects.get(pk=ep.pk).imported_at is None


def test_a_saved_mapping_names_the_columns_of_another_province(cast, admin, ep):
    data = xlsx([["学员", "所属组织", "时间"], ["王芳", "西湾村团支部", "2024/05/06 21:00"]])

    services.episode_import(
        actor=admin, episode=ep, data=data, filename="b.xlsx", mapping={"name": "学员", "unit": "所属组织"}
    )

    assert (ep.participations.get().person, ep.participations.get().match) == (cast.people["wang"], Match.NAME_ORG)


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([["序号", "备注"], ["1", "王芳"]], "HEADER_NOT_FOUND"),
        ([["单位", "学习时间"], ["西湾村团支部", "2024/05/06 21:00"]], "STUDY_COLUMNS_MISSING"),
    ],
)
def test_a_file_without_learner_columns_is_refused_and_nothing_changes(cast, admin, ep, rows, code):
    run(admin, ep, [by_name(cast.people["zhang"])])

    with pytest.raises(ValidationError) as refused:
        run_file(admin, ep, csv_bytes(rows, "gbk"), "名单.csv")

    assert refused.value.code == code
    assert [p.person for p in ep.participations.all()] == [cast.people["zhang"]]
    assert BatchEvent.objects.count() == 1


def run_file(actor, episode, data, filename):
    return services.episode_import(actor=actor, episode=episode, data=data, filename=filename)
