"""The ``narrator`` command line: thin commands over plain library functions.

Results go to stdout, diagnostics to stderr.  Every command returns an
``ExitCode``; ``main`` turns a ``NarratorError`` (bad input, bad usage) into one
line on stderr and exit code 2 — never a traceback.  Heavy modules are imported
inside the commands so ``narrator --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import click
import typer

from narrator.app.cli_zh import ZhCommand, ZhGroup, usage_error
from narrator.errors import ExitCode, NarratorError

app = typer.Typer(
    name="narrator",
    cls=ZhGroup,
    help="起草和审核部门决算公开的第三部分“情况说明”。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # never print a document or key from a traceback
    rich_markup_mode=None,
)


def _warn(message: str) -> None:
    _say(f"narrator: 提示: {message}")


def _say(line: str) -> None:
    """Every line for stderr passes the redactor (a model server's text may echo the API key) and
    is made printable (a warning may quote a document's escape sequences)."""
    from narrator.redact import redact
    from narrator.terminal import printable

    print(printable(redact(line)), file=sys.stderr)


def _settings():
    """narrator.toml or pyproject.toml [tool.narrator] from the current folder up (command-line options win)."""
    from narrator.app.config import load_project_settings

    return load_project_settings()


def _print_version(value: bool) -> None:
    if value:
        from narrator import __version__

        print(f"narrator {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="显示版本并退出", callback=_print_version,
                                          is_eager=True)] = False,
) -> None:
    """起草和审核部门决算公开的第三部分“情况说明”。设置可写在 narrator.toml 或 pyproject.toml 的 [tool.narrator] 中。"""


@app.command(cls=ZhCommand)
def draft(
    figures: Annotated[Path, typer.Argument(metavar="数据文件", help="数据文件（.yaml/.yml/.json/.xlsx）")],
    template: Annotated[Optional[str], typer.Option("-t", "--template", help="模板集名称（national、guizhou）或模板目录；缺省取设置 template，再缺省为 national")] = None,
    out: Annotated[Optional[Path], typer.Option("-o", "--out", help="输出文件；缺省时写到标准输出")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="输出格式：md、txt 或 docx；缺省按 -o 的扩展名，与扩展名矛盾时拒绝")] = None,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖已存在的输出文件")] = False,
    thousands: Annotated[bool, typer.Option("--thousands", help="金额使用千位分隔符（1,677.60）")] = False,
    show_readability: Annotated[bool, typer.Option("--readability", help="在标准错误输出草稿的可读性指标")] = False,
    prior: Annotated[Optional[Path], typer.Option("--prior", help="上年的数据文件（或已公开的上年决算文件）：其本年数作为本年的上年决算数")] = None,
) -> ExitCode:
    """根据数据文件起草第三部分 情况说明。"""
    from narrator.app.commands import run_draft

    return run_draft(figures, _settings().template_set(template), out, fmt, force, thousands, warn=_warn,
                     readability=show_readability, prior=prior)


# Options that check and review share: one declaration, one help text.
FailOn = Annotated[Optional[str], typer.Option("--fail-on", help="达到此级别即以 1 退出：error、warning 或 info；缺省取设置 fail-on，再缺省为 error")]
Disable = Annotated[Optional[list[str]], typer.Option("--disable", help="按编号前缀关闭检查，可重复（如 rate、convention.flat）；给出时取代设置 disable")]
Baseline = Annotated[Optional[Path], typer.Option("--baseline", help="基线文件：其中已接受的问题只标为已接受，不计入、不导致失败")]
WriteBaseline = Annotated[Optional[Path], typer.Option("--write-baseline", help="把本次的全部问题写成基线文件（JSON）")]


@app.command(cls=ZhCommand)
def check(
    document: Annotated[Path, typer.Argument(metavar="文档", help="要审核的文件（.txt/.md/.pdf/.docx/.doc/.wps/.odt/.rtf；.xlsx/.xls/.et/.ods 只核对表）；- 表示从标准输入读入")],
    figures: Annotated[Optional[Path], typer.Option("--figures", help="数据文件：加上上年数、预算数一并核对")] = None,
    fmt: Annotated[str, typer.Option("--format", help="输出格式：text、json、markdown 或 csv")] = "text",
    fail_on: FailOn = None,
    disable: Disable = None,
    baseline: Baseline = None,
    write_baseline: WriteBaseline = None,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖已存在的基线文件")] = False,
    base_url: Annotated[Optional[str], typer.Option("--base-url", help="兼容 OpenAI 接口的模型服务地址")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="模型名称")] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="只用规则检查，不调用模型")] = False,
    record: Annotated[Optional[Path], typer.Option("--record", help="把每次模型问答记录到此文件（JSON Lines）")] = None,
    replay: Annotated[Optional[Path], typer.Option("--replay", help="从记录文件回放模型回答（离线、确定）")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", help="显示本地模型（llama.cpp）自己的日志")] = False,
    tables: Annotated[Optional[Path], typer.Option("--tables", help="单独发布的决算表（.xlsx/.xls/.et/.ods 或含决算表的文档）：按其核对金额")] = None,
) -> ExitCode:
    """审核情况说明：数字、比例、方向词、惯例用语和原因；退出码 0 无问题，1 有达到 --fail-on 的问题，2 输入错误。"""
    from narrator.app.commands import run_check

    settings = _settings()
    return run_check(document, figures, fmt, settings.fail_level(fail_on), settings.disabled(disable), base_url, model,
                     no_model, record, replay, warn=_warn, baseline=baseline, write_baseline=write_baseline, force=force,
                     verbose=verbose, tables=tables)


@app.command(cls=ZhCommand)
def review(
    paths: Annotated[list[Path], typer.Argument(metavar="路径", help="文件或目录（递归查找 .txt/.md/.pdf/.docx/.doc/.wps/.odt/.rtf/.xlsx/.xls/.et/.ods，其他文件列为未检查）")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数")] = 1,
    report: Annotated[Optional[list[Path]], typer.Option("--report", help="写出报告，可重复：.html 为可筛选的审核报告，.xlsx/.csv 为每个问题一行的清单")] = None,
    fmt: Annotated[str, typer.Option("--format", help="汇总输出格式：text、json 或 csv（每个问题一行）")] = "text",
    fail_on: FailOn = None,
    disable: Disable = None,
    baseline: Baseline = None,
    write_baseline: WriteBaseline = None,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖已存在的报告和基线文件")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="每份文档的检查时限（秒），超时的列为未能检查")] = 120.0,
    max_memory: Annotated[int, typer.Option("--max-memory", help="每份文档检查进程的内存上限（MB）")] = 2048,
    cache: Annotated[Optional[Path], typer.Option("--cache", help="结果缓存目录（默认 ~/.cache/narrator/review）：未改动的文档不再重查")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不读也不写缓存，全部重新检查")] = False,
) -> ExitCode:
    """批量审核多份文件：打印每份文件的问题汇总，可写出 HTML 报告（可按级别和检查项筛选）；退出码 0 无问题，1 有达到 --fail-on 的问题，2 有文档无法读取或输入错误。"""
    from narrator.app.review import run_review

    settings = _settings()
    return run_review(paths, jobs=jobs, report=report or [], fmt=fmt, force=force, disable=settings.disabled(disable),
                      fail_on=settings.fail_level(fail_on), warn=_warn, baseline=baseline, write_baseline=write_baseline,
                      timeout=timeout, max_memory_mb=max_memory, cache_dir=cache, use_cache=not no_cache)


@app.command(cls=ZhCommand)
def fix(
    document: Annotated[Path, typer.Argument(metavar="文档", help="要修正的情况说明（.txt/.md/.pdf/.docx）")],
    out: Annotated[Optional[Path], typer.Option("-o", "--out", help="写出修正后的全文；缺省只打印差异")] = None,
    figures: Annotated[Optional[Path], typer.Option("--figures", help="数据文件：按其上年数、预算数一并修正")] = None,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖已存在的输出文件")] = False,
    fmt: Annotated[Optional[str], typer.Option("--format", help="输出格式：md、txt 或 docx；缺省按 -o 的扩展名（.docx 原文写回 .docx）")] = None,
) -> ExitCode:
    """按数字逐处修正方向词、比例和完成率，保留原文和原因；在标准输出打印每处改动的差异。"""
    from narrator.app.commands import run_fix

    return run_fix(document, out, figures, force, warn=_warn, fmt=fmt)


@app.command("template-xlsx", cls=ZhCommand)
def template_xlsx(
    out: Annotated[Path, typer.Argument(metavar="输出文件", help="要写出的空白工作簿（.xlsx）")],
    force: Annotated[bool, typer.Option("--force", help="允许覆盖已存在的文件")] = False,
) -> ExitCode:
    """写出一个待填写的空白数据工作簿（版式见 docs/figures.md）。"""
    from narrator.app.commands import run_template_xlsx

    return run_template_xlsx(out, force)


@app.command(cls=ZhCommand)
def validate(
    figures: Annotated[Path, typer.Argument(metavar="数据文件", help="数据文件（.yaml/.yml/.json/.xlsx）")],
) -> ExitCode:
    """校验数据文件：字段、类型、指标键，以及数字本身（各项与合计、收支总计、占比不超过100%、负数）；一次列出全部问题。退出码 0 有效，1 有数字问题，2 无法读取或字段错误。"""
    from narrator.app.commands import run_validate

    return run_validate(figures)


@app.command(cls=ZhCommand)
def extract(
    document: Annotated[Path, typer.Argument(metavar="文档", help="已公开的决算文件（.txt/.md/.pdf/.docx）")],
    out: Annotated[Optional[Path], typer.Option("-o", "--out", help="输出数据文件；缺省时写到标准输出")] = None,
    fmt: Annotated[str, typer.Option("--format", help="输出格式：yaml 或 json")] = "yaml",
    force: Annotated[bool, typer.Option("--force", help="允许覆盖已存在的输出文件")] = False,
) -> ExitCode:
    """从已公开的决算文件中提取数据（表格、上年数、预算数、原因），写成数据文件。"""
    from narrator.app.commands import run_extract

    return run_extract(document, out, fmt, force, warn=_warn)


@app.command(cls=ZhCommand)
def readability(
    document: Annotated[Path, typer.Argument(metavar="文档", help="文本、Markdown、PDF 或 DOCX 文件")],
    fmt: Annotated[str, typer.Option("--format", help="输出格式：text 或 json")] = "text",
) -> ExitCode:
    """中文可读性指标：平均句长、长句占比、数字密度、每句分句数（说明见 docs/readability.md）。"""
    from narrator.app.commands import run_readability

    return run_readability(document, fmt)


model_app = typer.Typer(cls=ZhGroup, help="本地模型：在本进程内启动兼容 OpenAI 接口的 llama.cpp 服务。", no_args_is_help=True)
app.add_typer(model_app, name="model")


@model_app.command("serve", cls=ZhCommand)
def model_serve(
    model: Annotated[Optional[Path], typer.Option("--model", help="GGUF 模型文件；缺省取 NARRATOR_LOCAL_MODEL")] = None,
    port: Annotated[int, typer.Option("--port", help="监听端口（0 为任选空闲端口）")] = 8080,
    threads: Annotated[Optional[int], typer.Option("--threads", help="推理线程数")] = None,
) -> ExitCode:
    """启动本地模型服务，直到按 Ctrl-C；地址打印在标准输出。"""
    from narrator.app.commands import run_model_serve

    return run_model_serve(model, port, threads)


@app.command(cls=ZhCommand)
def checks(
    fmt: Annotated[str, typer.Option("--format", help="输出格式：text、json 或 markdown")] = "text",
) -> ExitCode:
    """列出全部检查项：编号、级别、说明和所需材料（供 --disable 使用）。"""
    from narrator.app.check_list import run_checks

    return run_checks(fmt, sys.stdout)


@app.command(cls=ZhCommand)
def explain(
    check_id: Annotated[str, typer.Argument(metavar="编号", help="检查项编号（narrator checks 可列出全部），如 rate.value")],
) -> ExitCode:
    """说明一项检查：检查什么、为什么、会报出和不会报出的例子。"""
    from narrator.app.explain import run_explain

    return run_explain(check_id, sys.stdout)


golden_app = typer.Typer(cls=ZhGroup, help="黄金用例回归：重跑 golden/ 下的用例并与已提交的期望输出比较。", no_args_is_help=True)
app.add_typer(golden_app, name="golden")


@golden_app.command("run", cls=ZhCommand)
def golden_run(
    cases: Annotated[Optional[list[str]], typer.Argument(metavar="用例", help="用例名（golden/ 下的目录名）；缺省为全部")] = None,
    update: Annotated[bool, typer.Option("--update", help="用当前输出改写期望文件")] = False,
    root: Annotated[Path, typer.Option("--root", help="黄金用例目录")] = Path("golden"),
) -> ExitCode:
    """重跑黄金用例；有差异时打印统一差异格式（unified diff）并以 1 退出。"""
    from narrator.app.commands import run_golden

    return run_golden(root, cases or [], update)


# typer >= 0.2x vendors its own copy of click: catch both families.
_EXITS = (click.exceptions.Exit, typer.Exit)
_ABORTS = (click.exceptions.Abort, typer.Abort)
_USAGE_ERRORS = (click.ClickException, getattr(typer.exceptions, "TyperException", click.ClickException))


def _usage_line(exc: Exception) -> str:
    """click prints usage errors on three lines in English; users get one in Chinese, with where to look next.

    A command called without arguments (no_args_is_help) shows its help page instead."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if type(exc).__name__ == "NoArgsIsHelpError" or message.lstrip().startswith("Usage:"):
        return usage_error(message).rstrip()
    ctx = getattr(exc, "ctx", None)
    hint = f"（运行 {ctx.command_path if ctx is not None else 'narrator'} --help 查看用法）"
    return f"narrator: 用法错误: {usage_error(message)}{hint}"


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and map errors to exit codes."""
    from narrator.writing import guard_stdout

    original_stdout = guard_stdout()  # a full disk or a closed pipe on stdout is one line
    try:
        result = app(args=argv, prog_name="narrator", standalone_mode=False)
        sys.stdout.flush()  # here, not at exit, so a write error is still ours to report
    except NarratorError as exc:
        _say(f"narrator: 错误: {exc}")
        return int(exc.exit_code)
    except _EXITS as exc:  # --help and friends
        return int(exc.exit_code)
    except _ABORTS:
        print("narrator: 已中止", file=sys.stderr)
        return int(ExitCode.USAGE)
    except _USAGE_ERRORS as exc:
        print(_usage_line(exc), file=sys.stderr)
        return int(ExitCode.USAGE)
    except KeyboardInterrupt:
        print("narrator: 已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get("NARRATOR_DEBUG"):
            raise
        _say(f"narrator: 内部错误: {type(exc).__name__}: {exc}（设置 NARRATOR_DEBUG=1 查看详情）")
        return int(ExitCode.USAGE)
    finally:
        sys.stdout = original_stdout
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
