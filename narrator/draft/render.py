"""Render a 第三部分 情况说明 from figures through a template set.

Jinja2 runs sandboxed (a template set is code from whoever wrote it: it may
read the values it is given, never Python's internals) and with ``StrictUndefined``: a name a template uses but the context
lacks is an error, never an empty string.  Sections are numbered here (一、二、…)
after the optional ones are decided, so leaving one out never leaves a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from narrator.errors import TemplateError
from narrator.figures.facts import Facts
from narrator.figures.model import Figures
from narrator.draft.templates import TemplateSet
from narrator.draft.views import DraftContext, FactView, ProjectView
from narrator.resources import templates_dir

CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (section numbers never pass 99)."""
    if number <= 10:
        return CHINESE_NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + "十" + (CHINESE_NUMERALS[units - 1] if units else "")


@dataclass(frozen=True)
class Draft:
    """A rendered narrative (Markdown) and what the drafter must still fill in."""

    markdown: str
    warnings: tuple[str, ...]
    template_set: str


def draft(figures: Figures, template_set: TemplateSet, thousands: bool = False,
          last_causes: dict[str, str] | None = None) -> Draft:
    """``last_causes``: last year's causes by key (``draft --prior``), offered inside the placeholders."""
    facts = Facts(figures)
    ctx = DraftContext(facts, thousands=thousands, last_causes=dict(last_causes or {}))
    env = _environment(template_set)
    variables = _variables(figures, ctx)
    parts = [_render_string(env, template_set.manifest.heading, variables)]
    number = 0
    for spec in template_set.manifest.sections:
        if spec.when is not None and not _flag(variables, spec.when, template_set):
            continue
        number += 1
        body = _render_file(env, spec.file, variables)
        parts.append(f"## {chinese_numeral(number)}、{spec.title}\n\n{body}")
    for key in ctx.unused_causes():
        ctx.warn(f"causes.{key}：已给出原因，但草稿没有需要它的句子（如变动为持平、该项为0或模板不写此句），未写入")
    return Draft(_tidy("\n\n".join(parts)), tuple(ctx.warnings), template_set.name)


def _environment(template_set: TemplateSet) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(template_set.folder)),
        jinja2.FileSystemLoader(str(templates_dir())),  # for common/macros.j2
    ])
    return SandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text, not HTML
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _variables(figures: Figures, ctx: DraftContext) -> dict[str, Any]:
    facts = ctx.facts
    return {
        "unit": figures.unit,
        "year": figures.year,
        "prior_year": figures.year - 1,
        "money": figures.amount_unit,
        "figures": figures,
        "f": ctx.view,
        "rows": lambda table, level=None: _rows(figures, ctx, table, level),
        "budget_rows": lambda table: [v for v in _rows(figures, ctx, table, None) if v.has_budget or v.has_full_year_budget],
        "economic_rows": lambda kind: _economic_rows(figures, ctx, kind),
        "economic_classes": lambda: _economic_classes(figures, ctx),
        "projects": [ProjectView(p, i, ctx) for i, p in enumerate(figures.performance.projects)],
        "amount": ctx.amount,
        "placeholder": ctx.placeholder,
        "count": ctx.count,
        "known_amount": ctx.known_amount,
        "omitted": ctx.omitted,
        "has_non_fiscal": figures.non_fiscal is not None,
        "has_government_fund": not facts["government_fund.total"].current == 0,
        "has_state_capital": not facts["state_capital.total"].current == 0,
        "administrative": figures.administrative,
    }


def _rows(figures: Figures, ctx: DraftContext, table: str, level: str | None) -> list[FactView]:
    """Views of a table's rows (optionally one level: 类/款/项), zero rows left out (不涉及的不列)."""
    model = getattr(figures, table)
    views = [ctx.view(f"{table}.{row.code}") for row in model.rows if level is None or row.level == level]
    if not views and model.rows and table == "general_budget" and level == "类":
        views = _classes_of_all_spending(figures, ctx)
    return [v for v in views if not v.is_zero or v.fact.budget or v.fact.full_year_budget]


def _classes_of_all_spending(figures: Figures, ctx: DraftContext) -> list[FactView]:
    """The 类 of the 收入支出决算总表 stand for the 一般公共预算 ones when that table lists only 款 or 项
    and all of the year's spending was 一般公共预算 (its total is the 本年支出合计): every other
    source's part of a 类 is then zero.  Summing the 项 instead would add their rounding."""
    facts = ctx.facts
    if facts["general_budget.total"].current != facts["expenditure.total"].current:
        return []
    return [ctx.view(f"expenditure.{code}") for code in figures.summary.expenditure_by_class]


def _economic_rows(figures: Figures, ctx: DraftContext, kind: str) -> list[FactView]:
    """基本支出 items of one kind at the finest level the file gives, zero rows left out."""
    detail = figures.basic_detail
    if detail is None:
        return []
    rows = [r for r in detail.rows if r.kind == kind]
    finest = [r for r in rows if len(r.code) == 5] or rows
    return [v for v in (ctx.view(f"basic.{r.code}") for r in finest) if not v.is_zero]


def _economic_classes(figures: Figures, ctx: DraftContext) -> list[FactView]:
    """基本支出 by economic class (款: 301, 302 …) where the file compares it with a budget or last year."""
    detail = figures.basic_detail
    if detail is None:
        return []
    views = [ctx.view(f"basic.{r.code}") for r in detail.rows if len(r.code) == 3]
    return [v for v in views if v.has_budget or v.has_prior]


def _flag(variables: dict[str, Any], name: str, template_set: TemplateSet) -> bool:
    if name not in variables or not isinstance(variables[name], bool):
        raise TemplateError(f"{template_set.folder}: 清单中的条件 {name!r} 不存在")
    return variables[name]


def _render_file(env: jinja2.Environment, name: str, variables: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(variables).strip()
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板 {exc.filename or name} 第{exc.lineno}行: 语法错误 — {exc.message}") from None
    except (jinja2.TemplateError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # a name the context lacks, a figure key with a typo, a view asked for a value the figures lack
        raise TemplateError(f"模板 {_where(exc, name)}: {_what(exc)}") from None


def _where(exc: BaseException, name: str) -> str:
    """"path/to/file.md.j2 第12行": the innermost template frame of the error (Jinja2 maps
    compiled frames back to template files and lines), else the section's file name."""
    import traceback

    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename.endswith(".j2")]
    if not frames:
        return name
    return f"{frames[-1].filename} 第{frames[-1].lineno}行"


def _what(exc: BaseException) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"未定义的名称 — {exc.message}"
    if isinstance(exc, KeyError):
        return f"没有名为 {exc.args[0]!r} 的项"
    return _one_line(exc)


def _render_string(env: jinja2.Environment, source: str, variables: dict[str, Any]) -> str:
    try:
        return "# " + env.from_string(source).render(variables).strip()
    except jinja2.TemplateError as exc:
        raise TemplateError(f"模板标题: {_one_line(exc)}") from None


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, SecurityError):
        return f"模板在沙箱中运行，不能访问 Python 内部（{text}）"
    return text


def _tidy(text: str) -> str:
    """Collapse the blank lines that skipped template lines leave behind; a heading gets its own paragraph."""
    text = re.sub(r"(?<=[^\n])\n(?=#{1,6} )", "\n\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
