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


class TextListFilter(forms.Form):
    """The filter of a list whose parameters are plain text, as given: the page, the API and the export build it
    from their parameters (any mapping) and call filter() on the list's scoped queryset. An unknown value matches
    nothing rather than being dropped, so a subclass declares CharFields and applies them in filter()."""

    def __init__(self, data=None, **kwargs):
        source = data or {}
        super().__init__({name: source.get(name, "") for name in self.base_fields}, **kwargs)

    @property
    def values(self) -> dict[str, str]:
        """The parameters as given (for the page's form)."""
        return {name: str(self.data.get(name) or "") for name in self.fields}


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the fields it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
