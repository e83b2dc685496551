"""The evidence of a case: its grid, details, viewer, black-out editor and import."""
