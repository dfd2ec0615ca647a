"""A fictional county (青禾县) for demonstrations and load tests: data.tree planned into a tree (plan), filled with
people (population), volunteer work (volunteering) and admissions (admission), with the demo logins; then
青年大学习 (study), organizational life (meetings), the work plans (workplan), the members' dues, evaluation,
transfers and discipline (lifecycle), 青年之声 cases (voice) and the 两新 directory (coverage).

Everything is drawn from one random.Random(seed), in a fixed order, so the same seed and size give the
same county; dates are offsets from today. People, memberships and posts go in with bulk_create (no
per-row history, no full_clean): one batch event records the whole data set instead.
"""

from __future__ import annotations

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import Role
from tuanwu.audit.models import AccessLog, BatchEvent
from tuanwu.audit.services import batch_event_record
from tuanwu.numbering.models import NumberSeries
from tuanwu.organizations.models import Organization, Park, Sector
from tuanwu.organizations.services import organization_create
from tuanwu.people.choices import CadrePostName
from tuanwu.people.models import CadrePost, Membership, Person

from . import admission as demo_admission
from . import care as demo_care
from . import contacts as demo_contacts
from . import coverage as demo_coverage
from . import duties as demo_duties
from . import lifecycle as demo_lifecycle
from . import meetings as demo_meetings
from . import programs as demo_programs
from . import publicity as demo_publicity
from . import study as demo_study
from . import voice as demo_voice
from . import volunteering as demo_volunteering
from . import workplan as demo_workplan
from .data.admission import PEOPLE as ADMISSION_PEOPLE
from .data.tree import PARK_NAME
from .plan import Node, plan_county, scale_for
from .population import BATCH_SIZE, Builder, allocate

DEMO_PASSWORD = "tuanwu2020"
# username, role label, password; the order of the logins table.
DEMO_LOGINS: list[tuple[str, str, str]] = [
    ("county_admin", Role.COUNTY_ADMIN.label, DEMO_PASSWORD),
    ("committee_secretary", Role.COMMITTEE_SECRETARY.label, DEMO_PASSWORD),
    ("branch_secretary", Role.BRANCH_SECRETARY.label, DEMO_PASSWORD),
    ("cadre", Role.CADRE.label, DEMO_PASSWORD),
    ("member", Role.MEMBER.label, DEMO_PASSWORD),
    ("auditor", Role.AUDITOR.label, DEMO_PASSWORD),
]
DEMO_USERNAMES = [username for username, _label, _password in DEMO_LOGINS]

MIN_MEMBERS = 500
DELETE_CHUNK = 5000
FEATURED_MIN_PEOPLE = 8  # the branch of the branch_secretary and member logins


class DemoError(Exception):
    """The demo county cannot be built as asked."""


class DemoDataExists(DemoError):
    """The database already holds organizations."""


def _create_tree(root: Node, park: Park) -> int:
    """Create the organizations: the root through the service, then each level in one bulk insert with its
    materialized paths computed here (the generator's plan already obeys the placement rules)."""
    root.org = organization_create(
        actor=None,
        parent=None,
        code=root.code,
        name=root.name,
        full_name=root.full_name,
        kind=root.kind,
        sector=root.sector,
        unit_name=root.unit_name,
        contact_phone=root.contact_phone,
        address=root.address,
        term_start=root.term_start,
        term_end=root.term_end,
    )
    Organization.objects.filter(pk=root.org.pk).update(numchild=len(root.children))
    count, level = 1, [root]
    now = timezone.now()
    while level:
        batch: list[tuple[Node, Organization]] = []
        for parent in level:
            for position, node in enumerate(parent.children, start=1):
                depth = parent.org.depth + 1
                node.org = Organization(
                    parent=parent.org,
                    path=Organization._get_path(parent.org.path, depth, position),
                    depth=depth,
                    numchild=len(node.children),
                    code=node.code,
                    name=node.name,
                    full_name=node.full_name,
                    kind=node.kind,
                    sector=node.sector,
                    park=park if node.in_park else None,
                    unified_code=node.unified_code,
                    unit_name=node.unit_name,
                    contact_phone=node.contact_phone,
                    address=node.address,
                    term_start=node.term_start,
                    term_end=node.term_end,
                    graduates_on=node.graduates_on,
                    created_at=now,
                    updated_at=now,
                )
                batch.append((node, node.org))
        Organization.objects.bulk_create([org for _node, org in batch], batch_size=BATCH_SIZE)
        count += len(batch)
        level = [node for node, _org in batch if node.children]
    return count


def _upsert_user(username: str, *, superuser: bool, person: Person | None):
    """A demo login; one left from an earlier run (a superuser survives --reset) is taken over."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username, password=DEMO_PASSWORD)
    else:
        user.set_password(DEMO_PASSWORD)
    user.is_active = True
    user.is_staff = user.is_superuser = superuser
    user.language = ""
    user.person = person
    user.first_name = person.name if person else ""
    user.save()
    return user


def _head_counts(b: Builder, nodes: list[Node], members: int) -> dict[int, int]:
    """How many youths each branch gets (by id of its node): the committees' own cadres first, then by weight."""
    branches = [n for n in nodes if n.is_branch]
    staff = sum(len(n.staff) for n in nodes if n.staff)
    fixed = sum(n.fixed_people or 0 for n in branches)
    free = [n for n in branches if n.fixed_people is None]
    weights = [n.weight * b.rng.triangular(0.6, 1.6, 0.8) for n in free]
    # The admissions' demo adds a few people of its own (planted violations, an open pipeline).
    youths = members - staff - fixed - ADMISSION_PEOPLE
    counts = dict(zip(map(id, free), allocate(youths, weights), strict=True))
    featured = next(n for n in branches if n.featured)
    short = FEATURED_MIN_PEOPLE - counts[id(featured)]
    if short > 0:
        largest = max(free, key=lambda n: counts[id(n)])
        counts[id(largest)] -= short
        counts[id(featured)] += short
    return counts


def _populate(b: Builder, nodes: list[Node], counts: dict[int, int]):
    """Register the people; returns each committee's first holder of each post (by id of its node) and the
    featured branch's (secretary, plain member)."""
    leaders: dict[int, dict[str, Person]] = {}
    featured_people: tuple[Person | None, Person | None] = (None, None)
    for node in nodes:
        if node.staff:
            leaders[id(node)] = b.fill_committee(node)
        if node.is_branch:
            result = b.fill_branch(node, node.fixed_people or counts[id(node)])
            if node.featured:
                featured_people = result
    b.flush()
    b.insert_posts()  # those of the last batch's holders
    return leaders, featured_people


def _create_logins(root: Node, featured: Node, leaders: dict[int, dict[str, Person]], secretary, member) -> dict:
    """The demo logins with their roles (and the person behind each where there is one), by username."""
    township = root.children[0]
    school = next(n for n in root.children if n.sector == Sector.MIDDLE_SCHOOL)
    logins = {
        "county_admin": (Role.COUNTY_ADMIN, root, None),
        "committee_secretary": (Role.COMMITTEE_SECRETARY, township, leaders[id(township)].get(CadrePostName.SECRETARY)),
        "branch_secretary": (Role.BRANCH_SECRETARY, featured, secretary),
        "cadre": (Role.CADRE, school, leaders[id(school)].get(CadrePostName.DEPUTY_SECRETARY)),
        "member": (Role.MEMBER, featured, member),
        "auditor": (Role.AUDITOR, root, None),
    }
    users = {}
    for username in DEMO_USERNAMES:
        role, node, person = logins[username]
        user = _upsert_user(username, superuser=role == Role.COUNTY_ADMIN, person=person)
        RoleAssignment.objects.create(user=user, organization=node.org, role=role)
        users[username] = user
    return users


def build(*, members: int, seed: int, stdout=None) -> dict:
    """Fill an empty database with the demo county; returns how many rows of each kind were created."""
    if members < MIN_MEMBERS:
        raise DemoError(f"The demo county needs at least {MIN_MEMBERS} people (asked for {members}).")
    if Organization.objects.exists():
        raise DemoDataExists("Organizations already exist: the demo county goes only into an empty database.")
    b = Builder(seed=seed, stdout=stdout)
    with transaction.atomic(), disable_auditlog():
        root = plan_county(b.rng, scale_for(members, seed, b.today), b.today)
        nodes = list(root.walk())
        park, _created = Park.objects.get_or_create(name=PARK_NAME)
        organizations = _create_tree(root, park)
        b.say(f"  {organizations} organizations")
        leaders, (secretary, member) = _populate(b, nodes, _head_counts(b, nodes, members))
        posts = b.counts["posts"]
        b.say(f"  {b.counts['people']} people, {b.counts['memberships']} members, {posts} cadre posts")
        featured = next(n for n in nodes if n.is_branch and n.featured)
        users = _create_logins(root, featured, leaders, secretary, member)
        context = {"rng": b.rng, "root": root.org, "featured": featured.org, "member": member}
        volunteering = demo_volunteering.build(**context, admin=users["county_admin"])
        b.say(f"  {volunteering['activities']} volunteer activities, {volunteering['hour_entries']} hour entries")
        admission = demo_admission.build(**context, admin=users["county_admin"])
        b.counts["people"] += admission.pop("people")
        b.counts["memberships"] += admission.pop("memberships")
        b.say(f"  {admission['admissions']} admissions, {admission['applications'] - admission['admissions']} open")
        study = demo_study.build(rng=b.rng, root=root.org, admin=users["county_admin"])
        b.say(f"  {study['study_episodes']} 青年大学习 episodes, {study['study_learners']} learners")
        meetings = demo_meetings.build(rng=b.rng, root=root.org, admin=users["county_admin"], today=b.today)
        b.say(f"  {meetings['meetings']} meetings, {meetings['meeting_attendance']} attendance rows")
        workplan = demo_workplan.build(root=root.org, admin=users["county_admin"])
        b.say(f"  {workplan['work_plans']} work plans, {workplan['plan_tasks']} tasks")
        keep = {p.pk for p in (secretary, member) if p is not None}
        lifecycle = demo_lifecycle.build(
            rng=b.rng, root=root.org, admin=users["county_admin"], today=b.today, featured=featured.org, keep=keep
        )
        b.say(f"  {lifecycle['dues_payments']} dues payments, {lifecycle['evaluations']} evaluations approved")
        voice = demo_voice.build(rng=b.rng, root=root.org, admin=users["county_admin"], today=b.today)
        b.say(f"  {voice['voice_cases']} 青年之声 cases")
        coverage = demo_coverage.build(rng=b.rng, root=root.org, admin=users["county_admin"], today=b.today)
        b.say(f"  {coverage['directory_units']} directory units, {coverage['coverage_snapshots']} snapshot")
        duties = demo_duties.build(rng=b.rng, root=root.org, admin=users["county_admin"], today=b.today, member=member)
        b.say(f"  {duties['mandates']} committee members and delegates, {duties['duty_records']} duties recorded")
        care = demo_care.build(
            rng=b.rng,
            root=root.org,
            featured=featured.org,
            admin=users["county_admin"],
            follower=users["branch_secretary"],
            today=b.today,
        )
        b.say(f"  {care['care_records']} care records, {care['assistance_projects']} assistance project")
        contacts = demo_contacts.build(
            rng=b.rng,
            root=root.org,
            admin=users["county_admin"],
            today=b.today,
            cadre_person=users["cadre"].person,
        )
        b.say(f"  {contacts['contact_cadres']} cadres in direct contact, {contacts['contact_logs']} contact logs")
        publicity = demo_publicity.build(
            rng=b.rng, root=root.org, featured=featured.org, admin=users["county_admin"], today=b.today
        )
        b.say(f"  {publicity['role_models']} role models, {publicity['media_accounts']} media accounts")
        programs = demo_programs.build(
            rng=b.rng,
            root=root.org,
            featured=featured.org,
            admin=users["county_admin"],
            judges=[users["committee_secretary"], users["cadre"]],
            today=b.today,
        )
        b.say(f"  {programs['program_projects']} projects, {programs['awards']} awards")
        result = {
            "seed": seed,
            "organizations": organizations,
            "branches": sum(1 for n in nodes if n.is_branch),
            "parks": 1,
            "people": b.counts["people"],
            "memberships": b.counts["memberships"],
            "membership_events": b.counts["membership_events"],
            "posts": posts,
            "users": len(DEMO_LOGINS),
            **volunteering,
            **admission,
            **study,
            **meetings,
            **workplan,
            **lifecycle,
            **voice,
            **coverage,
            **duties,
            **care,
            **contacts,
            **publicity,
            **programs,
        }
        batch_event_record(
            actor=None,
            organization=root.org,
            kind="demo",
            description=(
                f"生成演示数据（随机种子 {seed}）：{organizations} 个团组织，{result['people']} 名青年，"
                f"其中团员 {result['memberships']} 名，团干部职务 {posts} 个"
            ),
            rows=result["people"],
        )
    return result


def _delete_in_chunks(queryset) -> int:
    """Delete through the ORM (cascades and SET_NULL of every app apply) without loading all rows at once."""
    model = queryset.model
    deleted = 0
    while True:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:DELETE_CHUNK])
        if not ids:
            return deleted
        model.objects.filter(pk__in=ids).delete()
        deleted += len(ids)


def reset(stdout=None) -> dict:
    """Delete the county: people and what hangs on them, role assignments, demo logins, organizations.

    Superusers, other users and parks stay. The access log and batch events go too: they point at
    organizations, which they protect from deletion.
    """
    User = get_user_model()
    counts = {}
    with transaction.atomic(), disable_auditlog():
        counts.update(demo_programs.purge())
        counts.update(demo_duties.purge())
        counts.update(demo_care.purge())
        counts.update(demo_contacts.purge())
        counts.update(demo_publicity.purge())
        counts.update(demo_coverage.purge())
        counts.update(demo_voice.purge())
        counts.update(demo_lifecycle.purge())
        counts.update(demo_workplan.purge())
        counts.update(demo_study.purge())
        counts.update(demo_meetings.purge())
        counts.update(demo_admission.purge())
        counts.update(demo_volunteering.purge())
        # The numbers start again with the documents they counted.
        NumberSeries.objects.all().delete()
        counts["posts"] = _delete_in_chunks(CadrePost.objects.all())
        counts["memberships"] = _delete_in_chunks(Membership.objects.all())
        User.objects.filter(person__isnull=False).update(person=None)
        counts["people"] = _delete_in_chunks(Person.objects.all())
        counts["role_assignments"], _ = RoleAssignment.objects.all().delete()
        User.objects.filter(username__in=DEMO_USERNAMES, is_superuser=False).delete()
        AccessLog.objects.all().delete()
        BatchEvent.objects.all().delete()
        counts["organizations"] = Organization.objects.count()
        # parent is PROTECT: unhook the tree so the whole of it can go in one delete.
        Organization.objects.update(parent=None)
        Organization.objects.all().delete()
    if stdout is not None:
        stdout.write(
            f"Deleted {counts['organizations']} organizations, {counts['people']} people, "
            f"{counts['memberships']} memberships, {counts['posts']} cadre posts."
        )
    return counts
