"""Time check_text on each seed (a benchmark, not a test): PYTHONPATH=. python benchmarks/check_speed.py [rounds]."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from narrator.check import check_text

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"


def main(rounds: int = 20) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        check_text(text)  # warm up (imports, regex compilation)
        started = time.perf_counter()
        for _ in range(rounds):
            findings = check_text(text)
        elapsed = (time.perf_counter() - started) / rounds * 1000
        print(f"{path.name}: {len(text)} chars, {len(findings)} findings, {elapsed:.1f} ms per check")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
