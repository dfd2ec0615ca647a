"""The people filter: search, status, age band, organization subtree and sort."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import PersonFactory, full_width, member, org
from tuanwu.people.filters import PersonFilter
from tuanwu.people.selectors import person_list


def names(cast, role="county_admin", **data) -> list[str]:
    actor = cast.users[role]
    form = PersonFilter(data=data, actor=actor)
    return [p.name for p in form.filter(person_list(actor))]


# search


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("晓明", ["张晓明"]),
        ("李", ["李华"]),
        ("zxm", ["张晓明"]),
        ("ZXM", ["张晓明"]),
        ("zx", ["张晓明"]),
        ("zhangxiaoming", ["张晓明"]),
        ("zhang", ["张晓明"]),
        ("wangfang", ["王芳"]),
        ("zl", ["赵磊"]),
        ("qq", []),
        ("孙", []),
    ],
)
def test_search_by_name_initials_or_full_pinyin(cast, q, expected):
    assert names(cast, q=q) == expected


def test_search_by_full_id_number_finds_its_holder(cast):
    zhang = cast.people["zhang"]

    assert names(cast, q=zhang.id_number) == ["张晓明"]


def test_search_by_full_id_number_with_lower_case_x_finds_its_holder(cast):
    holder = PersonFactory(organization=cast.branch, name="周婷", id_number="34110220040517007X")

    assert names(cast, q="34110220040517007x") == [holder.name]


def test_search_by_mobile_number_finds_its_holder(cast):
    wang = cast.people["wang"]

    assert names(cast, q=wang.phone) == ["王芳"]


def test_search_by_the_last_digits_of_a_phone_finds_its_holder(cast):
    PersonFactory(organization=cast.branch, name="周婷", phone="13999990417")

    assert names(cast, q="990417") == ["周婷"]


def test_search_stays_inside_the_users_scope(cast):
    zhao = cast.people["zhao"]

    assert names(cast, "committee_secretary", q=zhao.id_number) == []
    assert names(cast, "committee_secretary", q="赵磊") == []


@pytest.mark.parametrize("field", ["id_number", "phone"])
def test_search_by_a_number_typed_in_full_width_digits_finds_its_holder(cast, field):
    zhang = cast.people["zhang"]

    assert names(cast, q=full_width(getattr(zhang, field))) == ["张晓明"]


# status


@pytest.fixture
def exits(cast):
    """A branch with one member per kind of standing: normal, pending exit and exited."""
    branch = org(cast.town, "北岗村团支部")
    member(branch, "安娜")
    member(branch, "白雪", status="age_out_pending")
    member(branch, "常青", status="age_out")
    PersonFactory(organization=branch, name="丁一")
    return branch


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("", ["安娜", "白雪", "常青", "丁一"]),
        ("members", ["安娜", "白雪"]),
        ("youth", ["常青", "丁一"]),
        ("normal", ["安娜"]),
        ("age_out_pending", ["白雪"]),
        ("age_out", ["常青"]),
        ("lapse", []),
    ],
)
def test_status_filter_counts_pending_exits_as_members(cast, exits, status, expected):
    assert names(cast, organization=exits.pk, status=status) == expected


def test_status_filter_on_the_cast(cast):
    assert sorted(names(cast, status="members")) == sorted(["张晓明", "李华", "王芳", "赵磊"])
    assert names(cast, status="youth") == ["陈静"]


# age bands


def years_ago(today: datetime.date, years: int) -> datetime.date:
    """The same day years back (28 February for a 29 February that year lacks)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


@pytest.fixture
def ages(cast):
    """People whose age today is at either end of each band, named by that age ("17" turns 18 tomorrow)."""
    today = timezone.localdate()
    branch = org(cast.town, "年龄测试团支部")
    for age in (13, 14, 17, 18, 22, 23, 28, 29, 35, 36):
        turns_next = age in (13, 17, 22, 28, 35)
        born = years_ago(today, age + 1) + datetime.timedelta(days=1) if turns_next else years_ago(today, age)
        PersonFactory(organization=branch, name=str(age), birth_date=born)
    return branch


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("14-17", ["14", "17"]),
        ("18-22", ["18", "22"]),
        ("23-28", ["23", "28"]),
        ("29-35", ["29", "35"]),
        ("over28", ["28", "29", "35", "36"]),
    ],
)
def test_age_band_includes_both_ends_and_nothing_outside(cast, ages, band, expected):
    found = names(cast, organization=ages.pk, age=band)

    assert sorted(found, key=int) == expected


# organization


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("county", ["张晓明", "李华", "王芳", "赵磊", "陈静"]),
        ("town", ["张晓明", "李华", "王芳", "陈静"]),
        ("branch", ["张晓明", "李华", "陈静"]),
        ("branch2", ["王芳"]),
        ("school", ["赵磊"]),
    ],
)
def test_organization_filter_covers_the_whole_subtree(cast, where, expected):
    assert sorted(names(cast, organization=getattr(cast, where).pk)) == sorted(expected)


def test_organization_filter_with_an_unknown_id_finds_nobody(cast):
    assert names(cast, organization=999999) == []


def test_organization_filter_outside_the_users_scope_finds_nobody(cast):
    assert names(cast, "committee_secretary", organization=cast.school.pk) == []


# sort


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["陈静", "李华", "张晓明", "王芳", "赵磊"]),
        ("org", ["陈静", "李华", "张晓明", "王芳", "赵磊"]),
        ("-org", ["赵磊", "王芳", "张晓明", "李华", "陈静"]),
        ("name", ["陈静", "李华", "王芳", "赵磊", "张晓明"]),
        ("-name", ["张晓明", "赵磊", "王芳", "李华", "陈静"]),
    ],
)
def test_sort_by_organization_and_name_initials(cast, sort, expected):
    assert names(cast, sort=sort) == expected


@pytest.fixture
def cohort(cast):
    """Three members whose birth and join dates sort differently from their names."""
    branch = org(cast.town, "北岗村团支部")
    member(branch, "安娜", birth_date=datetime.date(2001, 3, 1), joined=datetime.date(2018, 5, 4))
    member(branch, "白雪", birth_date=datetime.date(1999, 7, 1), joined=datetime.date(2020, 5, 4))
    member(branch, "常青", birth_date=datetime.date(2003, 1, 1), joined=datetime.date(2016, 5, 4))
    return branch


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("birth", ["白雪", "安娜", "常青"]),
        ("-birth", ["常青", "安娜", "白雪"]),
        ("joined", ["常青", "安娜", "白雪"]),
        ("-joined", ["白雪", "安娜", "常青"]),
    ],
)
def test_sort_by_birth_and_join_date(cast, cohort, sort, expected):
    assert names(cast, organization=cohort.pk, sort=sort) == expected
