"""Dossier rendering: the appeal dossier as a PDF, or as a bundle with the evidence."""
