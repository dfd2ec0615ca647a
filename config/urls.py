from django.contrib import admin
from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

from .api import api


def healthz(request):
    """200 "ok" when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


# Only superusers reach the Django admin.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("tuanwu.accounts.urls")),
    path("organizations/", include("tuanwu.organizations.urls")),
    path("people/", include("tuanwu.people.urls")),
    path("audit/", include("tuanwu.audit.urls")),
    path("volunteering/", include("tuanwu.volunteering.urls")),
    path("admission/", include("tuanwu.admission.urls")),
    path("study/", include("tuanwu.study.urls")),
    path("meetings/", include("tuanwu.meetings.urls")),
    path("voice/", include("tuanwu.voice.urls")),
    path("coverage/", include("tuanwu.coverage.urls")),
    path("duties/", include("tuanwu.duties.urls")),
    path("care/", include("tuanwu.care.urls")),
    path("contacts/", include("tuanwu.contacts.urls")),
    path("programs/", include("tuanwu.programs.urls")),
    path("publicity/", include("tuanwu.publicity.urls")),
    path("lifecycle/", include("tuanwu.lifecycle.urls")),
    path("plan/", include("tuanwu.plan.urls")),
    path("jobs/", include("tuanwu.jobs.urls")),
    path("", include("tuanwu.dashboards.urls")),
]
