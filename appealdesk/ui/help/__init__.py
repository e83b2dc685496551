"""The Help menu: the manual, the list of keyboard shortcuts and About."""
