"""The schema of a team's database on PostgreSQL, and what the database does by itself.

A new database is given the tables of the current models (the same as the SQLite
migrations build, compared by a test) and is stamped with the head revision: PostgreSQL
databases start at :data:`BASELINE_REVISION`, and migrations after it are written for both
engines. Besides the tables the database keeps, by triggers that no client can skip:

- ``case_search``: one ``tsvector`` per case (case number, handle, names, notice, notes,
  tags, the summaries and reference numbers of its events), accent-insensitive through
  ``unaccent``, with words split where SQLite's index splits them (at everything that is
  not a letter or a digit), rebuilt in the transaction that changes the case;
- ``audit_log``: who (the PostgreSQL role that logged in), when, which row of which case,
  and the old and new value of every field that changed; never evidence bytes;
- a notice on the channel ``appealdesk_changes`` after every committed change, naming the
  connection that made it, so every member's window learns of the others' changes.

The models (and the ORM) are loaded only to create a schema: opening a team database shows
its case list before they are needed.
"""

from __future__ import annotations

from typing import Any

BASELINE_REVISION = "0008"
CHANGES_CHANNEL = "appealdesk_changes"
WRITE_LOCK = 0x41505044  # "APPD": the one advisory lock every write transaction holds
# Tables the database keeps for itself: no audit of their rows (the blobs' notices only).
_OWN_TABLES = ("alembic_version", "audit_log", "case_search", "evidence_blobs", "evidence_chunks")

# The case list's order as ids (``case_list.ordered_ids``) read from an index alone: the
# cases in case-number order with their ids, 29 ms for 100,000 cases against 117 ms sorted
# (SQLite's index on the case number holds the id already). Migration 0010 adds it.
ORDER_INDEXES_SQL = "CREATE INDEX cases_in_number_order ON cases (case_number) INCLUDE (id);"
# Indexes of the models' tables that the models do not declare (PostgreSQL's only).
OWN_INDEXES = ("cases_in_number_order",)

# Evidence bytes, content-addressed (see :mod:`evidence_store`).
EVIDENCE_TABLES_SQL = """\
CREATE TABLE evidence_blobs (
    id bigserial PRIMARY KEY,
    sha256 text UNIQUE CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
    size bigint NOT NULL DEFAULT 0 CHECK (size >= 0),
    stored_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE evidence_chunks (
    blob_id bigint NOT NULL REFERENCES evidence_blobs (id) ON DELETE CASCADE,
    n integer NOT NULL CHECK (n >= 0),
    data bytea NOT NULL,
    PRIMARY KEY (blob_id, n)
);
-- Photos and PDFs are compressed already: kept as they are, read without inflating.
ALTER TABLE evidence_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
"""

_SEARCH = r"""
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE FUNCTION appealdesk_search_text(t text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT regexp_replace(lower(unaccent(coalesce(t, ''))), '[^[:alnum:]]+', ' ', 'g') $$;

CREATE TABLE case_search (
    case_id integer PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    document tsvector NOT NULL
);
CREATE INDEX case_search_document ON case_search USING gin (document);

CREATE FUNCTION appealdesk_index_case(wanted integer) RETURNS void
LANGUAGE sql
AS $$
    INSERT INTO case_search (case_id, document)
    SELECT c.id, to_tsvector('simple', appealdesk_search_text(concat_ws(' ',
        c.case_number, a.handle, a.display_name, cl.name, cl.contact_person, c.notice_text,
        c.user_statement, a.notes, cl.notes,
        (SELECT string_agg(tag, ' ') FROM json_array_elements_text(c.tags) AS tag),
        (SELECT string_agg(concat_ws(' ', e.summary, e.reference, e.outcome), ' ')
         FROM events e WHERE e.case_id = c.id))))
    FROM cases c
    JOIN accounts a ON a.id = c.account_id
    JOIN clients cl ON cl.id = a.client_id
    WHERE c.id = wanted
    ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document
$$;

-- Every typed piece must appear: its words one after the other, the last one as a prefix.
-- Lexemes are quoted after the split, so they hold letters and digits only.
CREATE FUNCTION appealdesk_search_query(pieces text[]) RETURNS tsquery
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    piece text;
    words text[];
    phrases text[] := '{}';
BEGIN
    FOREACH piece IN ARRAY pieces LOOP
        words := array_remove(regexp_split_to_array(appealdesk_search_text(piece), ' '), '');
        CONTINUE WHEN cardinality(words) = 0;
        phrases := phrases || (
            SELECT string_agg('''' || w || '''', ' <-> ' ORDER BY i) || ':*'
            FROM unnest(words) WITH ORDINALITY AS t(w, i));
    END LOOP;
    IF cardinality(phrases) = 0 THEN
        RETURN NULL;  -- matches nothing
    END IF;
    RETURN to_tsquery('simple', array_to_string(phrases, ' & '));
END
$$;

CREATE FUNCTION appealdesk_index_case_row() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_TABLE_NAME = 'cases' THEN
        PERFORM appealdesk_index_case(NEW.id);
    ELSIF TG_TABLE_NAME = 'events' THEN
        IF TG_OP <> 'INSERT' THEN PERFORM appealdesk_index_case(OLD.case_id); END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.case_id <> OLD.case_id) THEN
            PERFORM appealdesk_index_case(NEW.case_id);
        END IF;
    ELSIF TG_TABLE_NAME = 'accounts' THEN
        PERFORM appealdesk_index_case(c.id) FROM cases c WHERE c.account_id = NEW.id;
    ELSIF TG_TABLE_NAME = 'clients' THEN
        PERFORM appealdesk_index_case(c.id)
        FROM cases c JOIN accounts a ON a.id = c.account_id WHERE a.client_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER case_search_cases AFTER INSERT OR UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION appealdesk_index_case_row();
CREATE TRIGGER case_search_events AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION appealdesk_index_case_row();
CREATE TRIGGER case_search_accounts AFTER UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION appealdesk_index_case_row();
CREATE TRIGGER case_search_clients AFTER UPDATE ON clients
    FOR EACH ROW EXECUTE FUNCTION appealdesk_index_case_row();
"""

_AUDIT = r"""
CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    member text NOT NULL DEFAULT session_user,
    table_name text NOT NULL,
    row_id bigint,
    case_id integer,
    action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    changes jsonb NOT NULL
);
CREATE INDEX audit_log_case ON audit_log (case_id, id);

-- Runs as the schema's owner, so members need no right to write the log (and have none).
CREATE FUNCTION appealdesk_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    row_data jsonb := coalesce(new_row, old_row);
    changed jsonb;
BEGIN
    SELECT coalesce(jsonb_object_agg(key, jsonb_build_object(
               'old', coalesce(old_row -> key, 'null'), 'new', coalesce(new_row -> key, 'null'))),
           '{}')
    INTO changed
    FROM (SELECT jsonb_object_keys(row_data) AS key) AS keys
    WHERE (old_row -> key) IS DISTINCT FROM (new_row -> key);
    IF TG_OP = 'UPDATE' AND changed = '{}' THEN
        RETURN NULL;
    END IF;
    INSERT INTO public.audit_log (table_name, row_id, case_id, action, changes)
    VALUES (TG_TABLE_NAME, (row_data ->> 'id')::bigint,
            CASE WHEN TG_TABLE_NAME = 'cases' THEN (row_data ->> 'id')::integer
                 ELSE (row_data ->> 'case_id')::integer END,
            lower(TG_OP), changed);
    RETURN NULL;
END
$$;
"""

# What SQLite's migrations enforce with triggers of their own (0007: custody entries).
_RULES = r"""
CREATE FUNCTION appealdesk_custody_unchangeable() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'custody entries are never changed or deleted'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER custody_entries_unchangeable BEFORE UPDATE OR DELETE ON custody_entries
    FOR EACH ROW EXECUTE FUNCTION appealdesk_custody_unchangeable();
CREATE TRIGGER custody_entries_kept BEFORE TRUNCATE ON custody_entries
    FOR EACH STATEMENT EXECUTE FUNCTION appealdesk_custody_unchangeable();
"""

_CHANGES = rf"""
CREATE FUNCTION appealdesk_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('{CHANGES_CHANNEL}', current_setting('application_name'));
    RETURN NULL;
END
$$;
"""


def create_schema(connection: Any) -> None:
    """Creates every table, index, function and trigger in an empty database, in the
    transaction of ``connection`` (a SQLAlchemy connection)."""
    from sqlalchemy import text

    from appealdesk.domain.models import SQLModel
    from appealdesk.store.migrate import HEAD_REVISION

    SQLModel.metadata.create_all(connection)
    raw = connection.connection.dbapi_connection
    raw.execute(ORDER_INDEXES_SQL)
    raw.execute(_SEARCH)
    raw.execute(EVIDENCE_TABLES_SQL)
    raw.execute(_RULES)
    raw.execute(_AUDIT)
    raw.execute(_CHANGES)
    add_row_triggers(raw)
    connection.execute(text("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)"))
    connection.execute(text("INSERT INTO alembic_version VALUES (:head)"), {"head": HEAD_REVISION})


def add_row_triggers(raw: Any) -> None:
    """Gives every table that lacks them the audit trigger (the models' tables: never the
    index, the log or the blobs) and the change notice (those and the blobs); for a new
    database, and for the tables a schema upgrade adds. ``raw``: a psycopg connection."""
    from psycopg import sql

    tables = [
        row[0]
        for row in raw.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]
    existing = set(
        raw.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal"
        ).fetchall()
    )
    audit = sql.SQL(
        "CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON {} "
        "FOR EACH ROW EXECUTE FUNCTION appealdesk_audit_row()"
    )
    changes = sql.SQL(
        "CREATE TRIGGER changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {} "
        "FOR EACH STATEMENT EXECUTE FUNCTION appealdesk_changed()"
    )
    for table in tables:
        if table not in _OWN_TABLES and (table, "audit") not in existing:
            raw.execute(audit.format(sql.Identifier(table)))
        noticed = table not in _OWN_TABLES or table == "evidence_blobs"
        if noticed and (table, "changes") not in existing:
            raw.execute(changes.format(sql.Identifier(table)))
