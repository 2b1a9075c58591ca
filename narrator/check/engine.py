"""``narrator check``: read a document, run the rules and (when configured) the model tier.

The rules always run.  The model tier runs when a model is configured (flags,
environment, config file), when ``NARRATOR_LOCAL_MODEL`` names a GGUF file (an
in-process llama.cpp server is started), or when ``--replay`` gives recorded
answers.  A model that fails gives one warning and the rules' results stand.
"""

from __future__ import annotations

import os
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from narrator.findings import Finding, sort_findings

if TYPE_CHECKING:
    from narrator.check.coverage import Coverage
    from narrator.llm.model_checks import ModelReading

Warn = Callable[[str], None]


@dataclass(frozen=True)
class ModelOptions:
    base_url: str | None = None
    model: str | None = None
    record: Path | None = None
    replay: Path | None = None
    use_model: bool = True  # --no-model switches the tier off
    verbose: bool = False  # --verbose: a local model's own log lines on stderr


@dataclass
class CheckResult:
    document: str
    text: str
    findings: list[Finding]
    model_used: bool = False
    notes: list[str] = field(default_factory=list)
    model_failed: list[str] = field(default_factory=list)  # model checks that got no valid answer
    coverage: "Coverage | None" = None  # what the rules read and bound (spans on ``text``)


def check_path(path: Path, figures_path: Path | None, disable: Iterable[str], options: ModelOptions,
               warn: Warn, tables_path: Path | None = None) -> CheckResult:
    """``tables_path``: the 决算表 published apart (a workbook …), for level 2 instead of the document's own."""
    from narrator.extract import extract
    from narrator.figures import Facts, load_figures
    from narrator.check.registry import disabled
    from narrator.check.tablefacts import tables_file
    from narrator.llm.model_checks import MODEL_CHECKS

    document = extract(path)
    for note in document.notes:  # the encoding, when it was not UTF-8
        warn(note)
    facts = Facts(load_figures(figures_path)) if figures_path is not None else None
    tables, tables_document = tables_file(tables_path) if tables_path is not None else (None, document)
    disable = list(disable)
    findings, read = rules(document, facts, disable, tables)
    result = CheckResult(str(path), document.source_text, document.to_source(findings),
                         coverage=read.moved(document.source_span))
    checks = [c for c in MODEL_CHECKS if not disabled(c.id, disable)]
    if not checks:
        return result
    if facts is None and tables_document.figures is not None:
        facts = Facts(tables_document.figures)  # level 2: the document's own tables, or --tables
    reading = _model_tier(document, facts, checks, options, warn, result.model_failed)
    if reading is not None:
        result.model_used = True
        result.findings = sort_findings(document.to_source(findings + reading.findings))
        # only what the rules listed as unchecked can become checked by the model (same span)
        result.coverage = read.bound_by_model(reading.bound).moved(document.source_span)
    return result


def rules(document, facts, disable: Iterable[str], tables=None) -> "tuple[list[Finding], Coverage]":
    """The rules' findings on ``document.text`` (levels 1–2, and 3 with ``facts``) and what they read;
    ``tables`` (TableFacts) stands in for the document's own tables."""
    from narrator.check import review_document

    return review_document(document, facts=facts, disable=disable, tables=tables)


def _model_tier(document, facts, checks, options: ModelOptions, warn: Warn,
                failed: list[str]) -> "ModelReading | None":
    """Model findings and the percentages bound by the model, or None when no model is configured
    or every task failed.

    Each task (one prompt, serving one or more check ids) that gets no valid answer is warned
    about once and its ids appended to ``failed``; the other tasks' findings stand.
    """
    from narrator.llm.model_checks import ModelReading
    from narrator.llm.settings import resolve_settings

    if not options.use_model:
        return None  # --no-model: the user asked for rules only, and needs no word about models
    settings = resolve_settings({"base_url": options.base_url, "model": options.model})
    if settings is None and options.replay is None:
        skipped = "、".join(c.id for c in checks)
        warn(f"未配置模型，已跳过需要模型的检查（{skipped}）；"
             "设置 NARRATOR_BASE_URL/NARRATOR_MODEL 或 NARRATOR_LOCAL_MODEL=模型.gguf 即可启用")
        return None
    from narrator.llm.client import ModelClient, ModelUnavailable
    from narrator.llm.exchanges import ExchangeStore
    from narrator.llm.settings import ModelSettings

    if options.replay is not None:
        settings = ModelSettings(base_url="http://127.0.0.1:9/v1", model="replay")  # never reached
    store = ExchangeStore(record=options.record, replay=options.replay, cache_dir=_cache_dir(options))
    client = ModelClient(settings, store, verbose=options.verbose,
                         on_start=lambda: warn(f"正在启动本地模型 {settings.local_model.name}……"))
    with closing(client):
        served: dict = {}  # one run per task, even when it serves two ids
        for c in checks:
            served.setdefault(c.run, []).append(c.id)
        findings: list[Finding] = []
        bound: list = []
        tasks = list(served.items())
        for index, (run, ids) in enumerate(tasks):
            try:
                answer = run(client, document.text, facts, document.narrative_span)
                findings += [f for f in answer.findings if f.id in ids]
                bound += answer.bound
            except ModelUnavailable as exc:
                # invalid answers to one task do not void another's; a server that is down does
                given_up = [i for _, group in (tasks[index:] if exc.unreachable else [(run, ids)]) for i in group]
                warn(f"模型未能完成 {'、'.join(given_up)}，这些检查只给出规则检查的结果（{exc}）")
                failed.extend(given_up)
                if exc.unreachable:
                    break
        if len(failed) == len(checks):
            return None
        usage = store.usage
        warn(f"模型调用 {usage.calls} 次，输入 {usage.prompt_tokens} tokens，输出 {usage.completion_tokens} tokens" if usage.calls
             else "模型未被调用：没有需要询问的内容，或答案都取自缓存")
        return ModelReading(findings, bound)


def _cache_dir(options: ModelOptions) -> Path | None:
    if options.replay is not None or options.record is not None:
        return None  # a recording must hold every exchange; a replay needs no cache
    root = os.environ.get("NARRATOR_CACHE")
    return Path(root) / "llm" if root else Path.home() / ".cache" / "narrator" / "llm"
