"""Quotas: the year's admissions handed down the tree, with the ranges of development numbers drawn for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_ADMISSION
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from ..models import Quota
from ..selectors import quota_for, quota_used

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def quota_set(
    *,
    actor: User,
    organization: Organization,
    year: int,
    count: int,
    number_from: str = "",
    number_to: str = "",
    version: int | None = None,
) -> Quota:
    """Hand an organization its year's quota: the county's by a county administrator, others by the committee
    above; children's quotas add up to at most the parent's, and number ranges nest and do not overlap."""
    number_from, number_to = (number_from or "").strip(), (number_to or "").strip()
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, APPROVE_ADMISSION, organization.parent or organization)
        problems = _problems(organization, year, count, number_from, number_to)
        if problems:
            raise field_error(problems, code="QUOTA_INVALID")
        quota = Quota.objects.select_for_update().filter(organization=organization, year=year).first()
        if quota is None:
            quota = Quota(organization=organization, year=year)
        else:
            refuse_stale(quota, version)
            used = quota_used(quota)
            if count < used:
                raise field_error(
                    {"count": _("%(used)d admissions are already approved this year.") % {"used": used}},
                    code="QUOTA_BELOW_USED",
                )
        quota.count, quota.number_from, quota.number_to = count, number_from, number_to
        versioned_save(quota)
    return quota


def _problems(organization: Organization, year: int, count: int, number_from: str, number_to: str) -> dict[str, str]:
    """What is wrong with the quota by field: its range, its count against the parent's and the children's."""
    parent = organization.parent
    problems = {}
    if (number_from or number_to) and not _valid_range(number_from, number_to, year):
        problems["number_from"] = _(
            "A range is two 12-digit numbers beginning with %(year)d, the first not above the last."
        ) % {"year": year}
    parent_quota = quota_for(parent, year) if parent else None
    siblings = Quota.objects.filter(year=year, organization__parent=parent).exclude(organization=organization)
    if parent_quota is not None:
        given = sum(q.count for q in siblings.filter(organization__path__startswith=parent_quota.organization.path))
        if given + count > parent_quota.count:
            problems["count"] = _(
                "%(org)s has %(total)d admissions for %(year)d and has handed out %(given)d; %(count)d more do not fit."
            ) % {
                "org": parent_quota.organization.name,
                "total": parent_quota.count,
                "year": year,
                "given": given,
                "count": count,
            }
        if (
            number_from
            and parent_quota.number_from
            and not (parent_quota.number_from <= number_from and number_to <= parent_quota.number_to)
        ):
            problems["number_from"] = _("The range must lie within %(from)s–%(to)s.") % {
                "from": parent_quota.number_from,
                "to": parent_quota.number_to,
            }
    handed = sum(q.count for q in Quota.objects.filter(year=year, organization__parent=organization))
    if count < handed:
        problems["count"] = _("%(handed)d admissions are already handed to the organizations below.") % {
            "handed": handed
        }
    if (
        number_from
        and siblings.filter(~Q(number_from=""), number_from__lte=number_to, number_to__gte=number_from).exists()
    ):
        problems["number_from"] = _("The range overlaps another organization's.")
    return problems


def _valid_range(first: str, last: str, year: int) -> bool:
    return all(len(n) == 12 and n.isdigit() and n[:4] == str(year) for n in (first, last)) and first <= last
