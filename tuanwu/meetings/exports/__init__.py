"""Spreadsheet exports of the meetings pages, one module per area."""
