"""Batch review (``narrator review``): check many documents, summarise, write an HTML report.

``review`` collects the documents (files, and folders searched recursively for
.txt .md .pdf .docx), checks each one with the rules (no model tier: a batch
must be fast and reproducible) and returns them in input order, whatever
order the worker processes finished in.  A document that cannot be read is a
per-document error entry; it never stops the batch.  ``run_review`` is the
command behind the CLI: summary table on stdout, progress on stderr (only on a
terminal), optional HTML report, exit code.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from narrator.checking import rules
from narrator.errors import ExitCode, NarratorError
from narrator.findings import Finding, at_or_above

if TYPE_CHECKING:
    from narrator.check.coverage import Coverage

SUFFIXES = (".txt", ".md", ".pdf", ".docx")
FORMATS = ("text", "json", "csv")
LEVELS = ("error", "warning", "info")

Warn = Callable[[str], None]


@dataclass(frozen=True)
class SectionRef:
    """A heading of the narrative and where it starts, for grouping findings in the report."""

    title: str
    level: int
    start: int
    end: int


@dataclass
class DocumentReview:
    """One document of the batch: its text and findings, or why it could not be checked."""

    path: str
    text: str = ""
    findings: list[Finding] = field(default_factory=list)
    sections: list[SectionRef] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extraction warnings, one line each
    error: str | None = None  # set when the document could not be read or checked
    coverage: "Coverage | None" = None  # what the rules read and bound (spans on ``text``)
    accepted: list[Finding] = field(default_factory=list)  # matched by --baseline: shown, never counted

    @property
    def ok(self) -> bool:
        return self.error is None

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass
class ReviewResult:
    documents: list[DocumentReview]

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    @property
    def unreadable(self) -> list[DocumentReview]:
        return [d for d in self.documents if not d.ok]

    def failed(self, fail_on: str) -> bool:
        """A finding at or above ``fail_on`` in a document that was checked."""
        return bool(at_or_above(self.findings, fail_on))  # type: ignore[arg-type]


# ---------------------------------------------------------------- collecting


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files as given (any extension), folders searched recursively; duplicates dropped, order kept.

    A path that does not exist is kept: it becomes that document's error entry.
    """
    seen: set[Path] = set()
    found: list[Path] = []
    for path in map(Path, paths):
        for item in _expand(path):
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _expand(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    for item in sorted(path.rglob("*")):
        if item.is_file() and item.suffix.lower() in SUFFIXES and not item.name.startswith("."):
            yield item


# ---------------------------------------------------------------- checking


def review_one(path: Path, disable: tuple[str, ...] = ()) -> DocumentReview:
    """Check one document; any failure becomes the entry's ``error`` (the batch goes on)."""
    from narrator.extract import extract

    try:
        document = extract(path)
        found, read = rules(document, None, disable)
        findings = document.to_source(found)
    except NarratorError as exc:
        return DocumentReview(str(path), error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch of hundreds
        return DocumentReview(str(path), error=f"{path}: 检查时出现内部错误（{type(exc).__name__}: {exc}）")
    sections = [SectionRef(s.title, s.level, *document.source_span(s.start, s.end)) for s in document.sections]
    notes = [*document.notes, *(f"{w.location}: {w.message}" for w in document.warnings)]
    return DocumentReview(str(path), document.source_text, findings, sections, notes,
                          coverage=read.moved(document.source_span))


def review(paths: list[Path], jobs: int = 1, disable: Iterable[str] = (),
           progress: bool | None = None) -> ReviewResult:
    """Check every document under ``paths``; results in input order.

    ``jobs`` > 1 checks in that many worker processes.  ``progress`` shows a
    progress bar on stderr; by default only when stderr is a terminal.
    """
    if jobs < 1:
        raise NarratorError(f"--jobs 应为正整数，而不是 {jobs}")
    files = collect(paths)
    if not any(p.exists() for p in files):
        shown = "、".join(map(str, paths)) or "（未给出路径）"
        raise NarratorError(f"未找到可审核的文档（.txt .md .pdf .docx）：{shown}")
    show = sys.stderr.isatty() if progress is None else progress
    with _Progress(len(files), show) as bar:
        reviews = _run(files, jobs, tuple(disable), bar.advance)
    return ReviewResult(reviews)


def _run(files: list[Path], jobs: int, disable: tuple[str, ...], done: Callable[[str], None]) -> list[DocumentReview]:
    if jobs == 1 or len(files) == 1:
        return [_tick(review_one(p, disable), done) for p in files]
    results: list[DocumentReview | None] = [None] * len(files)
    # spawn: a forked child would inherit the progress bar's refresh thread and its locks
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(review_one, p, disable): i for i, p in enumerate(files)}
        for future in as_completed(futures):
            results[futures[future]] = _tick(_outcome(future, files[futures[future]]), done)
    return [r for r in results if r is not None]


def _outcome(future, path: Path) -> DocumentReview:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a crashed worker is that document's error only
        return DocumentReview(str(path), error=f"{path}: 检查进程异常退出（{type(exc).__name__}: {exc}）")


def _tick(item: DocumentReview, done: Callable[[str], None]) -> DocumentReview:
    done(Path(item.path).name)
    return item


class _Progress:
    """A rich progress bar on stderr, or nothing at all."""

    def __init__(self, total: int, show: bool):
        self.total, self.show = total, show
        self._bar = self._task = None

    def __enter__(self) -> "_Progress":
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("审核"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("", total=self.total)
        return self

    def advance(self, name: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=name)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


# ---------------------------------------------------------------- the command


def run_review(paths: list[Path], jobs: int = 1, report: Path | Sequence[Path] | None = None, fmt: str = "text",
               force: bool = False, disable: Iterable[str] = (), fail_on: str = "error",
               warn: Warn | None = None, baseline: Path | None = None,
               write_baseline: Path | None = None) -> ExitCode:
    """``narrator review``: summary on stdout, reports (HTML, XLSX, CSV by suffix); 0 clean, 1 findings, 2 usage.

    With ``baseline`` the findings it accepts are shown as accepted and neither counted nor failing.
    """
    from narrator import review_outputs as outputs
    from narrator.review_summary import print_summary

    warn = warn or _stderr
    _validate(fmt, fail_on, jobs)
    reports = [report] if isinstance(report, Path) else list(report or [])
    outputs.check_outputs([*reports, write_baseline], force)  # fail before the work, never overwrite silently
    accepted = outputs.load(baseline)
    result = review(list(paths), jobs=jobs, disable=disable)
    outputs.apply_baseline(result, accepted)
    if fmt == "csv":
        outputs.print_csv(result, sys.stdout)
    else:
        print_summary(result, fmt, sys.stdout)
    outputs.write_reports(result, reports, force, warn)
    outputs.write_run_baseline(result, write_baseline, force, warn)
    return _exit_code(result, fail_on)


def _exit_code(result: ReviewResult, fail_on: str) -> ExitCode:
    """2 when a document could not be read (an input error, as for ``check``; the others were
    still checked and reported), else 1 on findings at or above ``fail_on``, else 0."""
    if result.unreadable:
        print(f"narrator: 错误: {len(result.unreadable)} 份文档无法读取（已列在汇总中），其余文档已审核", file=sys.stderr)
        return ExitCode.USAGE
    return ExitCode.FINDINGS if result.failed(fail_on) else ExitCode.CLEAN


def _validate(fmt: str, fail_on: str, jobs: int) -> None:
    if fmt not in FORMATS:
        raise NarratorError(f"--format 应为 {'、'.join(FORMATS)} 之一，而不是 {fmt!r}")
    if fail_on not in LEVELS:
        raise NarratorError(f"--fail-on 应为 error、warning 或 info，而不是 {fail_on!r}")
    if jobs < 1:
        raise NarratorError(f"--jobs 应为正整数，而不是 {jobs}")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)
