"""Starting and running imports and exports as jobs: small ones at once, large ones in the worker."""

from __future__ import annotations

import datetime
import logging
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.core.downloads import file_name
from tuanwu.organizations import scope
from tuanwu.sheets.registry import EXPORTS, IMPORTS
from tuanwu.sheets.writer import error_report

from .models import Job

log = logging.getLogger(__name__)
# Above these sizes a job goes to the background worker instead of running in the request.
SYNC_MAX_BYTES = getattr(settings, "TUANWU_SYNC_IMPORT_MAX_BYTES", 512 * 1024)
SYNC_MAX_ROWS = getattr(settings, "TUANWU_SYNC_EXPORT_MAX_ROWS", 5000)
STALE_AFTER = datetime.timedelta(minutes=10)


def import_start(*, actor, kind: str, upload, dry_run: bool = True) -> Job:
    """Store an uploaded file and check it (dry_run) or import it."""
    spec = IMPORTS[kind]
    if not scope.has_any(actor, spec.permission):
        raise PermissionDenied
    job = Job(
        user=actor, kind=kind, action=Job.Action.CHECK if dry_run else Job.Action.IMPORT, input_name=upload.name[:255]
    )
    job.input_file.save(upload.name, upload, save=False)
    job.save()
    return _dispatch(job, background=upload.size > SYNC_MAX_BYTES)


def import_confirm(*, actor, job: Job, confirm_rows=()) -> Job:
    """Import the file a successful check was run on; confirm_rows: the rows whose conflicts (a rename of a
    registered person) the user confirmed. A check with any other error cannot be imported, and a conflict left
    unconfirmed keeps the whole file out when it is imported."""
    if job.user_id != actor.pk or job.action != Job.Action.CHECK or job.status != Job.Status.SUCCEEDED:
        raise PermissionDenied
    if not confirmable(job):
        raise PermissionDenied
    rows = sorted({int(r) for r in confirm_rows})
    new = Job.objects.create(
        user=actor,
        kind=job.kind,
        action=Job.Action.IMPORT,
        input_name=job.input_name,
        input_file=job.input_file.name,
        params={"confirm": rows} if rows else {},
    )
    return _dispatch(new, background=job.input_file.size > SYNC_MAX_BYTES)


def confirmable(job: Job) -> bool:
    """Whether a check may be imported: no errors, or only conflicts the user may confirm row by row."""
    result = job.result or {}
    return not result.get("more_errors") and all(e.get("confirm") for e in result.get("errors", []))


def export_start(*, actor, kind: str, params: dict, rows_hint: int) -> Job:
    """Export a list with the user's filters; large exports run in the worker."""
    spec = EXPORTS[kind]
    if not scope.has_any(actor, spec.permission):
        raise PermissionDenied
    job = Job.objects.create(user=actor, kind=kind, action=Job.Action.EXPORT, params=params)
    return _dispatch(job, background=rows_hint > SYNC_MAX_ROWS)


def _dispatch(job: Job, *, background: bool) -> Job:
    if background:
        from .tasks import run_job

        transaction.on_commit(lambda: run_job.enqueue(job.pk))
        return job
    job_run(job.pk)
    job.refresh_from_db()
    return job


def job_run(job_id: int) -> None:
    """Run a job to its end; any failure marks it failed and, imports being one transaction, writes nothing."""
    job = Job.objects.select_related("user").get(pk=job_id)
    if job.status != Job.Status.QUEUED:
        return
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=now, heartbeat_at=now)

    last = [0.0]

    def progress(done: int, total: int) -> None:
        # At most two writes a second, however often the import reports.
        now = time.monotonic()
        if now - last[0] >= 0.5 or done >= total:
            last[0] = now
            Job.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=timezone.now())

    try:
        if job.action == Job.Action.EXPORT:
            data, name, rows = EXPORTS[job.kind].run(actor=job.user, params=job.params, progress=progress)
            job.output_file.save(name, ContentFile(data), save=False)
            job.output_name, job.result = name, {"rows": rows}
            job.done = job.total = rows
        else:
            with job.input_file.open("rb") as f:
                data = f.read()
            result = IMPORTS[job.kind].run(
                actor=job.user,
                data=data,
                filename=job.input_name,
                dry_run=job.action == Job.Action.CHECK,
                progress=progress,
                confirm=set((job.params or {}).get("confirm", ())),
            )
            job.result = result.as_dict()
            rows = len(result.table.rows) if result.table else 0
            job.done = job.total = rows
            if result.errors and result.table is not None:
                report = error_report(result.table.headers, result.table.rows, result.table.row_numbers, result.errors)
                name = file_name(_("Error report"), job.input_name.rsplit(".", 1)[0])
                job.output_file.save(name, ContentFile(report), save=False)
                job.output_name = name
        job.status = Job.Status.SUCCEEDED
    except Exception as exc:  # the job must end in a state the user can see
        log.exception("job %s failed", job.pk)
        job.status = Job.Status.FAILED
        job.message = _("The job failed and nothing was written: %(why)s") % {"why": exc}
    job.finished_at = timezone.now()
    job.save()


def jobs_fail_stale() -> int:
    """Jobs whose worker stopped (no heartbeat for a while) are marked failed; their import wrote nothing."""
    cutoff = timezone.now() - STALE_AFTER
    return Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=cutoff).update(
        status=Job.Status.FAILED,
        finished_at=timezone.now(),
        message=_("The worker stopped before the job ended; nothing of it was written. Start it again."),
    )
