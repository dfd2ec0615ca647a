"""Abstract bases shared by every domain model; no concrete tables live here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """A row that knows when it was created and last changed, and carries a version for edit conflicts."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Incremented by every service that edits the row; a form posts the version it showed, and a
    # mismatch means someone else saved in between (see core.concurrency).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
