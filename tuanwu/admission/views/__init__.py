"""Pages of member development: the branch's pipeline, the committee's approvals and quotas, the county's policy
and audit, and the applicant's own progress."""
