"""Input shapes of the 青年大学习 pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput
from tuanwu.sheets.models import ColumnMapping
from tuanwu.sheets.selectors import column_mapping_list

from .models import Season
from .sheets import KIND


class SeasonForm(forms.Form):
    code = forms.CharField(label=_("season code"), max_length=32, help_text=_("e.g. 2020-10"))
    title = forms.CharField(label=_("season name"), max_length=100)
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput())


class EpisodeForm(forms.Form):
    season = forms.ModelChoiceField(label=_("season"), queryset=Season.objects.all())
    code = forms.CharField(label=_("episode code"), max_length=32, help_text=_("e.g. 2020-12"))
    title = forms.CharField(label=_("episode name"), max_length=200)
    released_on = forms.DateField(label=_("release date"), widget=DateInput())


class ImportForm(forms.Form):
    file = forms.FileField(label=_("the province's export (.xlsx, .xls, .csv)"))
    number = forms.CharField(label=_("column of the student or staff number"), required=False)
    name = forms.CharField(label=_("column of the name"), required=False)
    unit = forms.CharField(label=_("column of the organization"), required=False)
    id_number = forms.CharField(label=_("column of the ID number"), required=False)
    saved = forms.ModelChoiceField(
        label=_("a saved column mapping"), queryset=ColumnMapping.objects.none(), required=False
    )
    save_as = forms.CharField(
        label=_("save these columns as"), max_length=50, required=False, help_text=_("e.g. the province's name")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saved"].queryset = column_mapping_list(KIND)

    def mapping(self) -> dict:
        if self.cleaned_data.get("saved"):
            return dict(self.cleaned_data["saved"].columns)
        return {k: self.cleaned_data[k] for k in ("number", "name", "unit", "id_number") if self.cleaned_data.get(k)}


class RankForm(forms.Form):
    province_rank = forms.IntegerField(label=_("the county's rank in the province"), min_value=1, required=False)
    province_total = forms.IntegerField(label=_("counties ranked"), min_value=1, required=False)
