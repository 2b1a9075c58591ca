"""Unfinished drafts: narrator's own placeholders and lists left empty.

A draft narrator wrote from a figures file with gaps carries visible placeholders
(【请补充原因】) and, where a list had nothing to list, "其中：。".  Neither may reach a
published document, so both are errors: a finished document is one that checks clean.
"""

from __future__ import annotations

from narrator.check.registry import Check, register
from narrator.check.rules.conventions import whole_text
from narrator.placeholders import EMPTY_LIST, PLACEHOLDER
from narrator.read.context import Context


@register(
    "unfinished.placeholder", "error", "草稿中的占位符（【请补充…】）尚未填写",
    title="草稿占位符未填写", why="【请补充…】是起草时留给人填写的位置，原样公开说明草稿没有完成。",
    should_flag=["支出决算为502.98万元，比上年减少58.63万元，下降10.44%。主要原因是【请补充原因】。",
                 "2024年度一般公共预算财政拨款支出年初预算【请补充年初预算数】，支出决算为502.98万元。",
                 "与2023年度相比，收入总计【请补充上年决算数（prior.grand_total.income）】。"],
    should_pass=["支出决算为502.98万元，比上年减少58.63万元，下降10.44%。主要原因是项目资金减少。",
                 "【注】本表金额单位为万元。"],
)
def placeholder(ctx: Context, check: Check):
    start, end = whole_text(ctx)
    for match in PLACEHOLDER.finditer(ctx.text, start, end):
        yield check.finding(ctx, match.start(), match.end(), f"占位符尚未填写：{match.group(0)}",
                            stated=match.group(0), expected="（填写实际内容）")


@register(
    "unfinished.empty_list", "error", "列举词后没有内容（“其中：。”），草稿的列表为空",
    title="列举内容为空", why="“其中：。”之后什么也没有，是草稿中列表没有填上的痕迹。",
    should_flag=["2024年度本年收入合计465.34万元，其中：。", "主要用于以下方面：。",
                 "本年支出合计502.98万元，其中：，基本支出278.49万元。"],
    should_pass=["2024年度本年收入合计465.34万元，其中：财政拨款收入465.34万元，占100.00%。"],
)
def empty_list(ctx: Context, check: Check):
    start, end = whole_text(ctx)
    for match in EMPTY_LIST.finditer(ctx.text, start, end):
        yield check.finding(ctx, match.start(), match.end(), "列举词后没有列出任何项目",
                            stated=match.group(0), expected="（列出各项，或删去列举词）")
