"""Every write of volunteering, by sub-domain: activities and their states (activities), sign-up and QR
check-in (signups), attendance and the hour ledger (ledger), corrections and correction requests
(corrections), certificates, and task forces. County policy is written through tuanwu.organizations.policy."""
