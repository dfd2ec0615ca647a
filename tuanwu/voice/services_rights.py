"""Every write of the rights mechanism around the cases: the county's experts, the schools' rights departments
(权益部), and the surveys of the rights research with their anonymous answers."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOICE
from tuanwu.core.phones import normalize_phone
from tuanwu.organizations import scope

from .models import Expert, RightsDepartment, Survey, SurveyResponse

if TYPE_CHECKING:
    from tuanwu.accounts.models import User
    from tuanwu.organizations.models import Organization
    from tuanwu.people.models import Person


def _county(actor: User) -> Organization:
    county = scope.county_for(actor, MANAGE_VOICE)
    if county is None:
        raise PermissionDenied(_("Only the county administrator registers experts."))
    return county


def expert_save(
    *,
    actor: User,
    expert: Expert | None = None,
    name: str,
    firm: str = "",
    phone: str = "",
    topics: list[str] | None = None,
    active: bool = True,
    person: Person | None = None,
) -> Expert:
    """Register an expert of the county (or change one) with the topics they take."""
    with transaction.atomic(), set_actor(actor):
        county = _county(actor)
        if expert is None:
            expert = Expert(organization=county)
        elif expert.organization_id != county.pk:
            raise PermissionDenied(_("The expert belongs to another county."))
        try:
            phone = normalize_phone(phone)
        except ValidationError as e:
            raise ValidationError({"phone": e.messages}, code="PHONE_INVALID") from e
        expert.name, expert.firm, expert.phone = (name or "").strip(), (firm or "").strip(), phone
        expert.topics, expert.active, expert.person = list(topics or []), active, person
        expert.full_clean()
        expert.save()
    return expert


def rights_department_set(
    *, actor: User, organization: Organization, since: datetime.date, head: Person | None = None
) -> RightsDepartment:
    """Record that a school's student union has a rights department (权益部), with its head (replacing the record)."""
    from .selectors_rights import is_school

    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOICE, organization)
        if not is_school(organization):
            raise ValidationError(
                {"organization": _("%(org)s is not a school's committee.") % {"org": organization}},
                code="RIGHTS_NOT_SCHOOL",
            )
        if head is not None and not head.organization.path.startswith(organization.path):
            raise ValidationError(
                {"head": _("The head is not a member of %(org)s.") % {"org": organization}}, code="RIGHTS_HEAD"
            )
        department = RightsDepartment.objects.select_for_update().filter(organization=organization).first()
        department = department or RightsDepartment(organization=organization)
        department.head, department.since = head, since
        department.full_clean()
        department.save()
    return department


# -- surveys ---------------------------------------------------------------------------------------------------

KIND_WORDS = {
    "single": Survey.Kind.SINGLE,
    "单选": Survey.Kind.SINGLE,
    "multiple": Survey.Kind.MULTIPLE,
    "多选": Survey.Kind.MULTIPLE,
    "text": Survey.Kind.TEXT,
    "文本": Survey.Kind.TEXT,
    "填空": Survey.Kind.TEXT,
}
QUESTIONS_MAX = 50


def survey_questions_parse(text: str) -> list[dict]:
    """Questions from lines ``单选: question | option | option``, ``多选: …`` or ``文本: question`` (English
    ``single``, ``multiple``, ``text`` too), one a line."""
    questions: list[dict] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        word, sep, rest = line.replace("：", ":").partition(":")
        kind = KIND_WORDS.get(word.strip().lower())
        if not sep or kind is None:
            raise ValidationError(
                {"questions": _("Line %(n)s: begin with 单选:, 多选: or 文本:.") % {"n": number}}, code="SURVEY_LINE"
            )
        parts = [p.strip() for p in rest.replace("｜", "|").split("|")]
        question, options = parts[0], [p for p in parts[1:] if p]
        if not question:
            raise ValidationError({"questions": _("Line %(n)s has no question.") % {"n": number}}, code="SURVEY_LINE")
        if kind != Survey.Kind.TEXT and len(options) < 2:
            raise ValidationError(
                {"questions": _("Line %(n)s: a choice needs at least two options.") % {"n": number}},
                code="SURVEY_OPTIONS",
            )
        if len(set(options)) != len(options):
            raise ValidationError(
                {"questions": _("Line %(n)s repeats an option.") % {"n": number}}, code="SURVEY_OPTIONS"
            )
        questions.append({"kind": str(kind), "text": question[:300], "options": options if kind != "text" else []})
    if not questions:
        raise ValidationError({"questions": _("Write at least one question.")}, code="SURVEY_EMPTY")
    if len(questions) > QUESTIONS_MAX:
        raise ValidationError(
            {"questions": _("At most %(n)s questions.") % {"n": QUESTIONS_MAX}}, code="SURVEY_TOO_LONG"
        )
    return questions


def survey_create(
    *,
    actor: User,
    organization: Organization,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    questions: str,
    intro: str = "",
) -> Survey:
    """A survey sent to the organization's subtree, reached through a link with a fresh secret token."""
    parsed = survey_questions_parse(questions)
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOICE, organization)
        if closes_on < opens_on:
            raise ValidationError({"closes_on": _("It closes before it opens.")}, code="SURVEY_DATES")
        survey = Survey(
            organization=organization,
            title=(title or "").strip(),
            intro=(intro or "").strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            questions=parsed,
            token=secrets.token_urlsafe(24),
            created_by=actor,
        )
        survey.full_clean()
        survey.save()
    return survey


def survey_is_open(survey: Survey, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.opens_on <= today <= survey.closes_on


def survey_answer(*, survey: Survey, answers: dict) -> SurveyResponse:
    """Keep one anonymous answer while the survey is open; every choice must be one of the question's options."""
    if not survey_is_open(survey):
        raise ValidationError(_("The survey is not open."), code="SURVEY_CLOSED")
    clean: dict[str, object] = {}
    for index, question in enumerate(survey.questions):
        key = str(index)
        value = answers.get(key)
        if question["kind"] == Survey.Kind.TEXT:
            text = str(value or "").strip()[:2000]
            if text:
                clean[key] = text
        elif question["kind"] == Survey.Kind.SINGLE:
            if value in (None, ""):
                continue
            if value not in question["options"]:
                raise ValidationError({key: _("Choose one of the options.")}, code="SURVEY_OPTION")
            clean[key] = value
        else:
            values = [v for v in (value or []) if v]
            if not set(values) <= set(question["options"]):
                raise ValidationError({key: _("Choose among the options.")}, code="SURVEY_OPTION")
            if values:
                clean[key] = [o for o in question["options"] if o in values]
    if not clean:
        raise ValidationError(_("Answer at least one question."), code="SURVEY_EMPTY_ANSWER")
    with transaction.atomic():
        return SurveyResponse.objects.create(survey=survey, answers=clean, at=timezone.now())
