"""The dossier export dialog and the export process it runs."""
