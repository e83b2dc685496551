"""Storage: the SQLite database, its migrations, the evidence store and the search index."""
