"""Pages of 团校 classes and training courses (list, form, roster, sessions, completion, graduates) and the
member's own organizational life (a phone page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_MEETING, VIEW_MEETING
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.core.params import YEAR_MAX, YEAR_MIN, parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from ..forms.courses import CompleteForm, CourseFilter, CourseForm, ReasonForm
from ..forms.recording import MeetingForm, posted_lines, roster_lines
from ..models import Course, Enrollment, Kind
from ..selectors import courses as sel
from ..selectors.recording import campaigns_for
from ..services import courses as svc
from ..services.meetings import LESSON_KINDS


def _organizers(user):
    return organizations_where(user, MANAGE_MEETING).filter(kind__in=sorted(svc.ORGANIZER_KINDS))


@login_required
def course_list(request):
    scope.require_any(request.user, VIEW_MEETING)
    filters = CourseFilter(request.GET)
    page = paginate(request, filters.filter(sel.course_list(request.user)))
    return render(
        request,
        "meetings/courses_list.html",
        {"filters": filters, "page": page, "can_create": _organizers(request.user).exists()},
    )


def _course_form_page(request, form, course=None, organizers=None):
    return render(request, "meetings/courses_form.html", {"form": form, "course": course, "organizers": organizers})


@login_required
def course_create(request):
    organizers = list(_organizers(request.user)[:500])
    if not organizers:
        raise Http404
    form = CourseForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        pk = parse_id(request.POST.get("organization"))
        organization = next((o for o in organizers if o.pk == pk), None)
        if organization is None:
            form.add_error(None, _("Choose the organizer."))
        else:
            try:
                course = svc.course_create(actor=request.user, organization=organization, **form.service_fields())
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Course %(title)s opened.") % {"title": course.title})
                return redirect("meetings:course_detail", course.pk)
    return _course_form_page(request, form, organizers=organizers)


def _writable(request, pk: int) -> Course:
    course = sel.course_get(request.user, pk)
    if not sel.course_writable(request.user, course):
        raise Http404
    return course


@login_required
def course_edit(request, pk: int):
    course = _writable(request, pk)
    form = CourseForm(request.POST or None, instance=course, initial={"version": course.version})
    if request.method == "POST" and form.is_valid():
        try:
            svc.course_update(
                actor=request.user,
                course=Course.objects.get(pk=course.pk),
                version=form.cleaned_data.get("version"),
                **form.service_fields(),
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Course saved."))
            return redirect("meetings:course_detail", course.pk)
    return _course_form_page(request, form, course=course)


@login_required
def course_detail(request, pk: int):
    course = sel.course_get(request.user, pk)
    can_edit = sel.course_writable(request.user, course)
    q = (request.GET.get("q") or "").strip()
    return render(
        request,
        "meetings/courses_detail.html",
        {
            "course": course,
            "rule": sel.rule_text(course),
            "roster": sel.course_roster(course),
            "sessions": list(sel.course_sessions(course)),
            "can_edit": can_edit,
            "q": q,
            "candidates": list(sel.enrollable_people(course, q=q)) if can_edit and q else [],
        },
    )


@login_required
@require_POST
def enrollment_add(request, pk: int):
    course = _writable(request, pk)
    ids = [i for i in (parse_id(v) for v in request.POST.getlist("people")) if i is not None]
    people = sel.people_for_enrollment(course, ids)
    try:
        if len(people) != len(set(ids)):
            raise ValidationError(
                _("Some of the people chosen are not in the organizer's organizations."), code="ENROLLEE_OUTSIDE"
            )
        added = svc.enrollment_add(actor=request.user, course=course, people=people)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(n)d enrolled.") % {"n": len(added)})
    return redirect("meetings:course_detail", course.pk)


def _enrollment(course: Course, enrollment_pk: int) -> Enrollment:
    return sel.enrollment_get(course, pk=enrollment_pk)


@login_required
@require_POST
def enrollment_remove(request, pk: int, enrollment_pk: int):
    course = _writable(request, pk)
    row = _enrollment(course, enrollment_pk)
    svc.enrollment_remove(actor=request.user, enrollment=row)
    messages.success(request, _("%(name)s taken off the roster.") % {"name": row.person.name})
    return redirect("meetings:course_detail", course.pk)


@login_required
@require_POST
def enrollment_complete(request, pk: int, enrollment_pk: int):
    course = _writable(request, pk)
    row = _enrollment(course, enrollment_pk)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(v) for v in form.errors.values()))
        return redirect("meetings:course_detail", course.pk)
    d = form.cleaned_data
    try:
        svc.enrollment_complete(
            actor=request.user,
            enrollment=row,
            version=d.get("version"),
            completed_on=d.get("completed_on"),
            override=d["override"],
            reason=d["reason"],
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(name)s completed the course.") % {"name": row.person.name})
    return redirect("meetings:course_detail", course.pk)


@login_required
@require_POST
def enrollment_reopen(request, pk: int, enrollment_pk: int):
    course = _writable(request, pk)
    row = _enrollment(course, enrollment_pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        svc.enrollment_reopen(
            actor=request.user,
            enrollment=row,
            reason=form.cleaned_data.get("reason") or "",
            version=form.cleaned_data.get("version"),
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The completion of %(name)s was taken back.") % {"name": row.person.name})
    return redirect("meetings:course_detail", course.pk)


@login_required
@require_POST
def course_complete(request, pk: int):
    course = _writable(request, pk)
    try:
        done = svc.course_complete_met(actor=request.user, course=course)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(n)d completed by the course's rule.") % {"n": done})
    return redirect("meetings:course_detail", course.pk)


@login_required
def session_create(request, pk: int):
    course = _writable(request, pk)
    people = sel.session_roster(course)
    form = MeetingForm(
        request.POST or None,
        initial={"held_on": timezone.localdate(), "kind": Kind.COURSE_SESSION, "topic": course.title},
        people=people,
        campaigns=campaigns_for(course.organization),
    )
    form.fields["kind"].choices = [(Kind.COURSE_SESSION.value, Kind.COURSE_SESSION.label)]
    lines = roster_lines(people)
    if request.method == "POST":
        attendance, lines, shape_errors = posted_lines(request.POST, people)
        for error in shape_errors:
            form.add_error(None, error)
        if form.is_valid() and not shape_errors:
            fields = form.service_fields()
            try:
                meeting = svc.course_session_record(
                    actor=request.user,
                    course=course,
                    attendance=attendance,
                    campaigns=form.cleaned_data.get("campaigns") or (),
                    **fields,
                )
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Session recorded."))
                return redirect("meetings:meeting_detail", meeting.pk)
    return render(
        request,
        "meetings/recording_form.html",
        {
            "form": form,
            "lines": lines,
            "organization": course.organization,
            "course": course,
            "lesson_kinds": [k.value for k in LESSON_KINDS],
        },
    )


@login_required
def graduates(request, pk: int):
    course = sel.course_get(request.user, pk)
    return render(
        request,
        "meetings/courses_graduates.html",
        {"course": course, "rows": sel.graduates(course), "today": timezone.localdate()},
    )


def _year(request) -> int:
    year = parse_id(request.GET.get("year"))
    today = timezone.localdate()
    return year if year is not None and YEAR_MIN <= year <= YEAR_MAX else today.year


@login_required
def my_life(request):
    person = sel.own_person(request.user)
    if person is None:
        raise Http404
    year = _year(request)
    return render(request, "meetings/courses_my.html", {"life": sel.my_life(person, year), "year": year})
