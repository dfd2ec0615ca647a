"""The lifecycle's tables, one module per sub-domain: dues.py, evaluation.py (evaluation and registration),
transfers.py, discipline.py, exits.py."""

from .discipline import DISCIPLINE_BADGES, DisciplineCase, DisciplineStep, Sanction  # noqa: F401
from .exits import EXIT_BADGES, LapseProposal  # noqa: F401

# Badge colours of the lifecycle's statuses (tuanwu.core.badges), merged from its sub-domains.
BADGES = {**DISCIPLINE_BADGES, **EXIT_BADGES}
