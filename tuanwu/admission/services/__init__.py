"""Every write of member development, by sub-domain: an application's steps (applications), the general meeting
(meetings), the approval with its development number (approvals), ceremonies, and quotas; `steps` holds what the
steps share. County policy is written through tuanwu.organizations.policy."""
