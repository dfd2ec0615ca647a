"""Saved column mappings: the headers another system's export gives the fields of one import kind."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class ColumnMapping(TimeStampedModel):
    """A saved column mapping for one layout of one import kind: field → the header that holds it."""

    kind = models.CharField(_("import"), max_length=50)
    name = models.CharField(_("name"), max_length=50)
    columns = models.JSONField(_("columns"), default=dict)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="column_mapping_once_per_kind")]

    def __str__(self) -> str:
        return self.name
