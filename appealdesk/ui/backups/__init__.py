"""Backups from the window and choosing a backup to restore."""
