"""Backups on disk: consistent copies, the backup folder, archives, restores and rotation."""
