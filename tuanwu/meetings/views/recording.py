"""Pages of recording a meeting: the list, the minutes, recording from the roster (a phone page), editing,
deleting, attachments, and the county's campaign tags."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_MEETING, VIEW_MEETING
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import organization_picked, organizations_where

from ..filters import MeetingFilter
from ..forms.recording import CampaignForm, MeetingForm, posted_lines, roster_lines
from ..models import Kind, Meeting, PartyBranch
from ..selectors import recording as sel
from ..selectors.meetings import meeting_get, party_branches_of, party_roster_of, roster_of
from ..services import meetings as svc

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp")


def _may_record(user) -> bool:
    return scope.has_any(user, MANAGE_MEETING) or bool(sel.party_branches_managed(user))


def _can_write(user, meeting: Meeting) -> bool:
    if meeting.party_branch is not None:
        return svc.party_can_manage(user, meeting.party_branch)
    return scope.has_perm(user, MANAGE_MEETING, meeting.organization)


@login_required
def meeting_list(request):
    if not scope.has_any(request.user, VIEW_MEETING) and not party_branches_of(request.user).exists():
        raise Http404
    filters = MeetingFilter(request.GET)
    page = paginate(request, filters.filter(sel.meeting_list_page(request.user)))
    county = scope.county_for(request.user, VIEW_MEETING) or scope.root_for(request.user, VIEW_MEETING)
    return render(
        request,
        "meetings/recording_list.html",
        {
            "filters": filters,
            "page": page,
            "selected_org": organization_picked(request, VIEW_MEETING),
            "campaigns": list(sel.campaigns_for(county)) if county else [],
            "can_record": _may_record(request.user),
            "can_import": scope.has_any(request.user, MANAGE_MEETING),
            "party_branches": list(party_branches_of(request.user)),
        },
    )


@login_required
def meeting_detail(request, pk: int):
    meeting = meeting_get(request.user, pk)
    can_edit = _can_write(request.user, meeting)
    return render(
        request,
        "meetings/recording_detail.html",
        {"meeting": meeting, **sel.meeting_with_minutes(meeting), "can_edit": can_edit},
    )


def _organizer(request) -> tuple[Organization, PartyBranch | None]:
    """The organizer the page records for: a Party branch the user manages (?party=), the organization picked, or
    the user's own branch (else the top of where they record)."""
    party_id = parse_id(request.POST.get("party") or request.GET.get("party"))
    if party_id is not None:
        branch = next((b for b in sel.party_branches_managed(request.user) if b.pk == party_id), None)
        if branch is None:
            raise Http404
        return branch.organization, branch
    if not scope.has_any(request.user, MANAGE_MEETING):
        raise Http404
    picked = organization_picked(request, MANAGE_MEETING)
    if picked is not None:
        return picked, None
    own = getattr(getattr(request.user, "person", None), "organization", None)
    if own is not None and scope.has_perm(request.user, MANAGE_MEETING, own):
        return own, None
    root = scope.root_for(request.user, MANAGE_MEETING) or organizations_where(request.user, MANAGE_MEETING).first()
    if root is None:
        raise Http404
    return root, None


_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．]|.{1,20}[:：]\s*$)")


def minutes_skeleton(minutes: str) -> str:
    """The headings of earlier minutes (一、… / 1. … / 议程：), to fill in anew; the whole text when it has none."""
    lines = [line.rstrip() for line in minutes.splitlines() if _HEADING.match(line)]
    return "\n".join(lines) if lines else minutes


def _copied(request, organization: Organization, party: PartyBranch | None) -> tuple[dict, Meeting | None]:
    if not request.GET.get("copy"):
        return {"held_on": timezone.localdate()}, None
    last = sel.latest_theme_day(request.user, organization, party)
    if last is None:
        return {"held_on": timezone.localdate(), "kind": Kind.THEME_DAY}, None
    return {
        "kind": Kind.THEME_DAY,
        "held_on": timezone.localdate(),
        "starts_at": last.starts_at,
        "ends_at": last.ends_at,
        "topic": last.topic,
        "place": last.place,
        "campaigns": [c.pk for c in last.campaigns.all() if c.active],
        "minutes": minutes_skeleton(last.minutes),
    }, last


@login_required
def meeting_create(request):
    organization, party = _organizer(request)
    people = list(party_roster_of(party) if party else roster_of(organization))
    campaigns = sel.campaigns_for(organization)
    initial, copied_from = _copied(request, organization, party)
    form = MeetingForm(request.POST or None, initial=initial, people=people, campaigns=campaigns, party=bool(party))
    lines = roster_lines(people)
    if request.method == "POST":
        attendance, lines, shape_errors = posted_lines(request.POST, people)
        for error in shape_errors:
            form.add_error(None, error)
        if form.is_valid() and not shape_errors:
            try:
                meeting = svc.meeting_record(
                    actor=request.user,
                    organization=organization,
                    party_branch=party,
                    attendance=attendance,
                    campaigns=form.cleaned_data.get("campaigns") or (),
                    attachments=request.FILES.getlist("attachments"),
                    **form.service_fields(),
                )
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Meeting recorded."))
                return redirect("meetings:meeting_detail", meeting.pk)
    return render(
        request,
        "meetings/recording_form.html",
        {
            "form": form,
            "lines": lines,
            "organization": organization,
            "party": party,
            "party_branches": sel.party_branches_managed(request.user),
            "can_pick": scope.has_any(request.user, MANAGE_MEETING),
            "copied_from": copied_from,
            "creating": True,
            "lesson_kinds": [k.value for k in svc.LESSON_KINDS],
        },
    )


def _writable(request, pk: int) -> Meeting:
    meeting = meeting_get(request.user, pk)
    if not _can_write(request.user, meeting):
        raise Http404
    return meeting


@login_required
def meeting_edit(request, pk: int):
    meeting = _writable(request, pk)
    party = meeting.party_branch
    current = sel.attendance_of(meeting)
    roster = list(party_roster_of(party) if party else roster_of(meeting.organization))
    listed = {p.pk for p in roster}
    people = roster + [a.person for a in current.values() if a.person_id not in listed]
    campaigns = sel.campaigns_for(meeting.organization, keep=tuple(c.pk for c in meeting.campaigns.all()))
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        initial={"version": meeting.version},
        people=people,
        campaigns=campaigns,
        party=bool(party),
    )
    lines = roster_lines(people, current, meeting.hours)
    if request.method == "POST":
        attendance, lines, shape_errors = posted_lines(request.POST, people)
        for error in shape_errors:
            form.add_error(None, error)
        if form.is_valid() and not shape_errors:
            try:
                svc.meeting_update(
                    actor=request.user,
                    meeting=Meeting.objects.get(pk=meeting.pk),
                    version=form.cleaned_data.get("version"),
                    attendance=attendance,
                    campaigns=None if party else form.cleaned_data.get("campaigns") or (),
                    **form.service_fields(),
                )
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Meeting saved."))
                return redirect("meetings:meeting_detail", meeting.pk)
    return render(
        request,
        "meetings/recording_form.html",
        {
            "form": form,
            "lines": lines,
            "organization": meeting.organization,
            "party": party,
            "meeting": meeting,
            "lesson_kinds": [k.value for k in svc.LESSON_KINDS],
        },
    )


@login_required
@require_POST
def meeting_delete(request, pk: int):
    meeting = _writable(request, pk)
    svc.meeting_delete(actor=request.user, meeting=meeting)
    messages.success(request, _("Meeting %(topic)s deleted.") % {"topic": meeting.topic})
    return redirect("meetings:meeting_list")


@login_required
@require_POST
def attachment_add(request, pk: int):
    meeting = _writable(request, pk)
    uploads = request.FILES.getlist("attachments")
    if not uploads:
        messages.error(request, _("Choose a file to attach."))
    for upload in uploads:
        try:
            svc.attachment_add(actor=request.user, meeting=meeting, upload=upload)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
    return redirect("meetings:meeting_detail", meeting.pk)


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    meeting = _writable(request, pk)
    attachment = meeting.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    try:
        svc.attachment_remove(actor=request.user, meeting=meeting, attachment=attachment)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Attachment %(name)s removed.") % {"name": attachment.name})
    return redirect("meetings:meeting_detail", meeting.pk)


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    meeting = meeting_get(request.user, pk)
    attachment = meeting.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    ext = attachment.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=ext not in IMAGE_EXTENSIONS, filename=attachment.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _county(request) -> Organization:
    county = scope.county_for(request.user, MANAGE_MEETING)
    if county is None:
        raise Http404
    return county


@login_required
def campaign_list(request):
    county = _county(request)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            d = form.cleaned_data
            svc.campaign_create(actor=request.user, county=county, name=d["name"], position=d["position"])
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Campaign %(name)s added.") % {"name": form.cleaned_data["name"].strip()})
            return redirect("meetings:campaign_list")
    rows = [
        (
            c,
            CampaignForm(
                initial={"name": c.name, "position": c.position, "active": c.active, "version": c.version},
                prefix=f"c{c.pk}",
            ),
        )
        for c in sel.campaign_list(county)
    ]
    return render(request, "meetings/recording_campaigns.html", {"form": form, "rows": rows, "county": county})


@login_required
@require_POST
def campaign_edit(request, pk: int):
    campaign = sel.campaign_get(request.user, pk)
    form = CampaignForm(request.POST, prefix=f"c{campaign.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(v) for v in form.errors.values()))
        return redirect("meetings:campaign_list")
    d = form.cleaned_data
    try:
        svc.campaign_update(
            actor=request.user,
            campaign=campaign,
            version=d.get("version"),
            name=d["name"],
            position=d["position"],
            active=d["active"],
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Campaign saved."))
    return redirect("meetings:campaign_list")


@login_required
@require_POST
def campaign_delete(request, pk: int):
    campaign = sel.campaign_get(request.user, pk)
    kept = svc.campaign_delete(actor=request.user, campaign=campaign)
    if kept is None:
        messages.success(request, _("Campaign %(name)s deleted.") % {"name": campaign.name})
    else:
        messages.success(
            request,
            _("Campaign %(name)s is carried by recorded meetings: it was retired instead, no longer offered.")
            % {"name": campaign.name},
        )
    return redirect("meetings:campaign_list")
