"""The lines of the case list: those read so far, and a place for every one still to read.

The first page is read with each search. Once the list is scrolled past it, or a case below
it is asked for, every matching case gets its place, and a line is read with its block (a
page long) when the view shows it: near the top by its place in the order, further down by
the ids of the list's order, read once (a page by its offset costs more the further down it
lies: 27 ms for row 9,900 of 10,000 sorted by client, against 1 ms by ids). So a case far
down a list of 100,000 shows as quickly as the first, and the scroll bar spans the whole list.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appealdesk.services.case_rows import CaseQuery, CaseRow
    from appealdesk.store.database import Database


class CaseLines:
    def __init__(
        self, block: int, offset_rows: int, db: Database | None, query: CaseQuery, today: dt.date
    ) -> None:
        self.block = block  # lines read at a time
        self.offset_rows = offset_rows  # from here on, lines are read by the order's ids
        self.db, self.query, self.today = db, query, today
        self._rows: list[CaseRow | None] = []  # None: not read yet
        self._read = 0
        self._places: dict[int, int] = {}  # case id → its row, of the lines read
        self._ids: list[int] | None = None
        self.short = False  # a block came back short: the list changed since it was read

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def read(self) -> int:
        """How many of the lines have been read from the database."""
        return self._read

    @property
    def complete(self) -> bool:
        """Every line that has a place is read."""
        return self._read == len(self._rows)

    def start(self, rows: list[CaseRow], total: int | None = None) -> None:
        """The first page, with a place for the lines after it up to ``total``."""
        places: list[CaseRow | None] = list(rows)
        self._rows = places + [None] * max(0, (total or 0) - len(rows))
        self._read = len(rows)
        self._places = {row.id: number for number, row in enumerate(rows)}
        self._ids = None
        self.short = False

    def make_room(self, total: int) -> None:
        """Places for the lines up to ``total``."""
        self._rows.extend([None] * max(0, total - len(self._rows)))

    def forget_from(self, first: int) -> None:
        """The lines from ``first`` on are read again when they are shown."""
        for row in self._rows[first:]:
            if row is not None:
                self._read -= 1
                self._places.pop(row.id, None)
        self._rows[first:] = [None] * (len(self._rows) - first)
        self._ids = None

    def starts_with(self, rows: list[CaseRow]) -> bool:
        """Whether the first lines are read, and are the lines of these cases in this order."""
        return all(
            (line := self.loaded(number)) is not None and line.id == row.id
            for number, row in enumerate(rows)
        )

    def loaded(self, number: int) -> CaseRow | None:
        """The line if it has been read, without reading it."""
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def line(self, number: int) -> CaseRow | None:
        """The line of row ``number``, read with its block if it has not been yet."""
        if not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        if row is None and not self.short:
            self._read_block(number // self.block)
            row = self._rows[number]
        return row

    def put(self, number: int, row: CaseRow) -> None:
        old = self._rows[number]
        if old is None:
            self._read += 1
        elif self._places.get(old.id) == number:
            del self._places[old.id]
        self._rows[number] = row
        self._places[row.id] = number

    def position(self, case_id: int, start: int = 0) -> int | None:
        """The row of the case in the list, or None if it is not listed."""
        number: int | None = self._places.get(case_id)
        if number is not None and number >= start:
            return number
        if self.complete:
            return None
        try:  # where it lies in the order, without reading the lines before it
            number = self._order().index(case_id, start)
        except ValueError:
            return None
        return number if number < len(self._rows) else None

    def _read_block(self, block: int) -> None:
        if self.db is None:
            return
        from appealdesk.services import case_list

        first = block * self.block
        end = min(first + self.block, len(self._rows))
        if first < self.offset_rows and self._ids is None:
            found: list[CaseRow | None] = list(
                case_list.list_cases(
                    self.db, self.query, offset=first, limit=end - first, today=self.today
                )
            )
        else:
            ids = self._order()[first:end]
            by_id = {row.id: row for row in case_list.rows_by_id(self.db, ids)}
            found = [by_id.get(id_) for id_ in ids]
        for number, row in enumerate(found[: end - first], start=first):
            if row is not None and self._rows[number] is None:
                self.put(number, row)
        self.short = len(found) < end - first or None in found

    def _order(self) -> list[int]:
        if self._ids is None and self.db is not None:
            from appealdesk.services import case_list

            self._ids = case_list.ordered_ids(self.db, self.query, today=self.today)
        return self._ids or []
