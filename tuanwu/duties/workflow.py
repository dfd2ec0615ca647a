"""The steps a proposal moves through: submitted, then adopted (立案) and handled (办结); a proposal may be handled
without being adopted."""

from .models import ProposalStatus

PROPOSAL_TRANSITIONS: dict[ProposalStatus, frozenset[ProposalStatus]] = {
    ProposalStatus.SUBMITTED: frozenset({ProposalStatus.ADOPTED, ProposalStatus.HANDLED}),
    ProposalStatus.ADOPTED: frozenset({ProposalStatus.HANDLED}),
    ProposalStatus.HANDLED: frozenset(),
}
