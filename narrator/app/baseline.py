"""A baseline of accepted findings (``--baseline accepted.json``, ``--write-baseline accepted.json``).

A reviewer who has looked at a document's findings and accepted them writes
them to a baseline; a later run shows them as accepted — not counted, not
failing — and only new findings count.  A finding is matched by its document
and ``Finding.fingerprint`` (check id, quoted text and stated value, no offsets),
so it stays matched when text is inserted above it; identical findings share a
fingerprint and are accepted together.  The document is its path relative to
the baseline file's own folder, normalised (``/`` as separator, ``.`` and ``..``
and symbolic links resolved), so a re-run from another working directory, or
with the paths written another way (absolute, ``./docs/a.pdf``), still matches,
and a folder moved together with its baseline too.  The file is JSON::

    {"narrator_baseline": 2, "paths": "relative to this file's folder",
     "accepted": [{"document", "fingerprint", "id", "text", "stated", "message"}, ...]}

(``id``, ``text``, ``stated`` and ``message`` are for the people who read or edit the file.)
A version 1 file (paths as given on the command line) is read as relative to the
current directory, which is what they were.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable

from narrator.errors import InputError
from narrator.findings import Finding

VERSION = 2
_PATHS_AS_GIVEN = 1  # the first version: documents as given on the command line
_PATHS_NOTE = "relative to this file's folder"


def document_key(document: str, folder: Path) -> str:
    """``document`` relative to ``folder`` (the baseline's), normalised: the same file gives the same key
    from any working directory.  A name that is no file (standard input) is kept as given."""
    path = Path(document)
    if not path.exists():
        return PurePath(document).as_posix()
    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows): no relative path
        return path.resolve().as_posix()


@dataclass(frozen=True)
class Baseline:
    keys: frozenset[tuple[str, str]]  # (document relative to ``folder``, fingerprint)
    folder: Path
    path: str = ""

    def split(self, document: str, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new, accepted): the findings of ``document`` not in the baseline, and those in it."""
        key = document_key(document, self.folder)
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
    version = data.get("narrator_baseline") if isinstance(data, dict) else None
    entries = data.get("accepted") if version in (_PATHS_AS_GIVEN, VERSION) else None
    if not isinstance(entries, list) or not all(_valid(e) for e in entries):
        raise InputError(f"{path}: 不是 narrator 的基线文件（应由 --write-baseline 写出）")
    folder = path.absolute().parent
    if version == _PATHS_AS_GIVEN:  # as given, from the directory the run was in: read them from here
        keys = {(document_key(e["document"], folder), e["fingerprint"]) for e in entries}
    else:
        keys = {(PurePath(e["document"]).as_posix(), e["fingerprint"]) for e in entries}
    return Baseline(frozenset(keys), folder, str(path))


def _valid(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("document"), str) and isinstance(entry.get("fingerprint"), str)


def _reason(exc: Exception) -> str:
    return f"第 {exc.lineno} 行：{exc.msg}" if isinstance(exc, json.JSONDecodeError) else type(exc).__name__


def baseline_json(documents: Iterable[tuple[str, Iterable[Finding]]], folder: Path) -> str:
    """Every finding of every document (one entry per fingerprint), in document order; ``folder`` is
    where the baseline file goes (the documents are written relative to it)."""
    entries: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for document, findings in documents:
        place = document_key(document, folder)
        for f in findings:
            key = (place, f.fingerprint)
            if key not in seen:
                seen.add(key)
                entries.append({"document": place, "fingerprint": f.fingerprint, "id": f.id, "text": f.text,
                                "stated": f.stated, "message": f.message})
    payload = {"narrator_baseline": VERSION, "paths": _PATHS_NOTE, "accepted": entries}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: Path, documents: Iterable[tuple[str, Iterable[Finding]]], force: bool) -> None:
    from narrator.writing import write_text

    write_text(path, baseline_json(documents, path.absolute().parent), force)
