"""Every page and endpoint × every role: who gets it, who gets 404/403, and that anonymous users are sent away.

The cast: county_admin (county), committee_secretary (town), branch_secretary (branch, is 李华),
cadre (school), member (branch, is 张晓明), auditor (county, read-only), outsider (committee secretary
of the school). The objects asked for lie in the town's subtree, so cadre and outsider must get 404.

What a write names by id (a person, an organization, an application) is tried with ids outside the actor's
scope in tests/test_scope_writes.py, which also fails when an API write taking an id has no entry there.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = [
    "county_admin",
    "committee_secretary",
    "branch_secretary",
    "cadre",
    "member",
    "auditor",
    "outsider",
    "anonymous",
]


def _expect(default, **per_role):
    return {role: per_role.get(role, default) for role in ROLES}


def _auditor_token(c):
    """The pk of a fresh API token of the auditor's (only its owner may revoke it)."""
    from tuanwu.accounts.services import token_issue

    return token_issue(user=c.users["auditor"])[1].pk


# url name -> (method, path builder, expected status per role)
MATRIX = {
    "healthz": ("get", lambda c: "/healthz", _expect(200)),
    "dashboards:home": ("get", lambda c: "/", _expect(200, anonymous=302)),
    "dashboards:todo": ("get", lambda c: "/todo/", _expect(200, anonymous=302)),
    "dashboards:todo_counts": ("get", lambda c: "/todo/counts/", _expect(200, anonymous=302)),
    "accounts:login": ("get", lambda c: "/accounts/login/", _expect(302, anonymous=200)),
    "accounts:logout": ("post", lambda c: "/accounts/logout/", _expect(302)),
    "accounts:profile": ("get", lambda c: "/accounts/profile/", _expect(200, anonymous=302)),
    "accounts:password_change": ("get", lambda c: "/accounts/password/", _expect(200, anonymous=302)),
    "accounts:set_language": ("post", lambda c: "/accounts/language/", _expect(302)),
    "accounts:roles": (
        "get",
        lambda c: f"/accounts/organizations/{c.town.pk}/roles/",
        _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=302),
    ),
    "accounts:role_revoke": (
        "post",
        lambda c: f"/accounts/roles/{c.users['branch_secretary'].roles.get().pk}/revoke/",
        _expect(404, county_admin=302, committee_secretary=302, anonymous=302),
    ),
    "accounts:token_revoke": (
        "post",
        lambda c: f"/accounts/tokens/{_auditor_token(c)}/revoke/",
        _expect(404, auditor=302, anonymous=302),
    ),
    "organizations:list": ("get", lambda c: "/organizations/", _expect(200, member=404, anonymous=302)),
    "organizations:tree": ("get", lambda c: "/organizations/tree/", _expect(200, member=404, anonymous=302)),
    "organizations:tree_side": (
        "get",
        lambda c: "/organizations/tree/side/?pick=people",
        _expect(200, member=404, anonymous=302),
    ),
    "organizations:tree_children": (
        "get",
        lambda c: f"/organizations/tree/{c.town.pk}/",
        _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302),
    ),
    "organizations:picker": ("get", lambda c: "/organizations/picker/?q=团", _expect(200, anonymous=302)),
    "organizations:warnings": (
        "get",
        lambda c: "/organizations/warnings/",
        _expect(200, member=404, anonymous=302),
    ),
    "organizations:detail": (
        "get",
        lambda c: f"/organizations/{c.branch.pk}/",
        _expect(200, cadre=404, member=404, outsider=404, anonymous=302),
    ),
    "organizations:create": (
        "get",
        lambda c: f"/organizations/{c.town.pk}/new/",
        _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=302),
    ),
    **{
        f"organizations:{name}": (
            "get",
            (lambda name: lambda c: f"/organizations/{c.branch.pk}/{name}/")(name),
            _expect(
                404,
                county_admin=200,
                committee_secretary=200,
                branch_secretary=403,
                auditor=403,
                anonymous=302,
            ),
        )
        for name in ("edit", "move", "dissolve")
    },
    "people:list": ("get", lambda c: "/people/", _expect(200, member=404, anonymous=302)),
    "people:create": (
        "get",
        lambda c: "/people/new/",
        _expect(200, cadre=404, member=404, auditor=404, anonymous=302),
    ),
    "people:me": (
        "get",
        lambda c: "/people/me/",
        _expect(404, branch_secretary=200, member=200, anonymous=302),
    ),
    "people:pending_exits": (
        "get",
        lambda c: "/people/pending-exits/",
        _expect(404, county_admin=200, committee_secretary=200, outsider=200, anonymous=302),
    ),
    "people:detail": (
        "get",
        lambda c: f"/people/{c.people['zhang'].pk}/",
        _expect(200, cadre=404, outsider=404, anonymous=302),
    ),
    **{
        f"people:{name}": (
            "get",
            (lambda path: lambda c: f"/people/{c.people['zhang'].pk}/{path}/")(path),
            _expect(
                404,
                county_admin=200,
                committee_secretary=200,
                branch_secretary=200,
                auditor=403,
                anonymous=302,
            ),
        )
        for name, path in (("edit", "edit"), ("move", "move"), ("post_add", "posts/new"))
    },
    "people:reveal": (
        "post",
        lambda c: f"/people/{c.people['zhang'].pk}/reveal/",
        _expect(200, cadre=404, auditor=403, outsider=404, anonymous=302),
    ),
    "people:membership_register": (
        "post",
        lambda c: f"/people/{c.people['youth'].pk}/membership/",
        _expect(302, cadre=404, member=404, auditor=403, outsider=404),
    ),
    "people:exit_request": (
        "post",
        lambda c: f"/people/{c.people['zhang'].pk}/exit/",
        _expect(302, cadre=404, member=404, auditor=403, outsider=404),
    ),
    "people:exit_decide": (
        "post",
        lambda c: f"/people/{c.people['zhang'].pk}/exit/decide/",
        _expect(302, branch_secretary=404, cadre=404, member=404, auditor=403, outsider=404),
    ),
    "people:membership_restore": (
        "post",
        lambda c: f"/people/{c.people['zhang'].pk}/restore/",
        _expect(302, branch_secretary=404, cadre=404, member=404, auditor=403, outsider=404),
    ),
    "people:post_end": (
        "post",
        lambda c: f"/people/posts/{c.people['li'].posts.get().pk}/end/",
        _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302),
    ),
    "audit:access_log": (
        "get",
        lambda c: "/audit/access-log/",
        _expect(404, county_admin=200, auditor=200, anonymous=302),
    ),
    "audit:history": ("get", lambda c: "/audit/history/", _expect(200, cadre=404, member=404, anonymous=302)),
    "audit:batch_events": (
        "get",
        lambda c: "/audit/batch-events/",
        _expect(200, cadre=404, member=404, anonymous=302),
    ),
}


def _job(c, action="export"):
    """A finished job of the county administrator's, with an output file."""
    from django.core.files.base import ContentFile

    from tuanwu.jobs.models import Job

    job = Job.objects.create(
        user=c.users["county_admin"],
        kind="members",
        action=action,
        status=Job.Status.SUCCEEDED,
        output_name="x.xlsx",
        result={"rows": 1} if action == "export" else {"created": 0, "errors": []},
    )
    job.output_file.save("x.xlsx", ContentFile(b"PK"), save=False)
    job.input_file.save("in.csv", ContentFile("姓名,身份证号码,所在团支部\n".encode()), save=True)
    return job


CHANGE_PERSON_ROLES = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=302
)
MATRIX.update(
    {
        "jobs:list": ("get", lambda c: "/jobs/", _expect(200, anonymous=302)),
        "jobs:detail": ("get", lambda c: f"/jobs/{_job(c).pk}/", _expect(404, county_admin=200, anonymous=302)),
        "jobs:download": (
            "get",
            lambda c: f"/jobs/{_job(c).pk}/download/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "jobs:confirm": (
            "post",
            lambda c: f"/jobs/{_job(c, 'check').pk}/confirm/",
            _expect(404, county_admin=302, anonymous=302),
        ),
        "jobs:import": ("get", lambda c: "/jobs/imports/members/", CHANGE_PERSON_ROLES),
        "jobs:template": ("get", lambda c: "/jobs/imports/members/template/", CHANGE_PERSON_ROLES),
        "jobs:export": ("post", lambda c: "/jobs/exports/members/", _expect(200, member=404, anonymous=302)),
    }
)


def _vol(c):
    """A volunteering world in the town's subtree, built once per test through the services: an activity of
    the branch with 张晓明 (member) approved, checked in and certified; a certificate; a correction request; a
    task force of the town."""
    if hasattr(c, "vol"):
        return c.vol
    import datetime

    from django.utils import timezone

    from tuanwu.volunteering.services.activities import activity_create, activity_publish
    from tuanwu.volunteering.services.certificates import certificate_issue, issuer_settings_save
    from tuanwu.volunteering.services.corrections import correction_request_create
    from tuanwu.volunteering.services.ledger import activity_certify, attendance_confirm
    from tuanwu.volunteering.services.signups import signup_create, signup_decide
    from tuanwu.volunteering.services.task_forces import task_force_create, task_force_member_add

    admin, member = c.users["county_admin"], c.users["member"]
    start = timezone.now() - datetime.timedelta(hours=3)
    activity = activity_create(
        actor=admin,
        organization=c.branch,
        title="河道清洁",
        category="ecology",
        place="东湖",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
    )
    activity_publish(actor=admin, activity=activity)
    signup = signup_create(actor=member, activity=activity)
    signup_decide(actor=admin, signup=signup, approve=True)
    attendance_confirm(actor=admin, signup=signup, present=True, start=start, end=start + datetime.timedelta(hours=2))
    activity_certify(actor=admin, activity=activity)
    entry = signup.entries.get()
    request = correction_request_create(actor=member, entry=entry, hours=3, reason="少记了一小时")
    issuer_settings_save(actor=admin, organization=c.branch, person_in_charge="王芳", contact_phone="0571-1")
    certificate = certificate_issue(
        actor=admin,
        person=c.people["zhang"],
        organization=c.branch,
        period_start=start.date() - datetime.timedelta(days=1),
        period_end=start.date() + datetime.timedelta(days=1),
        handler="李华",
    )
    team = task_force_create(
        actor=admin, organization=c.town, name="防汛突击队", field="support", founded_on=start.date()
    )
    member_row = task_force_member_add(actor=admin, task_force=team, person=c.people["wang"], joined_on=start.date())
    c.vol = {
        "activity": activity,
        "signup": signup,
        "entry": entry,
        "request": request,
        "certificate": certificate,
        "team": team,
        "team_member": member_row,
    }
    return c.vol


def _pdf_status():
    from tuanwu.volunteering.documents import pdf_available

    return 200 if pdf_available() else 404


VIEWERS = _expect(200, member=404, anonymous=302)
MANAGERS_ANYWHERE = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=302
)
BRANCH_VIEW = _expect(200, cadre=404, member=404, outsider=404, anonymous=302)
BRANCH_MANAGE = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=403, anonymous=302
)
BRANCH_MANAGE_POST = {role: 302 if status == 200 else status for role, status in BRANCH_MANAGE.items()}
TOWN_MANAGE_POST = _expect(404, county_admin=302, committee_secretary=302, auditor=403, anonymous=302)
WITH_PERSON = _expect(404, branch_secretary=200, member=200, anonymous=302)
OWN_DATA = _expect(200, cadre=404, outsider=404, anonymous=302)
MATRIX.update(
    {
        "volunteering:activity_list": ("get", lambda c: "/volunteering/", VIEWERS),
        "volunteering:activity_create": ("get", lambda c: "/volunteering/activities/new/", MANAGERS_ANYWHERE),
        "volunteering:activity_detail": (
            "get",
            lambda c: f"/volunteering/activities/{_vol(c)['activity'].pk}/",
            BRANCH_VIEW,
        ),
        "volunteering:activity_edit": (
            "get",
            lambda c: f"/volunteering/activities/{_vol(c)['activity'].pk}/edit/",
            BRANCH_MANAGE,
        ),
        "volunteering:activity_action": (
            "post",
            lambda c: f"/volunteering/activities/{_vol(c)['activity'].pk}/start/",
            BRANCH_MANAGE_POST,
        ),
        "volunteering:activity_qr": (
            "get",
            lambda c: f"/volunteering/activities/{_vol(c)['activity'].pk}/qr/",
            BRANCH_MANAGE,
        ),
        "volunteering:activity_qr_svg": (
            "get",
            lambda c: f"/volunteering/activities/{_vol(c)['activity'].pk}/qr.svg",
            BRANCH_MANAGE,
        ),
        "volunteering:signups_approve": (
            "post",
            lambda c: f"/volunteering/activities/{_vol(c)['activity'].pk}/signups/approve/",
            BRANCH_MANAGE_POST,
        ),
        "volunteering:signup_decide": (
            "post",
            lambda c: f"/volunteering/signups/{_vol(c)['signup'].pk}/decide/",
            BRANCH_MANAGE_POST,
        ),
        "volunteering:attendance_confirm": (
            "post",
            lambda c: f"/volunteering/signups/{_vol(c)['signup'].pk}/attendance/",
            BRANCH_MANAGE_POST,
        ),
        "volunteering:entry_list": ("get", lambda c: "/volunteering/ledger/", VIEWERS),
        "volunteering:entry_detail": (
            "get",
            lambda c: f"/volunteering/entries/{_vol(c)['entry'].pk}/",
            OWN_DATA,
        ),
        "volunteering:entry_request": (
            "get",
            lambda c: f"/volunteering/entries/{_vol(c)['entry'].pk}/request/",
            _expect(404, member=200, anonymous=302),
        ),
        "volunteering:corrections": ("get", lambda c: "/volunteering/corrections/", MANAGERS_ANYWHERE),
        "volunteering:correction_answer": (
            "post",
            lambda c: f"/volunteering/corrections/{_vol(c)['request'].pk}/answer/",
            _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302),
        ),
        "volunteering:person_hours": (
            "get",
            lambda c: f"/volunteering/people/{c.people['zhang'].pk}/",
            BRANCH_VIEW,
        ),
        "volunteering:star_record": (
            "post",
            lambda c: f"/volunteering/people/{c.people['zhang'].pk}/stars/",
            _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302),
        ),
        "volunteering:policy": (
            "get",
            lambda c: "/volunteering/policy/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "volunteering:certificate_list": ("get", lambda c: "/volunteering/certificates/", VIEWERS),
        "volunteering:issuer_settings": ("get", lambda c: f"/volunteering/issuers/{c.branch.pk}/", BRANCH_MANAGE),
        "volunteering:certificate_create": (
            "get",
            lambda c: f"/volunteering/certificates/new/?person={c.people['zhang'].pk}",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, anonymous=302),
        ),
        "volunteering:certificate_detail": (
            "get",
            lambda c: f"/volunteering/certificates/{_vol(c)['certificate'].pk}/",
            OWN_DATA,
        ),
        "volunteering:certificate_docx": (
            "get",
            lambda c: f"/volunteering/certificates/{_vol(c)['certificate'].pk}/docx/",
            OWN_DATA,
        ),
        "volunteering:certificate_pdf": (
            "get",
            lambda c: f"/volunteering/certificates/{_vol(c)['certificate'].pk}/pdf/",
            {role: (_pdf_status() if status == 200 else status) for role, status in OWN_DATA.items()},
        ),
        "volunteering:verify": ("get", lambda c: f"/volunteering/verify/{_vol(c)['certificate'].token}/", _expect(200)),
        "volunteering:task_force_list": ("get", lambda c: "/volunteering/task-forces/", VIEWERS),
        "volunteering:task_force_create": ("get", lambda c: "/volunteering/task-forces/new/", MANAGERS_ANYWHERE),
        "volunteering:task_force_detail": (
            "get",
            lambda c: f"/volunteering/task-forces/{_vol(c)['team'].pk}/",
            _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302),
        ),
        "volunteering:task_force_member_add": (
            "post",
            lambda c: f"/volunteering/task-forces/{_vol(c)['team'].pk}/members/",
            TOWN_MANAGE_POST,
        ),
        "volunteering:task_force_member_remove": (
            "post",
            lambda c: f"/volunteering/task-forces/members/{_vol(c)['team_member'].pk}/leave/",
            TOWN_MANAGE_POST,
        ),
        "volunteering:task_force_deploy": (
            "get",
            lambda c: f"/volunteering/task-forces/{_vol(c)['team'].pk}/deploy/",
            _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=302),
        ),
        "volunteering:stats": ("get", lambda c: "/volunteering/stats/", VIEWERS),
        "volunteering:organization_stats": ("get", lambda c: f"/volunteering/stats/{c.branch.pk}/", BRANCH_VIEW),
        "volunteering:my": ("get", lambda c: "/volunteering/me/", WITH_PERSON),
        "volunteering:open_list": ("get", lambda c: "/volunteering/join/", WITH_PERSON),
        "volunteering:scan": ("get", lambda c: "/volunteering/scan/", WITH_PERSON),
        "volunteering:activity_join": (
            "get",
            lambda c: f"/volunteering/join/{_vol(c)['activity'].pk}/",
            _expect(200, cadre=404, outsider=404, anonymous=302),
        ),
        "volunteering:signup_create": (
            "post",
            lambda c: f"/volunteering/join/{_vol(c)['activity'].pk}/signup/",
            _expect(404, branch_secretary=302, member=302, anonymous=302),
        ),
        "volunteering:signup_withdraw": (
            "post",
            lambda c: f"/volunteering/signups/{_vol(c)['signup'].pk}/withdraw/",
            _expect(404, member=302, anonymous=302),
        ),
        "volunteering:checkin": (
            "get",
            lambda c: f"/volunteering/checkin/{_vol(c)['activity'].checkin_token}/",
            WITH_PERSON,
        ),
    }
)


def _application(c):
    """陈静 (youth of the branch) has applied; built once per test."""
    if not hasattr(c, "application"):
        import datetime

        from django.utils import timezone

        from tuanwu.admission.services import applications as admission

        c.application = admission.application_create(
            actor=c.users["county_admin"],
            person=c.people["youth"],
            applied_on=timezone.localdate() - datetime.timedelta(days=5),
        )
    return c.application


ADMISSION_VIEW = _expect(200, member=404, anonymous=302)
ADMISSION_MANAGE_ANYWHERE = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=302
)
BRANCH_STEP_POST = _expect(
    404, county_admin=302, committee_secretary=302, branch_secretary=302, auditor=403, anonymous=302
)
MATRIX.update(
    {
        "admission:board": ("get", lambda c: "/admission/", ADMISSION_VIEW),
        "admission:create": ("get", lambda c: "/admission/new/", ADMISSION_MANAGE_ANYWHERE),
        "admission:detail": ("get", lambda c: f"/admission/{_application(c).pk}/", BRANCH_VIEW),
        "admission:step": ("post", lambda c: f"/admission/{_application(c).pk}/steps/interview/", BRANCH_STEP_POST),
        "admission:send_back": ("post", lambda c: f"/admission/{_application(c).pk}/send-back/", BRANCH_STEP_POST),
        "admission:close": ("post", lambda c: f"/admission/{_application(c).pk}/close/", BRANCH_STEP_POST),
        "admission:meeting_create": (
            "get",
            lambda c: f"/admission/meetings/new/?organization={c.branch.pk}",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, anonymous=302),
        ),
        "admission:approvals": (
            "get",
            lambda c: "/admission/approvals/",
            _expect(404, county_admin=200, committee_secretary=200, outsider=200, anonymous=302),
        ),
        "admission:quotas": ("get", lambda c: "/admission/quotas/", ADMISSION_VIEW),
        "admission:policy": ("get", lambda c: "/admission/policy/", _expect(404, county_admin=200, anonymous=302)),
        "admission:ceremony_create": ("get", lambda c: "/admission/ceremonies/new/", ADMISSION_MANAGE_ANYWHERE),
        "admission:oath": ("get", lambda c: "/admission/oath/", _expect(200, anonymous=302)),
        "admission:audit": ("get", lambda c: "/admission/audit/", ADMISSION_VIEW),
        "admission:mine": ("get", lambda c: "/admission/mine/", WITH_PERSON),
        "admission:ratios": ("get", lambda c: "/admission/ratios/", ADMISSION_VIEW),
        "admission:files": ("get", lambda c: "/admission/files/", ADMISSION_VIEW),
    }
)


def _study(c):
    """An imported episode: 张晓明 studied (matched by number), one learner nobody is matched to."""
    if not hasattr(c, "study"):
        import datetime

        from tuanwu.study import services as study

        admin = c.users["county_admin"]
        zhang = c.people["zhang"]
        zhang.staff_number = "2021001"
        zhang.save()
        season = study.season_create(actor=admin, code="2026", title="2026年第1季", starts_on=datetime.date(2026, 1, 1))
        episode = study.episode_create(
            actor=admin, season=season, code="2026-01", title="第1期", released_on=datetime.date(2026, 3, 1)
        )
        data = (
            "姓名,学号/卡号/工号,单位/班级/社区（村）,学习时间\n"
            "张晓明,2021001,东湖村团支部,2026/03/02 20:15\n"
            "无名氏,9999999,外县,2026/03/02 20:16\n"
        )
        study.episode_import(actor=admin, episode=episode, data=data.encode("gbk"), filename="e.csv")
        c.study = {"season": season, "episode": episode, "unmatched": episode.participations.get(match="unmatched")}
    return c.study


STUDY_VIEW = _expect(200, member=404, anonymous=302)
MATRIX.update(
    {
        "study:episodes": ("get", lambda c: "/study/", STUDY_VIEW),
        "study:ranking": ("get", lambda c: f"/study/episodes/{_study(c)['episode'].pk}/", STUDY_VIEW),
        "study:import": (
            "get",
            lambda c: f"/study/episodes/{_study(c)['episode'].pk}/import/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "study:review": (
            "get",
            lambda c: f"/study/episodes/{_study(c)['episode'].pk}/review/",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=302),
        ),
        "study:people": (
            "get",
            lambda c: f"/study/episodes/{_study(c)['episode'].pk}/people/?organization={c.town.pk}",
            _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302),
        ),
        "study:behind": ("get", lambda c: f"/study/episodes/{_study(c)['episode'].pk}/behind/", STUDY_VIEW),
        "study:assign": (
            "post",
            lambda c: f"/study/participations/{_study(c)['unmatched'].pk}/assign/",
            _expect(404, county_admin=302, anonymous=302),
        ),
        "study:season": ("get", lambda c: f"/study/seasons/{_study(c)['season'].pk}/", STUDY_VIEW),
        "study:trend": ("get", lambda c: f"/study/organizations/{c.branch.pk}/", BRANCH_VIEW),
        "study:person": (
            "get",
            lambda c: f"/study/people/{c.people['zhang'].pk}/",
            _expect(200, cadre=404, outsider=404, anonymous=302),
        ),
    }
)


def _plan_task(c):
    """The sample plan's first task, imported by the county."""
    if not hasattr(c, "plan_task"):
        from pathlib import Path

        from tuanwu.plan import services as plan

        text = (Path(__file__).resolve().parents[1] / "tuanwu/plan/tests/data/work-plan-2020.txt").read_text("utf-8")
        saved = plan.plan_import(actor=c.users["county_admin"], text=text, year=2020)
        c.plan_task = saved.areas.get(number=4).tasks.get(number=13)
    return c.plan_task


PLAN_VIEW = _expect(200, member=404, anonymous=302)
MATRIX.update(
    {
        "plan:dashboard": ("get", lambda c: "/plan/?year=2020", PLAN_VIEW),
        "plan:import": ("get", lambda c: "/plan/import/", _expect(404, county_admin=200, anonymous=302)),
        "plan:report": ("get", lambda c: f"/plan/report/?year={_plan_task(c).area.plan.year}", PLAN_VIEW),
        "plan:task": ("get", lambda c: f"/plan/tasks/{_plan_task(c).pk}/", PLAN_VIEW),
        "plan:note_add": (
            "post",
            lambda c: f"/plan/tasks/{_plan_task(c).pk}/notes/",
            _expect(404, county_admin=302, auditor=403, anonymous=302),
        ),
        "plan:milestones": (
            "post",
            lambda c: f"/plan/tasks/{_plan_task(c).pk}/milestones/",
            _expect(404, county_admin=302, anonymous=302),
        ),
        "plan:target": (
            "post",
            lambda c: f"/plan/targets/{_plan_task(c).targets.first().pk}/",
            _expect(404, county_admin=302, anonymous=302),
        ),
        "plan:target_confirm": (
            "post",
            lambda c: f"/plan/targets/{_plan_task(c).targets.first().pk}/confirm/",
            _expect(404, county_admin=302, anonymous=302),
        ),
    }
)


MEETING_VIEWERS = _expect(200, member=404, anonymous=302)
MATRIX.update(
    {
        "meetings:compliance": ("get", lambda c: "/meetings/compliance/", MEETING_VIEWERS),
        "meetings:compliance_branch": (
            "get",
            lambda c: f"/meetings/compliance/branches/{c.branch.pk}/",
            _expect(200, cadre=404, member=404, outsider=404, anonymous=302),
        ),
        "meetings:compliance_committee": (
            "get",
            lambda c: f"/meetings/compliance/committees/{c.town.pk}/",
            _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302),
        ),
        "meetings:compliance_county": (
            "get",
            lambda c: "/meetings/compliance/county/",
            _expect(404, county_admin=200, auditor=200, anonymous=302),
        ),
        "meetings:compliance_policy": (
            "get",
            lambda c: "/meetings/compliance/policy/",
            _expect(404, county_admin=200, anonymous=302),
        ),
    }
)


def _rating(c):
    """The year's draft rating of 东湖村团支部 (founded in 2024), computed by the town's secretary."""
    if not hasattr(c, "rating"):
        import datetime

        from tuanwu.meetings.services.ratings import rating_compute
        from tuanwu.organizations.models import Organization

        founded = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
        Organization.objects.filter(pk=c.branch.pk).update(created_at=founded)
        c.branch.refresh_from_db()
        rows = rating_compute(actor=c.users["committee_secretary"], committee=c.town, year=2026)
        c.rating = next(r for r in rows if r.organization_id == c.branch.pk)
    return c.rating


MEETING_VIEW = _expect(200, member=404, anonymous=302)
RATING_SEEN = _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=200, anonymous=302)


def _rating_write(done):
    return _expect(404, county_admin=done, committee_secretary=done, branch_secretary=403, auditor=403, anonymous=302)


MATRIX.update(
    {
        "meetings:ratings": ("get", lambda c: "/meetings/ratings/", MEETING_VIEW),
        "meetings:rating_compute": (
            "post",
            lambda c: f"/meetings/ratings/compute/?organization={c.town.pk}&year=2026",
            _expect(404, county_admin=302, committee_secretary=302, anonymous=302),
        ),
        "meetings:rating_detail": ("get", lambda c: f"/meetings/ratings/{_rating(c).pk}/", RATING_SEEN),
        "meetings:rating_enter": ("post", lambda c: f"/meetings/ratings/{_rating(c).pk}/items/", _rating_write(302)),
        "meetings:rating_review": ("post", lambda c: f"/meetings/ratings/{_rating(c).pk}/review/", _rating_write(422)),
        "meetings:rating_reopen": ("post", lambda c: f"/meetings/ratings/{_rating(c).pk}/reopen/", _rating_write(302)),
        "meetings:rectification_edit": (
            "get",
            lambda c: f"/meetings/ratings/{_rating(c).pk}/rectification/",
            _rating_write(200),
        ),
        "meetings:rectifications": ("get", lambda c: "/meetings/ratings/rectifications/", MEETING_VIEW),
    }
)


# API routes: path -> expected status per role (anonymous gets 401).
API_MATRIX = {
    "/api/v1/organizations": _expect(200, anonymous=401),
    "/api/v1/organizations/{branch}": _expect(200, cadre=404, member=404, outsider=404, anonymous=401),
    "/api/v1/people": _expect(200, anonymous=401),
    "/api/v1/people/{zhang}": _expect(200, cadre=404, outsider=404, anonymous=401),
    "/api/v1/people/{zhang}?reveal=true": _expect(200, cadre=404, auditor=403, outsider=404, anonymous=401),
    "/api/v1/volunteering/activities": _expect(200, anonymous=401),
    "/api/v1/volunteering/activities/{activity}": _expect(200, cadre=404, outsider=404, anonymous=401),
    "/api/v1/volunteering/signups": _expect(200, anonymous=401),
    "/api/v1/volunteering/entries": _expect(200, anonymous=401),
    "/api/v1/volunteering/people/{zhang}/hours": _expect(200, cadre=404, outsider=404, anonymous=401),
    "/api/v1/admission/applications": _expect(200, anonymous=401),
    "/api/v1/admission/applications/{application}": _expect(200, cadre=404, member=404, outsider=404, anonymous=401),
    "/api/v1/admission/audit": _expect(200, anonymous=401),
    "/api/v1/study/episodes": _expect(200, member=404, anonymous=401),
    "/api/v1/study/episodes/{episode}/ranking": _expect(200, member=404, anonymous=401),
    "/api/v1/plan/standing?year=2020": _expect(200, member=404, anonymous=401),
    "/api/v1/meetings/compliance": _expect(200, member=404, anonymous=401),
    "/api/v1/meetings/compliance/missed": _expect(200, member=404, anonymous=401),
    "/api/v1/meetings/ratings?year=2026": _expect(200, anonymous=401),
    "/api/v1/meetings/ratings/{rating}": _expect(
        404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=200, anonymous=401
    ),
}

# Routes whose rights are tested in their app's tests: study's test_api.py (multipart uploads), the token
# logout (bearer tokens only) in accounts' test_tokens.py.
API_TESTED_ELSEWHERE = [
    "/api/v1/study/episodes/{episode}/import",
    "/api/v1/auth/logout",
    # a list of graduates in its body, which this table's string bodies cannot carry: lifecycle's test_transfers_api
    "/api/v1/lifecycle/graduating-classes/{class}/send",
]

# API writes: path -> (JSON body, expected status per role). 422 carries the rule's code (no person record,
# already signed up, not on the approved list).
API_POST_MATRIX = {
    "/api/v1/volunteering/activities/{activity}/signups": (
        {"note": ""},
        _expect(422, branch_secretary=201, cadre=404, outsider=404, anonymous=401),
    ),
    "/api/v1/volunteering/checkin": ({"code": "{token}"}, _expect(422, member=200, anonymous=401)),
    "/api/v1/admission/applications/{application}/steps/{step}": (
        {"on": "{today}"},
        _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=403, anonymous=401),
    ),
    "/api/v1/plan/targets/{target}/confirm": ({"metric": "members"}, _expect(404, county_admin=200, anonymous=401)),
    # 422: the rating's entered items are still empty (RATING_INCOMPLETE) for the committee above.
    "/api/v1/meetings/ratings/{rating}/review": (
        {"final_band": "4", "version": "1"},
        _expect(404, county_admin=422, committee_secretary=422, branch_secretary=403, auditor=403, anonymous=401),
    ),
}


def _meeting(c):
    """A theme day of 东湖村团支部 with an attachment, and a campaign tag of the county; built once per test."""
    if not hasattr(c, "meeting"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tuanwu.meetings.models import Campaign
        from tuanwu.meetings.services.meetings import attachment_add
        from tuanwu.meetings.tests.factories import record

        c.campaign = Campaign.objects.create(organization=c.county, name="五四")
        c.meeting = record(c.users["county_admin"], c.branch)
        pdf = SimpleUploadedFile(
            "签到表.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf"
        )
        c.attachment = attachment_add(actor=c.users["county_admin"], meeting=c.meeting, upload=pdf)
    return c.meeting


MEETING_SEEN = _expect(200, cadre=404, member=404, outsider=404, anonymous=302)
MEETING_WRITE = _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, anonymous=302)
# Writes posted empty: the holders are sent back to the page with the form's message; nobody else learns it exists.
MEETING_POST = _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302)
MATRIX.update(
    {
        "meetings:meeting_list": ("get", lambda c: "/meetings/", MEETING_VIEWERS),
        # The outsider records for the school's own branches.
        "meetings:meeting_create": ("get", lambda c: "/meetings/record/", {**MEETING_WRITE, "outsider": 200}),
        "meetings:meeting_detail": ("get", lambda c: f"/meetings/{_meeting(c).pk}/", MEETING_SEEN),
        "meetings:meeting_edit": ("get", lambda c: f"/meetings/{_meeting(c).pk}/edit/", MEETING_WRITE),
        "meetings:meeting_delete": ("post", lambda c: f"/meetings/{_meeting(c).pk}/delete/", MEETING_POST),
        "meetings:attachment_add": ("post", lambda c: f"/meetings/{_meeting(c).pk}/attachments/", MEETING_POST),
        "meetings:attachment_download": (
            "get",
            lambda c: f"/meetings/{_meeting(c).pk}/attachments/{c.attachment.pk}/",
            MEETING_SEEN,
        ),
        "meetings:attachment_remove": (
            "post",
            lambda c: f"/meetings/{_meeting(c).pk}/attachments/{_meeting(c) and c.attachment.pk}/remove/",
            MEETING_POST,
        ),
        "meetings:campaign_list": (
            "get",
            lambda c: "/meetings/campaigns/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "meetings:campaign_edit": (
            "post",
            lambda c: f"/meetings/campaigns/{_meeting(c) and c.campaign.pk}/",
            _expect(404, county_admin=302, anonymous=302),
        ),
        "meetings:campaign_delete": (
            "post",
            lambda c: f"/meetings/campaigns/{_meeting(c) and c.campaign.pk}/delete/",
            _expect(404, county_admin=302, anonymous=302),
        ),
        "meetings:minutes_book": (
            "get",
            lambda c: f"/meetings/minutes/?organization={_meeting(c).organization_id}&term=2026-1",
            MEETING_SEEN,
        ),
        "meetings:minutes_book_docx": (
            "get",
            lambda c: f"/meetings/minutes/docx/?organization={_meeting(c).organization_id}&term=2026-1",
            MEETING_SEEN,
        ),
        "admission:lesson_credit_add": (
            "post",
            lambda c: f"/admission/{_application(c).pk}/lesson-credits/",
            _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, auditor=403, anonymous=302),
        ),
    }
)
API_MATRIX.update(
    {
        "/api/v1/meetings/": _expect(200, member=404, anonymous=401),
        "/api/v1/meetings/{meeting}": _expect(200, cadre=404, member=404, outsider=404, anonymous=401),
        "/api/v1/admission/applications/{application}/lesson-hours": _expect(
            200, cadre=404, member=404, outsider=404, anonymous=401
        ),
    }
)
API_POST_MATRIX["/api/v1/admission/applications/{application}/lesson-credits"] = (
    {"hours": "1", "earned_on": "{today}", "evidence": "纸质团课记录"},
    _expect(404, county_admin=201, committee_secretary=201, branch_secretary=201, anonymous=401),
)


def _course(c):
    """A 团校 class of the town's committee with 张晓明 and 李华 enrolled and one session both attended."""
    if not hasattr(c, "course"):
        from tuanwu.meetings.tests.courses_factories import course, session

        c.course = course(c, people=("zhang", "li"), required_sessions=1, required_hours=None)
        session(c, c.course, timezone_today())
        c.enrollment = c.course.enrollments.get(person=c.people["zhang"])
    return c.course


def timezone_today():
    from django.utils import timezone

    return timezone.localdate()


def _enrolled(c):
    _course(c)
    return c.enrollment


COURSE_SEEN = _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302)
COURSE_WRITE = _expect(404, county_admin=200, committee_secretary=200, anonymous=302)
# Writes posted without their fields: the organizer's managers are sent back to the course with the message.
COURSE_POST = _expect(404, county_admin=302, committee_secretary=302, anonymous=302)
MATRIX.update(
    {
        "meetings:course_list": ("get", lambda c: "/meetings/courses/", MEETING_VIEWERS),
        # The outsider opens courses of the school's committee.
        "meetings:course_create": ("get", lambda c: "/meetings/courses/new/", {**COURSE_WRITE, "outsider": 200}),
        "meetings:course_detail": ("get", lambda c: f"/meetings/courses/{_course(c).pk}/", COURSE_SEEN),
        "meetings:course_edit": ("get", lambda c: f"/meetings/courses/{_course(c).pk}/edit/", COURSE_WRITE),
        "meetings:enrollment_add": ("post", lambda c: f"/meetings/courses/{_course(c).pk}/enroll/", COURSE_POST),
        "meetings:course_complete": ("post", lambda c: f"/meetings/courses/{_course(c).pk}/complete/", COURSE_POST),
        "meetings:course_session_create": (
            "get",
            lambda c: f"/meetings/courses/{_course(c).pk}/sessions/record/",
            COURSE_WRITE,
        ),
        "meetings:course_graduates": ("get", lambda c: f"/meetings/courses/{_course(c).pk}/graduates/", COURSE_SEEN),
        "meetings:enrollment_remove": (
            "post",
            lambda c: f"/meetings/courses/{_course(c).pk}/enrollments/{_enrolled(c).pk}/remove/",
            COURSE_POST,
        ),
        "meetings:enrollment_complete": (
            "post",
            lambda c: f"/meetings/courses/{_course(c).pk}/enrollments/{_enrolled(c).pk}/complete/",
            COURSE_POST,
        ),
        "meetings:enrollment_reopen": (
            "post",
            lambda c: f"/meetings/courses/{_course(c).pk}/enrollments/{_enrolled(c).pk}/reopen/",
            COURSE_POST,
        ),
        "meetings:my_life": ("get", lambda c: "/meetings/my/", WITH_PERSON),
    }
)


def _bill_line(c):
    """An unmatched line of a WeChat Pay bill read for 东湖村团支部; built once per test."""
    if not hasattr(c, "bill_line"):
        from tuanwu.lifecycle.services.dues import bill_reconcile
        from tuanwu.lifecycle.tests.dues_bills import wechat_csv

        bill_reconcile(actor=c.users["county_admin"], organization=c.branch, data=wechat_csv(), filename="bill.csv")
        from tuanwu.lifecycle.models import BillLine

        c.bill_line = BillLine.objects.get(transaction_number="W0003")
    return c.bill_line


DUES_BRANCH = _expect(200, cadre=404, member=404, outsider=404, anonymous=302)
# Writes posted empty: the branch's managers get the form back with its errors, the auditor 403, the others 404.
DUES_FORM_POST = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=403, anonymous=302
)
MATRIX.update(
    {
        # The staff see their own organization's dues; a member is sent to their own.
        "lifecycle:dues": ("get", lambda c: "/lifecycle/dues/", _expect(200, member=302, anonymous=302)),
        "lifecycle:dues_mine": ("get", lambda c: "/lifecycle/dues/mine/", WITH_PERSON),
        "lifecycle:dues_policy": (
            "get",
            lambda c: "/lifecycle/dues/policy/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "lifecycle:dues_organization": ("get", lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/", DUES_BRANCH),
        "lifecycle:dues_payment_create": (
            "post",
            lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/payments/",
            DUES_FORM_POST,
        ),
        "lifecycle:dues_payments_bulk": (
            "post",
            lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/payments/bulk/",
            DUES_FORM_POST,
        ),
        "lifecycle:dues_decision_record": (
            "post",
            lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/decisions/",
            DUES_FORM_POST,
        ),
        "lifecycle:dues_band_set": (
            "post",
            lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/bands/",
            DUES_FORM_POST,
        ),
        "lifecycle:dues_bills": ("get", lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/bills/", DUES_BRANCH),
        "lifecycle:dues_bills_confirm": (
            "post",
            lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/bills/confirm/",
            _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, auditor=403, anonymous=302),
        ),
        "lifecycle:dues_statement": (
            "get",
            lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/statement/",
            DUES_BRANCH,
        ),
        "lifecycle:dues_bill_line_confirm": (
            "post",
            lambda c: f"/lifecycle/dues/bill-lines/{_bill_line(c).pk}/confirm/",
            _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302),
        ),
        "lifecycle:dues_bill_line_dismiss": (
            "post",
            lambda c: f"/lifecycle/dues/bill-lines/{_bill_line(c).pk}/dismiss/",
            _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302),
        ),
    }
)


def _transfer(c):
    """张晓明 (东湖村) to 西湾村, started by the branch: waiting for the town's approval; built once per test."""
    if not hasattr(c, "transfer"):
        from tuanwu.lifecycle.services.transfers import transfer_start

        c.transfer = transfer_start(actor=c.users["branch_secretary"], person=c.people["zhang"], destination=c.branch2)
    return c.transfer


def _transfer_out(c):
    """张晓明 transferred out of the county, approved by the town: the letter can be printed."""
    if not hasattr(c, "transfer_out"):
        from tuanwu.lifecycle.services.transfers import transfer_approve, transfer_start

        t = transfer_start(actor=c.users["branch_secretary"], person=c.people["zhang"], external_name="共青团外县委")
        c.transfer_out = transfer_approve(actor=c.users["committee_secretary"], transfer=t)
    return c.transfer_out


def _graduating_class(c):
    """The school's class 2024级1班 marked to graduate; built once per test."""
    if not hasattr(c, "graduating_class"):
        import datetime

        from tuanwu.lifecycle.services.transfers import graduating_class_set

        c.graduating_class = graduating_class_set(
            actor=c.users["outsider"], organization=c.school_branch, expected_on=datetime.date(2026, 6, 30)
        )
    return c.graduating_class


LIFECYCLE_VIEWERS = _expect(200, member=404, anonymous=302)
TRANSFER_SEERS = _expect(200, cadre=404, outsider=404, anonymous=302)
TRANSFER_MANAGERS = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=302
)
MATRIX.update(
    {
        "lifecycle:transfer_list": ("get", lambda c: "/lifecycle/transfers/", LIFECYCLE_VIEWERS),
        "lifecycle:transfer_county": (
            "get",
            lambda c: "/lifecycle/transfers/county/",
            _expect(404, county_admin=200, auditor=200, anonymous=302),
        ),
        "lifecycle:transfer_mine": (
            "get",
            lambda c: "/lifecycle/transfers/mine/",
            _expect(404, branch_secretary=200, member=200, anonymous=302),
        ),
        "lifecycle:transfer_request": ("get", lambda c: "/lifecycle/transfers/request/", TRANSFER_MANAGERS),
        "lifecycle:transfer_receive": ("get", lambda c: "/lifecycle/transfers/receive/", TRANSFER_MANAGERS),
        "lifecycle:transfer_new": (
            "get",
            lambda c: f"/lifecycle/transfers/people/{c.people['zhang'].pk}/new/",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, anonymous=302),
        ),
        "lifecycle:transfer_detail": ("get", lambda c: f"/lifecycle/transfers/{_transfer(c).pk}/", TRANSFER_SEERS),
        "lifecycle:transfer_approve": (
            "post",
            lambda c: f"/lifecycle/transfers/{_transfer(c).pk}/approve/",
            _expect(404, county_admin=302, committee_secretary=302, branch_secretary=403, auditor=403, anonymous=302),
        ),
        # The request waits for the sending side: the receiving side (西湾村) is told it is not its turn yet.
        "lifecycle:transfer_accept": (
            "post",
            lambda c: f"/lifecycle/transfers/{_transfer(c).pk}/accept/",
            _expect(404, county_admin=302, committee_secretary=302, auditor=403, anonymous=302),
        ),
        "lifecycle:transfer_reject": (
            "post",
            lambda c: f"/lifecycle/transfers/{_transfer(c).pk}/reject/",
            _expect(404, county_admin=302, committee_secretary=302, branch_secretary=403, auditor=403, anonymous=302),
        ),
        "lifecycle:transfer_letter": (
            "get",
            lambda c: f"/lifecycle/transfers/{_transfer_out(c).pk}/letter/",
            TRANSFER_SEERS,
        ),
        "lifecycle:graduation_list": ("get", lambda c: "/lifecycle/graduation/", LIFECYCLE_VIEWERS),
        "lifecycle:graduation_set": (
            "post",
            lambda c: f"/lifecycle/graduation/branches/{c.school_branch.pk}/",
            _expect(404, county_admin=302, outsider=302, anonymous=302),
        ),
        "lifecycle:graduation_detail": (
            "get",
            lambda c: f"/lifecycle/graduation/{_graduating_class(c).pk}/",
            _expect(200, committee_secretary=404, branch_secretary=404, member=404, anonymous=302),
        ),
    }
)


def _case(c):
    """A rights case filed on the public page, naming 东湖村团支部; built once per test."""
    if not hasattr(c, "case"):
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        from tuanwu.voice.tests.factories import file_case

        png = io.BytesIO()
        Image.new("RGB", (4, 4), "red").save(png, format="PNG")
        photo = SimpleUploadedFile("photo.png", png.getvalue(), "image/png")
        c.case, c.case_code = file_case(c.branch, contact_name="王小明", contact_phone="13812345678", uploads=[photo])
        c.case_attachment = c.case.attachments.get()
    return c.case


def _expert(c):
    """An expert the county registered; built once per test."""
    if not hasattr(c, "expert"):
        from tuanwu.voice.services_rights import expert_save

        c.expert = expert_save(actor=c.users["county_admin"], name="周律师", topics=["pay"])
    return c.expert


def _survey(c):
    """An open survey of the town; built once per test."""
    if not hasattr(c, "survey"):
        import datetime

        from tuanwu.voice.services_rights import survey_create

        today = datetime.date.today()
        c.survey = survey_create(
            actor=c.users["committee_secretary"],
            organization=c.town,
            title="实习权益调查",
            opens_on=today,
            closes_on=today + datetime.timedelta(days=7),
            questions="单选: 实习有报酬吗？| 有 | 没有",
        )
    return c.survey


SURVEY_OWNERS = _expect(404, county_admin=200, committee_secretary=200, anonymous=302)
# Handlers (MANAGE_VOICE) of the branch and the line above; the auditor reads; a sibling's handlers see nothing.
CASE_SEEN = _expect(200, cadre=404, member=404, outsider=404, anonymous=302)
CASE_HANDLE_POST = _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, auditor=403)
CASE_HANDLE_POST["anonymous"] = 302
MATRIX.update(
    {
        "voice:home": ("get", lambda c: "/voice/", _expect(200)),
        "voice:ask": ("get", lambda c: "/voice/ask/", _expect(200)),
        "voice:track": ("get", lambda c: "/voice/track/", _expect(200)),
        "voice:answers": ("get", lambda c: "/voice/answers/", _expect(200)),
        "voice:work_order": (
            "get",
            lambda c: "/voice/cases/work-order/",
            _expect(200, member=404, auditor=404, anonymous=302),
        ),
        # Without the code checked in this session the tracking page sends everyone to the lookup.
        "voice:track_case": ("get", lambda c: f"/voice/track/{_case(c).number}/", _expect(302)),
        "voice:inbox": ("get", lambda c: "/voice/cases/", _expect(200, member=404, anonymous=302)),
        "voice:case_detail": ("get", lambda c: f"/voice/cases/{_case(c).pk}/", CASE_SEEN),
        "voice:attachment_download": (
            "get",
            lambda c: f"/voice/cases/{_case(c).pk}/attachments/{c.case_attachment.pk}/",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, anonymous=302),
        ),
        "voice:case_reveal": (
            "post",
            lambda c: f"/voice/cases/{_case(c).pk}/reveal/",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=403, anonymous=302),
        ),
        "voice:case_act": ("post", lambda c: f"/voice/cases/{_case(c).pk}/note/", CASE_HANDLE_POST),
        "voice:overview": ("get", lambda c: "/voice/overview/", _expect(200, member=404, anonymous=302)),
        "voice:calendar": ("get", lambda c: "/voice/calendar/", _expect(404, county_admin=200, anonymous=302)),
        "voice:calendar_year": (
            "get",
            lambda c: "/voice/calendar/2026/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "voice:policy": ("get", lambda c: "/voice/policy/", _expect(404, county_admin=200, anonymous=302)),
        "voice:expert_list": ("get", lambda c: "/voice/experts/", _expect(404, county_admin=200, anonymous=302)),
        "voice:expert_edit": (
            "get",
            lambda c: f"/voice/experts/{_expert(c).pk}/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "voice:rights_coverage": (
            "get",
            lambda c: "/voice/rights-coverage/",
            _expect(200, member=404, anonymous=302),
        ),
        "voice:survey_list": (
            "get",
            lambda c: "/voice/surveys/",
            _expect(200, member=404, auditor=404, anonymous=302),
        ),
        # A survey of the town: its handlers and the county read its results; the school's and the auditor do not.
        "voice:survey_detail": ("get", lambda c: f"/voice/surveys/{_survey(c).pk}/", SURVEY_OWNERS),
        "voice:survey_report": ("get", lambda c: f"/voice/surveys/{_survey(c).pk}/report/", SURVEY_OWNERS),
        # The public answering page, reached by the link's token, no login.
        "voice:survey_answer": ("get", lambda c: f"/voice/s/{_survey(c).token}/", _expect(200)),
    }
)
API_MATRIX.update(
    {
        "/api/v1/voice/cases": _expect(200, member=404, anonymous=401),
        "/api/v1/voice/cases/{case}": _expect(200, cadre=404, member=404, outsider=404, anonymous=401),
        "/api/v1/lifecycle/dues/amount?pay_fen=250000": _expect(200, anonymous=401),
        "/api/v1/lifecycle/dues/organizations/{branch}": _expect(
            200, cadre=404, member=404, outsider=404, anonymous=401
        ),
        "/api/v1/lifecycle/dues/organizations/{branch}/statement": _expect(
            200, cadre=404, member=404, outsider=404, anonymous=401
        ),
        "/api/v1/lifecycle/dues/mine": _expect(404, branch_secretary=200, member=200, anonymous=401),
        "/api/v1/lifecycle/dues/payments": _expect(200, anonymous=401),
        "/api/v1/lifecycle/dues/bill-lines": _expect(200, anonymous=401),
    }
)
# Multipart upload: its rights are tested in tuanwu/lifecycle/tests/test_dues_api.py.
API_TESTED_ELSEWHERE.append("/api/v1/lifecycle/dues/organizations/{branch}/bills")
API_DUES_WRITE = _expect(404, county_admin=201, committee_secretary=201, branch_secretary=201, anonymous=401)
API_POST_MATRIX.update(
    {
        "/api/v1/lifecycle/dues/payments": (
            {"person_id": "{zhang}", "amount_fen": "300", "paid_on": "{today}", "first_month": "2026-01"},
            API_DUES_WRITE,
        ),
        "/api/v1/lifecycle/dues/bands": (
            {"person_id": "{zhang}", "valid_from": "2026-01", "category": "student"},
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, anonymous=401),
        ),
        # 422: a theme day cannot exempt or reduce (DUES_DECISION_MEETING), only a general meeting.
        "/api/v1/lifecycle/dues/decisions": (
            {
                "person_id": "{zhang}",
                "meeting_id": "{meeting}",
                "kind": "exempt",
                "first_month": "2026-01",
                "reason": "失业",
            },
            _expect(404, county_admin=422, committee_secretary=422, branch_secretary=422, anonymous=401),
        ),
        # 422: an unmatched line confirmed without the member picked (BILL_LINE_PICK).
        "/api/v1/lifecycle/dues/bill-lines/{line}/confirm": (
            {"first_month": "2026-01"},
            _expect(404, county_admin=422, committee_secretary=422, branch_secretary=422, anonymous=401),
        ),
    }
)


def _unit(c):
    """A listed unit of the town's directory; built once per test."""
    if not hasattr(c, "unit"):
        from tuanwu.coverage.tests.factories import unit

        c.unit = unit(c.town, "青禾智造有限公司", employees=50, young_employees=10)
    return c.unit


COVERAGE_SEEN = _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302)
COVERAGE_POST = _expect(404, county_admin=302, committee_secretary=302, auditor=403, anonymous=302)
COVERAGE_COUNTY_POST = _expect(404, county_admin=302, auditor=403, anonymous=302)
MATRIX.update(
    {
        "coverage:unit_list": (
            "get",
            lambda c: "/coverage/",
            _expect(200, branch_secretary=404, member=404, anonymous=302),
        ),
        "coverage:unit_create": (
            "get",
            lambda c: "/coverage/units/new/",
            _expect(404, county_admin=200, committee_secretary=200, outsider=200, anonymous=302),
        ),
        "coverage:unit_detail": ("get", lambda c: f"/coverage/units/{_unit(c).pk}/", COVERAGE_SEEN),
        "coverage:unit_edit": (
            "get",
            lambda c: f"/coverage/units/{_unit(c).pk}/edit/",
            _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=302),
        ),
        "coverage:unit_survey": ("post", lambda c: f"/coverage/units/{_unit(c).pk}/survey/", COVERAGE_POST),
        "coverage:unit_found": ("post", lambda c: f"/coverage/units/{_unit(c).pk}/found/", COVERAGE_POST),
        "coverage:unit_check": ("post", lambda c: f"/coverage/units/{_unit(c).pk}/check/", COVERAGE_POST),
        "coverage:board": (
            "get",
            lambda c: "/coverage/board/",
            _expect(404, county_admin=200, auditor=200, anonymous=302),
        ),
        "coverage:snapshot_take": ("post", lambda c: "/coverage/board/snapshot/", COVERAGE_COUNTY_POST),
        "coverage:quality_gate": ("post", lambda c: "/coverage/board/quality-gate/", COVERAGE_COUNTY_POST),
        "coverage:snapshot_correct": (
            "post",
            lambda c: "/coverage/board/snapshot/correct/",
            COVERAGE_COUNTY_POST,
        ),
        "coverage:schedule": ("post", lambda c: "/coverage/board/schedule/", COVERAGE_COUNTY_POST),
        "coverage:policy": (
            "get",
            lambda c: "/coverage/policy/",
            _expect(404, county_admin=200, auditor=200, anonymous=302),
        ),
        "coverage:founding": (
            "get",
            lambda c: "/coverage/founding/",
            _expect(404, county_admin=200, committee_secretary=200, outsider=200, anonymous=302),
        ),
    }
)
API_MATRIX.update(
    {
        "/api/v1/meetings/courses": _expect(200, member=404, anonymous=401),
        "/api/v1/meetings/courses/{course}": _expect(
            404, county_admin=200, committee_secretary=200, auditor=200, anonymous=401
        ),
        "/api/v1/meetings/my": _expect(404, branch_secretary=200, member=200, anonymous=401),
        "/api/v1/lifecycle/transfers": _expect(200, member=404, anonymous=401),
        "/api/v1/lifecycle/transfers/{transfer}": _expect(200, cadre=404, outsider=404, anonymous=401),
        "/api/v1/lifecycle/graduating-classes": _expect(200, member=404, anonymous=401),
        "/api/v1/coverage/units": _expect(200, branch_secretary=404, member=404, anonymous=401),
        "/api/v1/coverage/units/{unit}": _expect(
            404, county_admin=200, committee_secretary=200, auditor=200, anonymous=401
        ),
        "/api/v1/coverage/figures?year=2026": _expect(404, county_admin=200, auditor=200, anonymous=401),
    }
)
API_POST_MATRIX.update(
    {
        "/api/v1/coverage/units/{unit}/survey": (
            {"version": "1", "employees": "50", "young_employees": "12", "league_members": "2"},
            _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=401),
        ),
        # 422: a listed unit is not founded yet (UNIT_WRONG_STATUS).
        "/api/v1/coverage/units/{unit}/check": (
            {"version": "1"},
            _expect(404, county_admin=422, committee_secretary=422, auditor=403, anonymous=401),
        ),
        "/api/v1/lifecycle/transfers/{transfer}/approve": (
            {"version": "1"},
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=403, auditor=403, anonymous=401),
        ),
        # 422: it is the sending side's turn (TRANSITION_NOT_ALLOWED) for those on the receiving side.
        "/api/v1/lifecycle/transfers/{transfer}/accept": (
            {"version": "1"},
            _expect(404, county_admin=422, committee_secretary=422, auditor=403, anonymous=401),
        ),
        # 422: a rejection needs its reason (REASON_REQUIRED) from those who may reject.
        "/api/v1/lifecycle/transfers/{transfer}/reject": (
            {"version": "1"},
            _expect(404, county_admin=422, committee_secretary=422, branch_secretary=403, auditor=403, anonymous=401),
        ),
        "/api/v1/lifecycle/transfers": (
            {"person_id": "{zhang}", "external_name": "共青团外县委"},
            _expect(404, county_admin=201, committee_secretary=201, branch_secretary=201, anonymous=401),
        ),
        "/api/v1/meetings/courses": (
            {"organization_id": "{town}", "title": "东湖镇第三期团校", "starts_on": "{today}"},
            _expect(404, county_admin=201, committee_secretary=201, anonymous=401),
        ),
        "/api/v1/meetings/courses/{course}/complete": (
            {"person_id": "{zhang}"},
            _expect(404, county_admin=200, committee_secretary=200, anonymous=401),
        ),
    }
)
# Enrolling takes a list of person ids: its rights are tested in meetings' test_courses_api.py.
API_TESTED_ELSEWHERE.append("/api/v1/meetings/courses/{course}/enrollments")


def _discipline(c):
    """A warning of 张晓明 decided by 东湖村团支部, awaiting the town's approval."""
    if not hasattr(c, "discipline"):
        from tuanwu.lifecycle.tests.factories import case

        c.discipline = case(c)
    return c.discipline


def _lapse(c):
    """A lapse proposal of 张晓明 (no organizational life recorded), awaiting the branch meeting."""
    if not hasattr(c, "lapse"):
        from tuanwu.lifecycle.services.exits import lapse_propose

        c.lapse = lapse_propose(actor=c.users["branch_secretary"], person=c.people["zhang"])
    return c.lapse


LIFECYCLE_VIEWERS = _expect(200, member=404, anonymous=302)
LIFECYCLE_SEEN = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=200, anonymous=302
)
# Writes posted empty: the holders get the page back with the form's message (422); who sees but may not act, 403.
DISCIPLINE_APPROVE = _expect(
    404, county_admin=422, committee_secretary=422, branch_secretary=403, auditor=403, anonymous=302
)
LIFECYCLE_MANAGE = _expect(
    404, county_admin=422, committee_secretary=422, branch_secretary=422, auditor=403, anonymous=302
)
LIFECYCLE_ACT = _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302)
MATRIX.update(
    {
        "lifecycle:discipline_list": ("get", lambda c: "/lifecycle/discipline/", LIFECYCLE_VIEWERS),
        # The outsider decides for the school's own branches.
        "lifecycle:discipline_create": (
            "get",
            lambda c: "/lifecycle/discipline/new/",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=302),
        ),
        "lifecycle:discipline_detail": ("get", lambda c: f"/lifecycle/discipline/{_discipline(c).pk}/", LIFECYCLE_SEEN),
        "lifecycle:discipline_decide": (
            "post",
            lambda c: f"/lifecycle/discipline/{_discipline(c).pk}/decide/",
            DISCIPLINE_APPROVE,
        ),
        "lifecycle:discipline_appeal": (
            "post",
            lambda c: f"/lifecycle/discipline/{_discipline(c).pk}/appeal/",
            LIFECYCLE_MANAGE,
        ),
        "lifecycle:discipline_answer": (
            "post",
            lambda c: f"/lifecycle/discipline/{_discipline(c).pk}/answer/",
            DISCIPLINE_APPROVE,
        ),
        "lifecycle:discipline_conclude": (
            "post",
            lambda c: f"/lifecycle/discipline/{_discipline(c).pk}/conclude/",
            LIFECYCLE_MANAGE,
        ),
        "lifecycle:exits_age_out": ("get", lambda c: "/lifecycle/exits/age-out/", LIFECYCLE_VIEWERS),
        # 张晓明 is not 28: the holders are sent back with the rule's message.
        "lifecycle:age_out_request": (
            "post",
            lambda c: f"/lifecycle/exits/age-out/{c.people['zhang'].pk}/request/",
            LIFECYCLE_ACT,
        ),
        "lifecycle:exits_lapse": ("get", lambda c: "/lifecycle/exits/lapse/", LIFECYCLE_VIEWERS),
        "lifecycle:lapse_propose": (
            "post",
            lambda c: f"/lifecycle/exits/lapse/propose/?person={c.people['zhang'].pk}",
            LIFECYCLE_ACT,
        ),
        "lifecycle:lapse_detail": ("get", lambda c: f"/lifecycle/exits/lapse/{_lapse(c).pk}/", LIFECYCLE_SEEN),
        "lifecycle:lapse_decide": (
            "post",
            lambda c: f"/lifecycle/exits/lapse/{_lapse(c).pk}/decide/",
            LIFECYCLE_MANAGE,
        ),
        "lifecycle:lapse_drop": ("post", lambda c: f"/lifecycle/exits/lapse/{_lapse(c).pk}/drop/", LIFECYCLE_MANAGE),
    }
)


API_MATRIX.update(
    {
        "/api/v1/lifecycle/discipline-cases": _expect(200, anonymous=401),
        "/api/v1/lifecycle/discipline-cases/{case}": _expect(
            404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=200, anonymous=401
        ),
        "/api/v1/lifecycle/age-outs": _expect(200, member=404, anonymous=401),
        "/api/v1/lifecycle/lapse-candidates": _expect(200, member=404, anonymous=401),
    }
)
LIFECYCLE_API_APPROVE = _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=401)
API_POST_MATRIX.update(
    {
        "/api/v1/lifecycle/discipline-cases": (
            {
                "person_id": "{zhang}",
                "sanction": "warning",
                "facts": "事实",
                "decided_on": "{today}",
                "statement": "陈述",
            },
            _expect(404, county_admin=201, committee_secretary=201, branch_secretary=201, anonymous=401),
        ),
        "/api/v1/lifecycle/discipline-cases/{case}/decision": (
            {"decision": "approve", "version": "1"},
            LIFECYCLE_API_APPROVE,
        ),
        "/api/v1/lifecycle/discipline-cases/{case}/appeal": (
            {"appeal": "不服", "lodged_on": "{today}", "version": "1"},
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=403, anonymous=401),
        ),
        # No appeal lodged yet: the approvers hear the rule (NO_OPEN_APPEAL).
        "/api/v1/lifecycle/discipline-cases/{case}/answer": (
            {"result": "dismissed", "answer": "维持", "version": "1"},
            _expect(404, county_admin=422, committee_secretary=422, auditor=403, anonymous=401),
        ),
        # 张晓明 is not 28 (AGE_OUT_UNDER_28).
        "/api/v1/lifecycle/age-outs": (
            {"person_id": "{zhang}"},
            _expect(404, county_admin=422, committee_secretary=422, branch_secretary=422, anonymous=401),
        ),
        "/api/v1/lifecycle/lapse-proposals": (
            {"person_id": "{zhang}"},
            _expect(404, county_admin=201, committee_secretary=201, branch_secretary=201, anonymous=401),
        ),
        "/api/v1/lifecycle/lapse-proposals/{proposal}/decision": (
            {"meeting_on": "{today}", "last_dues_on": "2020-01-01", "last_org_life_on": "2020-01-01", "version": "1"},
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=403, anonymous=401),
        ),
        # 张晓明 has not lapsed (NOT_LAPSED); restoring is the committee's.
        "/api/v1/lifecycle/restorations": (
            {"person_id": "{zhang}", "reason": "回到组织"},
            _expect(404, county_admin=422, committee_secretary=422, anonymous=401),
        ),
    }
)
API_POST_MATRIX["/api/v1/voice/cases/{case}/replies"] = (
    {"body": "已收到，正在核实"},
    _expect(404, county_admin=201, committee_secretary=201, branch_secretary=201, auditor=403, anonymous=401),
)
# The coverage app's create and found endpoints name organizations by id: tested in its test_api.py and in the
# scope-writes table.
API_TESTED_ELSEWHERE.append("/api/v1/coverage/units/{unit}/found")


def _contacts(c):
    """A full-time cadre of the town with one youth in contact and 东湖村团支部 fixed; built once per test."""
    if not hasattr(c, "contact_cadre"):
        from tuanwu.contacts.tests.factories import cadre, contacts, fix

        c.contact_cadre = cadre(c.town, "周敏")
        c.contact = contacts(c.contact_cadre, 1)[0]
        c.fixed_org = fix(c.contact_cadre, c.branch)
    return c


CONTACTS_SEEN = _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=302)
CONTACTS_LISTS = _expect(200, branch_secretary=404, member=404, anonymous=302)
CONTACTS_POST = _expect(404, county_admin=302, committee_secretary=302, auditor=403, anonymous=302)
MATRIX.update(
    {
        "contacts:my": ("get", lambda c: "/contacts/my/", _expect(200, anonymous=302)),
        "contacts:contact_log": ("get", lambda c: f"/contacts/contacts/{_contacts(c).contact.pk}/log/", CONTACTS_SEEN),
        "contacts:visit_log": ("get", lambda c: f"/contacts/visits/{_contacts(c).fixed_org.pk}/log/", CONTACTS_SEEN),
        "contacts:compliance": ("get", lambda c: "/contacts/compliance/", CONTACTS_LISTS),
        "contacts:cadres": ("get", lambda c: "/contacts/cadres/", CONTACTS_LISTS),
        "contacts:cadre_handover": (
            "get",
            lambda c: f"/contacts/cadres/{_contacts(c).contact_cadre.pk}/handover/",
            CONTACTS_SEEN,
        ),
        "contacts:policy": ("get", lambda c: "/contacts/policy/", _expect(404, county_admin=200, anonymous=302)),
        "contacts:contact_add": (
            "get",
            lambda c: f"/contacts/cadres/{_contacts(c).contact_cadre.pk}/contacts/new/",
            CONTACTS_SEEN,
        ),
        "contacts:cadre_register": (
            "get",
            lambda c: "/contacts/cadres/new/",
            _expect(404, county_admin=200, committee_secretary=200, outsider=200, anonymous=302),
        ),
        "contacts:cadre_detail": (
            "get",
            lambda c: f"/contacts/cadres/{_contacts(c).contact_cadre.pk}/",
            _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302),
        ),
        "contacts:fixed_add": (
            "post",
            lambda c: f"/contacts/cadres/{_contacts(c).contact_cadre.pk}/fixed/",
            CONTACTS_POST,
        ),
        "contacts:fixed_end": ("post", lambda c: f"/contacts/fixed/{_contacts(c).fixed_org.pk}/end/", CONTACTS_POST),
        "contacts:contact_fix": ("post", lambda c: f"/contacts/contacts/{_contacts(c).contact.pk}/fix/", CONTACTS_POST),
        "contacts:contact_end": ("post", lambda c: f"/contacts/contacts/{_contacts(c).contact.pk}/end/", CONTACTS_POST),
    }
)


def _role_model(c):
    """A role model of 东湖村团支部; built once per test."""
    if not hasattr(c, "role_model"):
        from tuanwu.publicity.tests.factories import role_model

        c.role_model = role_model(c.branch, person=c.people["zhang"])
    return c.role_model


def _media_account(c):
    """The WeChat account of 东湖村团支部, administered by 张晓明; built once per test."""
    if not hasattr(c, "media_account"):
        from tuanwu.publicity.tests.factories import media_account

        c.media_account = media_account(c.branch, c.people["zhang"])
    return c.media_account


# The branch's own and the line above manage; the auditor reads; a sibling committee sees nothing.
PUBLICITY_LIST = _expect(200, cadre=404, member=404, anonymous=302)
PUBLICITY_SEEN = _expect(200, cadre=404, member=404, outsider=404, anonymous=302)
PUBLICITY_NEW = _expect(200, cadre=404, member=404, auditor=404, anonymous=302)
PUBLICITY_EDIT = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=403, anonymous=302
)
PUBLICITY_POST = _expect(
    404, county_admin=302, committee_secretary=302, branch_secretary=302, auditor=403, anonymous=302
)
MATRIX.update(
    {
        "publicity:role_model_list": ("get", lambda c: "/publicity/role-models/", PUBLICITY_LIST),
        "publicity:role_model_create": ("get", lambda c: "/publicity/role-models/new/", PUBLICITY_NEW),
        "publicity:role_model_detail": (
            "get",
            lambda c: f"/publicity/role-models/{_role_model(c).pk}/",
            PUBLICITY_SEEN,
        ),
        "publicity:role_model_edit": (
            "get",
            lambda c: f"/publicity/role-models/{_role_model(c).pk}/edit/",
            PUBLICITY_EDIT,
        ),
        "publicity:publicity_add": (
            "post",
            lambda c: f"/publicity/role-models/{_role_model(c).pk}/publicity/",
            PUBLICITY_POST,
        ),
        "publicity:honour_add": (
            "post",
            lambda c: f"/publicity/role-models/{_role_model(c).pk}/honours/",
            PUBLICITY_POST,
        ),
        "publicity:account_list": ("get", lambda c: "/publicity/accounts/", PUBLICITY_LIST),
        "publicity:media_policy": (
            "get",
            lambda c: "/publicity/media-policy/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "publicity:account_create": ("get", lambda c: "/publicity/accounts/new/", PUBLICITY_NEW),
        "publicity:account_detail": ("get", lambda c: f"/publicity/accounts/{_media_account(c).pk}/", PUBLICITY_SEEN),
        "publicity:account_edit": (
            "get",
            lambda c: f"/publicity/accounts/{_media_account(c).pk}/edit/",
            PUBLICITY_EDIT,
        ),
        "publicity:figure_entry": (
            "get",
            lambda c: f"/publicity/accounts/{_media_account(c).pk}/figures/",
            PUBLICITY_EDIT,
        ),
        **{
            f"publicity:{name}": (
                "post",
                (lambda path: lambda c: f"/publicity/accounts/{_media_account(c).pk}/{path}/")(path),
                PUBLICITY_POST,
            )
            for name, path in (("account_close", "close"), ("admin_add", "admins"), ("review_add", "reviews"))
        },
        "publicity:admin_handover": (
            "post",
            lambda c: f"/publicity/accounts/{_media_account(c).pk}/admins/{_media_account(c).admins.get().pk}/handover/",  # noqa: E501
            PUBLICITY_POST,
        ),
    }
)
API_MATRIX.update(
    {
        "/api/v1/contacts/contacts": _expect(200, branch_secretary=404, member=404, anonymous=401),
        "/api/v1/contacts/cadres/{cadre}/compliance": _expect(
            404, county_admin=200, committee_secretary=200, auditor=200, anonymous=401
        ),
    }
)
API_POST_MATRIX["/api/v1/contacts/contacts/{contact}/logs"] = (
    {"channel": "online"},
    _expect(404, county_admin=201, committee_secretary=201, auditor=403, anonymous=401),
)
API_MATRIX.update(
    {
        "/api/v1/publicity/role-models": {**PUBLICITY_LIST, "anonymous": 401},
        "/api/v1/publicity/media-accounts": {**PUBLICITY_LIST, "anonymous": 401},
    }
)
API_POST_MATRIX["/api/v1/publicity/media-accounts/{account}/figures"] = (
    {"month": "{today}", "followers": "1200", "posts": "6", "reads": "5400"},
    _expect(404, county_admin=201, committee_secretary=201, branch_secretary=201, auditor=403, anonymous=401),
)


def _our_url_names():
    names = set()

    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in ("admin", "api"):
                    continue
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns)
    return names


def _evaluation(c):
    """The draft evaluation of 2025 of 东湖村团支部 (no grades yet), opened by its secretary."""
    if not hasattr(c, "evaluation"):
        from tuanwu.lifecycle.services.evaluation import evaluation_open

        c.evaluation = evaluation_open(actor=c.users["branch_secretary"], branch=c.branch, year=2025)
    return c.evaluation


def _entry(c):
    """李华's entry in that evaluation (not the member's own)."""
    return _evaluation(c).entries.get(membership__person=c.people["li"])


def _deferred(c):
    """张晓明's deferred registration of 2025."""
    if not hasattr(c, "deferred"):
        from tuanwu.lifecycle.services.evaluation import registration_defer

        c.deferred = registration_defer(
            actor=c.users["branch_secretary"], membership=c.people["zhang"].membership, year=2025, reason="外出"
        )
    return c.deferred


EVALUATION_SEEN = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=200, anonymous=302
)


def _evaluation_write(done, branch=None, auditor=403):
    return _expect(
        404,
        county_admin=done,
        committee_secretary=done,
        branch_secretary=done if branch is None else branch,
        auditor=auditor,
        anonymous=302,
    )


MATRIX.update(
    {
        "lifecycle:evaluations": ("get", lambda c: "/lifecycle/evaluations/?year=2025", MEETING_VIEW),
        "lifecycle:evaluation_open": (
            "post",
            lambda c: f"/lifecycle/evaluations/open/?organization={c.branch.pk}&year=2025",
            _evaluation_write(302),
        ),
        "lifecycle:evaluation_approvals": (
            "get",
            lambda c: "/lifecycle/evaluations/approvals/",
            _expect(404, county_admin=200, committee_secretary=200, outsider=200, anonymous=302),
        ),
        "lifecycle:evaluation_detail": (
            "get",
            lambda c: f"/lifecycle/evaluations/{_evaluation(c).pk}/",
            EVALUATION_SEEN,
        ),
        "lifecycle:evaluation_grades": (
            "post",
            lambda c: f"/lifecycle/evaluations/{_evaluation(c).pk}/grades/",
            _evaluation_write(302),
        ),
        "lifecycle:evaluation_meeting": (
            "post",
            lambda c: f"/lifecycle/evaluations/{_evaluation(c).pk}/meeting/",
            _evaluation_write(302),
        ),
        # 422: no grades yet (EVALUATION_GRADES_MISSING) / not submitted (EVALUATION_NOT_SUBMITTED).
        "lifecycle:evaluation_submit": (
            "post",
            lambda c: f"/lifecycle/evaluations/{_evaluation(c).pk}/submit/",
            _evaluation_write(422),
        ),
        "lifecycle:evaluation_approve": (
            "post",
            lambda c: f"/lifecycle/evaluations/{_evaluation(c).pk}/approve/",
            _evaluation_write(422, branch=403),
        ),
        "lifecycle:evaluation_return": (
            "post",
            lambda c: f"/lifecycle/evaluations/{_evaluation(c).pk}/return/",
            _evaluation_write(422, branch=403),
        ),
        # Posted empty: those who see the entry are sent back with the form's message.
        "lifecycle:entry_talk": (
            "post",
            lambda c: f"/lifecycle/evaluations/entries/{_entry(c).pk}/talk/",
            _evaluation_write(302, auditor=302),
        ),
        "lifecycle:entry_reevaluate": (
            "post",
            lambda c: f"/lifecycle/evaluations/entries/{_entry(c).pk}/reevaluate/",
            _evaluation_write(302, auditor=302),
        ),
        "lifecycle:entry_appeal": (
            "post",
            lambda c: f"/lifecycle/evaluations/entries/{_entry(c).pk}/appeal/",
            _evaluation_write(302, auditor=302),
        ),
        "lifecycle:entry_answer": (
            "post",
            lambda c: f"/lifecycle/evaluations/entries/{_entry(c).pk}/answer/",
            _evaluation_write(302, auditor=302),
        ),
        "lifecycle:registrations": ("get", lambda c: "/lifecycle/registrations/?year=2025", MEETING_VIEW),
        # 302: refused with the rule's message (no grade of 2024 or 2025).
        "lifecycle:registration_register": (
            "post",
            lambda c: f"/lifecycle/registrations/register/?membership={c.people['zhang'].membership.pk}&year=2025",
            _evaluation_write(302),
        ),
        "lifecycle:registration_register_branch": (
            "post",
            lambda c: f"/lifecycle/registrations/register-branch/?organization={c.branch.pk}&year=2025",
            _evaluation_write(302),
        ),
        "lifecycle:registration_defer": (
            "post",
            lambda c: f"/lifecycle/registrations/defer/?membership={c.people['zhang'].membership.pk}&year=2025",
            _evaluation_write(302, auditor=302),
        ),
        "lifecycle:registration_close": (
            "post",
            lambda c: f"/lifecycle/registrations/{_deferred(c).pk}/close/",
            _evaluation_write(302),
        ),
        "lifecycle:me": (
            "get",
            lambda c: "/lifecycle/me/",
            _expect(404, branch_secretary=200, member=200, anonymous=302),
        ),
        "lifecycle:person_record": (
            "get",
            lambda c: f"/lifecycle/people/{c.people['zhang'].pk}/",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=200, anonymous=302),
        ),
        "lifecycle:policy": ("get", lambda c: "/lifecycle/policy/", _expect(404, county_admin=200, anonymous=302)),
        "lifecycle:transfer_policy": (
            "get",
            lambda c: "/lifecycle/transfers/policy/",
            _expect(404, county_admin=200, anonymous=302),
        ),
    }
)
API_MATRIX.update(
    {
        "/api/v1/lifecycle/evaluations?year=2025": _expect(200, anonymous=401),
        "/api/v1/lifecycle/evaluations/{evaluation}": _expect(
            404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=200, anonymous=401
        ),
        "/api/v1/lifecycle/registrations?year=2025": _expect(200, member=404, anonymous=401),
        "/api/v1/lifecycle/me": _expect(404, branch_secretary=200, member=200, anonymous=401),
    }
)
_EVALUATION_API_WRITE = _expect(
    404, county_admin=422, committee_secretary=422, branch_secretary=422, auditor=403, anonymous=401
)
API_POST_MATRIX.update(
    {
        # 422: no grades yet (EVALUATION_GRADES_MISSING).
        "/api/v1/lifecycle/evaluations/{evaluation}/submit": ({}, _EVALUATION_API_WRITE),
        # 422: not submitted (EVALUATION_NOT_SUBMITTED); the branch may not approve its own.
        "/api/v1/lifecycle/evaluations/{evaluation}/approve": ({}, {**_EVALUATION_API_WRITE, "branch_secretary": 403}),
        # 422: 张晓明 has no grade of 2024 or 2025 (REGISTRATION_NO_GRADE).
        "/api/v1/lifecycle/registrations": ({"membership_id": "{membership}", "year": "2025"}, _EVALUATION_API_WRITE),
    }
)


def _mandate(c):
    """张晓明's seat in the county's term (he is in the town's branch); built once per test."""
    if not hasattr(c, "mandate"):
        from tuanwu.duties.tests.factories import mandate, term

        c.term = term(c.county)
        c.mandate = mandate(c.term, c.people["zhang"])
    return c.mandate


def _proposal(c):
    """A proposal 张晓明 submitted under his seat."""
    if not hasattr(c, "proposal"):
        import datetime

        from tuanwu.duties.tests.factories import duty

        c.proposal = duty(
            _mandate(c), datetime.date(2024, 3, 1), kind="proposal", title="提案", proposal_status="submitted"
        )
    return c.proposal


DUTIES_LIST = _expect(404, county_admin=200, committee_secretary=200, auditor=200, outsider=200, anonymous=302)
DUTIES_SEEN = _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302)
MATRIX.update(
    {
        "duties:term_list": ("get", lambda c: "/duties/", DUTIES_LIST),
        "duties:term_create": ("get", lambda c: "/duties/terms/new/", _expect(404, county_admin=200, anonymous=302)),
        "duties:term_detail": ("get", lambda c: f"/duties/terms/{_mandate(c).term_id}/", DUTIES_SEEN),
        "duties:term_edit": (
            "get",
            lambda c: f"/duties/terms/{_mandate(c).term_id}/edit/",
            _expect(404, county_admin=200, auditor=403, anonymous=302),
        ),
        **{
            f"duties:proposal_{step}": (
                "post",
                lambda c, step=step: f"/duties/proposals/{_proposal(c).pk}/{step}/",
                _expect(404, county_admin=302, anonymous=302),
            )
            for step in ("adopt", "handle")
        },
        "duties:mandate_create": (
            "get",
            lambda c: f"/duties/terms/{_mandate(c).term_id}/mandates/new/",
            _expect(404, county_admin=200, auditor=403, anonymous=302),
        ),
        "duties:mandate_end": (
            "post",
            lambda c: f"/duties/mandates/{_mandate(c).pk}/end/",
            _expect(404, county_admin=302, anonymous=302),
        ),
        "duties:duty_create": (
            "get",
            lambda c: f"/duties/mandates/{_mandate(c).pk}/record/",
            _expect(404, county_admin=200, member=200, auditor=403, anonymous=302),
        ),
        "duties:person_year": (
            "get",
            lambda c: f"/duties/people/{_mandate(c).person_id}/",
            _expect(404, county_admin=200, committee_secretary=200, auditor=200, member=200, anonymous=302),
        ),
        "duties:my": ("get", lambda c: "/duties/my/", _expect(404, branch_secretary=200, member=200, anonymous=302)),
        "duties:export": ("get", lambda c: "/duties/export/", DUTIES_LIST),
    }
)


def _programs(c):
    """A project of the branch entered in the town's call, an open round the outsider judges, and a second call
    walked to an award with an answered and an open objection; built once per test."""
    if not hasattr(c, "programs"):
        import datetime
        from decimal import Decimal

        from tuanwu.programs import services as ps
        from tuanwu.programs.tests.factories import call, project

        admin = c.users["county_admin"]
        p = project(admin, c.branch, members=[c.people["zhang"]])
        open_call = call(admin, c.town, quota=2)
        day = datetime.date(2026, 8, 10)
        entry = ps.entry_create(actor=admin, call=open_call, project=p, recommended_by=c.branch, today=day)
        rnd = ps.round_create(actor=admin, call=open_call, name="初评")
        ps.criterion_add(actor=admin, round=rnd, name="创新性", weight=Decimal("1"))
        ps.judge_assign(actor=admin, round=rnd, judge=c.users["outsider"], entry=entry)
        done_call = call(admin, c.town, quota=2, levels=(("优秀团队", Decimal("100")),))
        second = ps.entry_create(
            actor=admin,
            call=done_call,
            project=project(admin, c.branch, "第二支队"),
            recommended_by=c.branch,
            today=day,
        )
        ps.round_close(actor=admin, round=ps.round_create(actor=admin, call=done_call, name="初评"))
        notice = ps.notice_publish(actor=admin, call=done_call, starts_on=datetime.date(2026, 9, 1), text="公示")
        answered = ps.objection_record(actor=admin, notice=notice, text="异议", received_on=datetime.date(2026, 9, 2))
        ps.objection_answer(actor=admin, objection=answered, answer="已核实", answered_on=datetime.date(2026, 9, 3))
        award = ps.award_grant(
            actor=admin, entry=second, level=done_call.levels.get(), today=datetime.date(2026, 9, 10)
        )
        objection = ps.objection_record(actor=admin, notice=notice, text="再议", received_on=datetime.date(2026, 9, 4))
        c.programs = {"project": p, "call": open_call, "round": rnd, "award": award, "objection": objection}
    return c.programs


PROGRAMS_ANY = _expect(200, cadre=404, member=404, anonymous=302)
PROGRAMS_MANAGE_ANY = _expect(200, cadre=404, member=404, auditor=404, anonymous=302)
PROGRAMS_SEEN = _expect(200, cadre=404, member=404, outsider=404, anonymous=302)
PROGRAMS_PROJECT_POST = _expect(
    404, county_admin=302, committee_secretary=302, branch_secretary=302, auditor=403, anonymous=302
)
PROGRAMS_CALL_POST = _expect(404, county_admin=302, committee_secretary=302, auditor=403, anonymous=302)
MATRIX.update(
    {
        "programs:project_list": ("get", lambda c: "/programs/", PROGRAMS_ANY),
        "programs:project_create": ("get", lambda c: "/programs/projects/new/", PROGRAMS_MANAGE_ANY),
        "programs:project_detail": (
            "get",
            lambda c: f"/programs/projects/{_programs(c)['project'].pk}/",
            PROGRAMS_SEEN,
        ),
        "programs:project_edit": (
            "get",
            lambda c: f"/programs/projects/{_programs(c)['project'].pk}/edit/",
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, auditor=403, anonymous=302),
        ),
        **{
            f"programs:project_{name}": (
                "post",
                lambda c, path=path: f"/programs/projects/{_programs(c)['project'].pk}/{path}/",
                PROGRAMS_PROJECT_POST,
            )
            for name, path in (
                ("member_add", "members"),
                ("start", "start"),
                ("close", "close"),
                ("note", "notes"),
                ("service", "service"),
            )
        },
        "programs:call_list": ("get", lambda c: "/programs/calls/", PROGRAMS_ANY),
        "programs:call_create": ("get", lambda c: "/programs/calls/new/", PROGRAMS_MANAGE_ANY),
        # The town's call is seen from below (the branch it calls on) and above, not from the school.
        "programs:call_detail": ("get", lambda c: f"/programs/calls/{_programs(c)['call'].pk}/", PROGRAMS_SEEN),
        "programs:entry_create": (
            "post",
            lambda c: f"/programs/calls/{_programs(c)['call'].pk}/entries/",
            _expect(302, cadre=404, member=404, outsider=404),
        ),
        **{
            f"programs:{name}": (
                "post",
                lambda c, path=path: f"/programs/calls/{_programs(c)['call'].pk}/{path}/",
                PROGRAMS_CALL_POST,
            )
            for name, path in (
                ("round_create", "rounds"),
                ("notice_publish", "notice"),
                ("objection_record", "objections"),
                ("award_grant", "awards"),
            )
        },
        "programs:objection_answer": (
            "post",
            lambda c: f"/programs/objections/{_programs(c)['objection'].pk}/answer/",
            PROGRAMS_CALL_POST,
        ),
        # The outsider judges the branch's entry: the round and its scoring page are theirs, the call is not.
        "programs:round_detail": (
            "get",
            lambda c: f"/programs/rounds/{_programs(c)['round'].pk}/",
            _expect(200, cadre=404, member=404, anonymous=302),
        ),
        "programs:round_score": (
            "get",
            lambda c: f"/programs/rounds/{_programs(c)['round'].pk}/score/",
            _expect(404, outsider=200, anonymous=302),
        ),
        "programs:round_results_xlsx": (
            "get",
            lambda c: f"/programs/rounds/{_programs(c)['round'].pk}/results.xlsx",
            PROGRAMS_SEEN,
        ),
        **{
            f"programs:{name}": (
                "post",
                lambda c, path=path: f"/programs/rounds/{_programs(c)['round'].pk}/{path}/",
                _expect(404, county_admin=302, committee_secretary=302, auditor=403, anonymous=302),
            )
            for name, path in (("criterion_add", "criteria"), ("judge_assign", "judges"), ("round_close", "close"))
        },
        **{
            f"programs:{name}": (
                "post",
                lambda c, path=path, part=part, action=action: (
                    f"/programs/{path}/{part(_programs(c)['round']).pk}/{action}/"
                ),
                _expect(404, county_admin=302, committee_secretary=302, auditor=403, anonymous=302),
            )
            for name, path, part, action in (
                ("criterion_edit", "criteria", lambda r: r.criteria.get(), "edit"),
                ("criterion_remove", "criteria", lambda r: r.criteria.get(), "remove"),
                ("assignment_edit", "assignments", lambda r: r.assignments.get(), "edit"),
                ("assignment_remove", "assignments", lambda r: r.assignments.get(), "remove"),
            )
        },
        "programs:award_print": ("get", lambda c: f"/programs/awards/{_programs(c)['award'].pk}/", PROGRAMS_SEEN),
        "programs:award_docx": (
            "get",
            lambda c: f"/programs/awards/{_programs(c)['award'].pk}/certificate.docx",
            PROGRAMS_SEEN,
        ),
        "programs:award_pdf": (
            "get",
            lambda c: f"/programs/awards/{_programs(c)['award'].pk}/certificate.pdf",
            {role: (_pdf_status() if status == 200 else status) for role, status in PROGRAMS_SEEN.items()},
        ),
        "programs:verify": ("get", lambda c: f"/programs/verify/{_programs(c)['award'].token}/", _expect(200)),
    }
)
API_MATRIX.update(
    {
        "/api/v1/duties/mandates": _expect(
            404, county_admin=200, committee_secretary=200, auditor=200, outsider=200, anonymous=401
        ),
        "/api/v1/duties/my": _expect(200, anonymous=401),
        "/api/v1/duties/mandates/{mandate}/duties": _expect(
            404, county_admin=200, committee_secretary=200, auditor=200, member=200, anonymous=401
        ),
    }
)
API_POST_MATRIX.update(
    {
        "/api/v1/duties/mandates/{mandate}/duties": (
            {"date": "{today}", "kind": "meeting_attended", "title": "全委会"},
            _expect(404, county_admin=201, member=201, auditor=403, anonymous=401),
        ),
    }
)


def _care_record(c):
    """An open care record of 东湖村团支部, followed by its secretary; built once per test."""
    if not hasattr(c, "care_record"):
        from tuanwu.care.tests.factories import record

        c.care_record = record(c)
    return c.care_record


def _care_campaign(c):
    if not hasattr(c, "care_campaign"):
        from tuanwu.care.tests.factories import campaign

        c.care_campaign = campaign(c)
    return c.care_campaign


def _care_project(c):
    if not hasattr(c, "care_project"):
        from tuanwu.care.tests.factories import project

        c.care_project = project(c)
    return c.care_project


# Care records: the follower (branch_secretary), the line above and the county; never the cadre or the auditor.
CARE_RECORD_SEEN = _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, anonymous=302)
CARE_RECORD_POST = _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302)
CARE_LISTS = _expect(404, county_admin=200, committee_secretary=200, outsider=200, anonymous=302)
CARE_TOWN_SEEN = _expect(404, county_admin=200, committee_secretary=200, anonymous=302)
CARE_TOWN_POST = _expect(404, county_admin=302, committee_secretary=302, anonymous=302)
API_MATRIX.update(
    {
        "/api/v1/care/records": _expect(
            404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=401
        ),
        "/api/v1/care/records/{record}": _expect(
            404, county_admin=200, committee_secretary=200, branch_secretary=200, anonymous=401
        ),
    }
)
MATRIX.update(
    {
        "care:record_list": (
            "get",
            lambda c: (_care_record(c), "/care/")[1],
            _expect(404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=302),
        ),
        "care:record_create": ("get", lambda c: "/care/records/new/", CARE_LISTS),
        "care:record_detail": ("get", lambda c: f"/care/records/{_care_record(c).pk}/", CARE_RECORD_SEEN),
        "care:measure_add": ("post", lambda c: f"/care/records/{_care_record(c).pk}/measures/", CARE_RECORD_POST),
        "care:record_close": ("post", lambda c: f"/care/records/{_care_record(c).pk}/close/", CARE_RECORD_POST),
        "care:campaign_list": ("get", lambda c: "/care/campaigns/", CARE_LISTS),
        "care:campaign_detail": ("get", lambda c: f"/care/campaigns/{_care_campaign(c).pk}/", CARE_TOWN_SEEN),
        "care:project_list": ("get", lambda c: "/care/projects/", CARE_LISTS),
        "care:project_detail": ("get", lambda c: f"/care/projects/{_care_project(c).pk}/", CARE_TOWN_SEEN),
        "care:project_visit": ("post", lambda c: f"/care/projects/{_care_project(c).pk}/visits/", CARE_TOWN_POST),
        "care:project_input": ("post", lambda c: f"/care/projects/{_care_project(c).pk}/inputs/", CARE_TOWN_POST),
        "care:project_results": (
            "post",
            lambda c: f"/care/projects/{_care_project(c).pk}/results/",
            CARE_TOWN_POST,
        ),
    }
)
API_MATRIX.update(
    {
        "/api/v1/programs/projects": _expect(200, cadre=404, member=404, anonymous=401),
        "/api/v1/programs/projects/{project}": _expect(200, cadre=404, member=404, outsider=404, anonymous=401),
        "/api/v1/programs/rounds/{round}/results": _expect(200, cadre=404, member=404, outsider=404, anonymous=401),
    }
)


def test_matrix_covers_every_url_pattern():
    missing = _our_url_names() - set(MATRIX)

    assert not missing, f"add these pages to the scope matrix: {sorted(missing)}"


def test_api_matrix_covers_every_api_route():
    from config.api import api

    routes = {
        f"/api/v1{prefix}{path}".rstrip("/") for prefix, router in api._routers for path in router.path_operations
    }
    routes = {
        r.replace("{int:org_id}", "{branch}")
        .replace("{int:person_id}", "{zhang}")
        .replace("{int:activity_id}", "{activity}")
        .replace("{int:application_id}", "{application}")
        .replace("{int:episode_id}", "{episode}")
        .replace("{int:target_id}", "{target}")
        .replace("{int:rating_id}", "{rating}")
        .replace("{int:meeting_id}", "{meeting}")
        .replace("{int:course_id}", "{course}")
        .replace("{int:line_id}", "{line}")
        .replace("{int:evaluation_id}", "{evaluation}")
        .replace("{int:transfer_id}", "{transfer}")
        .replace("{int:class_id}", "{class}")
        .replace("{int:case_id}", "{case}")
        .replace("{int:proposal_id}", "{proposal}")
        .replace("{int:unit_id}", "{unit}")
        .replace("{int:mandate_id}", "{mandate}")
        .replace("{int:record_id}", "{record}")
        .replace("{int:contact_id}", "{contact}")
        .replace("{int:cadre_id}", "{cadre}")
        .replace("{int:project_id}", "{project}")
        .replace("{int:round_id}", "{round}")
        .replace("{int:account_id}", "{account}")
        for r in routes
    }
    covered = {p.split("?")[0].rstrip("/") for p in [*API_MATRIX, *API_POST_MATRIX, *API_TESTED_ELSEWHERE]} | {
        "/api/v1/auth/token",
        "/api/v1",
    }

    assert routes - covered == set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_page_access(client_as, cast, name, role):
    method, build, expected = MATRIX[name]
    client = client_as(role)

    response = getattr(client, method)(build(cast))

    assert response.status_code == expected[role], f"{name} as {role}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(API_MATRIX))
def test_api_access(client_as, cast, path, role):
    client = client_as(role)
    url = _api_url(cast, path)

    response = client.get(url)

    assert response.status_code == API_MATRIX[path][role], f"{path} as {role}: {response.content[:200]}"
    if response.status_code >= 400:
        assert set(response.json()) == {"detail", "code"}


def _api_url(cast, path):
    extra = {"activity": _vol(cast)["activity"].pk} if "{activity}" in path else {}
    if "{episode}" in path:
        extra["episode"] = _study(cast)["episode"].pk
    if "{application}" in path:
        extra.update(application=_application(cast).pk, step="interview")
    if "/plan/" in path:
        extra["target"] = _plan_task(cast).targets.first().pk
    if "{rating}" in path:
        extra["rating"] = _rating(cast).pk
    if "{meeting}" in path:
        extra["meeting"] = _meeting(cast).pk
    if "{course}" in path:
        extra["course"] = _course(cast).pk
    if "{line}" in path:
        extra["line"] = _bill_line(cast).pk
    if "{evaluation}" in path:
        extra["evaluation"] = _evaluation(cast).pk
    if "{transfer}" in path:
        extra["transfer"] = _transfer(cast).pk
    if "{case}" in path:  # a discipline case, or a 青年之声 case
        extra["case"] = (_case(cast) if "/voice/" in path else _discipline(cast)).pk
    if "{proposal}" in path:
        extra["proposal"] = _lapse(cast).pk
    if "{unit}" in path:
        extra["unit"] = _unit(cast).pk
    if "{mandate}" in path:
        extra["mandate"] = _mandate(cast).pk
    if "{record}" in path or "/care/" in path:
        extra["record"] = _care_record(cast).pk
    if "{contact}" in path or "{cadre}" in path:
        extra.update(contact=_contacts(cast).contact.pk, cadre=_contacts(cast).contact_cadre.pk)
    if "/programs/" in path and "{" in path:
        extra.update(project=_programs(cast)["project"].pk, round=_programs(cast)["round"].pk)
    if "{account}" in path:
        extra["account"] = _media_account(cast).pk
    return path.format(branch=cast.branch.pk, zhang=cast.people["zhang"].pk, **extra)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(API_POST_MATRIX))
def test_api_write_access(client_as, cast, path, role):
    client = client_as(role)
    body, expected = API_POST_MATRIX[path]
    from django.utils import timezone

    values = {"today": timezone.localdate().isoformat()}
    values.update(town=str(cast.town.pk), zhang=str(cast.people["zhang"].pk))
    if "{token}" in str(body):
        values["token"] = _vol(cast)["activity"].checkin_token
    if "{meeting}" in str(body):
        values["meeting"] = str(_meeting(cast).pk)
    if "{membership}" in str(body):
        values["membership"] = cast.people["zhang"].membership.pk
    body = {k: v.format(**values) for k, v in body.items()}

    response = client.post(_api_url(cast, path), body, content_type="application/json")

    assert response.status_code == expected[role], f"{path} as {role}: {response.content[:200]}"
    if response.status_code >= 400:
        assert set(response.json()) == {"detail", "code"}
