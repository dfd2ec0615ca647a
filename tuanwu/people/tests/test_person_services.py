"""Writes to people: create, update, move and reveal, with the ID number as the source of truth."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from tests.factories import full_width, org
from tuanwu.audit.models import AccessLog
from tuanwu.core.idcard import check_digit, make_id_number
from tuanwu.organizations.services import organization_dissolve
from tuanwu.people.models import Membership, Person
from tuanwu.people.services import person_create, person_move, person_reveal, person_update

# A woman born 2006-08-09 and a man born 1999-12-01, both from 琅琊区; nobody in the cast holds them.
WOMAN = make_id_number("341102", datetime.date(2006, 8, 9), 2)
MAN = make_id_number("341102", datetime.date(1999, 12, 1), 7)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def people_rows():
    return list(
        Person.objects.order_by("pk").values_list(
            "pk", "organization_id", "name", "id_number", "birth_date", "gender", "phone", "version"
        )
    )


def membership_rows():
    return list(Membership.objects.order_by("pk").values_list("pk", "organization_id", "status", "version"))


def last_log() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def logs_since(pk: int) -> list[LogEntry]:
    return list(LogEntry.objects.filter(pk__gt=pk).order_by("pk"))


# person_create


def test_create_derives_birth_date_and_gender_from_the_id_number(cast):
    secretary = cast.users["branch_secretary"]
    since = last_log()

    person = person_create(actor=secretary, organization=cast.branch, name="周婷", id_number=WOMAN)

    person.refresh_from_db()
    assert (person.id_number, person.birth_date, person.gender) == (WOMAN, datetime.date(2006, 8, 9), "female")
    assert person.organization == cast.branch
    [entry] = logs_since(since)
    assert (entry.action, entry.actor, entry.object_pk) == (LogEntry.Action.CREATE, secretary, str(person.pk))


def test_create_accepts_birth_date_and_gender_that_agree_with_the_id_number(cast):
    person = person_create(
        actor=cast.users["branch_secretary"],
        organization=cast.branch,
        name="吴强",
        id_number=MAN,
        birth_date=datetime.date(1999, 12, 1),
        gender="male",
    )

    assert (person.birth_date, person.gender) == (datetime.date(1999, 12, 1), "male")


@pytest.mark.parametrize(
    ("name", "pinyin", "initials"),
    [("张晓明", "zhangxiaoming", "zxm"), ("李华", "lihua", "lh"), ("欧阳娜娜", "ouyangnana", "oynn")],
)
def test_create_stores_full_pinyin_and_initials_of_the_name(cast, name, pinyin, initials):
    person = person_create(actor=cast.users["branch_secretary"], organization=cast.branch, name=name, id_number=WOMAN)

    person.refresh_from_db()
    assert (person.name_pinyin, person.name_initials) == (pinyin, initials)


def test_create_stores_the_normalized_number_and_phone(cast):
    person = person_create(
        actor=cast.users["branch_secretary"],
        organization=cast.branch,
        name="赵磊",
        id_number="341102850517001",
        phone="+86 138 0000 1234",
    )

    person.refresh_from_db()
    assert (person.id_number, person.phone) == ("341102198505170018", "13800001234")


def test_create_with_an_unknown_birthplace_saves_and_warns(cast):
    body = "999999" + "20060809" + "002"

    person = person_create(
        actor=cast.users["branch_secretary"], organization=cast.branch, name="周婷", id_number=body + check_digit(body)
    )

    assert Person.objects.filter(pk=person.pk).exists()
    assert person.warnings == ["The birthplace code 999999 is not in the division table; please check the number."]


CREATE_REFUSALS = {
    "ID_DUPLICATE": (
        lambda cast: {"name": "张小明", "id_number": cast.people["zhang"].id_number},
        "id_number",
        "This ID number is already registered.",
    ),
    "BIRTH_DATE_MISMATCH": (
        lambda cast: {"name": "周婷", "id_number": WOMAN, "birth_date": datetime.date(2006, 8, 10)},
        "birth_date",
        "The birth date 2006-08-10 differs from the ID number's 2006-08-09.",
    ),
    "GENDER_MISMATCH": (
        lambda cast: {"name": "周婷", "id_number": WOMAN, "gender": "male"},
        "gender",
        "The gender differs from the one the ID number encodes.",
    ),
    "PHONE_INVALID": (
        lambda cast: {"name": "周婷", "id_number": WOMAN, "phone": "1381234567"},
        "phone",
        "The phone number 1381234567 is not valid: use an 11-digit mobile (13812345678) or a landline "
        "with its area code (0551-12345678).",
    ),
    "ID_CHECKSUM": (
        lambda cast: {"name": "周婷", "id_number": WOMAN[:17] + ("1" if WOMAN[17] != "1" else "2")},
        "id_number",
        f"The ID number's check digit is wrong: the last character should be {WOMAN[17]}.",
    ),
    "NAME_REQUIRED": (
        lambda cast: {"name": "  ", "id_number": WOMAN},
        "name",
        "The name is required.",
    ),
}


@pytest.mark.parametrize("rule", list(CREATE_REFUSALS))
def test_create_refusal_carries_its_code_names_the_field_and_writes_nothing(cast, rule):
    fields, field, message = CREATE_REFUSALS[rule]
    before, since = people_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        person_create(actor=cast.users["branch_secretary"], organization=cast.branch, **fields(cast))

    assert error.value.code == rule
    assert error.value.message_dict == {field: [message]}
    assert people_rows() == before
    assert logs_since(since) == []


def test_duplicate_id_refusal_does_not_name_the_holder(cast):
    zhang = cast.people["zhang"]

    with pytest.raises(ValidationError) as error:
        person_create(
            actor=cast.users["outsider"], organization=cast.school_branch, name="张小明", id_number=zhang.id_number
        )

    text = " ".join(error.value.messages)
    assert zhang.name not in text
    assert zhang.organization.name not in text


def test_create_refuses_an_existing_id_number_typed_in_full_width_digits(cast):
    number = cast.people["zhang"].id_number
    before, since = people_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        person_create(
            actor=cast.users["branch_secretary"],
            organization=cast.branch,
            name="张晓明",
            id_number=full_width(number[:17]) + number[17],
        )

    assert error.value.code == "ID_DUPLICATE"
    assert error.value.message_dict == {"id_number": ["This ID number is already registered."]}
    assert people_rows() == before
    assert logs_since(since) == []


@pytest.mark.parametrize(
    ("role", "target", "refusal"),
    [("branch_secretary", "branch2", Http404), ("auditor", "branch", PermissionDenied), ("member", "branch", Http404)],
)
def test_create_without_the_right_is_refused_and_writes_nothing(cast, role, target, refusal):
    before, since = people_rows(), last_log()

    with pytest.raises(refusal):
        person_create(actor=cast.users[role], organization=getattr(cast, target), name="周婷", id_number=WOMAN)

    assert people_rows() == before
    assert logs_since(since) == []


# person_update


def test_update_changes_fields_and_leaves_a_history_entry(cast):
    secretary = cast.users["branch_secretary"]
    zhang = cast.people["zhang"]
    since = last_log()

    updated = person_update(actor=secretary, person=zhang, version=1, name="张小明", phone="139 0000 1111")

    updated.refresh_from_db()
    assert (updated.name, updated.name_initials, updated.phone, updated.version) == (
        "张小明",
        "zxm",
        "13900001111",
        2,
    )
    [entry] = logs_since(since)
    assert (entry.action, entry.actor, entry.object_pk) == (LogEntry.Action.UPDATE, secretary, str(zhang.pk))


def test_update_of_the_id_number_derives_birth_date_and_gender_again(cast):
    li = cast.people["li"]

    updated = person_update(actor=cast.users["branch_secretary"], person=li, id_number=MAN)

    updated.refresh_from_db()
    assert (updated.id_number, updated.birth_date, updated.gender) == (MAN, datetime.date(1999, 12, 1), "male")


def test_update_with_a_stale_version_is_refused_and_nothing_changes(cast):
    secretary = cast.users["branch_secretary"]
    zhang = cast.people["zhang"]
    person_update(actor=secretary, person=zhang, version=1, name="张小明")
    before, since = people_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        person_update(actor=secretary, person=zhang, version=1, name="张大明")

    zhang.refresh_from_db()
    assert error.value.code == "EDIT_CONFLICT"
    assert (zhang.name, zhang.version) == ("张小明", 2)
    assert people_rows() == before
    assert logs_since(since) == []


def test_update_to_another_persons_id_number_is_refused(cast):
    before, since = people_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        person_update(
            actor=cast.users["branch_secretary"], person=cast.people["li"], id_number=cast.people["zhang"].id_number
        )

    assert error.value.code == "ID_DUPLICATE"
    assert error.value.message_dict == {"id_number": ["This ID number is already registered."]}
    assert people_rows() == before
    assert logs_since(since) == []


# person_move


def test_move_of_a_member_to_another_branch_moves_the_membership_too(cast):
    secretary = cast.users["committee_secretary"]
    zhang = cast.people["zhang"]
    since = last_log()

    person_move(actor=secretary, person=zhang, organization=cast.branch2)

    zhang.refresh_from_db()
    zhang.membership.refresh_from_db()
    assert (zhang.organization, zhang.version) == (cast.branch2, 2)
    assert (zhang.membership.organization, zhang.membership.version) == (cast.branch2, 2)
    entries = logs_since(since)
    assert [(e.content_type.model, e.actor) for e in entries] == [("person", secretary), ("membership", secretary)]


def test_move_of_a_member_to_a_committee_is_refused_and_nothing_changes(cast):
    before, memberships, since = people_rows(), membership_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        person_move(actor=cast.users["committee_secretary"], person=cast.people["zhang"], organization=cast.town)

    assert error.value.code == "MEMBER_NOT_IN_BRANCH"
    assert error.value.messages == ["Members belong to a branch; 东湖镇团委 is not a branch."]
    assert people_rows() == before
    assert membership_rows() == memberships
    assert logs_since(since) == []


def test_move_of_a_non_member_to_a_committee_is_allowed(cast):
    youth = cast.people["youth"]

    person_move(actor=cast.users["committee_secretary"], person=youth, organization=cast.town)

    youth.refresh_from_db()
    assert youth.organization == cast.town


def test_move_to_a_dissolved_branch_is_refused(cast):
    admin = cast.users["county_admin"]
    closed = organization_dissolve(actor=admin, organization=org(cast.town, "北岗村团支部"))
    before, since = people_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        person_move(actor=admin, person=cast.people["zhang"], organization=closed)

    assert error.value.code == "ORG_DISSOLVED"
    assert people_rows() == before
    assert logs_since(since) == []


@pytest.mark.parametrize(
    ("role", "refusal"),
    [("branch_secretary", Http404), ("outsider", Http404), ("auditor", PermissionDenied)],
)
def test_move_without_the_right_on_both_ends_is_refused(cast, role, refusal):
    before, memberships = people_rows(), membership_rows()

    with pytest.raises(refusal):
        person_move(actor=cast.users[role], person=cast.people["zhang"], organization=cast.branch2)

    assert people_rows() == before
    assert membership_rows() == memberships


# person_reveal


@pytest.mark.parametrize(
    ("role", "whose"), [("branch_secretary", "zhang"), ("member", "zhang"), ("county_admin", "zhao")]
)
def test_reveal_returns_the_data_in_clear_and_logs_exactly_one_access(cast, role, whose):
    actor = cast.users[role]
    person = cast.people[whose]

    revealed = person_reveal(actor=actor, person=person, remote_addr="10.0.0.7")

    assert revealed == {"id_number": person.id_number, "phone": person.phone}
    [log] = AccessLog.objects.all()
    assert (
        log.actor,
        log.action,
        log.organization,
        log.person,
        log.subject,
        log.fields,
        log.rows,
        log.remote_addr,
    ) == (
        actor,
        AccessLog.Action.VIEW,
        person.organization,
        person,
        person.name,
        "id_number,phone",
        1,
        "10.0.0.7",
    )


@pytest.mark.parametrize(
    ("role", "whose"),
    [("cadre", "zhao"), ("auditor", "zhang"), ("member", "li"), ("outsider", "zhang"), ("branch_secretary", "wang")],
)
def test_reveal_is_refused_without_the_right_and_logs_nothing(cast, role, whose):
    with pytest.raises(PermissionDenied):
        person_reveal(actor=cast.users[role], person=cast.people[whose])

    assert AccessLog.objects.count() == 0
