"""An application's lesson hours: the lines behind them on its page, and a paper record added there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_ADMISSION, VIEW_ADMISSION
from tuanwu.meetings.services.lessons import lesson_credit_add
from tuanwu.organizations import scope

from .. import selectors
from ..forms import LessonCreditForm
from ..models import Application


def lesson_context(request, app: Application) -> dict:
    """The application page's lesson hours, and the paper-record form for the branch before the candidacy."""
    found = selectors.application_lessons(request.user, app)
    return {
        "lessons": found["record"],
        "lessons_until": found["until"],
        "lessons_required": found["required"],
        "lesson_form": LessonCreditForm() if found["can_add"] else None,
        "lesson_action": reverse("admission:lesson_credit_add", args=[app.pk]),
    }


@login_required
@require_POST
def lesson_credit_create(request, pk: int):
    app = selectors.application_get(request.user, pk, perm=VIEW_ADMISSION)
    scope.require(request.user, MANAGE_ADMISSION, app.organization)
    form = LessonCreditForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(" ".join(errs) for errs in form.errors.values()))
        return redirect("admission:detail", app.pk)
    if app.status not in selectors.LESSONS_OPEN:
        messages.error(request, _("The candidacy is decided: lesson hours before it can no longer be added here."))
        return redirect("admission:detail", app.pk)
    try:
        lesson_credit_add(actor=request.user, person=app.person, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, _("Paper record of %(hours)s lesson hours added.") % {"hours": form.cleaned_data["hours"]}
        )
    return redirect("admission:detail", app.pk)
