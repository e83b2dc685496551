"""The case list: search, filters, sorting and paging, all done by the database.

The list is the first thing the window shows and what an agency searches with every
keystroke, so it is plain SQL over :meth:`Database.rows` (no ORM to load, nothing to map):
one query for a page, one for the count, one for the counts per status, and for the lines
far down the list's order as ids, then their lines by id. Every sort order ends in the case
number, so pages never overlap. The same SQL runs on SQLite and
PostgreSQL, but for the search, which each engine does with its own index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from appealdesk.domain.enums import CaseStatus, Platform, Priority
from appealdesk.services.case_rows import (
    FROM_CASE_ROWS,
    ROW_COLUMNS,
    CaseListPage,
    CaseQuery,
    CaseRow,
    CaseSort,
    ClientChoice,
    case_row,
)
from appealdesk.store.search_index import SearchSyntax, short_words

if TYPE_CHECKING:
    from appealdesk.store.database import Database


def _rank(column: str, values: list[str]) -> str:
    """``CASE`` that orders an enum column in the order of its enum, not alphabetically."""
    cases = " ".join(f"WHEN '{value}' THEN {index}" for index, value in enumerate(values))
    return f"CASE {column} {cases} END"


_FROM_CASES = "FROM cases AS c"
_SORT_KEYS: dict[CaseSort, tuple[str, ...]] = {
    CaseSort.CASE_NUMBER: ("c.case_number",),
    CaseSort.CLIENT: ("lower(cl.name)", "c.case_number"),
    CaseSort.ACCOUNT: ("a.platform", "a.handle", "c.case_number"),
    CaseSort.STATUS: (_rank("c.status", [s.value for s in CaseStatus]), "c.case_number"),
    CaseSort.REASON: ("c.reason_area", "c.reason_policy", "c.case_number"),
    CaseSort.BLOCKED_AT: ("c.blocked_at", "c.case_number"),
    CaseSort.NEXT_DUE: ("c.next_action_due", "c.case_number"),
    CaseSort.LAST_CONTACT: ("c.last_contact_at", "c.case_number"),
    CaseSort.PRIORITY: (_rank("c.priority", [p.value for p in Priority]), "c.case_number"),
}
# Cases without a date sort after dated ones in either direction.
_NULLS_LAST = {CaseSort.NEXT_DUE: "c.next_action_due", CaseSort.LAST_CONTACT: "c.last_contact_at"}


_INDEXED_SORTS = frozenset({CaseSort.CASE_NUMBER, CaseSort.BLOCKED_AT})
_JOINED = frozenset({CaseSort.CLIENT, CaseSort.ACCOUNT})  # orders by the account or client
# On PostgreSQL a search that matches at most this many cases lists them first and sorts
# them: walking the list's order there checks each case with a lookup of its own, which for a
# rare word reads every case (0.2 s at 100,000 cases). One that matches more walks the order
# and stops at the first page.
FEW_MATCHES = 500
# On SQLite, from this many cases on, the first page of a search for short words is looked for
# among the first WALK_ROWS cases in the list's order, each looked up in ``case_words``: 2 ms
# for a word in every case at 100,000 cases, where gathering its matches takes 12 ms (and 2 ms
# at 10,000, where the walk takes 3-4). A page they do not fill gathers the matches after all.
WALK_FROM_CASES, WALK_ROWS = 25_000, 300


def _syntax(db: Database) -> SearchSyntax:
    return SearchSyntax(db.engine_name, db.rows)


def _where(
    query: CaseQuery,
    today: dt.date,
    syntax: SearchSyntax,
    *,
    with_status: bool = True,
    with_search: bool = True,
    few: list[int] | None = None,
) -> tuple[str, list[Any]]:
    """The conditions of the list's queries; ``few``: the ids of a search's only matches."""
    conditions: list[str] = []
    parameters: list[Any] = []
    if with_status and query.statuses:
        marks = ", ".join("?" for _ in query.statuses)
        conditions.append(f"c.status IN ({marks})")
        parameters += sorted(s.value for s in query.statuses)
    if query.platform is not None:
        conditions.append("a.platform = ?")
        parameters.append(Platform(query.platform).value)
    if query.client_id is not None:
        conditions.append("cl.id = ?")
        parameters.append(query.client_id)
    if query.overdue_only:
        conditions.append("c.next_action_due < ? AND c.status != ?")
        parameters += [today.isoformat(), CaseStatus.CLOSED.value]
    expression = _search_parameter(query, syntax)
    if expression is None:  # only punctuation: nothing can match
        conditions.append("1 = 0")
    elif expression and with_search and few is not None:
        conditions.append(f"c.id IN {syntax.listed_ids}")
        parameters.append(few)
    elif expression and with_search:
        # Where an index gives the order, "+" keeps SQLite walking the cases in that order,
        # checking each against the matches: a search that matches thousands stops at the
        # first page. Otherwise the matches come first and are sorted.
        walk = "+" if query.sort in _INDEXED_SORTS and not syntax.postgres else ""
        conditions.append(f"{walk}c.id IN {syntax.matching_ids}")
        parameters.append(expression)
    if not conditions:
        return "", parameters
    return " WHERE " + " AND ".join(conditions), parameters


def _search_parameter(query: CaseQuery, syntax: SearchSyntax) -> str | None:
    """The search's parameter; "" without a search, None when nothing can match."""
    if not query.search.strip():
        return ""
    return syntax.parameter(query.search)


def _order(query: CaseQuery) -> str:
    keys = []
    if query.sort in _NULLS_LAST:
        keys.append(f"{_NULLS_LAST[query.sort]} IS NULL")
    direction = " DESC" if query.descending else ""
    keys += [key + direction for key in _SORT_KEYS[query.sort]]
    return " ORDER BY " + ", ".join(keys)


def list_cases(
    db: Database,
    query: CaseQuery,
    *,
    offset: int = 0,
    limit: int = 200,
    today: dt.date | None = None,
) -> list[CaseRow]:
    """One page of the case list in the order asked for."""
    syntax = _syntax(db)
    today = today or dt.date.today()
    if offset == 0 and (walked := _walk(db, query, syntax, limit, today)) is not None:
        return [case_row(values) for values in walked[2]]
    few = _few_matches(db, query, syntax)
    where, parameters = _where(query, today, syntax, few=few)
    sql = f"SELECT {ROW_COLUMNS} {FROM_CASE_ROWS}{where}{_order(query)} LIMIT ? OFFSET ?"
    return [case_row(values) for values in db.rows(sql, [*parameters, limit, offset])]


def _walk(
    db: Database, query: CaseQuery, syntax: SearchSyntax, limit: int, today: dt.date
) -> tuple[str, list[Any], list[tuple[Any, ...]]] | None:
    """On SQLite with many cases, for short words in the case number's order and filters of
    the cases table alone, the first page among the first cases of that order, with its query
    and parameters; None when it does not apply or they do not fill it (see ``WALK_ROWS``)."""
    if syntax.postgres or query.sort is not CaseSort.CASE_NUMBER or not short_words(query.search):
        return None
    if query.platform is not None or query.client_id is not None:
        return None
    if (db.rows("SELECT max(id) FROM cases")[0][0] or 0) < WALK_FROM_CASES:
        return None
    where, parameters = _where(query, today, syntax, with_search=False)
    conditions, order = [where.removeprefix(" WHERE ")] if where else [], _order(query)
    last = db.rows(
        f"SELECT c.case_number {_FROM_CASES}{where}{order} LIMIT 1 OFFSET ?",
        [*parameters, max(WALK_ROWS, 3 * limit) - 1],
    )
    if last:  # more cases than the walk looks at: it stops at the last of them
        conditions.append(f"c.case_number {'>=' if query.descending else '<='} ?")
        parameters.append(last[0][0])
    conditions.append(syntax.word_probe)
    parameters += [_search_parameter(query, syntax), limit]
    sql = f"SELECT {ROW_COLUMNS} {FROM_CASE_ROWS} WHERE {' AND '.join(conditions)}{order} LIMIT ?"
    rows = db.rows(sql, parameters)
    return (sql, parameters, rows) if len(rows) == limit or not last else None


def _few_matches(db: Database, query: CaseQuery, syntax: SearchSyntax) -> list[int] | None:
    """On PostgreSQL, the ids of the cases a search matches when they are few (see
    ``FEW_MATCHES``); None otherwise, and on SQLite."""
    if not syntax.postgres:
        return None
    expression = _search_parameter(query, syntax)
    if not expression:
        return None
    # Many matches among the first cases: a search of many, told without finding them all.
    if len(db.rows(syntax.sample_matches, [expression, FEW_MATCHES + 1])) > FEW_MATCHES:
        return None
    ids = [int(row[0]) for row in db.rows(syntax.first_matches, [expression, FEW_MATCHES + 1])]
    return ids if len(ids) <= FEW_MATCHES else None


def _counting(
    query: CaseQuery,
    today: dt.date,
    syntax: SearchSyntax,
    select: str,
    *,
    with_status: bool,
    few: list[int] | None = None,
) -> tuple[str, list[Any]]:
    """A query counting cases: only the tables the filters need, the matches joined in (or,
    when they are ``few``, their ids)."""
    where, parameters = _where(
        query, today, syntax, with_status=with_status, with_search=few is not None, few=few
    )
    tables = (
        FROM_CASE_ROWS if query.platform is not None or query.client_id is not None else _FROM_CASES
    )
    expression = _search_parameter(query, syntax)
    if expression and few is None:
        tables = tables.replace("FROM cases AS c", f"FROM {syntax.join}", 1)
        where = (where + " AND " if where else " WHERE ") + syntax.condition
        parameters.append(expression)
    return f"SELECT {select} {tables}{where}", parameters


def count_cases(db: Database, query: CaseQuery, *, today: dt.date | None = None) -> int:
    syntax = _syntax(db)
    few = _few_matches(db, query, syntax)
    sql, parameters = _counting(
        query, today or dt.date.today(), syntax, "count(*)", with_status=True, few=few
    )
    return int(db.rows(sql, parameters)[0][0])


def status_counts(
    db: Database, query: CaseQuery | None = None, *, today: dt.date | None = None
) -> dict[CaseStatus, int]:
    """How many cases each status has under the other filters (the agency's overview)."""
    query = query or CaseQuery()
    syntax = _syntax(db)
    sql, parameters = _counting(
        query,
        today or dt.date.today(),
        syntax,
        "c.status, count(*)",
        with_status=False,
        few=_few_matches(db, query, syntax),
    )
    counts = {status: 0 for status in CaseStatus}
    for status, number in db.rows(sql + " GROUP BY c.status", parameters):
        counts[CaseStatus(status)] = number
    return counts


def load_page(
    db: Database, query: CaseQuery, *, limit: int = 100, today: dt.date | None = None
) -> CaseListPage:
    """The first page with every count the list shows, in as few queries as that takes."""
    today = today or dt.date.today()
    counts = status_counts(db, query, today=today)
    chosen = query.statuses or frozenset(CaseStatus)
    return CaseListPage(
        rows=list_cases(db, query, limit=limit, today=today),
        matching=sum(counts[status] for status in chosen),
        status_counts=counts,
        all_cases=int(db.rows("SELECT count(*) FROM cases")[0][0]),
    )


def get_row(db: Database, case_id: int) -> CaseRow | None:
    """The list line of one case, to refresh it after an edit without reloading the list."""
    rows = db.rows(f"SELECT {ROW_COLUMNS} {FROM_CASE_ROWS} WHERE c.id = ?", [case_id])
    return case_row(rows[0]) if rows else None


def query_plan(
    db: Database, query: CaseQuery, *, counting: bool = False, today: dt.date | None = None
) -> list[str]:
    """How the database runs the page query, or the counting one: SQLite's ``EXPLAIN QUERY
    PLAN`` lines, or PostgreSQL's ``EXPLAIN``."""
    today = today or dt.date.today()
    syntax = _syntax(db)
    explain = "EXPLAIN" if syntax.postgres else "EXPLAIN QUERY PLAN"
    # As the queries themselves are run: the walk where it fills the page.
    if not counting and (walked := _walk(db, query, syntax, 100, today)) is not None:
        return [str(row[-1]) for row in db.rows(f"{explain} {walked[0]}", walked[1])]
    few = _few_matches(db, query, syntax)
    if counting:
        sql, parameters = _counting(
            query, today, syntax, "c.status, count(*)", with_status=False, few=few
        )
        sql += " GROUP BY c.status"
    else:
        where, parameters = _where(query, today, syntax, few=few)
        sql = f"SELECT {ROW_COLUMNS} {FROM_CASE_ROWS}{where}{_order(query)} LIMIT ? OFFSET ?"
        parameters = [*parameters, 100, 0]
    plan = [str(row[-1]) for row in db.rows(f"{explain} {sql}", parameters)]
    if few is None:
        return plan
    # The matches were found first: that query's plan, then this one's.
    probe = [_search_parameter(query, syntax), FEW_MATCHES + 1]
    return [*(str(row[-1]) for row in db.rows(f"EXPLAIN {syntax.first_matches}", probe)), *plan]


def ordered_ids(db: Database, query: CaseQuery, *, today: dt.date | None = None) -> list[int]:
    """Every case the list shows under ``query``, as ids in the list's order: where each line
    lies, without reading the lines (about 6 ms for 10,000 cases)."""
    syntax = _syntax(db)
    few = _few_matches(db, query, syntax)
    where, parameters = _where(query, today or dt.date.today(), syntax, few=few)
    # The accounts and clients only where the filters or the order need them: the joins
    # took 0.14 s of the 0.16 for 100,000 cases in the case numbers' order.
    joined = query.platform is not None or query.client_id is not None or query.sort in _JOINED
    sql = f"SELECT c.id {FROM_CASE_ROWS if joined else _FROM_CASES}{where}{_order(query)}"
    return [int(row[0]) for row in db.rows(sql, parameters)]


def rows_by_id(db: Database, ids: Sequence[int]) -> list[CaseRow]:
    """The lines of the cases ``ids``, in that order; a case no longer stored is left out."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT {ROW_COLUMNS} {FROM_CASE_ROWS} WHERE c.id IN ({marks})"
    found = {line.id: line for line in map(case_row, db.rows(sql, list(ids)))}
    return [found[id_] for id_ in ids if id_ in found]


def client_choices(db: Database) -> list[ClientChoice]:
    """Every client (the default one first, then by name), for the filter of the list."""
    rows = db.rows(
        "SELECT id, name, is_default FROM clients ORDER BY is_default DESC, lower(name), id"
    )
    return [ClientChoice(id_, name, bool(default)) for id_, name, default in rows]
