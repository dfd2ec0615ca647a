"""Pages of 青年大学习: episodes, the import and its review, rankings, trends, seasons, and who is behind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_STUDY, VIEW_STUDY
from tuanwu.core.downloads import attach, file_name
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope
from tuanwu.people.selectors import person_for_write, person_get, person_list

from . import selectors, services
from .exports import ranking_xlsx
from .filters import StudyFilter
from .forms import EpisodeForm, ImportForm, RankForm, SeasonForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _can_manage(user) -> bool:
    """Whether the user manages the county's episodes (seasons, imports, rank)."""
    return scope.county_for(user, MANAGE_STUDY) is not None


@login_required
def episode_list(request):
    episodes = selectors.episode_list(request.user)
    can_manage = _can_manage(request.user)
    season_form = SeasonForm(request.POST or None, prefix="s") if can_manage else None
    episode_form = EpisodeForm(request.POST or None, prefix="e") if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise Http404
        try:
            if "s-code" in request.POST and season_form.is_valid():
                services.season_create(actor=request.user, **season_form.cleaned_data)
                messages.success(request, _("Season saved."))
                return redirect("study:episodes")
            if "e-code" in request.POST and episode_form.is_valid():
                episode = services.episode_create(actor=request.user, **episode_form.cleaned_data)
                messages.success(request, _("Episode saved. Import its export next."))
                return redirect("study:import", episode.pk)
        except ValidationError as e:
            attach_errors(season_form if "s-code" in request.POST else episode_form, e)
    return render(
        request,
        "study/episode_list.html",
        {
            "chart": selectors.rank_chart(episodes),
            "page": paginate(request, episodes),
            "seasons": selectors.season_list(),
            "can_manage": can_manage,
            "season_form": season_form,
            "episode_form": episode_form,
        },
    )


@login_required
def episode_import(request, pk: int):
    episode = selectors.episode_get(request.user, pk)
    if not _can_manage(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if form.cleaned_data["save_as"] and form.mapping():
            services.mapping_save(actor=request.user, name=form.cleaned_data["save_as"], columns=form.mapping())
        try:
            result = services.episode_import(
                actor=request.user,
                episode=episode,
                data=upload.read(),
                filename=upload.name,
                mapping=form.mapping(),
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(
                request,
                _("%(rows)d learners imported: %(matched)d matched, %(ambiguous)d to confirm, %(unmatched)d not found.")
                % result.as_dict(),
            )
            return redirect("study:review", episode.pk)
    return render(request, "study/import.html", {"episode": episode, "form": form, "result": result})


@login_required
def review(request, pk: int):
    episode = selectors.episode_get(request.user, pk)
    rows = selectors.review_rows(request.user, episode)
    q = request.GET.get("q", "").strip()
    # Only people the reviewer may assign a learner to.
    people = scope.restrict(person_list(request.user), request.user, MANAGE_STUDY)
    candidates = list(people.filter(name=q).select_related("organization")[:20]) if q else []
    return render(
        request,
        "study/review.html",
        {
            "episode": episode,
            "page": paginate(request, rows),
            "q": q,
            "candidates": candidates,
            "can_manage": scope.has_any(request.user, MANAGE_STUDY),
        },
    )


@login_required
@require_POST
def review_assign(request, pk: int):
    row = selectors.participation_get(request.user, pk)
    person_pk = parse_id(request.POST.get("person"))
    try:
        if request.POST.get("dismiss"):
            services.participation_dismiss(actor=request.user, participation=row)
        elif person_pk is not None:
            person = person_for_write(request.user, person_pk, MANAGE_STUDY)
            services.participation_assign(actor=request.user, participation=row, person=person)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("study:review", row.episode_id)


@login_required
def episode_ranking(request, pk: int):
    episode = selectors.episode_get(request.user, pk)
    parent = StudyFilter(request.GET, user=request.user).organization_for()
    rows = selectors.ranking(request.user, episode, parent)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(ranking_xlsx(episode, parent, rows), content_type=XLSX)
        return attach(response, file_name(_("Youth study"), episode.code, parent.name))
    rank_form = RankForm(
        request.POST or None,
        initial={"province_rank": episode.province_rank, "province_total": episode.province_total},
    )
    can_manage = _can_manage(request.user)
    if request.method == "POST" and can_manage and rank_form.is_valid():
        try:
            services.episode_rank_set(
                actor=request.user,
                episode=episode,
                rank=rank_form.cleaned_data["province_rank"],
                total=rank_form.cleaned_data["province_total"],
            )
        except ValidationError as e:
            attach_errors(rank_form, e)
        else:
            messages.success(request, _("Provincial rank saved."))
            return redirect(request.get_full_path())
    return render(
        request,
        "study/ranking.html",
        {
            "episode": episode,
            "parent": parent,
            "rows": rows,
            "total": selectors.totals(episode, parent),
            "ancestors": selectors.ancestors_in_view(request.user, parent),
            "rank_form": rank_form if can_manage and parent.depth == 1 else None,
            "can_review": scope.has_any(request.user, MANAGE_STUDY),
            "episodes": selectors.episode_list(request.user)[:30],
        },
    )


@login_required
def people(request, pk: int):
    """Who studied, and who of the roll did not, for one organization and episode."""
    episode = selectors.episode_get(request.user, pk)
    filters = StudyFilter(request.GET, user=request.user)
    organization, studied = filters.organization_for(), filters.studied_only()
    return render(
        request,
        "study/people.html",
        {
            "episode": episode,
            "organization": organization,
            "studied": studied,
            "page": paginate(request, selectors.learners(request.user, episode, organization, studied)),
        },
    )


@login_required
def organization_trend(request, org_pk: int):
    organization = selectors.organization_get(request.user, org_pk)
    if organization is None:
        raise Http404
    points = selectors.trend(request.user, organization)
    chart = {
        "x": [p["episode"].code for p in points],
        "y": [round(100 * p["rate"], 1) if p["rate"] is not None else None for p in points],
    }
    return render(request, "study/trend.html", {"organization": organization, "points": points, "chart": chart})


@login_required
def season(request, pk: int):
    season = selectors.season_get(request.user, pk)
    parent = StudyFilter(request.GET, user=request.user).organization_for()
    rows, episodes = selectors.season_rates(request.user, season, parent)
    return render(
        request, "study/season.html", {"season": season, "parent": parent, "rows": rows, "episodes": episodes}
    )


@login_required
def behind(request, pk: int):
    episode = selectors.episode_get(request.user, pk)
    threshold = StudyFilter(request.GET, user=request.user).threshold()
    rows = selectors.behind(request.user, episode, threshold)
    return render(
        request,
        "study/behind.html",
        {"episode": episode, "rows": rows, "threshold": round(threshold * 100)},
    )


@login_required
def person_record(request, person_pk: int):
    person = person_get(request.user, person_pk)
    if person.pk != getattr(request.user, "person_id", None) and not scope.has_perm(
        request.user, VIEW_STUDY, person.organization
    ):
        raise Http404
    return render(request, "study/person.html", {"person": person, "record": selectors.person_record(person)})
