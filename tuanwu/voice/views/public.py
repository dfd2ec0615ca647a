"""The public 青年之声 pages, no login: file a case, then follow, add to, rate or reopen it with the tracking
number and the secret code."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate

from .. import selectors, services_cases
from ..forms import AddForm, AskForm, RateForm, ReopenForm, TrackForm
from ..models import Case
from ..ratelimit import allow

SESSION_KEY = "voice_cases"


def _too_many(request):
    return render(request, "voice/too_many.html", status=429)


@require_http_methods(["GET", "POST"])
def ask(request):
    form = AskForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not allow("submit", request.META.get("REMOTE_ADDR")):
            return _too_many(request)
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                # A program filled the hidden field: answer as if accepted, keep nothing.
                return render(request, "voice/ask_done.html", {"case": None})
            try:
                case, code = services_cases.case_file(
                    category=data["category"],
                    subtype=data["subtype"],
                    organization=data["organization"],
                    unit_text=data["unit_text"],
                    description=data["description"],
                    anonymous=data["anonymous"],
                    contact_name=data["contact_name"],
                    contact_phone=data["contact_phone"],
                    consent_publish=data["consent_publish"],
                    uploads=request.FILES.getlist("attachments"),
                )
            except ValidationError as e:
                attach_errors(form, e)
            else:
                _remember(request, case)
                return render(request, "voice/ask_done.html", {"case": case, "code": code}, status=201)
    return render(request, "voice/ask.html", {"form": form})


def _remember(request, case: Case) -> None:
    numbers = [n for n in request.session.get(SESSION_KEY, []) if n != case.number][-9:]
    request.session[SESSION_KEY] = [*numbers, case.number]


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if not allow("track", request.META.get("REMOTE_ADDR")):
            return _too_many(request)
        if form.is_valid():
            case = services_cases.case_verify(form.cleaned_data["number"], form.cleaned_data["code"])
            if case is not None:
                _remember(request, case)
                return redirect("voice:track_case", number=case.number)
            form.add_error(None, _("No case matches this tracking number and code."))
    return render(request, "voice/track.html", {"form": form})


@require_http_methods(["GET", "POST"])
def track_case(request, number: str):
    if number not in request.session.get(SESSION_KEY, []):
        return redirect("voice:track")
    case = selectors.public_case_get(number)
    forms = {"add": AddForm(), "rate": RateForm(), "reopen": ReopenForm()}
    if request.method == "POST":
        action = request.POST.get("action", "")
        form_class = {"add": AddForm, "rate": RateForm, "reopen": ReopenForm}.get(action)
        if form_class is None:
            return redirect("voice:track_case", number=number)
        form = forms[action] = form_class(request.POST)
        if form.is_valid():
            try:
                if action == "add":
                    services_cases.case_add(case=case, body=form.cleaned_data["body"])
                elif action == "rate":
                    services_cases.case_rate(
                        case=case, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
                    )
                else:
                    services_cases.case_reopen(case=case, reason=form.cleaned_data["reason"])
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Thank you: it has been recorded."))
                return redirect("voice:track_case", number=number)
    context = {
        "case": case,
        "events": selectors.case_public_events(case),
        "resolved": case.status == Case.Status.RESOLVED,
        "merged": case.status == Case.Status.MERGED,
        "merged_into": case.merged_into.number if case.merged_into_id else "",
        "merged_events": selectors.merged_events(case),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "voice/track_case.html", context)


def answers(request):
    """The reviewed, anonymized questions and answers, searchable."""
    q = request.GET.get("q", "")[:50]
    page = paginate(request, selectors.published_list(q))
    return render(request, "voice/answers.html", {"page": page, "q": q})


SURVEYS_KEY = "voice_surveys"


@require_http_methods(["GET", "POST"])
def survey_answer(request, token: str):
    """A survey reached by its link: anonymous, no login; one answer per visit (kept in the session)."""
    from django.http import Http404

    from .. import selectors_rights, services_rights
    from ..forms import SurveyAnswerForm

    survey = selectors_rights.survey_by_token(token)
    if survey is None:
        raise Http404
    answered = survey.pk in request.session.get(SURVEYS_KEY, [])
    is_open = services_rights.survey_is_open(survey)
    form = SurveyAnswerForm(request.POST or None, questions=survey.questions)
    if request.method == "POST" and is_open and not answered:
        if not allow("survey", request.META.get("REMOTE_ADDR")):
            return _too_many(request)
        if form.is_valid():
            if form.cleaned_data.pop("website"):
                return render(request, "voice/survey_thanks.html", {"survey": survey})
            try:
                services_rights.survey_answer(survey=survey, answers=form.cleaned_data)
            except ValidationError as e:
                attach_errors(form, e)
            else:
                request.session[SURVEYS_KEY] = [*request.session.get(SURVEYS_KEY, [])[-19:], survey.pk]
                return render(request, "voice/survey_thanks.html", {"survey": survey}, status=201)
    context = {"survey": survey, "form": form, "open": is_open, "answered": answered}
    return render(request, "voice/survey_answer.html", context)
