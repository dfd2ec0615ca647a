"""The applicant's own page: where the application stands and what is still missing."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from .. import selectors
from ..models import Application


@login_required
def mine(request):
    person_id = getattr(request.user, "person_id", None)
    if not person_id:
        raise Http404
    apps = list(
        Application.objects.filter(person_id=person_id)
        .select_related("organization", "meeting")
        .order_by("-applied_on")
    )
    current = next((a for a in apps if a.status not in (Application.Status.ADMITTED, Application.Status.CLOSED)), None)
    return render(
        request,
        "admission/mine.html",
        {
            "apps": apps,
            "current": current,
            "steps": current.steps.all() if current else [],
            "missing": selectors.missing_for_next(current) if current else [],
            "due": selectors.due_date(current)[0] if current else None,
        },
    )
