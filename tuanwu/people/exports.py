"""Exporting the people list: the page's own filter and scope, personal data masked unless the exporter
may see it, and every export written to the access log."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tuanwu.audit.models import AccessLog
from tuanwu.audit.services import access_log_record
from tuanwu.core.downloads import dated_name
from tuanwu.core.masking import mask_birth_date, mask_id_number, mask_phone
from tuanwu.organizations import scope
from tuanwu.sheets.writer import Writer

from .choices import Education, Ethnicity, Gender, Occupation, PoliticalStatus
from .filters import PersonFilter
from .selectors import person_list, personal_data_clear_path
from .sheets import member_spec
from .workflow import MembershipStatus

CHUNK = 2000
VALUES = (
    "pk",
    "name",
    "id_number",
    "gender",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "occupation",
    "unit",
    "phone",
    "email",
    "organization__full_name",
    "organization__code",
    "organization__path",
    "membership__join_date",
    "membership__development_number",
    "membership__status",
)


def member_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered people list as .xlsx, in the import's own layout so it can be edited and imported back."""
    form = PersonFilter({k: v for k, v in params.items() if v not in (None, "")}, actor=actor)
    qs = form.filter(person_list(actor)).prefetch_related(None).values_list(*VALUES)
    total = qs.count()
    labels = {
        "gender": dict(Gender.choices),
        "ethnicity": dict(Ethnicity.choices),
        "political_status": dict(PoliticalStatus.choices),
        "education": dict(Education.choices),
        "occupation": dict(Occupation.choices),
        "status": dict(MembershipStatus.choices),
    }
    clear_rows = 0

    def label(kind, value):
        return str(labels[kind].get(value, value or ""))

    def rows():
        nonlocal clear_rows
        for i, r in enumerate(qs.iterator(chunk_size=CHUNK)):
            (
                pk,
                name,
                id_number,
                gender,
                birth,
                ethnicity,
                political,
                education,
                occupation,
                unit,
                phone,
                email,
                org_name,
                org_code,
                org_path,
                join,
                dev,
                status,
            ) = r
            clear = personal_data_clear_path(actor, org_path, pk)
            clear_rows += clear
            yield [
                name,
                id_number if clear else mask_id_number(id_number),
                label("gender", gender),
                birth if clear else mask_birth_date(birth),
                label("ethnicity", ethnicity),
                label("political_status", political),
                label("education", education),
                label("occupation", occupation),
                unit,
                phone if clear else mask_phone(phone),
                email,
                org_name,
                org_code,
                join,
                dev,
                label("status", status) if status else "",
            ]
            if progress and i % CHUNK == 0:
                progress(i, total)

    writer = Writer()
    headers = [c.header for c in member_spec().columns]
    with transaction.atomic():
        count = writer.sheet(str(_("Members")), headers, rows())
        data = writer.close()
        roots = scope.visible_roots(actor) or []
        if roots and count:
            access_log_record(
                actor=actor,
                action=AccessLog.Action.EXPORT,
                organization=roots[0],
                subject=_("People list export (%(n)d rows, %(c)d with ID numbers and phones in clear)")
                % {"n": count, "c": clear_rows},
                fields=["id_number", "phone"] if clear_rows else ["masked"],
                rows=count,
            )
    name = dated_name(_("Members"))
    return data, name, count
