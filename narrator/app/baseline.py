"""A baseline of accepted findings (``--baseline accepted.json``, ``--write-baseline accepted.json``).

A reviewer who has looked at a document's findings and accepted them writes
them to a baseline; a later run shows them as accepted — not counted, not
failing — and only new findings count.  A finding is matched by its document
(the path as given on the command line) and ``Finding.fingerprint`` (check id,
quoted text and stated value, no offsets), so it stays matched when text is
inserted above it; identical findings share a fingerprint and are accepted
together.  The file is JSON::

    {"narrator_baseline": 1,
     "accepted": [{"document", "fingerprint", "id", "text", "stated", "message"}, ...]}

(``id``, ``text``, ``stated`` and ``message`` are for the people who read or edit the file.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable

from narrator.errors import InputError
from narrator.findings import Finding

VERSION = 1


def document_key(document: str) -> str:
    """The path as given, with / as separator, so a baseline written on Windows matches on Linux."""
    return PurePath(document).as_posix()


@dataclass(frozen=True)
class Baseline:
    keys: frozenset[tuple[str, str]]  # (document, fingerprint)
    path: str = ""

    def split(self, document: str, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new, accepted): the findings of ``document`` not in the baseline, and those in it."""
        key = document_key(document)
        new: list[Finding] = []
        accepted: list[Finding] = []
        for f in findings:
            (accepted if (key, f.fingerprint) in self.keys else new).append(f)
        return new, accepted


def load_baseline(path: Path) -> Baseline:
    if not path.is_file():
        raise InputError(f"{path}: 基线文件不存在")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: 不是有效的基线文件（JSON 读取失败：{_reason(exc)}）") from None
    entries = data.get("accepted") if isinstance(data, dict) and data.get("narrator_baseline") == VERSION else None
    if not isinstance(entries, list) or not all(_valid(e) for e in entries):
        raise InputError(f"{path}: 不是 narrator 的基线文件（应由 --write-baseline 写出）")
    return Baseline(frozenset((document_key(e["document"]), e["fingerprint"]) for e in entries), str(path))


def _valid(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("document"), str) and isinstance(entry.get("fingerprint"), str)


def _reason(exc: Exception) -> str:
    return f"第 {exc.lineno} 行：{exc.msg}" if isinstance(exc, json.JSONDecodeError) else type(exc).__name__


def baseline_json(documents: Iterable[tuple[str, Iterable[Finding]]]) -> str:
    """Every finding of every document (one entry per fingerprint), in document order."""
    entries: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for document, findings in documents:
        for f in findings:
            key = (document_key(document), f.fingerprint)
            if key not in seen:
                seen.add(key)
                entries.append({"document": key[0], "fingerprint": f.fingerprint, "id": f.id, "text": f.text,
                                "stated": f.stated, "message": f.message})
    return json.dumps({"narrator_baseline": VERSION, "accepted": entries}, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: Path, documents: Iterable[tuple[str, Iterable[Finding]]], force: bool) -> None:
    from narrator.writing import write_text

    write_text(path, baseline_json(documents), force)
