"""The one allocator of document numbers (certificates, development numbers, and every numbered document to
come): a counter per kind, scope and year, taken under a row lock inside the caller's transaction."""
