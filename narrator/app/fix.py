"""``narrator fix``: correct a narrative in place, number by number and word by word.

The finance officer keeps their own text, causes included: only the tokens the
checker proved wrong are replaced — a number, a direction word, a comparison
word — by what the figures say.  A fix is made only where the checker's
finding names both the written value and the computed one and they line up
token for token; everything else (which part of a sum is wrong, a missing
cause) is left for a person and listed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from narrator.findings import Finding

# Checks whose "expected" is a drop-in correction of what was written.
_WORDS = "增加|减少|增长|下降|降低|上升|持平|大于|小于|等于|高于|低于"
_TOKEN = re.compile(rf"(?P<word>{_WORDS})|(?P<num>\d[\d,]*(?:\s?[.．]\s?\d+)?)\s*(?P<unit>万元|亿元|元|%|％)")


def fixable_ids() -> set[str]:
    """The checks whose record says `fix` may correct them (token for token)."""
    from narrator.check.registry import all_checks

    return {check.id for check in all_checks() if check.fixable}


@dataclass(frozen=True)
class Token:
    kind: str  # "word" or the unit of a number
    value: str  # the word, or the number without spaces and separators
    start: int
    end: int


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    old: str
    new: str
    finding: Finding


@dataclass(frozen=True)
class FixResult:
    text: str
    edits: list[Edit]
    left: list[Finding]  # findings a person must look at

    def diff(self, original: str, name: str) -> str:
        return "".join(difflib.unified_diff(
            original.splitlines(keepends=True), self.text.splitlines(keepends=True),
            fromfile=f"{name}（原文）", tofile=f"{name}（修正）", n=0))


def tokens(text: str) -> list[Token]:
    found = []
    for m in _TOKEN.finditer(text):
        if m.group("word"):
            found.append(Token("word", m.group("word"), m.start(), m.end()))
        else:
            value = re.sub(r"[\s,]", "", m.group("num")).replace("．", ".")
            found.append(Token(m.group("unit").replace("％", "%"), value, m.start("num"), m.end("unit")))
    return found


def edits_for(finding: Finding) -> list[Edit]:
    """Token-for-token replacements inside the finding's span; [] when they do not line up."""
    if finding.id not in fixable_ids() or not finding.expected:
        return []
    written, stated, expected = tokens(finding.text), tokens(finding.stated), tokens(finding.expected)
    if not stated or [t.kind for t in stated] != [t.kind for t in expected]:
        return []
    if [(t.kind, t.value) for t in written] != [(t.kind, t.value) for t in stated]:
        return []  # the span does not hold exactly what the finding says was written
    edits = []
    for here, old, new in zip(written, stated, expected):
        if old.value != new.value:
            text = finding.expected[new.start:new.end]
            edits.append(Edit(finding.start + here.start, finding.start + here.end,
                              finding.text[here.start:here.end], text, finding))
    return edits


def fix_text(text: str, findings: list[Finding]) -> FixResult:
    edits: list[Edit] = []
    left: list[Finding] = []
    for finding in findings:
        found = edits_for(finding)
        if found:
            edits.extend(found)
        elif finding.severity in ("error", "warning"):
            left.append(finding)
    kept = _without_overlaps(edits)
    applied = {id(e.finding) for e in kept}
    left.extend({id(e.finding): e.finding for e in edits if id(e.finding) not in applied}.values())
    edits = kept
    fixed = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        fixed = fixed[:edit.start] + edit.new + fixed[edit.end:]
    return FixResult(fixed, sorted(edits, key=lambda e: e.start), left)


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    """One edit per token; where two checks would write different things, neither is applied."""
    kept: list[Edit] = []
    conflicted: set[int] = set()
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if kept and edit.start < kept[-1].end:
            if (edit.start, edit.end, edit.new) != (kept[-1].start, kept[-1].end, kept[-1].new):
                conflicted.add(len(kept) - 1)
            continue
        kept.append(edit)
    return [edit for i, edit in enumerate(kept) if i not in conflicted]
