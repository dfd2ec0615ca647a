"""Jobs: small files run in the request, large ones in the worker; a failure writes nothing and says so."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tuanwu.core.idcard import make_id_number
from tuanwu.jobs import services
from tuanwu.jobs.models import Job
from tuanwu.people.models import Membership, Person
from tuanwu.sheets.writer import Writer

HEADERS = ["姓名", "身份证号码", "所在团支部", "入团年月", "团员编号"]


def member_file(n=3, branch="东湖村团支部", name="members.xlsx"):
    rows = [
        [
            f"新团员{i}",
            make_id_number("341122", datetime.date(2006, 1, 1 + i), 201 + 2 * i),
            branch,
            "2021-05",
            f"2021{77770000 + i}",
        ]
        for i in range(n)
    ]
    w = Writer()
    w.sheet("Sheet1", HEADERS, rows)
    return SimpleUploadedFile(name, w.close())


def counts():
    return Person.objects.count(), Membership.objects.count()


def test_check_then_confirm_imports_the_checked_file(cast):
    before = counts()

    check = services.import_start(actor=cast.users["county_admin"], kind="members", upload=member_file())
    after_check = counts()
    done = services.import_confirm(actor=cast.users["county_admin"], job=check)

    assert (check.status, check.result["created"], check.result["committed"]) == ("succeeded", 3, False)
    assert after_check == before
    assert (done.action, done.status, done.result["committed"]) == ("import", "succeeded", True)
    assert counts() == (before[0] + 3, before[1] + 3)


def test_confirm_is_refused_for_a_check_with_errors(cast):
    check = services.import_start(
        actor=cast.users["county_admin"], kind="members", upload=member_file(branch="没有这个支部")
    )

    with pytest.raises(services.PermissionDenied):
        services.import_confirm(actor=cast.users["county_admin"], job=check)

    assert check.output_file.name  # the file with an error column
    assert check.output_name.startswith("错误报告-")
    assert Job.objects.filter(action="import").count() == 0


def test_confirm_is_refused_for_another_users_check(cast):
    check = services.import_start(actor=cast.users["county_admin"], kind="members", upload=member_file())

    with pytest.raises(services.PermissionDenied):
        services.import_confirm(actor=cast.users["committee_secretary"], job=check)


def test_large_file_goes_to_the_worker_and_reports_progress(cast, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(services, "SYNC_MAX_BYTES", 0)

    with django_capture_on_commit_callbacks(execute=True):
        job = services.import_start(actor=cast.users["county_admin"], kind="members", upload=member_file(5))
    job.refresh_from_db()

    assert (job.status, job.done, job.total) == ("succeeded", 5, 5)


def test_a_crash_while_writing_fails_the_job_and_writes_nothing(cast, monkeypatch):
    check = services.import_start(actor=cast.users["county_admin"], kind="members", upload=member_file())
    before = counts()

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed")

    # People are already inserted when the memberships' step dies.
    monkeypatch.setattr("tuanwu.people.imports._consecutive_ids", crash)
    job = services.import_confirm(actor=cast.users["county_admin"], job=check)

    assert job.status == "failed"
    assert "worker killed" in job.message
    assert counts() == before


def test_a_job_whose_worker_died_is_failed_when_the_list_is_read(client_as, cast):
    stale = Job.objects.create(
        user=cast.users["county_admin"],
        kind="members",
        action="import",
        status="running",
        heartbeat_at=timezone.now() - datetime.timedelta(hours=1),
    )

    client_as("county_admin").get("/jobs/")
    stale.refresh_from_db()

    assert stale.status == "failed"
    assert stale.message


def test_job_page_polls_while_running_and_stops_when_done(client_as, cast):
    job = Job.objects.create(
        user=cast.users["county_admin"],
        kind="members",
        action="check",
        status="running",
        done=3,
        total=10,
        heartbeat_at=timezone.now(),
    )
    client = client_as("county_admin")

    running = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    job.status = "succeeded"
    job.result = {"created": 10, "updated": 0, "unchanged": 0, "errors": [], "committed": False}
    job.save()
    finished = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()

    assert 'hx-trigger="every 1s"' in running and "30%" in running
    assert "hx-trigger" not in finished


def test_large_export_runs_as_a_job_with_a_download(client_as, cast, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(services, "SYNC_MAX_ROWS", 0)
    client = client_as("county_admin")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/jobs/exports/members/", {"count": "5"}, follow=True)

    job = Job.objects.get(action="export")
    assert job.status == "succeeded"
    assert response.redirect_chain[-1][0] == f"/jobs/{job.pk}/"
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 200


def test_a_check_with_errors_offers_the_corrected_file_on_the_same_page(cast, client_as):
    client = client_as("county_admin")
    bad = member_file(branch="没有这个支部")
    response = client.post("/jobs/imports/members/", {"file": bad}, follow=True)
    page = response.content.decode()

    assert 'data-testid="reupload"' in page and 'action="/jobs/imports/members/"' in page
    code = Job.objects.get().result["errors"][0]["code"]
    assert page.count(code) == page.count(f'title="{code}"') > 0  # the rule code only in the tooltip
    fixed = client.post("/jobs/imports/members/", {"file": member_file(name="fixed.xlsx")}, follow=True)
    job = Job.objects.order_by("-pk").first()
    assert (job.input_name, job.status, job.result["errors"]) == ("fixed.xlsx", "succeeded", [])
    assert 'data-testid="reupload"' not in fixed.content.decode()
    assert 'data-testid="confirm-import"' in fixed.content.decode()


def test_the_corrected_file_form_is_not_offered_to_a_check_without_errors(cast, client_as):
    response = client_as("county_admin").post("/jobs/imports/members/", {"file": member_file()}, follow=True)

    assert 'data-testid="reupload"' not in response.content.decode()
