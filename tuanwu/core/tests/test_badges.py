"""Status badges: each app declares its colours beside its status choices; core only collects them."""

import pytest

from tuanwu.core.badges import badge_for, badges
from tuanwu.core.templatetags.tw import status_class
from tuanwu.organizations.models import Organization
from tuanwu.people.workflow import MembershipStatus
from tuanwu.plan.models import PlanTask
from tuanwu.volunteering.models import Activity, Signup


@pytest.mark.parametrize(
    ("status", "colour"),
    [
        (MembershipStatus.NORMAL, "success"),
        (MembershipStatus.AGE_OUT_PENDING, "warning"),
        (MembershipStatus.EXPULSION, "danger"),
        (Organization.Status.DISSOLVED, "secondary"),
        ("warning", "warning"),
        ("info", "info"),
        (Activity.Status.DRAFT, "light"),
        (Signup.Status.WAITLISTED, "info"),
        (PlanTask.Status.NOT_STARTED, "light border"),
        ("applied", "secondary"),
        ("", "secondary"),
        (None, "secondary"),
    ],
)
def test_status_class_gives_the_colour_the_app_declares(status, colour):
    assert status_class(status) == colour
    assert badge_for(status) == colour


def test_every_membership_status_has_a_declared_colour():
    assert set(MembershipStatus.values) <= set(badges())
