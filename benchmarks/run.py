"""Timings of the case list on a generated agency database.

    python benchmarks/run.py            # 10,000 cases
    python benchmarks/run.py --quick    # 1,000 cases, for CI

Prints a table and writes a JSON report. Every figure is the median of several runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from appealdesk.services import case_list
from appealdesk.services.views import CaseQuery, CaseSort
from appealdesk.services.workspace import open_workspace
from benchmarks.generate import TODAY, generate

RUNS = 7


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small database (1,000 cases)")
    parser.add_argument("--cases", type=int)
    parser.add_argument("--report", type=Path, default=Path("benchmarks/out/report.json"))
    args = parser.parse_args()
    cases = args.cases or (1000 if args.quick else 10_000)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agency.db"
        start = time.perf_counter()
        generate(path, cases)
        generated_s = time.perf_counter() - start
        results: dict[str, float] = {
            "open database (ms)": median_ms(lambda: open_workspace(path).close()),
        }
        db = open_workspace(path)
        try:
            first_page = CaseQuery(sort=CaseSort.NEXT_DUE)
            results["first page of the list (ms)"] = median_ms(
                lambda: case_list.list_cases(db, first_page, today=TODAY)
            )
            results["count + status counts (ms)"] = median_ms(
                lambda: (case_list.count_cases(db, first_page), case_list.status_counts(db))
            )
            search = CaseQuery(search="bakk")
            results["search keystroke, query only (ms)"] = median_ms(
                lambda: case_list.list_cases(db, search, today=TODAY)
            )
        finally:
            db.close()

    print(f"{cases:,} cases generated in {generated_s:.1f} s")
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.2f}")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps({"cases": cases, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
