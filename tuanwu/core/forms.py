"""Form pieces every app's forms use."""

from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    """A date field with the browser's date picker, posting YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ServiceModelForm(forms.ModelForm):
    """A model form whose input a service saves: the form checks shape only, and the model's own validation
    runs once, in the service, so that the service's ValidationError codes and messages are the ones shown."""

    def _post_clean(self):
        pass


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the fields it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
