"""Alembic migrations of the AppealDesk database, from the very first schema on."""
