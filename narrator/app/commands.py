"""Plain functions behind the CLI commands; each returns an ExitCode.

They take paths and options, do the work through the library, print results on
stdout and report on stderr through ``warn``.  Tests call them directly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from narrator.errors import ExitCode, InputError, NarratorError

Warn = Callable[[str], None]


def run_draft(figures_path: Path, template: str, out: Path | None, fmt: str | None,
              force: bool, thousands: bool, warn: Warn, readability: bool = False,
              prior: Path | None = None) -> ExitCode:
    from narrator.draft import draft, load_template_set, write_draft
    from narrator.draft.output import as_text, output_format
    from narrator.writing import check_writable
    from narrator.figures import load_figures

    fmt = output_format(out, fmt)
    if out is not None:
        check_writable(out, force)  # fail before any work, and never overwrite silently
    figures = load_figures(figures_path)
    last_causes: dict[str, str] = {}
    if prior is not None:
        from narrator.figures.carry import carry_forward, load_last_year

        last = load_last_year(prior)
        last_causes = dict(last.causes)
        if last.unit != figures.unit:
            warn(f"--prior {prior}: 上年单位为“{last.unit}”，与本年“{figures.unit}”不同，请核对")
        figures, carried = carry_forward(figures, last, str(prior))
        warn(f"已从 {prior} 带入上年决算数 {carried} 项（本年数据文件已给出的上年数不变）")
    from narrator.figures.sanity import amount_problems, sanity_problems

    unusable = amount_problems(figures)
    if unusable:  # a negative or absurd amount would be drafted as it stands (-465.34万元，占-100.00%)
        path, message = unusable[0]
        more = f"另有 {len(unusable) - 1} 处，" if len(unusable) > 1 else ""
        raise InputError(f"{figures_path}: {path}: {message}；不能据此起草（{more}narrator validate 可查看全部）")
    for path, message in sanity_problems(figures):
        warn(f"数据文件 {path}: {message}（narrator validate 可查看全部）")
    result = draft(figures, load_template_set(template), thousands=thousands, last_causes=last_causes)
    for message in result.warnings:
        warn(message)
    from narrator.draft.selfcheck import report_lines, self_check

    for line in report_lines(result.markdown, self_check(result.markdown, figures)):
        warn(line)
    if readability:
        from narrator.app.readability import measure

        for line in measure(result.markdown).lines():
            print(f"可读性: {line}", file=sys.stderr)
    if out is None:
        sys.stdout.write(result.markdown if fmt == "md" else as_text(result.markdown))
    else:
        write_draft(result.markdown, out, fmt, force)  # type: ignore[arg-type]
        warn(f"已写出 {out}")
    return ExitCode.CLEAN


def run_extract(document: Path, out: Path | None, fmt: str, force: bool, warn: Warn) -> ExitCode:
    from narrator.writing import check_writable, write_text
    from narrator.extract import extract
    from narrator.figures.dump import dump_json, dump_yaml

    if fmt not in ("yaml", "json"):
        raise NarratorError(f"--format 应为 yaml 或 json，而不是 {fmt!r}")
    if out is not None:
        check_writable(out, force)
    result = extract(document)
    for note in result.notes:
        warn(note)
    for warning in result.warnings:
        warn(f"{warning.location}: {warning.message}")
    if result.figures is None:
        raise NarratorError(f"{document}: 未能提取出可用的数据文件（见上面的提示）")
    header = f"# narrator extract {document.name}：由程序从公开文件提取，请核对后使用\n"
    text = dump_json(result.figures) if fmt == "json" else dump_yaml(result.figures, header)
    if out is None:
        sys.stdout.write(text)
    else:
        write_text(out, text, force)
        warn(f"已写出 {out}")
    return ExitCode.CLEAN


def run_readability(document: Path, fmt: str) -> ExitCode:
    from narrator.extract.document import read_source
    from narrator.terminal import printable_json
    from narrator.app.readability import measure

    if fmt not in ("text", "json"):
        raise NarratorError(f"--format 应为 text 或 json，而不是 {fmt!r}")
    source = read_source(document)
    for note in source.notes:
        print(f"narrator: 提示: {note}", file=sys.stderr)
    result = measure(source.text)
    if fmt == "json":
        print(printable_json({"document": str(document), **result.to_dict()}))
    else:
        print("\n".join(result.lines()))
    return ExitCode.CLEAN


CHECK_FORMATS = ("text", "json", "markdown", "csv")
STDIN = "-"  # `narrator check -` reads the document from standard input
STDIN_NAME = "标准输入"


def run_check(document: Path, figures: Path | None, fmt: str, fail_on: str, disable: list[str],
              base_url: str | None, model: str | None, no_model: bool, record: Path | None,
              replay: Path | None, warn: Warn, baseline: Path | None = None,
              write_baseline: Path | None = None, force: bool = False,
              verbose: bool = False, tables: Path | None = None) -> ExitCode:
    from narrator.check.engine import ModelOptions
    from narrator.findings import at_or_above

    if fmt not in CHECK_FORMATS:
        raise NarratorError(f"--format 应为 {'、'.join(CHECK_FORMATS)} 之一，而不是 {fmt!r}")
    if fail_on not in ("error", "warning", "info"):
        raise NarratorError(f"--fail-on 应为 error、warning 或 info，而不是 {fail_on!r}")
    if record is not None and replay is not None:
        raise NarratorError("--record 和 --replay 不能同时使用")
    from narrator.writing import check_writable

    for out in (record, write_baseline):
        if out is not None:
            check_writable(out, force=force and out is write_baseline)
    accepted_by = _load_baseline(baseline)
    options = ModelOptions(base_url, model, record, replay, use_model=not no_model, verbose=verbose)
    result = _check_document(document, figures, disable, options, warn, tables)
    new, accepted = accepted_by.split(result.document, result.findings) if accepted_by else (result.findings, [])
    result.findings = new
    _print_check(result, fmt, accepted)
    if accepted:
        warn(f"另有 {len(accepted)} 处问题已在基线 {baseline} 中接受，未列出、不计入")
    if write_baseline is not None:
        from narrator.app.baseline import write_baseline as write

        write(write_baseline, [(result.document, [*new, *accepted])], force)
        warn(f"已写出基线 {write_baseline}（{len(new) + len(accepted)} 处问题）")
    return ExitCode.FINDINGS if at_or_above(new, fail_on) else ExitCode.CLEAN  # type: ignore[arg-type]


def _load_baseline(path: Path | None):
    from narrator.app.baseline import load_baseline

    return load_baseline(path) if path is not None else None


def _check_document(document: Path, figures: Path | None, disable: list[str], options, warn: Warn,
                    tables: Path | None = None):
    """check_path on the file, or on standard input (``-``) saved to a private temporary file."""
    from narrator.check.engine import check_path

    if str(document) != STDIN:
        return check_path(document, figures, disable, options, warn, tables_path=tables)
    import tempfile

    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("check - 从标准输入读入文档，但没有输入（例如：cat 说明.txt | narrator check -）")
    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="narrator-stdin-") as folder:
        path = Path(folder) / STDIN_NAME
        path.write_bytes(data)
        try:
            result = check_path(path, figures, disable, options, warn, tables_path=tables)
        except InputError as exc:  # the messages name the temporary file: name standard input instead
            raise InputError(str(exc).replace(str(path), STDIN_NAME)) from None
    result.document = STDIN_NAME
    return result


def _print_check(result, fmt: str, accepted: list) -> None:
    from narrator.report.render import render_json, render_markdown, render_text

    if fmt == "json":
        print(render_json(result.document, result.findings, result.coverage, accepted=accepted))
    elif fmt == "csv":
        from narrator.report.exports import Source, render_csv, rows

        sys.stdout.write(render_csv(rows([Source(result.document, result.text, tuple(result.findings),
                                                 tuple(accepted))])))
    elif fmt == "markdown":
        sys.stdout.write(render_markdown(result.document, result.text, result.findings, result.coverage))
    else:
        output = render_text(result.document, result.text, result.findings, color=False, coverage=result.coverage)
        if not sys.stdout.isatty():
            print(output)
        else:
            render_text(result.document, result.text, result.findings, coverage=result.coverage)  # in colour


def run_fix(document: Path, out: Path | None, figures: Path | None, force: bool, warn: Warn,
            fmt: str | None = None) -> ExitCode:
    from narrator.check.engine import ModelOptions, check_path
    from narrator.draft.output import output_format, write_fixed
    from narrator.writing import check_writable
    from narrator.app.fix import fix_text

    # a .docx is written back as .docx; otherwise -o's extension (or --format) decides
    out_format = output_format(out, fmt, default="docx" if document.suffix.lower() == ".docx" else "txt") \
        if out is not None else None
    if out is not None:
        check_writable(out, force)
        if out.resolve() == document.resolve():
            raise NarratorError("输出文件不能与原文件相同：请另存，原文不会被改动")
    quiet: Warn = lambda message: None  # noqa: E731 - the model note is not news for fix
    result = check_path(document, figures, [], ModelOptions(use_model=False), quiet)
    fixed = fix_text(result.text, result.findings)
    sys.stdout.write(fixed.diff(result.text, document.name))
    for edit in fixed.edits:
        warn(f"已修正（{edit.finding.id}）：{edit.old} → {edit.new}")
    if fixed.left:
        warn(f"另有 {len(fixed.left)} 处问题需人工处理（narrator check 可查看）")
    if out is not None:
        write_fixed(fixed.text, out, out_format, force)  # type: ignore[arg-type]
        warn(f"已写出 {out}")
    elif not fixed.edits:
        warn("没有可自动修正的数字或用词")
    return ExitCode.CLEAN


def run_template_xlsx(out: Path, force: bool) -> ExitCode:
    from narrator.figures.workbook import write_template
    from narrator.writing import check_writable

    check_writable(out, force)
    write_template(out)
    print(f"已写出空白数据工作簿 {out}", file=sys.stderr)
    return ExitCode.CLEAN


def run_validate(figures_path: Path) -> ExitCode:
    """Fields and types (a file that does not load: exit 2), then the figures' own arithmetic:
    every problem on its own line of stdout, exit 1."""
    from narrator.figures import Facts, load_figures
    from narrator.figures.sanity import sanity_problems

    figures = load_figures(figures_path)
    problems = sanity_problems(figures)
    for path, message in problems:
        print(f"{path}: {message}")
    if problems:
        print(f"{figures_path}: 数据文件有 {len(problems)} 处数字问题（见上）", file=sys.stderr)
        return ExitCode.FINDINGS
    facts = Facts(figures)
    print(f"{figures_path}: 有效（{figures.unit}，{figures.year}年度，{len(facts.keys())} 个指标）")
    return ExitCode.CLEAN


def run_golden(root: Path, cases: list[str], update: bool) -> ExitCode:
    from narrator.errors import InputError
    from narrator.app.golden import find_cases, run_case

    if not root.is_dir():
        raise InputError(f"{root}: 黄金用例目录不存在")
    folders = find_cases(root, cases)
    if not folders:
        raise InputError(f"{root}: 没有黄金用例（每个用例目录需有 case.yaml）")
    failed = 0
    for folder in folders:
        for outcome in run_case(folder, update):
            if outcome.diff:
                sys.stdout.write(outcome.diff)
            label = {"ok": "通过", "updated": "已更新", "differs": "不一致", "missing": "缺少期望文件"}[outcome.status]
            print(f"{outcome.case}/{outcome.output}: {label}", file=sys.stderr)
            failed += not outcome.passed
    print(f"黄金用例 {len(folders)} 个，失败 {failed} 项", file=sys.stderr)
    return ExitCode.FINDINGS if failed else ExitCode.CLEAN


def run_model_serve(model: Path | None, port: int, threads: int | None) -> ExitCode:
    import os
    import time

    from narrator.llm.local import LocalServer

    path = model or (Path(os.environ["NARRATOR_LOCAL_MODEL"]) if os.environ.get("NARRATOR_LOCAL_MODEL") else None)
    if path is None:
        raise NarratorError("请用 --model 指定 GGUF 文件，或设置 NARRATOR_LOCAL_MODEL（可用 scripts/get-local-model 获取）")
    from narrator.llm.settings import resolve_settings

    threads = threads or resolve_settings({"local_model": str(path)}).threads  # NARRATOR_THREADS, config
    with LocalServer(path, port=port, threads=threads) as server:
        print(server.base_url, flush=True)
        print(f"本地模型已启动：NARRATOR_BASE_URL={server.base_url}（Ctrl-C 停止）", file=sys.stderr)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("已停止", file=sys.stderr)
    return ExitCode.CLEAN
