"""Care records, campaigns and projects for tests, through the services."""

import datetime

from tuanwu.care import services


def record(cast, *, organization=None, follower="branch_secretary", name="陈静", **kw):
    """An open record of the branch followed by its secretary, consented by the guardian."""
    fields = dict(
        difficulties=["economic", "academic"],
        consent_by="陈静",
        consent_on=datetime.date(2026, 1, 5),
        guardian="陈建国",
        opened_on=datetime.date(2026, 1, 5),
        school_or_unit="青禾一中",
    )
    fields.update(kw)
    return services.care_record_open(
        actor=cast.users["county_admin"],
        organization=organization or cast.branch,
        name=name,
        follower=cast.users[follower] if follower else None,
        **fields,
    )


def campaign(cast, organization=None):
    return services.campaign_create(
        actor=cast.users["county_admin"],
        organization=organization or cast.town,
        name="春节送温暖",
        festival="spring",
        starts_on=datetime.date(2026, 1, 20),
        ends_on=datetime.date(2026, 2, 20),
    )


def project(cast, organization=None):
    return services.project_create(
        actor=cast.users["county_admin"],
        organization=organization or cast.town,
        name="东湖村结对帮扶",
        target_kind="village",
        target_name="东湖村",
        started_on=datetime.date(2026, 1, 1),
    )
