"""The one filter of the people list, shared by the page, the API and exports."""

from __future__ import annotations

import unicodedata

from django import forms
from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from tuanwu.accounts.roles import VIEW_PERSON, VIEW_PERSONAL_DATA
from tuanwu.core.idcard import upgrade_15
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization, Sector, subtree_range

from . import services
from .choices import CadreKind
from .selectors import birth_range_for_age
from .workflow import ACTIVE_STATES, MembershipStatus

AGE_BANDS = {
    "14-17": (14, 17),
    "18-22": (18, 22),
    "23-28": (23, 28),
    "29-35": (29, 35),
    "over28": (28, None),
}
AGE_BAND_CHOICES = [
    ("", _("Any age")),
    ("14-17", _("14–17 (minors)")),
    ("18-22", "18–22"),
    ("23-28", "23–28"),
    ("29-35", "29–35"),
    ("over28", _("Over 28 (age-out)")),
]
STATUS_CHOICES = [
    ("", _("Anyone")),
    ("members", _("Active members")),
    ("youth", _("Not members")),
    *MembershipStatus.choices,
]
# Unsorted lists follow the (organization, initials) index: people grouped by organization, no sort step.
DEFAULT_SORT = ("organization_id", "name_initials", "pk")
SORTS = {
    "name": ("name_initials", "pk"),
    "-name": ("-name_initials", "-pk"),
    "birth": ("birth_date", "pk"),
    "-birth": ("-birth_date", "-pk"),
    "org": ("organization__path", "name_initials", "pk"),
    "-org": ("-organization__path", "-name_initials", "-pk"),
    "joined": ("membership__join_date", "pk"),
    "-joined": ("-membership__join_date", "-pk"),
}


class PersonFilter(forms.Form):
    """Searching by ID number or phone is a use of personal data: only where the actor holds the right to see
    it, and written to the access log. Others search by name and pinyin only, and see birth order by year."""

    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name, pinyin initials, ID number or phone"))
    organization = forms.IntegerField(label=_("Organization"), required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    age = forms.ChoiceField(label=_("Age"), choices=AGE_BAND_CHOICES, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", _("Any sector")), *Sector.choices], required=False)
    cadre_kind = forms.ChoiceField(
        label=_("Cadre kind"),
        choices=[("", _("Cadre or not")), ("any", _("Any cadre")), *CadreKind.choices],
        required=False,
    )
    sort = forms.ChoiceField(label=_("Sort"), choices=[(k, k) for k in SORTS], required=False, widget=forms.HiddenInput)

    def __init__(self, *args, actor: scope.Viewer, remote_addr: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.remote_addr = remote_addr
        self.can_search_numbers = scope.has_any(actor, VIEW_PERSONAL_DATA)
        # Set by filter(): a search by number was asked for without the right, and matched nobody.
        self.search_refused = False
        if not self.can_search_numbers:
            self.fields["q"].help_text = _("Name or pinyin initials")
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"

    def filter(self, qs: QuerySet) -> QuerySet:
        """Apply the valid filters to an already scoped queryset."""
        if not self.is_valid():
            return qs.order_by(*DEFAULT_SORT)
        data = self.cleaned_data
        if text := data["q"].strip():
            q = _search_q(text)
            if q is None:
                # A name: from the surname first (an index serves it), else anywhere in the name.
                text = unicodedata.normalize("NFKC", text)
                by_prefix = qs.filter(_prefix("name", text))
                qs = by_prefix if by_prefix.exists() else qs.filter(name__contains=text)
            elif not _is_number(text):
                qs = qs.filter(q)
            elif not self.can_search_numbers:
                self.search_refused = True
                return qs.none()
            else:
                qs = qs.filter(q, scope.person_q(self.actor, VIEW_PERSONAL_DATA))
                services.person_search_record(
                    actor=self.actor, matches=qs, fields=_searched_fields(text), remote_addr=self.remote_addr
                )
        if org_id := data["organization"]:
            path = Organization.objects.filter(pk=org_id).values_list("path", flat=True).first()
            # A subquery of organization keys lets the (organization, initials) index serve each one.
            subtree = Organization.objects.filter(path__range=subtree_range(path)).values("pk") if path else None
            qs = qs.filter(organization__in=subtree) if path else qs.none()
        status = data["status"]
        if status == "members":
            qs = qs.filter(membership__status__in=ACTIVE_STATES)
        elif status == "youth":
            qs = qs.filter(Q(membership__isnull=True) | ~Q(membership__status__in=ACTIVE_STATES))
        elif status:
            qs = qs.filter(membership__status=status)
        if band := AGE_BANDS.get(data["age"]):
            qs = qs.filter(birth_range_for_age(*band))
        if data["sector"]:
            qs = qs.filter(organization__sector=data["sector"])
        if kind := data["cadre_kind"]:
            posts = Q(posts__until__isnull=True) if kind == "any" else Q(posts__until__isnull=True, posts__kind=kind)
            qs = qs.filter(pk__in=qs.model.objects.filter(posts).values("pk"))
        sort = data["sort"]
        if sort in ("birth", "-birth") and not scope.covers(self.actor, VIEW_PERSONAL_DATA, VIEW_PERSON):
            # Without the right on every person listed, the birth order is only that of the years.
            year = ExtractYear("birth_date")
            return qs.order_by(year.desc() if sort == "-birth" else year.asc(), "-pk" if sort == "-birth" else "pk")
        return qs.order_by(*SORTS.get(sort, DEFAULT_SORT))


def _is_number(text: str) -> bool:
    text = unicodedata.normalize("NFKC", text)
    return text.isdigit() or (text[:-1].isdigit() and text[-1:] in "xX")


def _searched_fields(text: str) -> list[str]:
    """Which personal data a search by number reads, as _search_q decides."""
    length = len(unicodedata.normalize("NFKC", text))
    if length >= 15:
        return ["id_number"]
    if length == 11:
        return ["phone"]
    return ["id_number", "phone"]


def _search_q(text: str) -> Q | None:
    # IDs and phones are stored in ASCII; a Chinese input mode may type full-width digits.
    text = unicodedata.normalize("NFKC", text)
    lowered = text.lower()
    if _is_number(text):
        if len(text) == 15:
            return Q(id_number=upgrade_15(text))
        if len(text) >= 15:
            return Q(id_number=text.upper())
        if len(text) == 11:
            return Q(phone=text)
        return Q(phone__endswith=text) | Q(id_number__endswith=text.upper())
    if lowered.isascii() and lowered.isalpha():
        return _prefix("name_initials", lowered) | _prefix("name_pinyin", lowered)
    return None


def _prefix(field: str, text: str) -> Q:
    """Values beginning with text, as a range an index serves (LIKE 'x%' is not, on SQLite)."""
    return Q(**{f"{field}__gte": text, f"{field}__lt": text + "\U0010ffff"})
