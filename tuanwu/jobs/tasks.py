"""The background task behind large imports and exports (django-tasks, database queue)."""

from django_tasks import task

from .services import job_run


@task()
def run_job(job_id: int) -> None:
    job_run(job_id)
