"""The case list, new cases, and the changes to cases made from the window."""
