"""Cadre lists read as the League lists its cadres: 书记, 副书记, then the 委员 by office."""

import datetime

from tests.factories import member, org
from tuanwu.people.models import CadrePost
from tuanwu.people.selectors import cadres_of


def test_an_organizations_cadres_are_listed_secretary_first(cast, client_as):
    since = datetime.date(2024, 1, 1)
    branch = org(cast.branch.parent, "新建团支部")
    for name, post in [("甲委员", "publicity_officer"), ("乙副书记", "deputy_secretary"), ("丙书记", "secretary")]:
        CadrePost.objects.create(
            person=member(branch, name), organization=branch, post=post, kind="part_time", since=since
        )

    assert [p.person.name for p in cadres_of(branch)] == ["丙书记", "乙副书记", "甲委员"]
    page = client_as("county_admin").get(f"/organizations/{branch.pk}/").content.decode()
    assert page.index("丙书记") < page.index("乙副书记") < page.index("甲委员")
