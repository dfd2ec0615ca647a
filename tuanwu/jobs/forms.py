from django import forms
from django.utils.translation import gettext_lazy as _

# More rows than any list holds: a larger count is not a count.
ROWS_MAX = 10**9


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(".xlsx, .xls or .csv (UTF-8 or GBK). The header row is found by its column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )


class ExportForm(forms.Form):
    """The row count a list page sends with its export button: it decides whether the export runs at once or in
    the worker."""

    count = forms.IntegerField(label=_("row count"), required=False, min_value=0, max_value=ROWS_MAX)
