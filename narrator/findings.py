"""Finding: one problem a check found, as a small immutable record.

Its JSON shape (``to_dict``) is part of the product's contract (``narrator check
--format json``): ``id, severity, start, end, text, message, stated, expected,
formula, page``.  ``start``/``end`` are character offsets into the text as given, so
``text == document[start:end]`` always holds.  The fingerprint leaves offsets
out on purpose: a finding keeps its identity when text is inserted above it,
which is what a reviewer's "already seen" list needs.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    id: str  # the check's stable id, e.g. "rate.direction"
    severity: Severity
    start: int  # offset into the text as given
    end: int
    text: str  # == document[start:end]
    message: str  # Chinese, one sentence
    stated: str = ""  # what the document says ("下降75.24%")
    expected: str = ""  # what the numbers say ("下降75.24%（减少2042.46万元）"); "" when unknown
    formula: str = ""  # how expected was computed ("(672.13 − 2714.59) ÷ 2714.59")
    page: int | None = None  # 1-based page of the source file where known (PDF), else None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"unknown severity {self.severity!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def fingerprint(self) -> str:
        """Stable across runs and edits elsewhere: id + quoted text + stated value."""
        key = "\x1f".join((self.id, self.text, self.stated))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple[int, int, int, str, str]:
        """Document order, then severity, then id: the same findings always print the same way."""
        return (self.start, self.end, SEVERITY_RANK[self.severity], self.id, self.message)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(set(findings), key=Finding.sort_key)


def at_or_above(findings: list[Finding], level: Severity) -> list[Finding]:
    """Findings as severe as ``level`` or more (error ≥ warning ≥ info), for --fail-on."""
    rank = SEVERITY_RANK[level]
    return [f for f in findings if SEVERITY_RANK[f.severity] <= rank]


def summarize(findings: list[Finding]) -> dict[str, object]:
    """Counts by severity and by check id, for reports and the JSON summary."""
    by_id: dict[str, int] = {}
    for finding in findings:
        by_id[finding.id] = by_id.get(finding.id, 0) + 1
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    return {"total": len(findings), **counts, "by_id": dict(sorted(by_id.items()))}
