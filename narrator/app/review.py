"""Batch review (``narrator review``): check many documents, summarise, write an HTML report.

``review`` collects the documents (files as given, and folders searched
recursively; every other file found there is listed in ``skipped`` with why),
checks each one with the rules (no model tier: a batch must be fast and
reproducible) in bounded worker processes (review_pool.py), reuses the results
of unchanged files (review_cache.py) and returns them in input order, whatever
order the workers finished in.  A document that cannot be read or checked is a
per-document error entry; it never stops the batch.  ``run_review`` is the
command behind the CLI: summary table on stdout, progress on stderr (only on a
terminal), optional HTML report, exit code.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from narrator.check.engine import rules
from narrator.errors import ExitCode, NarratorError
from narrator.findings import Finding, at_or_above

if TYPE_CHECKING:
    from narrator.check.coverage import Coverage

# What a folder is searched for: narratives in every format narrator reads, and 决算表 workbooks.
SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".doc", ".wps", ".odt", ".rtf", ".xlsx", ".xls", ".et", ".ods")
FORMATS = ("text", "json", "csv")
LEVELS = ("error", "warning", "info")
DEFAULT_TIMEOUT = 120.0  # seconds per document; a 25-page PDF takes a few, a LibreOffice conversion ≤ 60
DEFAULT_MAX_MEMORY_MB = 2048

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


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder that was not checked, and why."""

    path: str
    reason: str


@dataclass
class ReviewResult:
    documents: list[DocumentReview]
    skipped: list[Skipped] = field(default_factory=list)  # files found but not checked, with why
    reused: int = 0  # documents whose cached result was unchanged and not checked again

    @property
    def files(self) -> int:
        """Every file given or found: checked, unreadable and skipped ("共 N 份")."""
        return len(self.documents) + len(self.skipped)

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
    """The documents to check under ``paths`` (see ``gather``)."""
    return gather(paths)[0]


def gather(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """Files as given (any extension), folders searched recursively; duplicates dropped, order kept.

    A path that does not exist is kept: it becomes that document's error entry.  A file found in a
    folder that is not a document (another extension, a hidden file, an Office lock file) and a
    hidden folder are listed as skipped with the reason.
    """
    seen: set[Path] = set()
    found: list[Path] = []
    skipped: list[Skipped] = []
    for path in map(Path, paths):
        for item, reason in _expand(path):
            key = item.resolve()
            if key in seen:
                continue
            seen.add(key)
            if reason is None:
                found.append(item)
            else:
                skipped.append(Skipped(str(item), reason))
    return found, skipped


def _expand(path: Path) -> Iterator[tuple[Path, str | None]]:
    """``path`` itself, or everything in the folder in path order (a/b/y.md before a/w.docx)."""
    if not path.is_dir():
        yield path, None
        return
    found: list[tuple[Path, str | None]] = []
    for folder, dirs, names in os.walk(path):  # links to folders are not followed (a loop would never end)
        unsearched = {d: _folder_reason(Path(folder) / d) for d in dirs}
        found += [(Path(folder) / d, why) for d, why in unsearched.items() if why]
        dirs[:] = [d for d, why in unsearched.items() if not why]
        found += [(Path(folder) / name, skip_reason(name)) for name in names]
    yield from sorted(found)


def _folder_reason(folder: Path) -> str | None:
    if folder.name.startswith("."):
        return "隐藏目录，未搜索其中文件"
    if folder.is_symlink():
        return "指向其他目录的链接，未搜索其中文件（可直接给出该目录）"
    return None


def skip_reason(name: str) -> str | None:
    """Why a file found in a folder is not checked, or None for a document."""
    if name.startswith("~$"):
        return "Office 临时锁定文件（~$ 开头）"
    if name.startswith("."):
        return "隐藏文件"
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        return f"不支持的文件类型（{suffix or '无扩展名'}）；可审核 {' '.join(SUFFIXES)}"
    return None


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
    except MemoryError:
        return DocumentReview(str(path), error=f"{path}: 超出内存上限（可用 --max-memory 调整）")
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch of hundreds
        return DocumentReview(str(path), error=f"{path}: 检查时出现内部错误（{type(exc).__name__}: {exc}）")
    sections = [SectionRef(s.title, s.level, *document.source_span(s.start, s.end)) for s in document.sections]
    notes = [*document.notes, *(f"{w.location}: {w.message}" for w in document.warnings)]
    return DocumentReview(str(path), document.source_text, findings, sections, notes,
                          coverage=read.moved(document.source_span))


def review(paths: list[Path], jobs: int = 1, disable: Iterable[str] = (), progress: bool | None = None,
           timeout: float = DEFAULT_TIMEOUT, max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
           cache_dir: Path | None = None) -> ReviewResult:
    """Check every document under ``paths``; results in input order.

    Each document is checked in a worker process (``jobs`` of them) within ``timeout`` seconds and
    ``max_memory_mb`` of address space.  With ``cache_dir``, a document whose content, settings and
    narrator are unchanged since a run that checked it is not checked again.  ``progress`` shows a
    progress bar on stderr; by default only when stderr is a terminal.
    """
    _validate_bounds(jobs, timeout, max_memory_mb)
    files, skipped = gather(paths)
    if not any(p.exists() for p in files):
        shown = "、".join(map(str, paths)) or "（未给出路径）"
        others = f"；另有 {len(skipped)} 个文件不是可审核的文档" if skipped else ""
        raise NarratorError(f"未找到可审核的文档（{' '.join(SUFFIXES)}）：{shown}{others}")
    disable = tuple(disable)
    cache = _cache(cache_dir, disable)
    keys = [cache.key(p) if cache else None for p in files]
    results: list[DocumentReview | None] = [cache.get(k, p) if cache else None for k, p in zip(keys, files)]
    todo = [i for i, r in enumerate(results) if r is None]
    show = sys.stderr.isatty() if progress is None else progress
    with _Progress(len(todo), show) as bar:
        def done(index: int, item: DocumentReview) -> None:
            results[todo[index]] = _tick(item, bar.advance)
            if cache:
                cache.put(keys[todo[index]], item)

        if todo:
            from narrator.app.review_pool import check_all

            check_all([files[i] for i in todo], jobs, disable, timeout, max_memory_mb * 1048576, done)
    if cache:
        cache.trim()
    return ReviewResult([r for r in results if r is not None], skipped, reused=len(files) - len(todo))


def _cache(cache_dir: Path | None, disable: tuple[str, ...]):
    if cache_dir is None:
        return None
    from narrator.extract.document import max_document_bytes
    from narrator.app.review_cache import ReviewCache

    settings = json.dumps({"disable": sorted(disable), "max_bytes": max_document_bytes()})
    return ReviewCache(cache_dir, settings)


def _validate_bounds(jobs: int, timeout: float, max_memory_mb: int) -> None:
    if jobs < 1:
        raise NarratorError(f"--jobs 应为正整数，而不是 {jobs}")
    if not timeout > 0:
        raise NarratorError(f"--timeout 应为正数（秒），而不是 {timeout}")
    if max_memory_mb < 256:
        raise NarratorError(f"--max-memory 应至少为 256（MB），而不是 {max_memory_mb}")


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
               write_baseline: Path | None = None, timeout: float = DEFAULT_TIMEOUT,
               max_memory_mb: int = DEFAULT_MAX_MEMORY_MB, cache_dir: Path | None = None,
               use_cache: bool = True) -> ExitCode:
    """``narrator review``: summary on stdout, reports (HTML, XLSX, CSV by suffix); 0 clean, 1 findings, 2 usage.

    With ``baseline`` the findings it accepts are shown as accepted and neither counted nor failing.
    Results are cached in ``cache_dir`` (default ``review_cache.default_cache_dir()``) unless ``use_cache`` is off.
    """
    from narrator.app import review_outputs as outputs
    from narrator.app.review_cache import default_cache_dir
    from narrator.report.summary import print_summary

    warn = warn or _stderr
    _validate(fmt, fail_on, jobs)
    _validate_bounds(jobs, timeout, max_memory_mb)
    reports = [report] if isinstance(report, Path) else list(report or [])
    outputs.check_outputs([*reports, write_baseline], force)  # fail before the work, never overwrite silently
    accepted = outputs.load(baseline)
    cache = (cache_dir or default_cache_dir()) if use_cache else None
    result = review(list(paths), jobs=jobs, disable=disable, timeout=timeout, max_memory_mb=max_memory_mb,
                    cache_dir=cache)
    outputs.apply_baseline(result, accepted)
    if fmt == "csv":
        outputs.print_csv(result, sys.stdout)
    else:
        print_summary(result, fmt, sys.stdout)
    if result.reused:
        warn(f"{result.reused} 份文档未改动，沿用上次的检查结果（缓存 {cache}；--no-cache 可全部重查）")
    outputs.write_reports(result, reports, force, warn)
    outputs.write_run_baseline(result, write_baseline, force, warn)
    return _exit_code(result, fail_on)


def _exit_code(result: ReviewResult, fail_on: str) -> ExitCode:
    """2 when a document could not be read (an input error, as for ``check``; the others were
    still checked and reported), else 1 on findings at or above ``fail_on``, else 0."""
    if result.unreadable:
        print(f"narrator: 错误: {len(result.unreadable)} 份文档无法读取或未能检查（已列在汇总中），其余文档已审核", file=sys.stderr)
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
