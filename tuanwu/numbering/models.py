"""The counters of numbered documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberSeries(models.Model):
    """The last number given in one series: a kind of document (`certificate`, `development`…), the scope it is
    numbered in (a county's code, a quota) and a year. Written only by `services.next_number`."""

    kind = models.CharField(_("kind"), max_length=32)
    key = models.CharField(_("scope"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveBigIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [models.UniqueConstraint(fields=["kind", "key", "year"], name="number_series_once")]

    def __str__(self):
        return f"{self.kind} {self.key} {self.year}: {self.last}"
