from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tuanwu.core"
    label = "core"
