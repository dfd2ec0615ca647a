"""Input shapes of the meetings pages, one module per area."""
