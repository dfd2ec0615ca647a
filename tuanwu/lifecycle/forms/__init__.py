"""Input shapes of the lifecycle pages, one module per area."""
