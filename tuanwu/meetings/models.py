"""Organizational life: the meeting, lesson or theme day that happened, who came, what it decided; the courses
(团校, 培训班) that group sessions; the county office's Party branch kept apart; the county's frequencies; the yearly
branch rating (对标定级)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tuanwu.core.models import TimeStampedModel


class Kind(models.TextChoices):
    # League organizational life (三会两制一课 and the activities around it).
    GENERAL_MEETING = "general_meeting", _("General meeting")
    COMMITTEE_MEETING = "committee_meeting", _("Branch committee meeting")
    GROUP_MEETING = "group_meeting", _("Group meeting")
    LESSON = "lesson", _("League lesson")
    THEME_DAY = "theme_day", _("Theme day")
    LECTURE = "lecture", _("Lecture or report")
    SEMINAR = "seminar", _("Seminar or sharing")
    QUIZ = "quiz", _("Knowledge contest")
    COURSE_SESSION = "course_session", _("League school or training session")
    HEART_TALK = "heart_talk", _("Heart-to-heart talk")
    # The county office's Party branch (三会一课), kept apart from the League's.
    PARTY_GENERAL = "party_general", _("Party members' general meeting")
    PARTY_COMMITTEE = "party_committee", _("Party branch committee meeting")
    PARTY_GROUP = "party_group", _("Party group meeting")
    PARTY_LESSON = "party_lesson", _("Party lesson")
    PARTY_HEART_TALK = "party_heart_talk", _("Party heart-to-heart talk")


PARTY_KINDS = frozenset(
    {Kind.PARTY_GENERAL, Kind.PARTY_COMMITTEE, Kind.PARTY_GROUP, Kind.PARTY_LESSON, Kind.PARTY_HEART_TALK}
)
LEAGUE_KINDS = frozenset(k for k in Kind if k not in PARTY_KINDS)
# Kinds whose attendees earn lesson hours.
LESSON_KINDS = frozenset({Kind.LESSON, Kind.COURSE_SESSION, Kind.PARTY_LESSON})


class Campaign(TimeStampedModel):
    """A campaign tag the county manages (四进四信, 五四, 学党史, …) that meetings carry for the campaign totals."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    name = models.CharField(_("name"), max_length=50)
    active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="campaign_unique_name")]

    def __str__(self):
        return self.name


class PartyBranch(TimeStampedModel):
    """The county office's Party branch: its meetings are seen only by its own members and the county."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("county committee")
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("Party branch")
        verbose_name_plural = _("Party branches")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartyMember(TimeStampedModel):
    """A person on the Party branch's roll, with their post in it, from a date and until one."""

    class Post(models.TextChoices):
        SECRETARY = "secretary", _("Secretary")
        DEPUTY = "deputy", _("Deputy secretary")
        COMMITTEE = "committee", _("Committee member")
        MEMBER = "member", _("Party member")
        PROBATIONARY = "probationary", _("Probationary Party member")

    branch = models.ForeignKey(PartyBranch, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    post = models.CharField(_("post"), max_length=16, choices=Post.choices, default=Post.MEMBER)
    group = models.CharField(_("Party group"), max_length=50, blank=True)
    joined_on = models.DateField(_("on the roll since"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("Party branch member")
        verbose_name_plural = _("Party branch members")
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "person"], condition=Q(left_on__isnull=True), name="party_member_one_open"
            )
        ]

    def __str__(self):
        return f"{self.branch} · {self.person}"


class Course(TimeStampedModel):
    """A 团校 class or training course: sessions are meetings of kind course_session; its roster completes it."""

    class Kind(models.TextChoices):
        LEAGUE_SCHOOL = "league_school", _("League school")
        TRAINING = "training", _("Training course")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organizer")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.LEAGUE_SCHOOL)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # Completion: at least this many sessions attended, and at least these hours; either may be left empty.
    required_sessions = models.PositiveSmallIntegerField(_("sessions to attend"), null=True, blank=True)
    required_hours = models.DecimalField(_("hours to attend"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return self.title


class Enrollment(TimeStampedModel):
    """A person on a course's roster, and when (if) they completed it."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", pgettext_lazy("course enrollment", "Withdrawn")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ENROLLED)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # Why the organizer completed or withdrew this person by hand (a completion from attendance needs none).
    note = models.CharField(_("reason"), max_length=200, blank=True)
    # Completed by the organizer's decision although the attendance did not meet the course's rule.
    overridden = models.BooleanField(_("completed by decision"), default=False)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="enrollment_unique_person")]

    def __str__(self):
        return f"{self.course} · {self.person}"


class Meeting(TimeStampedModel):
    """One meeting, lesson, theme day or talk that happened: when, where, about what, who chaired and recorded,
    and what it decided. Attendance rows say who came."""

    class Source(models.TextChoices):
        ENTERED = "entered", _("Entered")
        IMPORTED = "imported", _("Imported")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organizer")
    )
    # Set for the Party branch's meetings (kinds in PARTY_KINDS), which only its members and the county see.
    party_branch = models.ForeignKey(
        PartyBranch,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("Party branch"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    chair = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair")
    )
    recorder = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorder")
    )
    campaigns = models.ManyToManyField(Campaign, blank=True, related_name="meetings", verbose_name=_("campaigns"))
    guests = models.TextField(_("guests"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    # Lesson hours each attendee present earns (lesson kinds); an attendance row may say otherwise.
    hours = models.DecimalField(_("lesson hours"), max_digits=4, decimal_places=1, default=Decimal(0))
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.ENTERED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "held_on"]),
            models.Index(fields=["kind", "held_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="meeting_hours_not_negative"),
            models.CheckConstraint(
                condition=Q(party_branch__isnull=True, kind__in=sorted(LEAGUE_KINDS))
                | Q(party_branch__isnull=False, kind__in=sorted(PARTY_KINDS)),
                name="meeting_party_kinds_with_party_branch",
            ),
        ]

    def __str__(self):
        return f"{self.held_on} {self.topic}"

    @property
    def is_party(self) -> bool:
        return self.party_branch_id is not None


class Attendance(models.Model):
    """One person expected at a meeting: present, absent (with the reason) or excused; the hours a lesson gave them."""

    class Status(models.TextChoices):
        PRESENT = "present", pgettext_lazy("meeting attendance", "Present")
        ABSENT = "absent", pgettext_lazy("meeting attendance", "Absent")
        EXCUSED = "excused", pgettext_lazy("meeting attendance", "Excused")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices, default=Status.PRESENT)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    hours = models.DecimalField(_("lesson hours"), max_digits=4, decimal_places=1, default=Decimal(0))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        indexes = [models.Index(fields=["person", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_one_per_person"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="attendance_hours_not_negative"),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.person}"


class Attachment(models.Model):
    """A file kept with a meeting (sign-in sheet scan, slides, photo): optional unless county policy requires one."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="meetings/%Y/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class LessonCredit(TimeStampedModel):
    """Lesson hours a person earned before TuanWu kept attendance (a paper record): entered once, with the evidence
    named, and marked as such wherever the hours are shown."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    hours = models.DecimalField(_("lesson hours"), max_digits=4, decimal_places=1)
    earned_on = models.DateField(_("earned on"))
    evidence = models.CharField(_("evidence"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lesson hours on paper")
        verbose_name_plural = _("lesson hours on paper")
        ordering = ["earned_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="lesson_credit_hours_positive")]

    def __str__(self):
        return f"{self.person} · {self.hours}"


class MeetingPolicy(TimeStampedModel):
    """A county's rhythm of organizational life for a year: how often each kind is due (in months; 0 = not due),
    the general meeting's quorum, the months student branches are excused, what counts as lesson hours, and the
    branch rating's cap and age limit. The defaults are DOMAIN §6 and §8."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    general_meeting_months = models.PositiveSmallIntegerField(_("general meeting every (months)"), default=3)
    general_meeting_quorum = models.PositiveSmallIntegerField(
        _("general meeting attendance above (% of members)"), default=50
    )
    committee_meeting_months = models.PositiveSmallIntegerField(_("committee meeting every (months)"), default=1)
    # Branches below this size have no branch committee (DOMAIN §2: ≥ 7 members form one) and owe no meeting of it.
    committee_min_members = models.PositiveSmallIntegerField(_("members needed for a branch committee"), default=7)
    group_meeting_months = models.PositiveSmallIntegerField(_("group meeting every (months)"), default=1)
    lesson_months = models.PositiveSmallIntegerField(_("League lesson every (months)"), default=3)
    theme_day_months = models.PositiveSmallIntegerField(_("theme day every (months)"), default=1)
    party_general_months = models.PositiveSmallIntegerField(_("Party general meeting every (months)"), default=3)
    party_committee_months = models.PositiveSmallIntegerField(_("Party committee meeting every (months)"), default=1)
    party_group_months = models.PositiveSmallIntegerField(_("Party group meeting every (months)"), default=1)
    party_lesson_months = models.PositiveSmallIntegerField(_("Party lesson every (months)"), default=3)
    # Months (1–12, comma-separated) in which student branches owe no monthly meeting: the summer holiday.
    student_excused_months = models.CharField(_("months student branches are excused"), max_length=40, default="7,8")
    # Kinds (comma-separated Kind values) whose record must carry an attachment; none by default (burden rules).
    attachment_required_kinds = models.CharField(_("kinds that need an attachment"), max_length=200, blank=True)
    study_counts_as_lesson = models.BooleanField(_("青年大学习 episodes studied count as lesson hours"), default=False)
    study_episode_hours = models.DecimalField(
        _("lesson hours per 青年大学习 episode"), max_digits=3, decimal_places=1, default=Decimal("0.5")
    )
    rating_top_cap = models.PositiveSmallIntegerField(_("★5 and ★4 branches at most (% of those rated)"), default=30)
    rating_min_months = models.PositiveSmallIntegerField(_("months a branch must exist to be rated"), default=6)
    # The rating's score sheet: [{"key", "label", "max"}, ...] adding up to 100; empty = the default sheet
    # (meetings.rating.DEFAULT_SHEET). Keys the system computes are computed; the others the committee enters.
    rating_items = models.JSONField(_("rating score sheet"), default=list, blank=True)

    class Meta:
        verbose_name = _("organizational life policy")
        verbose_name_plural = _("organizational life policies")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="meeting_policy_one_per_year")]

    def __str__(self):
        return f"{self.organization} {self.year}"


class BranchRating(TimeStampedModel):
    """A branch's yearly rating (对标定级): the items computed from the records and those the committee entered,
    the score out of 100 and its band, and the star the committee above finally recorded, with the reason for any
    change."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")
        EXCLUDED = "excluded", _("Not rated")

    class Band(models.TextChoices):
        FIVE = "5", _("★★★★★")
        FOUR = "4", _("★★★★")
        THREE = "3", _("★★★")
        TWO = "2", _("★★ (lagging)")
        WEAK = "weak", _("Weak and lax")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # [{"key": ..., "label": ..., "points": ..., "max": ..., "source": "records" | "entered", "basis": ...}, ...]
    items = models.JSONField(_("items"), default=list, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    band = models.CharField(_("band"), max_length=8, choices=Band.choices, blank=True)
    # Why the computed band is not the score's own (a branch under a year old held at ★3).
    band_note = models.CharField(_("note on the band"), max_length=300, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    final_band = models.CharField(_("final star"), max_length=8, choices=Band.choices, blank=True)
    change_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    excluded_reason = models.CharField(_("why not rated"), max_length=200, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("branch rating")
        verbose_name_plural = _("branch ratings")
        ordering = ["-year", "organization__path"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="branch_rating_one_per_year")]

    def __str__(self):
        return f"{self.organization} {self.year}"


class Rectification(TimeStampedModel):
    """The rectification of a weak and lax (软弱涣散) branch: the problems, the measures, by when, and the result."""

    rating = models.OneToOneField(BranchRating, on_delete=models.CASCADE, related_name="rectification")
    problems = models.TextField(_("problems found"))
    measures = models.TextField(_("measures"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")

    def __str__(self):
        return f"{self.rating}"
