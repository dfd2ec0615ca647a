"""The evaluation and registration pages as .xlsx: the same selectors and scope as the pages, one row per member."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_LIFECYCLE
from tuanwu.core.downloads import file_name
from tuanwu.core.params import YEAR_MAX, YEAR_MIN, parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where
from tuanwu.sheets.writer import Writer

from .models.evaluation import Evaluation, EvaluationEntry, Grade, Registration
from .selectors import evaluation as selectors


def _params(actor, params: dict):
    try:
        year = min(max(int((params or {}).get("year") or timezone.localdate().year), YEAR_MIN), YEAR_MAX)
    except ValueError:
        year = timezone.localdate().year
    pk = parse_id((params or {}).get("organization"))
    if pk is not None:
        organization = organizations_where(actor, VIEW_LIFECYCLE).filter(pk=pk).first()
    else:
        organization = scope.root_for(actor, VIEW_LIFECYCLE)
    if organization is None:
        raise Http404
    return organization, year


def evaluation_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """Every member of the evaluations of the year under the organization: grade, follow-up and appeal."""
    organization, year = _params(actor, params)
    grades = dict(Grade.choices)
    entries = (
        selectors.evaluation_list(actor)
        .filter(organization__path__startswith=organization.path, year=year)
        .values_list("pk", flat=True)
    )
    rows = (
        EvaluationEntry.objects.filter(evaluation_id__in=list(entries))
        .select_related("evaluation", "organization", "membership__person")
        .order_by("organization__path", "membership__person__name_pinyin", "pk")
    )
    statuses = dict(Evaluation.Status.choices)
    writer = Writer()
    count = writer.sheet(
        _("Evaluation %(year)s") % {"year": year},
        [
            _("Branch"),
            _("Name"),
            _("Status"),
            _("Takes part"),
            _("Grade"),
            _("Grade on re-evaluation"),
            _("Talk held on"),
            _("Rectification until"),
            _("Appeal"),
            _("Answer to the appeal"),
        ],
        (
            [
                e.organization.name,
                e.membership.person.name,
                str(statuses.get(e.evaluation.status, "")),
                _("Yes") if e.evaluated else _("No"),
                str(grades.get(e.grade, "")),
                str(grades.get(e.regrade, "")),
                e.talk_on,
                e.rectification_until,
                e.appeal,
                e.appeal_answer,
            ]
            for e in rows
        ),
    )
    return writer.close(), file_name(_("Evaluation grades"), year), count


def registration_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """Every active member under the organization with the year's registration (unregistered ones included)."""
    organization, year = _params(actor, params)
    grades = dict(Grade.choices)
    statuses = dict(Registration.Status.choices)
    rows = selectors.registration_rows(actor, organization, year)
    writer = Writer()
    count = writer.sheet(
        _("Registration %(year)s") % {"year": year},
        [
            _("Branch"),
            _("Name"),
            _("Grade"),
            _("Status"),
            _("Registered on"),
            _("Deferred until"),
            _("Reason"),
            _("Outcome"),
        ],
        (
            [
                r.membership.organization.name,
                r.membership.person.name,
                str(grades.get(r.grade or "", "")),
                str(statuses[r.registration.status]) if r.registration else _("Not registered"),
                r.registration.registered_on if r.registration else None,
                r.registration.deferred_until if r.registration else None,
                r.registration.reason if r.registration else "",
                r.registration.outcome if r.registration else "",
            ]
            for r in rows
        ),
    )
    return writer.close(), file_name(_("Registrations"), year), count
