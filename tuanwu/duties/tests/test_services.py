import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.duties import services
from tuanwu.duties.models import DutyRecord, Mandate, MandateKind, Term

from .factories import duty, mandate, term

D = datetime.date


def _code(e: ValidationError) -> str:
    if hasattr(e, "error_dict"):
        return next(iter(e.error_dict.values()))[0].code
    return e.code


def test_county_adds_a_term(cast):
    t = services.term_add(
        actor=cast.users["county_admin"],
        organization=cast.county,
        name=" 共青团青禾县第十五次代表大会 ",
        starts_on=D(2023, 5, 4),
    )

    assert (t.name, t.organization, t.ends_on) == ("共青团青禾县第十五次代表大会", cast.county, None)


def test_refuses_a_second_term_of_the_same_name(cast):
    term(cast.county)

    with pytest.raises(ValidationError) as e:
        services.term_add(
            actor=cast.users["county_admin"],
            organization=cast.county,
            name="共青团青禾县第十五次代表大会",
            starts_on=D(2023, 5, 4),
        )

    assert _code(e.value) == "TERM_EXISTS"
    assert Term.objects.count() == 1


@pytest.mark.parametrize("role", ["committee_secretary", "auditor"])
def test_only_a_manager_of_the_organization_adds_a_term(cast, role):
    with pytest.raises((Http404, PermissionDenied)):
        services.term_add(actor=cast.users[role], organization=cast.county, name="X", starts_on=D(2023, 5, 4))

    assert not Term.objects.exists()


def test_gives_a_seat_with_the_persons_organization_as_scope(cast):
    t = term(cast.county)

    m = services.mandate_add(
        actor=cast.users["county_admin"],
        term=t,
        person=cast.people["zhang"],
        kind=MandateKind.DELEGATE,
        delegation="东湖镇代表团",
    )

    assert (m.organization, m.from_on, m.delegation) == (cast.branch, t.starts_on, "东湖镇代表团")


def test_refuses_the_same_person_twice_with_the_same_kind_in_a_term(cast):
    t = term(cast.county)
    mandate(t, cast.people["zhang"])
    entries = LogEntry.objects.count()

    with pytest.raises(ValidationError) as e:
        services.mandate_add(
            actor=cast.users["county_admin"], term=t, person=cast.people["zhang"], kind=MandateKind.COMMITTEE_MEMBER
        )

    assert _code(e.value) == "MANDATE_EXISTS"
    assert Mandate.objects.count() == 1
    assert LogEntry.objects.count() == entries


def test_refuses_a_seat_starting_before_the_term(cast):
    t = term(cast.county)

    with pytest.raises(ValidationError) as e:
        services.mandate_add(
            actor=cast.users["county_admin"],
            term=t,
            person=cast.people["zhang"],
            kind="delegate",
            from_on=D(2020, 1, 1),
        )

    assert _code(e.value) == "MANDATE_OUTSIDE_TERM"


def test_ends_a_mandate(cast):
    m = mandate(term(cast.county), cast.people["zhang"])

    services.mandate_end(actor=cast.users["county_admin"], mandate=m, until_on=D(2025, 6, 30))

    m.refresh_from_db()
    assert m.until_on == D(2025, 6, 30)


def test_refuses_to_end_a_mandate_before_duties_recorded_under_it(cast):
    m = mandate(term(cast.county), cast.people["zhang"])
    duty(m, D(2025, 7, 1))

    with pytest.raises(ValidationError) as e:
        services.mandate_end(actor=cast.users["county_admin"], mandate=m, until_on=D(2025, 6, 30))

    assert _code(e.value) == "MANDATE_DUTIES_AFTER_END"
    m.refresh_from_db()
    assert m.until_on is None


def test_records_a_duty_and_a_proposal_starts_submitted(cast):
    m = mandate(term(cast.county), cast.people["zhang"])

    d = services.duty_record(
        actor=cast.users["county_admin"], mandate=m, date=D(2025, 3, 1), kind="proposal", title="关于青年就业的提案"
    )

    assert d.proposal_status == "submitted"


def test_refuses_a_duty_dated_outside_the_mandate(cast):
    m = mandate(term(cast.county), cast.people["zhang"], until_on=D(2024, 12, 31))

    with pytest.raises(ValidationError) as e:
        services.duty_record(
            actor=cast.users["county_admin"], mandate=m, date=D(2025, 1, 1), kind="research", title="调研"
        )

    assert _code(e.value) == "DUTY_OUTSIDE_MANDATE"
    assert not DutyRecord.objects.exists()


def test_a_member_records_their_own_duty_but_not_anothers(cast):
    t = term(cast.county)
    own = mandate(t, cast.people["zhang"])
    other = mandate(t, cast.people["wang"])

    services.duty_record(
        actor=cast.users["member"], mandate=own, date=D(2025, 3, 1), kind="contact_work", title="联系青年"
    )
    with pytest.raises((Http404, PermissionDenied)):
        services.duty_record(
            actor=cast.users["member"], mandate=other, date=D(2025, 3, 1), kind="contact_work", title="x"
        )

    assert list(DutyRecord.objects.values_list("mandate", flat=True)) == [own.pk]


def test_refuses_a_proposal_status_on_a_meeting(cast):
    m = mandate(term(cast.county), cast.people["zhang"])

    with pytest.raises(ValidationError) as e:
        services.duty_record(
            actor=cast.users["county_admin"],
            mandate=m,
            date=D(2025, 3, 1),
            kind="meeting_attended",
            title="全委会",
            proposal_status="adopted",
        )

    assert _code(e.value) == "DUTY_STATUS_NOT_PROPOSAL"


def test_the_same_duty_sent_twice_is_recorded_once(cast):
    m = mandate(term(cast.county), cast.people["zhang"])
    fields = {"mandate": m, "date": D(2025, 3, 1), "kind": "meeting_attended", "title": "全委会"}
    first = services.duty_record(actor=cast.users["member"], **fields)

    again = services.duty_record(actor=cast.users["member"], **fields)

    assert again.pk == first.pk
    assert DutyRecord.objects.count() == 1
