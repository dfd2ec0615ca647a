"""Every write that takes an id × an id outside the actor's scope: the scope matrix of tests/test_scope_matrix.py
says who may reach each page and route; this table says that what a write names by id (a person, an
organization, an application) is looked up in the same scope as a read.

Each entry is tried by an actor who may make the write (the town's committee secretary) with the id of
something in the school's subtree, and again with an id that does not exist: both answers must be the same
(status, message, form errors), the answer names nothing outside the scope, and no row is written.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from tests.test_scope_matrix import _contacts, _course, _study, _unit, _vol

MISSING = 10**9
ACTOR = "committee_secretary"  # of the town; the ids below lie in the school's subtree


@dataclass(frozen=True)
class Write:
    url: Callable[[Any, int], str]  # (cast, id) -> the address posted to
    data: Callable[[Any, int], dict]  # (cast, id) -> the body, with the id under test in it
    outside: Callable[[Any], tuple[int, str]]  # cast -> (the id outside the actor's scope, the name it would leak)
    written: Callable[[Any], Any]  # cast -> everything the write could change, comparable
    api: bool = False
    method: str = "post"


def _today() -> str:
    return timezone.localdate().isoformat()


def _zhao(c) -> tuple[int, str]:
    return c.people["zhao"].pk, c.people["zhao"].name


def _school_branch(c) -> tuple[int, str]:
    return c.school_branch.pk, c.school_branch.name


def _school(c) -> tuple[int, str]:
    return c.school.pk, c.school.name


def _waiting_row(c):
    """A learner waiting for a person, attributed to the town's branch (so that the town reviews it)."""
    if not hasattr(c, "waiting_row"):
        from tuanwu.study.models import Participation

        c.waiting_row = Participation.objects.create(
            episode=_study(c)["episode"], row=98, name="孙悦", organization=c.branch, match="unmatched"
        )
    return c.waiting_row


def _prereviewed(c):
    """An application of the town's branch, ready for its introducers."""
    if not hasattr(c, "prereviewed"):
        from tuanwu.admission.tests.factories import applicant, apply, walk
        from tuanwu.admission.workflow import Step

        c.prereviewed = walk(apply(applicant(c.branch)), Step.PREREVIEW)
    return c.prereviewed


def _school_application(c) -> tuple[int, str]:
    """An application of the school's branch (outside the town)."""
    from tuanwu.admission.tests.factories import applicant, apply

    app = apply(applicant(c.school_branch), actor="county_admin")
    return app.pk, app.person.name


def _introducers(c):
    app = _prereviewed(c)
    app.refresh_from_db()
    return app.introducer_1_id, app.introducer_2_id, app.status


def _count(model_path: str) -> Callable[[Any], int]:
    def count(c) -> int:
        from django.apps import apps

        return apps.get_model(model_path).objects.count()

    return count


def _introducers_day() -> str:
    from tuanwu.admission.tests.factories import DATES
    from tuanwu.admission.workflow import Step

    return DATES[Step.INTRODUCERS].isoformat()


def _town_meeting(c):
    """A theme day of the town's branch, recorded by the town's committee, for the corrections below."""
    if not hasattr(c, "town_meeting"):
        from tuanwu.meetings.tests.factories import record

        c.town_meeting = record(c.users["committee_secretary"], c.branch)
    return c.town_meeting


def _meeting_row(c):
    from tuanwu.meetings.models import Meeting

    meeting = Meeting.objects.get(pk=_town_meeting(c).pk)
    return meeting.chair_id, meeting.recorder_id, sorted(meeting.campaigns.values_list("pk", flat=True))


def _other_campaign(c) -> tuple[int, str]:
    """A campaign tag of another county: not one this county's meetings may carry."""
    if not hasattr(c, "other_campaign"):
        from tests.factories import org
        from tuanwu.meetings.models import Campaign
        from tuanwu.organizations.models import Kind, Sector

        other = org(None, "白河县委", Kind.COUNTY_COMMITTEE, Sector.PARTY_GOVERNMENT, code="BH")
        c.other_campaign = Campaign.objects.create(organization=other, name="白河读书月")
    return c.other_campaign.pk, c.other_campaign.name


def _party_branch(c) -> tuple[int, str]:
    """The county office's Party branch, with nobody of the town on its roll."""
    if not hasattr(c, "party_branch"):
        from tuanwu.meetings.models import PartyBranch

        c.party_branch = PartyBranch.objects.create(organization=c.county, name="青禾县委机关第三党支部")
    return c.party_branch.pk, c.party_branch.name


def _new_meeting(c, **ids) -> dict:
    body = {"organization_id": c.branch.pk, "kind": "theme_day", "held_on": _today(), "topic": "主题团日"}
    return {**body, **ids}


def _patch(c, **ids) -> dict:
    return {"version": type(_town_meeting(c)).objects.get(pk=_town_meeting(c).pk).version, **ids}


def _school_post(c) -> tuple[int, str]:
    """A post held in the school's branch by 赵磊 (outside the town)."""
    if not hasattr(c, "school_post"):
        from tuanwu.people.models import CadrePost

        c.school_post = CadrePost.objects.create(
            person=c.people["zhao"],
            organization=c.school_branch,
            post="secretary",
            kind="part_time",
            since=datetime.date(2024, 1, 1),
        )
    return c.school_post.pk, c.people["zhao"].name


def _case_body(c, **ids) -> dict:
    body = {"sanction": "warning", "facts": "违反团的纪律", "decided_on": _today(), "statement": "本人接受"}
    return {**body, **ids}


def _lapsed(c):
    """What a lapse proposal, a case or a restoration could change."""
    from tuanwu.lifecycle.models import DisciplineCase, LapseProposal
    from tuanwu.people.models import Membership

    return (
        DisciplineCase.objects.count(),
        LapseProposal.objects.count(),
        sorted(Membership.objects.values_list("person_id", "status")),
    )


# What a write names by id -> how to try it. Pages by URL name, API routes by "METHOD /api/v1/...#field".
WRITES: dict[str, Write] = {
    "study:assign#person": Write(
        url=lambda c, pk: f"/study/participations/{_waiting_row(c).pk}/assign/",
        data=lambda c, pk: {"person": pk},
        outside=_zhao,
        written=lambda c: list(
            type(_waiting_row(c)).objects.filter(pk=_waiting_row(c).pk).values_list("person_id", "match")
        ),
    ),
    "volunteering:task_force_member_add#person": Write(
        url=lambda c, pk: f"/volunteering/task-forces/{_vol(c)['team'].pk}/members/",
        data=lambda c, pk: {"person": pk, "joined_on": _today()},
        outside=_zhao,
        written=_count("volunteering.TaskForceMember"),
    ),
    "volunteering:certificate_create#person": Write(
        url=lambda c, pk: "/volunteering/certificates/new/",
        data=lambda c, pk: {
            "person": pk,
            "period_start": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
            "period_end": _today(),
            "handler": "李华",
        },
        outside=_zhao,
        written=_count("volunteering.Certificate"),
    ),
    "volunteering:star_record#person": Write(
        url=lambda c, pk: f"/volunteering/people/{pk}/stars/",
        data=lambda c, pk: {"stars": "1", "body": "青禾县志愿服务联合会", "recognized_on": _today()},
        outside=_zhao,
        written=_count("volunteering.StarRecognition"),
    ),
    "volunteering:certificate_create#issuer": Write(
        url=lambda c, pk: "/volunteering/certificates/new/",
        data=lambda c, pk: {
            "person": _vol(c)["entry"].person_id,
            "issuer": pk,
            "period_start": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
            "period_end": _today(),
            "handler": "李华",
        },
        outside=_school,
        written=_count("volunteering.Certificate"),
    ),
    "admission:create#person": Write(
        url=lambda c, pk: "/admission/new/",
        data=lambda c, pk: {"person": pk, "applied_on": _today()},
        outside=_zhao,
        written=_count("admission.Application"),
    ),
    "admission:step#first": Write(
        url=lambda c, pk: f"/admission/{_prereviewed(c).pk}/steps/introducers/",
        data=lambda c, pk: {"first": pk, "second": c.people["li"].pk, "on": _introducers_day()},
        outside=_zhao,
        written=_introducers,
    ),
    "admission:meeting_create#organization": Write(
        url=lambda c, pk: f"/admission/meetings/new/?organization={pk}",
        data=lambda c, pk: {
            "organization": pk,
            "held_on": _today(),
            "voting_members": 5,
            "present": 5,
            "chair": "李华",
            "recorder": "张晓明",
        },
        outside=_school_branch,
        written=_count("admission.GeneralMeeting"),
    ),
    "admission:ceremony_create#applications": Write(
        url=lambda c, pk: "/admission/ceremonies/new/",
        data=lambda c, pk: {"applications": [pk], "held_on": _today(), "place": "礼堂", "attendees": ""},
        outside=_school_application,
        written=_count("admission.Ceremony"),
    ),
    "admission:quotas#organization": Write(
        url=lambda c, pk: "/admission/quotas/",
        data=lambda c, pk: {"organization": pk, "count": 3},
        outside=_school_branch,
        written=_count("admission.Quota"),
    ),
    "people:create#organization": Write(
        url=lambda c, pk: f"/people/new/?organization={pk}",
        data=lambda c, pk: {"organization": pk, "name": "孙悦", "id_type": "resident", "gender": "female"},
        outside=_school_branch,
        written=_count("people.Person"),
    ),
    "people:move#organization": Write(
        url=lambda c, pk: f"/people/{c.people['zhang'].pk}/move/",
        data=lambda c, pk: {"organization": pk},
        outside=_school_branch,
        written=lambda c: type(c.people["zhang"]).objects.get(pk=c.people["zhang"].pk).organization_id,
    ),
    "people:post_add#organization": Write(
        url=lambda c, pk: f"/people/{c.people['zhang'].pk}/posts/new/",
        data=lambda c, pk: {"organization": pk, "post": "secretary", "kind": "part_time", "since": "2024-01-01"},
        outside=_school,
        written=_count("people.CadrePost"),
    ),
    "organizations:move#new_parent": Write(
        url=lambda c, pk: f"/organizations/{c.branch.pk}/move/",
        data=lambda c, pk: {"new_parent": pk},
        outside=_school,
        written=lambda c: type(c.branch).objects.filter(pk=c.branch.pk).values_list("parent_id", "path").get(),
    ),
    "POST /api/v1/admission/applications/{int:application_id}/steps/{step}#first_introducer": Write(
        url=lambda c, pk: f"/api/v1/admission/applications/{_prereviewed(c).pk}/steps/introducers",
        data=lambda c, pk: {"on": _introducers_day(), "first_introducer": pk, "second_introducer": c.people["li"].pk},
        outside=_zhao,
        written=_introducers,
        api=True,
    ),
    "POST /api/v1/admission/applications/{int:application_id}/steps/{step}#second_introducer": Write(
        url=lambda c, pk: f"/api/v1/admission/applications/{_prereviewed(c).pk}/steps/introducers",
        data=lambda c, pk: {"on": _introducers_day(), "first_introducer": c.people["li"].pk, "second_introducer": pk},
        outside=_zhao,
        written=_introducers,
        api=True,
    ),
    "POST /api/v1/meetings/#organization_id": Write(
        url=lambda c, pk: "/api/v1/meetings/",
        data=lambda c, pk: _new_meeting(c, organization_id=pk),
        outside=_school_branch,
        written=_count("meetings.Meeting"),
        api=True,
    ),
    "POST /api/v1/meetings/#party_branch_id": Write(
        url=lambda c, pk: "/api/v1/meetings/",
        data=lambda c, pk: {**_new_meeting(c, party_branch_id=pk), "organization_id": None, "kind": "party_lesson"},
        outside=_party_branch,
        written=_count("meetings.Meeting"),
        api=True,
    ),
    "POST /api/v1/meetings/#chair_id": Write(
        url=lambda c, pk: "/api/v1/meetings/",
        data=lambda c, pk: _new_meeting(c, chair_id=pk),
        outside=_zhao,
        written=_count("meetings.Meeting"),
        api=True,
    ),
    "POST /api/v1/meetings/#recorder_id": Write(
        url=lambda c, pk: "/api/v1/meetings/",
        data=lambda c, pk: _new_meeting(c, recorder_id=pk),
        outside=_zhao,
        written=_count("meetings.Meeting"),
        api=True,
    ),
    "POST /api/v1/meetings/#campaign_ids": Write(
        url=lambda c, pk: "/api/v1/meetings/",
        data=lambda c, pk: _new_meeting(c, campaign_ids=[pk]),
        outside=_other_campaign,
        written=_count("meetings.Meeting"),
        api=True,
    ),
    "PATCH /api/v1/meetings/{int:meeting_id}#chair_id": Write(
        url=lambda c, pk: f"/api/v1/meetings/{_town_meeting(c).pk}",
        data=lambda c, pk: _patch(c, chair_id=pk),
        outside=_zhao,
        written=_meeting_row,
        api=True,
        method="patch",
    ),
    "PATCH /api/v1/meetings/{int:meeting_id}#recorder_id": Write(
        url=lambda c, pk: f"/api/v1/meetings/{_town_meeting(c).pk}",
        data=lambda c, pk: _patch(c, recorder_id=pk),
        outside=_zhao,
        written=_meeting_row,
        api=True,
        method="patch",
    ),
    "PATCH /api/v1/meetings/{int:meeting_id}#campaign_ids": Write(
        url=lambda c, pk: f"/api/v1/meetings/{_town_meeting(c).pk}",
        data=lambda c, pk: _patch(c, campaign_ids=[pk]),
        outside=_other_campaign,
        written=_meeting_row,
        api=True,
        method="patch",
    ),
    "lifecycle:discipline_create#person": Write(
        url=lambda c, pk: "/lifecycle/discipline/new/",
        data=lambda c, pk: _case_body(c, person=pk),
        outside=_zhao,
        written=_lapsed,
    ),
    "lifecycle:discipline_create#post": Write(
        url=lambda c, pk: "/lifecycle/discipline/new/",
        data=lambda c, pk: _case_body(c, person=c.people["zhang"].pk, sanction="post_removal", post=pk),
        outside=_school_post,
        written=_lapsed,
    ),
    "lifecycle:lapse_propose#person": Write(
        url=lambda c, pk: "/lifecycle/exits/lapse/propose/",
        data=lambda c, pk: {"person": pk},
        outside=_zhao,
        written=_lapsed,
    ),
    "POST /api/v1/lifecycle/discipline-cases#person_id": Write(
        url=lambda c, pk: "/api/v1/lifecycle/discipline-cases",
        data=lambda c, pk: _case_body(c, person_id=pk),
        outside=_zhao,
        written=_lapsed,
        api=True,
    ),
    "POST /api/v1/lifecycle/discipline-cases#post_id": Write(
        url=lambda c, pk: "/api/v1/lifecycle/discipline-cases",
        data=lambda c, pk: _case_body(c, person_id=c.people["zhang"].pk, sanction="post_removal", post_id=pk),
        outside=_school_post,
        written=_lapsed,
        api=True,
    ),
    "POST /api/v1/lifecycle/age-outs#person_id": Write(
        url=lambda c, pk: "/api/v1/lifecycle/age-outs",
        data=lambda c, pk: {"person_id": pk},
        outside=_zhao,
        written=_lapsed,
        api=True,
    ),
    "POST /api/v1/lifecycle/lapse-proposals#person_id": Write(
        url=lambda c, pk: "/api/v1/lifecycle/lapse-proposals",
        data=lambda c, pk: {"person_id": pk},
        outside=_zhao,
        written=_lapsed,
        api=True,
    ),
    "POST /api/v1/lifecycle/restorations#person_id": Write(
        url=lambda c, pk: "/api/v1/lifecycle/restorations",
        data=lambda c, pk: {"person_id": pk, "reason": "回到组织"},
        outside=_zhao,
        written=_lapsed,
        api=True,
    ),
    "coverage:unit_create#township": Write(
        url=lambda c, pk: "/coverage/units/new/",
        data=lambda c, pk: {
            "township": pk,
            "name": "青禾智造有限公司",
            "credit_code": "91341100000000010T",
            "kind": "enterprise",
            "employees": 10,
            "young_employees": 2,
            "league_members": 0,
            "party_org": "none",
            "operating": "on",
        },
        outside=_school,
        written=_count("coverage.Unit"),
    ),
    "coverage:unit_found#organization": Write(
        url=lambda c, pk: f"/coverage/units/{_unit(c).pk}/found/",
        data=lambda c, pk: {"organization": pk, "form": "own", "founded_on": _today(), "version": 1},
        outside=_school_branch,
        written=lambda c: type(_unit(c)).objects.filter(pk=_unit(c).pk).values_list("status", "covering_org_id").get(),
    ),
    "coverage:founding#organization": Write(
        url=lambda c, pk: "/coverage/founding/",
        data=lambda c, pk: {"organization": pk, "founded_on": "2020-05-04"},
        outside=_school_branch,
        written=lambda c: type(c.school_branch).objects.filter(founded_on__isnull=False).count(),
    ),
    "POST /api/v1/coverage/units#township_id": Write(
        url=lambda c, pk: "/api/v1/coverage/units",
        data=lambda c, pk: {
            "township_id": pk,
            "name": "青禾智造有限公司",
            "credit_code": "91341100000000010T",
            "kind": "enterprise",
        },
        outside=_school,
        written=_count("coverage.Unit"),
        api=True,
    ),
    "POST /api/v1/coverage/units/{int:unit_id}/found#organization_id": Write(
        url=lambda c, pk: f"/api/v1/coverage/units/{_unit(c).pk}/found",
        data=lambda c, pk: {"version": 1, "organization_id": pk, "form": "own", "founded_on": _today()},
        outside=_school_branch,
        written=lambda c: type(_unit(c)).objects.filter(pk=_unit(c).pk).values_list("status", "covering_org_id").get(),
        api=True,
    ),
}


def _enrollments(c):
    from tuanwu.meetings.models import Enrollment

    return sorted(Enrollment.objects.values_list("person_id", "status"))


def _town_bill_line(c):
    from tests.test_scope_matrix import _bill_line

    return _bill_line(c)


def _general(c, organization, name: str):
    if not hasattr(c, name):
        from tuanwu.meetings.models import Kind
        from tuanwu.meetings.tests.factories import record

        setattr(c, name, record(c.users["county_admin"], organization, Kind.GENERAL_MEETING, datetime.date(2026, 3, 1)))
    return getattr(c, name)


def _town_general(c):
    """A general meeting of 东湖村团支部 (the branch of 张晓明)."""
    return _general(c, c.branch, "town_general")


def _school_general(c) -> tuple[int, str]:
    meeting = _general(c, c.school_branch, "school_general")
    return meeting.pk, c.school_branch.name


def _dues_payment(c, pk: int) -> dict:
    return {
        "person": pk,
        "amount": "3",
        "first_month": "2026-01",
        "months": "1",
        "paid_on": _today(),
        "channel": "cash",
    }


def _zhao_membership(c) -> tuple[int, str]:
    return c.people["zhao"].membership.pk, c.people["zhao"].name


def _school_general_meeting(c) -> tuple[int, str]:
    """A general meeting of the school's branch."""
    if not hasattr(c, "school_general_meeting"):
        from tuanwu.meetings.models import Meeting

        c.school_general_meeting = Meeting.objects.create(
            organization=c.school_branch, kind="general_meeting", held_on=datetime.date(2025, 12, 1), topic="评议大会"
        )
    return c.school_general_meeting.pk, c.school_general_meeting.topic


def _town_evaluation(c):
    from tuanwu.lifecycle.services.evaluation import evaluation_open

    return evaluation_open(actor=c.users["branch_secretary"], branch=c.branch, year=2025)


def _other_county(c) -> tuple[int, str]:
    """A second county's committee: a transfer's destination is any organization of the member's own county."""
    from tests.factories import org
    from tuanwu.organizations.models import Kind, Sector

    if not hasattr(c, "other_county"):
        c.other_county = org(None, "远山县委", Kind.COUNTY_COMMITTEE, Sector.PARTY_GOVERNMENT, code="YS")
    return c.other_county.pk, c.other_county.name


def _town_transfer(c):
    """李华 (东湖村) to the town itself, approved: the town accepts and assigns one of its branches."""
    if not hasattr(c, "town_transfer"):
        from tuanwu.lifecycle.services.transfers import transfer_approve, transfer_start

        t = transfer_start(actor=c.users["branch_secretary"], person=c.people["li"], destination=c.town)
        c.town_transfer = transfer_approve(actor=c.users["committee_secretary"], transfer=t)
    return c.town_transfer


def _transfer_rows(c):
    from tuanwu.lifecycle.models import Transfer

    return list(Transfer.objects.order_by("pk").values_list("pk", "status", "branch_id", "version"))


WRITES.update(
    {
        "POST /api/v1/meetings/courses#organization_id": Write(
            url=lambda c, pk: "/api/v1/meetings/courses",
            data=lambda c, pk: {"organization_id": pk, "title": "团校", "starts_on": _today()},
            outside=_school,
            written=_count("meetings.Course"),
            api=True,
        ),
        "POST /api/v1/meetings/courses/{int:course_id}/enrollments#person_ids": Write(
            url=lambda c, pk: f"/api/v1/meetings/courses/{_course(c).pk}/enrollments",
            data=lambda c, pk: {"person_ids": [pk]},
            outside=_zhao,
            written=_enrollments,
            api=True,
        ),
        "POST /api/v1/meetings/courses/{int:course_id}/complete#person_id": Write(
            url=lambda c, pk: f"/api/v1/meetings/courses/{_course(c).pk}/complete",
            data=lambda c, pk: {"person_id": pk, "override": True, "reason": "补学"},
            outside=_zhao,
            written=_enrollments,
            api=True,
        ),
        "meetings:enrollment_add#people": Write(
            url=lambda c, pk: f"/meetings/courses/{_course(c).pk}/enroll/",
            data=lambda c, pk: {"people": [pk]},
            outside=_zhao,
            written=_enrollments,
        ),
        "POST /api/v1/lifecycle/dues/payments#person_id": Write(
            url=lambda c, pk: "/api/v1/lifecycle/dues/payments",
            data=lambda c, pk: {"person_id": pk, "amount_fen": 300, "paid_on": _today(), "first_month": "2026-01"},
            outside=_zhao,
            written=_count("lifecycle.DuesPayment"),
            api=True,
        ),
        "POST /api/v1/lifecycle/dues/bands#person_id": Write(
            url=lambda c, pk: "/api/v1/lifecycle/dues/bands",
            data=lambda c, pk: {"person_id": pk, "valid_from": "2026-01", "category": "student"},
            outside=_zhao,
            written=_count("lifecycle.PayBand"),
            api=True,
        ),
        "POST /api/v1/lifecycle/dues/bill-lines/{int:line_id}/confirm#person_id": Write(
            url=lambda c, pk: f"/api/v1/lifecycle/dues/bill-lines/{_town_bill_line(c).pk}/confirm",
            data=lambda c, pk: {"person_id": pk, "first_month": "2026-01"},
            outside=_zhao,
            written=_count("lifecycle.DuesPayment"),
            api=True,
        ),
        "POST /api/v1/lifecycle/dues/decisions#person_id": Write(
            url=lambda c, pk: "/api/v1/lifecycle/dues/decisions",
            data=lambda c, pk: {
                "person_id": pk,
                "meeting_id": _town_general(c).pk,
                "kind": "exempt",
                "first_month": "2026-01",
                "reason": "失业",
            },
            outside=_zhao,
            written=_count("lifecycle.DuesDecision"),
            api=True,
        ),
        "POST /api/v1/lifecycle/dues/decisions#meeting_id": Write(
            url=lambda c, pk: "/api/v1/lifecycle/dues/decisions",
            data=lambda c, pk: {
                "person_id": c.people["zhang"].pk,
                "meeting_id": pk,
                "kind": "exempt",
                "first_month": "2026-01",
                "reason": "失业",
            },
            outside=_school_general,
            written=_count("lifecycle.DuesDecision"),
            api=True,
        ),
        "lifecycle:dues_decision_record#person": Write(
            url=lambda c, pk: f"/lifecycle/dues/organizations/{c.branch.pk}/decisions/",
            data=lambda c, pk: {
                "person": pk,
                "meeting": _town_general(c).pk,
                "kind": "exempt",
                "first_month": "2026-01",
                "reason": "失业",
            },
            outside=_zhao,
            written=_count("lifecycle.DuesDecision"),
        ),
        "lifecycle:dues_decision_record#meeting": Write(
            url=lambda c, pk: f"/lifecycle/dues/organizations/{c.branch.pk}/decisions/",
            data=lambda c, pk: {
                "person": c.people["zhang"].pk,
                "meeting": pk,
                "kind": "exempt",
                "first_month": "2026-01",
                "reason": "失业",
            },
            outside=_school_general,
            written=_count("lifecycle.DuesDecision"),
        ),
        "lifecycle:dues_payment_create#person": Write(
            url=lambda c, pk: f"/lifecycle/dues/organizations/{c.branch.pk}/payments/",
            data=_dues_payment,
            outside=_zhao,
            written=_count("lifecycle.DuesPayment"),
        ),
        "lifecycle:dues_payments_bulk#people": Write(
            url=lambda c, pk: f"/lifecycle/dues/organizations/{c.branch.pk}/payments/bulk/",
            data=lambda c, pk: {
                "people": [pk],
                "first_month": "2026-01",
                "months": "1",
                "paid_on": _today(),
                "channel": "cash",
            },
            outside=_zhao,
            written=_count("lifecycle.DuesPayment"),
        ),
        "lifecycle:dues_band_set#person": Write(
            url=lambda c, pk: f"/lifecycle/dues/organizations/{c.branch.pk}/bands/",
            data=lambda c, pk: {"person": pk, "valid_from": "2026-01", "category": "student"},
            outside=_zhao,
            written=_count("lifecycle.PayBand"),
        ),
        "lifecycle:dues_bill_line_confirm#person": Write(
            url=lambda c, pk: f"/lifecycle/dues/bill-lines/{_town_bill_line(c).pk}/confirm/",
            data=lambda c, pk: {"person": pk, "first_month": "2026-01", "months": "1"},
            outside=_zhao,
            written=_count("lifecycle.DuesPayment"),
        ),
        "lifecycle:evaluation_open#organization": Write(
            url=lambda c, pk: "/lifecycle/evaluations/open/",
            data=lambda c, pk: {"organization": pk, "year": 2025},
            outside=_school_branch,
            written=_count("lifecycle.Evaluation"),
        ),
        "lifecycle:evaluation_meeting#meeting": Write(
            url=lambda c, pk: f"/lifecycle/evaluations/{_town_evaluation(c).pk}/meeting/",
            data=lambda c, pk: {"meeting": pk},
            outside=_school_general_meeting,
            written=lambda c: list(type(_town_evaluation(c)).objects.values_list("meeting_id", "version")),
        ),
        "lifecycle:registration_register#membership": Write(
            url=lambda c, pk: "/lifecycle/registrations/register/",
            data=lambda c, pk: {"membership": pk, "year": 2025},
            outside=_zhao_membership,
            written=_count("lifecycle.Registration"),
        ),
        "lifecycle:registration_defer#membership": Write(
            url=lambda c, pk: "/lifecycle/registrations/defer/",
            data=lambda c, pk: {"membership": pk, "year": 2025, "reason": "外出务工"},
            outside=_zhao_membership,
            written=_count("lifecycle.Registration"),
        ),
        "lifecycle:registration_register_branch#organization": Write(
            url=lambda c, pk: "/lifecycle/registrations/register-branch/",
            data=lambda c, pk: {"organization": pk, "year": 2025},
            outside=_school_branch,
            written=_count("lifecycle.Registration"),
        ),
        "POST /api/v1/lifecycle/registrations#membership_id": Write(
            url=lambda c, pk: "/api/v1/lifecycle/registrations",
            data=lambda c, pk: {"membership_id": pk, "year": 2025},
            outside=_zhao_membership,
            written=_count("lifecycle.Registration"),
            api=True,
        ),
        "POST /api/v1/lifecycle/transfers#person_id": Write(
            url=lambda c, pk: "/api/v1/lifecycle/transfers",
            data=lambda c, pk: {"person_id": pk, "destination_id": c.branch2.pk},
            outside=_zhao,
            written=_count("lifecycle.Transfer"),
            api=True,
        ),
        "POST /api/v1/lifecycle/transfers#destination_id": Write(
            url=lambda c, pk: "/api/v1/lifecycle/transfers",
            data=lambda c, pk: {"person_id": c.people["zhang"].pk, "destination_id": pk},
            outside=_other_county,
            written=_count("lifecycle.Transfer"),
            api=True,
        ),
        "POST /api/v1/lifecycle/transfers/{int:transfer_id}/accept#branch_id": Write(
            url=lambda c, pk: f"/api/v1/lifecycle/transfers/{_town_transfer(c).pk}/accept",
            data=lambda c, pk: {"version": _town_transfer(c).version, "branch_id": pk},
            outside=_school_branch,
            written=_transfer_rows,
            api=True,
        ),
    }
)


def _publicity_account(c):
    from tests.test_scope_matrix import _media_account

    return _media_account(c)


WRITES.update(
    {
        "publicity:role_model_create#organization": Write(
            url=lambda c, pk: "/publicity/role-models/new/",
            data=lambda c, pk: {"organization": pk, "name": "王芳", "kind": "person", "found_on": _today()},
            outside=_school_branch,
            written=_count("publicity.RoleModel"),
        ),
        "publicity:role_model_create#person": Write(
            url=lambda c, pk: "/publicity/role-models/new/",
            data=lambda c, pk: {
                "organization": c.branch.pk,
                "person": pk,
                "name": "王芳",
                "kind": "person",
                "found_on": _today(),
            },
            outside=_zhao,
            written=_count("publicity.RoleModel"),
        ),
        "publicity:account_create#organization": Write(
            url=lambda c, pk: "/publicity/accounts/new/",
            data=lambda c, pk: {
                "organization": pk,
                "platform": "douyin",
                "name": "青禾青年",
                "registered_on": _today(),
                "admin": c.people["zhang"].pk,
            },
            outside=_school_branch,
            written=_count("publicity.MediaAccount"),
        ),
        "publicity:admin_add#person": Write(
            url=lambda c, pk: f"/publicity/accounts/{_publicity_account(c).pk}/admins/",
            data=lambda c, pk: {"person": pk, "since": _today()},
            outside=_zhao,
            written=_count("publicity.AccountAdmin"),
        ),
        "publicity:admin_handover#person": Write(
            url=lambda c, pk: (
                f"/publicity/accounts/{_publicity_account(c).pk}/admins/{_publicity_account(c).admins.get().pk}/handover/"
            ),
            data=lambda c, pk: {"person": pk, "on": _today()},
            outside=_zhao,
            written=lambda c: list(_publicity_account(c).admins.values_list("person_id", "until")),
        ),
    }
)


def _answer(response, pk: int) -> str:
    """What an answer tells: its status, its JSON body or redirect, the messages and form errors it carries; the
    id it was asked about (which some form errors repeat) written as <id>."""
    return re.sub(rf"\b{pk}\b", "<id>", repr(_told(response)))


def _told(response) -> dict:
    told: dict[str, Any] = {"status": response.status_code}
    if response.get("Content-Type", "").startswith("application/json"):
        told["json"] = response.json()
    if response.status_code in (301, 302):
        told["location"] = response["Location"]
    told["messages"] = [str(m) for m in get_messages(response.wsgi_request)]
    form = (response.context or {}).get("form") if response.context is not None else None
    if form is not None:
        told["errors"] = {k: list(v) for k, v in form.errors.items()}
    return told


def _school_cadre(c) -> tuple[int, str]:
    """A contact cadre of the school, outside the town's scope."""
    from tuanwu.contacts.tests.factories import cadre

    if not hasattr(c, "school_cadre"):
        c.school_cadre = cadre(c.school, "孙晓燕")
    return c.school_cadre.pk, c.school_cadre.person.name


WRITES["contacts:cadre_handover#successor"] = Write(
    url=lambda c, pk: f"/contacts/cadres/{_contacts(c).contact_cadre.pk}/handover/",
    data=lambda c, pk: {"successor": pk, "on": _today()},
    outside=_school_cadre,
    written=lambda c: sorted(
        type(_contacts(c).contact).objects.values_list("cadre_id", "ended_on", "name").order_by("pk")
    ),
)


@pytest.mark.parametrize("name", sorted(WRITES))
def test_an_id_outside_the_scope_answers_like_a_missing_id(client_as, cast, name):
    write = WRITES[name]
    outside_pk, outside_name = write.outside(cast)
    write.url(cast, MISSING), write.data(cast, MISSING)  # the world the write acts in, built before the snapshot
    before = write.written(cast)

    def post(pk):
        client = client_as(ACTOR)  # a new session each time: no message left over from the other try
        if write.api:
            send = getattr(client, write.method)
            return send(write.url(cast, pk), write.data(cast, pk), content_type="application/json")
        return client.post(write.url(cast, pk), write.data(cast, pk))

    outside = post(outside_pk)
    after_outside = write.written(cast)
    missing = post(MISSING)

    assert _answer(outside, outside_pk) == _answer(missing, MISSING), name
    assert outside.status_code in (200, 302, 404, 422), name
    assert outside_name not in outside.content.decode(), f"{name} tells the name of what is outside the scope"
    assert outside_name not in _answer(outside, outside_pk), name
    assert after_outside == before, f"{name} wrote with an id outside the scope"


WRITES.update(
    {
        "duties:term_create#organization": Write(
            url=lambda c, pk: "/duties/terms/new/",
            data=lambda c, pk: {"organization": pk, "name": "共青团东湖镇第五次代表大会", "starts_on": "2024-05-04"},
            outside=_school,
            written=_count("duties.Term"),
        ),
    }
)

# Fields of API write inputs that hold no id of a row.
NOT_IDS = {
    "required_sessions",
    "probation_months",
    "version",
    "on",
    "note",
    "guides",
    "lesson_hours",
    "assessment",
    "form_number",
    "code",
    "dry_run",
}
NOT_IDS |= {"amount_fen", "months", "pay_fen"}  # dues: money in fen and a count of months
NOT_IDS |= {"year"}
# The directory's head counts and hand-set priority (the coverage app).
NOT_IDS |= {"employees", "young_employees", "priority_override"}
# A media account's monthly figures (the publicity app).
NOT_IDS |= {"followers", "posts", "reads"}
# Named like ids yet holding no row: the directory's count of League members, the four-haves tick for members.
NOT_IDS_BY_NAME = {"league_members", "members"}
ID_NAME = re.compile(r"(^id$|_id$|_ids$|person|people|organization|introducer|member|attendee|judge|handler|target)")


def _input_fields(annotation, prefix=""):
    """The field names of a pydantic model, nested models flattened."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for field_name, field in annotation.model_fields.items():
            yield from (
                _input_fields(field.annotation, field_name)
                if _is_model(field.annotation)
                else [(field_name, field.annotation)]
            )


def _is_model(annotation) -> bool:
    from pydantic import BaseModel

    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _api_write_id_fields() -> set[str]:
    """Every field of every API write's input (body, form, query; not the path, which the read matrix covers)
    that names a row: by its name, or because it is an integer that is not known to be anything else."""
    from config.api import api

    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    if method == "GET":
                        continue
                    for model in operation.signature.models:
                        if getattr(model, "__ninja_param_source__", None) in ("path", "file"):
                            continue
                        for field_name, annotation in _input_fields(model):
                            integer = "int" in str(annotation) or annotation is int
                            if field_name in NOT_IDS and not ID_NAME.search(field_name):
                                continue
                            if field_name in NOT_IDS_BY_NAME and "coverage" in prefix:
                                continue
                            if ID_NAME.search(field_name) or integer:
                                found.add(f"{method} /api/v1{prefix}{path}#{field_name}")
    return found


def test_every_api_write_taking_an_id_is_in_the_table():
    missing = _api_write_id_fields() - set(WRITES)

    assert not missing, f"add these writes to WRITES in tests/test_scope_writes.py: {sorted(missing)}"


def test_the_table_names_only_api_writes_that_exist():
    api_entries = {k for k in WRITES if k.startswith(("POST ", "PUT ", "PATCH ", "DELETE "))}

    assert api_entries <= _api_write_id_fields()


# Form fields that take an id, each tried above (by its WRITES entry) or, when the rows it names are not scoped,
# with the reason.
FORM_ID_FIELDS = {
    "admission.ApplicationForm.person": "admission:create#person",
    "admission.CeremonyForm.applications": "admission:ceremony_create#applications",
    "admission.IntroducersForm.first": "admission:step#first",
    "admission.IntroducersForm.second": "admission:step#first",  # the same queryset as first
    "admission.QuotaForm.organization": "admission:quotas#organization",
    "organizations.MoveForm.new_parent": "organizations:move#new_parent",
    "people.CadrePostForm.organization": "people:post_add#organization",
    "people.MoveForm.organization": "people:move#organization",
    "volunteering.CertificateForm.person": "volunteering:certificate_create#person",
    "volunteering.MemberAddForm.person": "volunteering:task_force_member_add#person",
    # Not scoped rows: nothing outside a scope to name.
    "admission.MeetingForm.voting_members": "a number, not an id",
    "coverage.UnitForm.park": "parks are a county-wide list of names, not scoped",
    "coverage.FoundForm.organization": "coverage:unit_found#organization",
    "coverage.FoundingForm.organization": "coverage:founding#organization",
    "coverage.UnitForm.league_members": "a number, not an id",
    "coverage.SurveyForm.league_members": "a number, not an id",
    "coverage.PolicyForm.own_branch_members": "a number, not an id",
    "duties.TermForm.organization": "duties:term_create#organization",
    "admission.PolicyForm.introducer_limit": "a number, not an id",
    "organizations.OrganizationForm.park": "parks are a county-wide list of names, not scoped",
    "study.EpisodeForm.season": "seasons are the county's, managed by the county only",
    "study.ImportForm.saved": "column mappings are shared layouts, not scoped data",
    "plan.TaskForm.owner": "organizations_where(user, MANAGE_PLAN); the plan is the county's, managed by the county",
    "plan.TaskForm.owner_cadre": "the county plan's cadres; the plan is managed by the county only",
    "voice.AskForm.organization": "the public page names any active organization of the tree; names are public",
    "voice.WorkOrderForm.organization": "organizations_where(user, MANAGE_VOICE); the service requires it there too",
    "voice.TransferForm.to_organization": "a case goes across the tree to any organization of its county (service)",
    "contacts.HandoverForm.successor": "contacts:cadre_handover#successor",
    "care.CareRecordForm.person": "care.selectors.person_for_care: get_scoped_or_404 on VIEW_PERSON",
    "contacts.CadreRegisterForm.organization": "contacts.views._organization: organization_for_write",
    "contacts.FixedOrganizationForm.organization": "contacts.views._organization: organization_for_write",
    "contacts.LogForm.activity": "a ModelChoiceField over selectors.activities_for_log(user): others are invalid",
    "programs.CallForm.organization": "programs.views: organization_for_write on MANAGE_PROGRAMS",
    "programs.CallForm.quota_per_organization": "a number of recommendations, not an id",
    "programs.MemberForm.person": "programs.views: person_for_write(user, …, VIEW_PERSON)",
    "programs.ProjectForm.organization": "programs.views: organization_for_write on MANAGE_PROGRAMS",
    "voice.ExpertAssignForm.expert": "a ModelChoiceField over selectors.experts_for_case(case): others are invalid",
    "voice.RightsDepartmentForm.organization": "a ModelChoiceField over the schools the user manages (MANAGE_VOICE)",
    "voice.SurveyForm.organization": "a ModelChoiceField over organizations_where(user, MANAGE_VOICE)",
    "publicity.RoleModelForm.organization": "publicity:role_model_create#organization",
    "publicity.RoleModelForm.person": "publicity:role_model_create#person",
    "publicity.RoleModelForm.voice_case_id": "a case's number kept as a plain reference, not a key",
    "publicity.RoleModelForm.project_id": "a project's number kept as a plain reference, not a key",
    "publicity.MediaAccountForm.organization": "publicity:account_create#organization",
    "publicity.AdminForm.person": "publicity:admin_add#person",
    "publicity.HandoverForm.person": "publicity:admin_handover#person",
}


def _form_id_fields() -> set[str]:
    """Every field of the apps' forms that names a row: a model choice, or an integer named like an id."""
    import importlib
    import inspect

    from django import forms
    from django.apps import apps

    found = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("tuanwu."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for class_name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                continue
            for field_name, field in cls.base_fields.items():
                model_choice = isinstance(field, forms.ModelChoiceField)  # ModelMultipleChoiceField included
                named_id = isinstance(field, forms.IntegerField) and ID_NAME.search(field_name)
                if model_choice or named_id:
                    found.add(f"{config.label}.{class_name}.{field_name}")
    return found


def test_every_form_field_taking_an_id_is_accounted_for():
    missing = _form_id_fields() - set(FORM_ID_FIELDS)

    assert not missing, (
        f"add these form fields to FORM_ID_FIELDS (and WRITES) in tests/test_scope_writes.py: {sorted(missing)}"
    )
    assert {v for v in FORM_ID_FIELDS.values() if ":" in v and "#" in v} <= set(WRITES)
