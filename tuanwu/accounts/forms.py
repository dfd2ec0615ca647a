from django import forms
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .selectors import active_user


class RoleAssignForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def clean(self):
        data = super().clean()
        if username := data.get("username"):
            user = active_user(username)
            if user is None:
                self.add_error("username", _("No active user has this username."))
            data["user"] = user
        return data
