"""A team's shared database on PostgreSQL: connections, schema, search and evidence."""
