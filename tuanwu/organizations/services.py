"""Every write to the organization tree."""

from __future__ import annotations

import datetime
import unicodedata
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import uscc

from tuanwu.accounts.roles import CHANGE_ORGANIZATION
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.phones import normalize_phone

from . import scope
from .models import BRANCH_KINDS, STUDENT_SECTORS, Kind, Organization

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

EDITABLE_FIELDS = (
    "code",
    "name",
    "full_name",
    "kind",
    "sector",
    "park",
    "unified_code",
    "unit_name",
    "contact_phone",
    "email",
    "address",
    "term_start",
    "term_end",
)


def _check_placement(kind: str, parent: Organization | None) -> None:
    if parent is None:
        if kind != Kind.COUNTY_COMMITTEE:
            raise ValidationError(_("Only a county committee can stand at the top of the tree."), code="ORG_ROOT_KIND")
        return
    if kind == Kind.COUNTY_COMMITTEE:
        raise ValidationError(_("A county committee cannot stand under another organization."), code="ORG_ROOT_KIND")
    if parent.kind in BRANCH_KINDS:
        raise ValidationError(
            _("%(parent)s is a branch; a branch cannot have sub-organizations.") % {"parent": parent.name},
            code="ORG_PARENT_IS_BRANCH",
        )
    if parent.status != Organization.Status.ACTIVE:
        raise ValidationError(
            _("%(parent)s is dissolved and cannot take sub-organizations.") % {"parent": parent.name},
            code="ORG_PARENT_DISSOLVED",
        )


def organization_clean(fields: dict) -> dict:
    """Normalize an organization's fields; every problem is reported at once, each with its field.

    Used by the services and, row by row, by the import, so both apply the same rules.
    """
    fields = dict(fields)
    problems: dict[str, list[ValidationError]] = {}
    if fields.get("contact_phone"):
        try:
            fields["contact_phone"] = normalize_phone(fields["contact_phone"])
        except ValidationError as e:
            problems["contact_phone"] = [ValidationError(m, code="PHONE_INVALID") for m in e.messages]
    code = unicodedata.normalize("NFKC", fields.get("unified_code") or "").strip().upper()
    if code:
        if not uscc.is_valid(code):
            problems["unified_code"] = [
                ValidationError(
                    _("%(code)s is not a valid unified social credit code.") % {"code": code}, code="ORG_USCC_INVALID"
                )
            ]
        fields["unified_code"] = code
    if fields.get("email"):
        try:
            validate_email(fields["email"])
        except ValidationError:
            problems["email"] = [ValidationError(_("Not a valid e-mail address."), code="EMAIL_INVALID")]
    for name in ("code", "name", "full_name"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if problems:
        raise ValidationError(problems)
    return fields


def organization_create(*, actor: User | None, parent: Organization | None, **fields) -> Organization:
    """Add an organization under parent; only a county committee may be a root (created by setup)."""
    fields = organization_clean(fields)
    with transaction.atomic(), set_actor(actor):
        if parent is not None:
            parent = Organization.objects.select_for_update().get(pk=parent.pk)
            if actor is not None:
                scope.require(actor, CHANGE_ORGANIZATION, parent)
        elif actor is not None and not actor.is_superuser:
            raise ValidationError(_("Only a system administrator can create a county committee."), code="ORG_ROOT_KIND")
        _check_placement(fields.get("kind", ""), parent)
        org = Organization(parent=parent, **fields)
        org.path, org.depth = "0" * Organization.steplen, 1  # placeholders so full_clean passes
        org.full_clean(exclude=["path", "depth", "numchild"])
        if parent is None:
            return Organization.objects.add_root(instance=org)
        return Organization.objects.add_child(parent, instance=org)


def organization_update(
    *, actor: User, organization: Organization, version: int | None = None, **fields
) -> Organization:
    """Change an organization's own fields (not its place in the tree: see organization_move)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    fields = organization_clean(fields)
    with transaction.atomic(), set_actor(actor):
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        scope.require(actor, CHANGE_ORGANIZATION, org)
        refuse_stale(org, version)
        if "kind" in fields and fields["kind"] != org.kind:
            _check_placement(fields["kind"], org.parent)
            if fields["kind"] in BRANCH_KINDS and org.numchild:
                raise ValidationError(
                    _("This organization has sub-organizations, so it cannot become a branch."),
                    code="ORG_PARENT_IS_BRANCH",
                )
        for name, value in fields.items():
            setattr(org, name, value)
        versioned_save(org)
        return org


def organization_move(*, actor: User, organization: Organization, new_parent: Organization) -> Organization:
    """Move an organization with its whole subtree under another parent; roles and people follow it."""
    with transaction.atomic(), set_actor(actor):
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        target = Organization.objects.select_for_update().get(pk=new_parent.pk)
        scope.require(actor, CHANGE_ORGANIZATION, org)
        scope.require(actor, CHANGE_ORGANIZATION, target)
        if org.parent_id is None:
            raise ValidationError(_("The county committee cannot be moved."), code="ORG_MOVE_ROOT")
        if target.path.startswith(org.path):
            raise ValidationError(
                _("%(org)s cannot move under itself or one of its own sub-organizations.") % {"org": org.name},
                code="ORG_MOVE_INTO_SUBTREE",
            )
        if target.pk == org.parent_id:
            return org
        _check_placement(org.kind, target)
        Organization.objects.move(org, target, "last-child")
        org.refresh_from_db()
        org.parent = target
        versioned_save(org, update_fields=["parent", "updated_at"])
        return org


def organization_dissolve(
    *, actor: User, organization: Organization, on: datetime.date | None = None, reason: str = ""
) -> Organization:
    """Dissolve an organization that has no active sub-organizations and no people left in it."""
    with transaction.atomic(), set_actor(actor):
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        scope.require(actor, CHANGE_ORGANIZATION, org)
        if org.parent_id is None:
            raise ValidationError(_("The county committee cannot be dissolved."), code="ORG_DISSOLVE_ROOT")
        if org.status == Organization.Status.DISSOLVED:
            raise ValidationError(_("%(org)s is already dissolved.") % {"org": org.name}, code="ORG_ALREADY_DISSOLVED")
        active_children = org.children.filter(status=Organization.Status.ACTIVE).count()
        if active_children:
            raise ValidationError(
                _("%(org)s still has %(n)d active sub-organizations; move or dissolve them first.")
                % {"org": org.name, "n": active_children},
                code="ORG_DISSOLVE_NOT_EMPTY",
            )
        # Reverse relation from the people app: anyone still registered here must be moved first.
        people = org.people.count()
        if people:
            raise ValidationError(
                _("%(org)s still has %(n)d people registered; move them to another organization first.")
                % {"org": org.name, "n": people},
                code="ORG_DISSOLVE_NOT_EMPTY",
            )
        org.status = Organization.Status.DISSOLVED
        org.dissolved_on = on or timezone.localdate()
        org.dissolution_reason = reason
        versioned_save(org, update_fields=["status", "dissolved_on", "dissolution_reason", "updated_at"])
        return org


def organizations_set_graduation(
    *, actor: User, organizations: list[Organization], date: datetime.date | None
) -> list[Organization]:
    """Set (or, with None, clear) the expected graduation date of a selection of school class branches at once.

    Each must be a branch of a school, and the actor must be able to change the organization above it (the
    committee sets its classes' dates); one refusal changes none of them."""
    with transaction.atomic(), set_actor(actor):
        orgs = list(
            Organization.objects.select_for_update(of=("self",))
            .filter(pk__in=[o.pk for o in organizations])
            .select_related("parent")
            .order_by("path")
        )
        for org in orgs:
            scope.require(actor, CHANGE_ORGANIZATION, org.parent or org)
            if org.kind not in BRANCH_KINDS or org.sector not in STUDENT_SECTORS:
                raise ValidationError(
                    _("%(name)s is not a school class branch: only those have a graduation date.") % {"name": org.name},
                    code="ORG_NOT_SCHOOL_CLASS",
                )
        for org in orgs:
            org.graduates_on = date
            versioned_save(org, update_fields=["graduates_on"])
        return orgs


def organization_set_founded(
    *, actor: User, organization: Organization, founded_on: datetime.date | None, version: int | None = None
) -> Organization:
    """Enter (or, with None, clear) an organization's founding date as its founding record gives it: never after
    today or after its dissolution. Counts "as of" a day read it, so last year's figures follow the record."""
    with transaction.atomic(), set_actor(actor):
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        scope.require(actor, CHANGE_ORGANIZATION, org)
        refuse_stale(org, version)
        if founded_on is not None and founded_on > timezone.localdate():
            raise ValidationError(
                {
                    "founded_on": [
                        ValidationError(_("The founding date cannot be in the future."), code="ORG_FOUNDED_FUTURE")
                    ]
                }
            )
        if founded_on is not None and org.dissolved_on is not None and founded_on > org.dissolved_on:
            raise ValidationError(
                {
                    "founded_on": [
                        ValidationError(
                            _("The founding date cannot come after the dissolution on %(day)s.")
                            % {"day": org.dissolved_on.isoformat()},
                            code="ORG_FOUNDED_AFTER_DISSOLVED",
                        )
                    ]
                }
            )
        org.founded_on = founded_on
        versioned_save(org, update_fields=["founded_on", "updated_at"])
        return org
