"""Role models and media accounts for tests, written through the services."""

from __future__ import annotations

import datetime

from tuanwu.publicity import services


def role_model(organization, name="张晓明", **fields):
    fields.setdefault("found_on", datetime.date(2026, 3, 1))
    fields.setdefault("field", "志愿服务")
    fields.setdefault("deeds", "扎根乡村，带领青年开展志愿服务")
    return services.role_model_create(actor=None, organization=organization, name=name, **fields)


def media_account(organization, admin, name="东湖村团支部", **fields):
    fields.setdefault("platform", "wechat")
    fields.setdefault("registered_on", datetime.date(2026, 1, 5))
    return services.media_account_create(actor=None, organization=organization, admin=admin, name=name, **fields)
