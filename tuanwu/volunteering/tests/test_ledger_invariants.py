"""The hour ledger: certified entries never change, hours never overlap and stay inside the activity."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from tuanwu.volunteering.models import HourEntry, Signup
from tuanwu.volunteering.selectors import person_hours
from tuanwu.volunteering.services.corrections import entry_correct
from tuanwu.volunteering.services.ledger import activity_certify, attendance_confirm

from .factories import activity, approved, at, served, state

# The triggers of migration 0002 raise IntegrityError on both databases: SQLite's RAISE(ABORT) is a
# constraint failure, and the PostgreSQL function raises integrity_constraint_violation (SQLSTATE 23000).
# Updates and deletes are refused on both (migration 0003 added SQLite's delete and replace triggers).


def test_certified_entry_cannot_be_updated_through_the_orm(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        HourEntry.objects.filter(pk=entry.pk).update(hours=Decimal("30"))

    assert state() == before
    entry.refresh_from_db()
    assert entry.hours == Decimal("3")


def test_certified_entry_cannot_be_saved_with_new_values(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    entry.content = "改过的内容"

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        entry.save()

    assert HourEntry.objects.get(pk=entry.pk).content == "东湖河道清洁"


def test_certified_entry_cannot_be_set_back_to_recorded(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        HourEntry.objects.filter(pk=entry.pk).update(status=HourEntry.Status.RECORDED)

    assert HourEntry.objects.get(pk=entry.pk).status == HourEntry.Status.CERTIFIED


def test_certified_entry_cannot_be_deleted_through_the_orm(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        HourEntry.objects.filter(pk=entry.pk).delete()

    assert state() == before


def test_certified_entry_cannot_be_deleted_as_an_instance(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        entry.delete()

    assert HourEntry.objects.filter(pk=entry.pk).exists()


def test_certified_correction_cannot_be_deleted(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    correction = entry_correct(
        actor=cast.users["committee_secretary"], entry=entry, hours=Decimal("2"), reason="提前离场一小时"
    )

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        HourEntry.objects.filter(pk=correction.pk).delete()

    assert person_hours(cast.people["zhang"].pk) == Decimal("2")


def test_bulk_update_touching_one_certified_entry_changes_no_entry(cast):
    certified = served(cast, "zhang", at(0, 9), at(0, 12))
    recorded = served(cast, "li", at(1, 9), at(1, 12), certify=False)
    before = state()

    with pytest.raises(IntegrityError), transaction.atomic():
        HourEntry.objects.filter(pk__in=[certified.pk, recorded.pk]).update(content="批量改")

    assert state() == before
    assert set(HourEntry.objects.values_list("content", flat=True)) == {"东湖河道清洁"}


def test_recorded_entry_can_still_be_changed_and_deleted(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12), certify=False)

    HourEntry.objects.filter(pk=entry.pk).update(content="改正错别字")
    HourEntry.objects.filter(pk=entry.pk).delete()

    assert not HourEntry.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_a_correction_without_a_reason(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))

    with pytest.raises(IntegrityError), transaction.atomic():
        HourEntry.objects.create(
            person=entry.person,
            organization_id=entry.organization_id,
            organizer_id=entry.organizer_id,
            source=HourEntry.Source.CORRECTION,
            category=entry.category,
            content=entry.content,
            service_date=entry.service_date,
            hours=Decimal("-1"),
            corrects=entry,
            reason="",
        )

    assert HourEntry.objects.count() == 1


def test_the_immutability_triggers_exist_on_this_database(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'volunteering_hourentry'::regclass AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'volunteering_hourentry'"
            )
        names = {row[0] for row in cursor.fetchall()}

    expected = (
        {"hour_entry_certified_immutable"}
        if connection.vendor == "postgresql"
        else {
            "hour_entry_certified_no_update",
            "hour_entry_certified_no_delete",
            "hour_entry_certified_no_replace",
            "hour_entry_certified_no_replace_update",
        }
    )
    assert names == expected


# Overlaps


def test_overlapping_hours_of_one_person_are_refused(cast):
    secretary = cast.users["committee_secretary"]
    served(cast, "zhang", at(0, 9), at(0, 12))
    second = activity(secretary, cast.town, start=at(0, 11), end=at(0, 14), title="敬老院探访")
    signup = approved(cast, second, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=signup, present=True)

    assert error.value.code == "HOURS_OVERLAP"
    assert state() == before


def test_overlap_with_recorded_but_uncertified_hours_is_refused_too(cast):
    secretary = cast.users["committee_secretary"]
    served(cast, "zhang", at(0, 9), at(0, 12), certify=False)
    second = activity(secretary, cast.town, start=at(0, 11), end=at(0, 14), title="敬老院探访")
    signup = approved(cast, second, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=signup, present=True)

    assert error.value.code == "HOURS_OVERLAP"
    assert state() == before


def test_adjacent_hours_are_accepted(cast):
    secretary = cast.users["committee_secretary"]
    served(cast, "zhang", at(0, 9), at(0, 12))
    second = activity(secretary, cast.town, start=at(0, 12), end=at(0, 14), title="敬老院探访")
    signup = approved(cast, second, "zhang")

    attendance_confirm(actor=secretary, signup=signup, present=True)

    assert HourEntry.objects.get(signup=signup).hours == Decimal("2")


def test_overlap_is_refused_only_for_the_same_person(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))

    entry = served(cast, "li", at(0, 9), at(0, 12), title="敬老院探访")

    assert entry.hours == Decimal("3")


def test_overlap_with_an_entry_corrected_to_zero_hours_is_accepted(cast):
    secretary = cast.users["committee_secretary"]
    first = served(cast, "zhang", at(0, 9), at(0, 12))
    entry_correct(actor=secretary, entry=first, hours=Decimal("0"), reason="当天未到场，误记")
    second = activity(secretary, cast.town, start=at(0, 10), end=at(0, 12), title="敬老院探访")
    signup = approved(cast, second, "zhang")

    attendance_confirm(actor=secretary, signup=signup, present=True)

    assert HourEntry.objects.get(signup=signup, corrects__isnull=True).hours == Decimal("2")


def test_overlap_with_the_corrected_times_counts_not_the_original_ones(cast):
    secretary = cast.users["committee_secretary"]
    first = served(cast, "zhang", at(0, 9), at(0, 12))
    entry_correct(
        actor=secretary, entry=first, hours=Decimal("1"), reason="只服务了一小时", start=at(0, 9), end=at(0, 10)
    )
    second = activity(secretary, cast.town, start=at(0, 10), end=at(0, 12), title="敬老院探访")
    signup = approved(cast, second, "zhang")

    attendance_confirm(actor=secretary, signup=signup, present=True)

    assert person_hours(cast.people["zhang"].pk) == Decimal("1")
    assert HourEntry.objects.get(signup=signup).hours == Decimal("2")


# Window


@pytest.mark.parametrize(
    ("start", "end"),
    [((0, 8, 30), (0, 11)), ((0, 10), (0, 12, 30)), ((0, 8), (0, 13))],
    ids=["starts-early", "ends-late", "both"],
)
def test_hours_outside_the_activity_window_are_refused(cast, start, end):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    signup = approved(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=signup, present=True, start=at(*start), end=at(*end))

    assert error.value.code == "HOURS_OUTSIDE_WINDOW"
    assert state() == before


def test_hours_ending_before_they_start_are_refused(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    signup = approved(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=signup, present=True, start=at(0, 11), end=at(0, 10))

    assert error.value.code == "END_BEFORE_START"
    assert state() == before


# Totals and re-confirmation


def test_person_hours_is_the_sum_of_certified_entries(cast):
    zhang = cast.people["zhang"]
    served(cast, "zhang", at(0, 9), at(0, 12))
    served(cast, "zhang", at(1, 14), at(1, 16), title="敬老院探访")
    served(cast, "li", at(0, 9), at(0, 11), title="图书整理")

    total = person_hours(zhang.pk)

    assert total == Decimal("5")
    assert total == sum(HourEntry.objects.filter(person=zhang).values_list("hours", flat=True))


def test_recorded_hours_do_not_count_until_certified(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12), certify=False)
    assert person_hours(cast.people["zhang"].pk) == Decimal("0")

    activity_certify(actor=cast.users["committee_secretary"], activity=entry.activity)

    assert person_hours(cast.people["zhang"].pk) == Decimal("3")


def test_person_hours_of_a_year_counts_only_that_year(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))

    assert person_hours(cast.people["zhang"].pk, year=at(0, 9).year) == Decimal("3")
    assert person_hours(cast.people["zhang"].pk, year=at(0, 9).year - 1) == Decimal("0")


def test_reconfirming_before_certification_replaces_the_entry(cast):
    secretary = cast.users["committee_secretary"]
    entry = served(cast, "zhang", at(0, 9), at(0, 12), certify=False)

    attendance_confirm(actor=secretary, signup=entry.signup, present=True, start=at(0, 10), end=at(0, 11))

    [replacement] = HourEntry.objects.filter(signup=entry.signup)
    assert (replacement.hours, replacement.started_at, replacement.ended_at) == (Decimal("1"), at(0, 10), at(0, 11))
    assert not HourEntry.objects.filter(pk=entry.pk).exists()
    signup = Signup.objects.get(pk=entry.signup_id)
    assert (signup.attendance, signup.confirmed_start, signup.confirmed_end) == ("present", at(0, 10), at(0, 11))


def test_reconfirming_as_absent_removes_the_recorded_entry(cast):
    secretary = cast.users["committee_secretary"]
    entry = served(cast, "zhang", at(0, 9), at(0, 12), certify=False)

    attendance_confirm(actor=secretary, signup=entry.signup, present=False)

    assert not HourEntry.objects.exists()
    signup = Signup.objects.get(pk=entry.signup_id)
    assert (signup.attendance, signup.confirmed_start, signup.confirmed_end) == ("absent", None, None)


def test_reconfirming_after_certification_is_refused(cast):
    secretary = cast.users["committee_secretary"]
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=entry.signup, present=True, start=at(0, 10), end=at(0, 11))

    assert error.value.code == "ENTRY_CERTIFIED"
    assert state() == before


def test_a_failed_reconfirmation_keeps_the_previous_entry(cast):
    secretary = cast.users["committee_secretary"]
    served(cast, "zhang", at(0, 14), at(0, 16), title="敬老院探访")
    long_day = activity(secretary, cast.town, start=at(0, 8), end=at(0, 18))
    signup = approved(cast, long_day, "zhang")
    attendance_confirm(actor=secretary, signup=signup, present=True, start=at(0, 9), end=at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=signup, present=True, start=at(0, 9), end=at(0, 15))

    assert error.value.code == "HOURS_OVERLAP"
    assert state() == before
    assert HourEntry.objects.get(signup=signup).hours == Decimal("3")
