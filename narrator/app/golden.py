"""Golden-file regression: re-run each case in golden/ and diff against what is committed.

A case is a folder with ``case.yaml`` naming its inputs and expected outputs:

    description: 山西 长治网信办 2024，national 模板
    draft:
      figures: figures.yaml
      template: national
      expected: draft.md

Expected outputs are raw UTF-8 files.  ``run`` reports a unified diff for every
difference and fails on a case whose expected file is missing; ``update``
rewrites the expected files from the current code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from narrator.errors import InputError


class DraftCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    figures: str
    template: str = "national"
    expected: str = "draft.md"


class CheckCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    document: str
    figures: str | None = None
    replay: str | None = None  # recorded model answers; without it the case is rules-only
    expected: str = "findings.json"


class CaseSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    draft: DraftCase | None = None
    check: CheckCase | None = None


@dataclass(frozen=True)
class Outcome:
    case: str
    output: str  # the expected file's name
    status: str  # "ok", "differs", "missing", "updated"
    diff: str = ""

    @property
    def passed(self) -> bool:
        return self.status in ("ok", "updated")


def find_cases(root: Path, names: list[str] | None = None) -> list[Path]:
    cases = sorted(p.parent for p in root.glob("*/case.yaml"))
    if not names:
        return cases
    known = {c.name: c for c in cases}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError(f"没有这些黄金用例: {', '.join(unknown)}（可用: {', '.join(known) or '无'}）")
    return [known[n] for n in names]


def load_case(folder: Path) -> CaseSpec:
    try:
        return CaseSpec.model_validate(yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputError(f"{folder / 'case.yaml'}: 用例描述无效 — {' '.join(str(exc).split())}") from None


def run_case(folder: Path, update: bool = False) -> list[Outcome]:
    spec = load_case(folder)
    outcomes = []
    if spec.draft is not None:
        outcomes.append(_compare(folder, spec.draft.expected, _render_draft(folder, spec.draft), update))
    if spec.check is not None:
        outcomes.append(_compare(folder, spec.check.expected, _render_check(folder, spec.check), update))
    return outcomes


def _render_check(folder: Path, case: CheckCase) -> str:
    """Findings as stable JSON: document order, a fingerprint each, no paths of this machine."""
    import json

    from narrator.check.engine import ModelOptions, check_path

    options = ModelOptions(replay=folder / case.replay if case.replay else None, use_model=case.replay is not None)
    figures = folder / case.figures if case.figures else None
    result = check_path(folder / case.document, figures, [], options, warn=lambda message: None)
    findings = [{"fingerprint": f.fingerprint, **f.to_dict()} for f in result.findings]
    payload: dict = {"document": case.document, "findings": findings}
    if case.replay:
        # a changed prompt is a request the recording lacks: its checks show up here as unanswered
        payload["model_unanswered"] = result.model_failed
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _render_draft(folder: Path, case: DraftCase) -> str:
    from narrator.draft import draft, load_template_set
    from narrator.figures import load_figures

    return draft(load_figures(folder / case.figures), load_template_set(case.template)).markdown


def _compare(folder: Path, name: str, actual: str, update: bool) -> Outcome:
    path = folder / name
    if update:
        path.write_text(actual, encoding="utf-8", newline="\n")
        return Outcome(folder.name, name, "updated")
    if not path.exists():
        return Outcome(folder.name, name, "missing")
    expected = path.read_text(encoding="utf-8")
    if expected == actual:
        return Outcome(folder.name, name, "ok")
    diff = "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"golden/{folder.name}/{name} (expected)", tofile=f"golden/{folder.name}/{name} (actual)",
    ))
    return Outcome(folder.name, name, "differs", diff)
