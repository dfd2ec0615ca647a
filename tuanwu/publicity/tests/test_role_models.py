import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.publicity import services
from tuanwu.publicity.filters import RoleModelFilter
from tuanwu.publicity.models import RoleModel
from tuanwu.publicity.selectors import role_model_list

from .factories import role_model


def test_branch_secretary_records_a_role_model_with_publicity_and_an_honour(cast):
    secretary = cast.users["branch_secretary"]

    rm = services.role_model_create(
        actor=secretary,
        organization=cast.branch,
        name="张晓明",
        person=cast.people["zhang"],
        field="乡村振兴",
        deeds="返乡创业",
        found_on=datetime.date(2026, 4, 1),
        voice_case_id=12,
    )
    services.publicity_add(
        actor=secretary, role_model=rm, date=datetime.date(2026, 5, 4), channel="青禾发布", title="返乡青年"
    )
    services.honour_add(actor=secretary, role_model=rm, name="优秀共青团员", level="county", year=2026)

    assert [p.title for p in rm.publicities.all()] == ["返乡青年"]
    assert [(h.name, h.level) for h in rm.honours.all()] == [("优秀共青团员", "county")]
    assert LogEntry.objects.get_for_object(rm).count() == 1


def test_refuses_a_collective_tied_to_a_person(cast):
    with pytest.raises(ValidationError) as e:
        role_model(cast.branch, name="东湖村青年突击队", kind="collective", person=cast.people["zhang"])

    assert e.value.error_dict["person"][0].code == "ROLE_MODEL_COLLECTIVE_PERSON"
    assert RoleModel.objects.count() == 0


@pytest.mark.parametrize(("user", "error"), [("auditor", PermissionDenied), ("outsider", Http404)])
def test_refuses_a_role_model_outside_what_the_user_manages(cast, user, error):
    with pytest.raises(error):
        services.role_model_create(
            actor=cast.users[user], organization=cast.branch, name="王芳", found_on=datetime.date(2026, 1, 1)
        )

    assert RoleModel.objects.count() == 0


def test_search_by_name_field_organization_and_year(cast):
    role_model(cast.branch, name="张晓明", field="志愿服务", found_on=datetime.date(2026, 3, 1))
    role_model(cast.branch2, name="王芳", field="科技创新", found_on=datetime.date(2025, 3, 1))
    role_model(cast.school_branch, name="赵磊", field="科技创新", found_on=datetime.date(2026, 3, 1))
    qs = role_model_list(cast.users["county_admin"])

    def names(**params):
        return sorted(RoleModelFilter(params).filter(qs).values_list("name", flat=True))

    assert names(q="王") == ["王芳"]
    assert names(field="科技") == ["王芳", "赵磊"]
    assert names(organization=cast.town.pk) == ["张晓明", "王芳"]
    assert names(year=2026) == ["张晓明", "赵磊"]
    assert sorted(role_model_list(cast.users["committee_secretary"]).values_list("name", flat=True)) == [
        "张晓明",
        "王芳",
    ]
