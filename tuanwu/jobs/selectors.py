"""A user's own jobs."""

from django.http import Http404

from .models import Job
from .services import jobs_fail_stale


def job_list(user):
    """The user's jobs, newest first (stale running jobs are failed first)."""
    jobs_fail_stale()
    return Job.objects.filter(user=user)


def job_get(user, pk: int) -> Job:
    """One of the user's own jobs, or 404: jobs and their files belong to whoever started them."""
    job = Job.objects.filter(user=user, pk=pk).first()
    if job is None:
        raise Http404
    return job
