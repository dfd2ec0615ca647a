"""The Django admin opens for a superuser on every registered model, and edits no domain data."""

import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.mark.parametrize("model", [m for m in admin.site._registry], ids=lambda m: m._meta.label)
def test_changelist_renders_for_superuser(client, cast, model):
    su = cast.users["county_admin"]
    su.is_superuser = su.is_staff = True
    su.save()
    client.force_login(su)

    response = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("label", ["organizations.Organization", "people.Person", "people.Membership"])
def test_domain_models_are_read_only_in_admin(rf, cast, label):
    from django.apps import apps

    model_admin = admin.site._registry[apps.get_model(label)]
    request = rf.get("/")
    request.user = cast.users["county_admin"]

    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request)
