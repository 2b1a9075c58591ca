"""Levels 2 and 3: each stated amount, change, rate and share against the fact it names.

binding.py decides which fact an amount states (其他收入 → income.other); these
checks compare.  Level 2 compares with the document's own tables, level 3 with
a figures file, which also gives prior-year and budget values.  Both sides are
rounded: a table cell stands for every value within half a cent of it, a
stated amount for every value its written precision allows; they disagree
only when the two intervals do not meet.
"""

from __future__ import annotations

import re
from decimal import Decimal

from narrator.check.binding import Binding, Source, bindings, changed_fact, facts_equal_to, normal_name, source_of
from narrator.read.claims import Claim, compact
from narrator.read.context import Context
from narrator.check.registry import TABLES_OR_FIGURES, Check, register
from narrator.check.rules import show
from narrator.figures.facts import Fact
from narrator.numbers import Interval, change_rate_interval, percent_consistent, share_interval

EXAMPLE_FIGURES = """
unit: 示例单位
year: 2024
amount_unit: 万元
summary:
  income: {general_budget: 100.00, other: 19.20}
  income_total: 119.20
  expenditure_total: 119.20
  expenditure_by_class: {"201": 99.20, "221": 20.00}
general_budget:
  total: 100.00
  basic: 80.00
  project: 20.00
  rows:
    - {code: "201", name: 一般公共服务支出, total: 80.00, basic: 60.00, project: 20.00}
    - {code: "20101", name: 人大事务, total: 80.00, basic: 60.00, project: 20.00}
    - {code: "2010101", name: 行政运行, total: 60.00, basic: 60.00}
    - {code: "2010102", name: 一般行政管理事务, total: 20.00, project: 20.00}
    - {code: "221", name: 住房保障支出, total: 20.00, basic: 20.00}
    - {code: "22102", name: 住房改革支出, total: 20.00, basic: 20.00}
    - {code: "2210201", name: 住房公积金, total: 20.00, basic: 20.00}
prior:
  income.total: 100.00
  general_budget.total: 125.00
budget:
  general_budget.total: 90.00
  general_budget.2010101: 50.00
"""

_TABLES = (  # key prefix → the table a reviewer looks the value up in
    ("grand_total.", "收入支出决算总表"), ("income.", "收入支出决算总表"), ("expenditure.total", "收入支出决算总表"),
    ("expenditure.", "支出决算表"), ("fiscal.", "财政拨款收入支出决算总表"),
    ("general_budget.", "一般公共预算财政拨款支出决算表"), ("basic.", "一般公共预算财政拨款基本支出决算表"),
    ("three_public.", "财政拨款“三公”经费支出决算表"), ("government_fund.", "政府性基金预算财政拨款收入支出决算表"),
    ("state_capital.", "国有资本经营预算财政拨款收入支出决算表"),
)
_LEVELS = {3: "类", 5: "款", 7: "项"}
_KIND_WORDS = {"current": "决算数", "budget": "年初预算数", "full_year_budget": "全年预算数", "prior": "上年决算数"}


def _where(source: Source, key: str) -> str:
    if source.level == 3:
        return "数据文件"
    return next((name for prefix, name in _TABLES if key.startswith(prefix)), "决算表")


def _describe(fact: Fact) -> str:
    """住房保障支出（类，221）: a row's level and code, so the reviewer finds it in the table."""
    code = fact.key.rpartition(".")[2]
    return f"{fact.label}（{_LEVELS[len(code)]}，{code}）" if code.isdigit() and len(code) in _LEVELS else fact.label


def _stated_interval(ctx: Context, claim: Claim) -> Interval:
    return ctx.interval(claim)


def _disagrees(ctx: Context, source: Source, binding: Binding) -> bool:
    value = binding.value
    return value is not None and not source.value_interval(value, binding.fact.key).overlaps(
        _stated_interval(ctx, binding.claim))


def _same_meaning(ctx: Context, source: Source, binding: Binding) -> Fact | None:
    """Another table's fact of the same name that the stated amount equals (基本支出 in 03表 and 05表)."""
    others = facts_equal_to(source, _stated_interval(ctx, binding.claim), binding.fact.key)
    return next((f for f in others if normal_name(f.label) == normal_name(binding.fact.label)), None)


def _other_rows(ctx: Context, source: Source, binding: Binding) -> list[Fact]:
    """Rows of the same table the stated amount equals, nearest level first (235668.24: 款 20805, 类 208)."""
    table = binding.fact.key.split(".")[0] + "."
    others = [f for f in facts_equal_to(source, _stated_interval(ctx, binding.claim), binding.fact.key)
              if f.key.startswith(table)]
    others.sort(key=lambda f: -len(f.key))
    return others[:2]


def _table_blank(source: Source, key: str) -> bool:
    """A table whose every value is 0 (or blank): the document may simply have left it empty."""
    family = key.split(".")[0] + "."
    members = [f for f in source.facts if f.key.startswith(family)]
    return bool(members) and all(not f.current and not f.budget and not f.full_year_budget for f in members)


# ------------------------------------------------------------ amounts

@register(
    "fact.amount", "error", "所述金额与决算表（或数据文件）中对应的数不符",
    title="金额与决算表不符", why="情况说明中的金额应与所附决算表（或数据文件）一致，不一致说明其中一处抄错。",
    should_flag=["二、收入决算情况说明\n2024年度收入合计119.20万元，其中：一般公共预算财政拨款收入100.00万元；其他收入0万元。",
                 "（三）一般公共预算财政拨款支出决算具体情况\n1.一般公共服务支出（类）人大事务（款）行政运行（项）。"
                 "年初预算为50.00万元，支出决算为80.00万元。"],
    should_pass=["二、收入决算情况说明\n2024年度收入合计119.20万元，其中：一般公共预算财政拨款收入100.00万元；其他收入19.20万元。",
                 "（三）一般公共预算财政拨款支出决算具体情况\n1.一般公共服务支出（类）人大事务（款）行政运行（项）。"
                 "年初预算为50.00万元，支出决算为60.00万元。"],
    figures=EXAMPLE_FIGURES,
    needs=TABLES_OR_FIGURES,
)
def amount(ctx: Context, check: Check):
    source = source_of(ctx)
    if source is None:
        return
    for binding in bindings(ctx).values():
        if binding.kind == "current" and _disagrees(ctx, source, binding):
            yield _amount_finding(ctx, check, source, binding)


def _amount_finding(ctx: Context, check: Check, source: Source, binding: Binding):
    claim, fact = binding.claim, binding.fact
    where = _where(source, fact.key)
    expected = show.amount(source.in_yuan(fact.current), claim.unit)
    message = f"{fact.label}与{where}不符：文中为{show.written(claim)}，{where}中为{expected}"
    severity = None
    same_meaning = _same_meaning(ctx, source, binding)
    others = _other_rows(ctx, source, binding)
    if same_meaning:
        severity = "warning"  # the narrative agrees with another table: which one is wrong needs a person
        message += (f"；文中数与{_where(source, same_meaning.key)}中的{same_meaning.label}一致"
                    f"（两表口径不同或其一有误，请核对）")
    elif others:
        message += f"；文中数额恰为{'、'.join(_describe(f) for f in others)}的金额，疑为引用了错误的行"
    elif source.level == 2 and _table_blank(source, fact.key):
        severity = "warning"
        message = f"{fact.label}：文中为{show.written(claim)}，但{where}中为空或0，请核对该表是否漏填"
    return check.finding(ctx, claim.number_start, claim.end, message, stated=show.written(claim),
                         expected=expected, formula=f"{where}：{_describe(fact)}", severity=severity)


@register(
    "fact.budget", "error", "所述预算数与决算表（或数据文件）中的预算数不符",
    title="预算数与决算表不符", why="所述预算数应与决算表（或数据文件）中的预算数一致。",
    should_flag=["（三）一般公共预算财政拨款支出决算具体情况\n1.一般公共服务支出（类）人大事务（款）行政运行（项）。"
                 "年初预算为55.00万元，支出决算为60.00万元。"],
    should_pass=["（三）一般公共预算财政拨款支出决算具体情况\n1.一般公共服务支出（类）人大事务（款）行政运行（项）。"
                 "年初预算为50.00万元，支出决算为60.00万元。"],
    figures=EXAMPLE_FIGURES,
    needs=TABLES_OR_FIGURES,
)
def budget(ctx: Context, check: Check):
    yield from _other_values(ctx, check, ("budget", "full_year_budget"))


@register(
    "fact.prior", "error", "所述上年决算数与数据文件不符",
    title="上年数与数据文件不符", why="所述上年决算数应与数据文件中的上年数一致。",
    should_flag=["二、收入决算情况说明\n2024年度收入合计119.20万元，2023年度收入合计110.00万元。"],
    should_pass=["二、收入决算情况说明\n2024年度收入合计119.20万元，2023年度收入合计100.00万元。"],
    figures=EXAMPLE_FIGURES,
    needs="--figures",
)
def prior(ctx: Context, check: Check):
    yield from _other_values(ctx, check, ("prior",))


def _other_values(ctx: Context, check: Check, kinds: tuple[str, ...]):
    source = source_of(ctx)
    if source is None:
        return
    for binding in bindings(ctx).values():
        if binding.kind not in kinds or not _disagrees(ctx, source, binding):
            continue
        claim, fact = binding.claim, binding.fact
        where = _where(source, fact.key)
        word = _KIND_WORDS[binding.kind] if source.level == 3 or binding.kind == "prior" else "预算数"
        expected = show.amount(source.in_yuan(binding.value), claim.unit)
        message = f"{fact.label}{word}与{where}不符：文中为{show.written(claim)}，{where}中为{expected}"
        severity = None
        if source.level == 2 and _table_blank(source, fact.key):
            severity = "warning"
            message = f"{fact.label}{word}：文中为{show.written(claim)}，但{where}中为空或0，请核对该表是否漏填"
        yield check.finding(ctx, claim.number_start, claim.end, message, stated=show.written(claim),
                            expected=expected, formula=f"{where}：{_describe(fact)}{word}", severity=severity)


# ------------------------------------------------------------ changes and rates against the prior year

_AGAINST_BUDGET = re.compile(r"(?:较|比|与)[^，,。；;]{0,16}预算")


def _base(ctx: Context, claim: Claim, fact: Fact) -> tuple[Decimal | None, str]:
    """What a change is measured from: the budget when its clause says 较…预算, else the prior year."""
    st = ctx.statements[claim.statement]
    clause = re.split(r"[，,；;。]", compact(ctx.text[st.start:claim.start])[0])[-1]
    if _AGAINST_BUDGET.search(clause):
        return fact.budget, "年初预算数"
    return fact.prior, "上年决算数"




@register(
    "fact.change", "error", "所述增减额与本年数、上年数（或预算数）之差不符",
    title="增减额与上年数不符", why="增减额 = 本年数 − 上年数（或预算数），可用数据文件或决算表复算。",
    should_flag=["二、收入决算情况说明\n2024年度收入合计119.20万元，比上年增加9.20万元，增长9.20%。"],
    should_pass=["二、收入决算情况说明\n2024年度收入合计119.20万元，比上年增加19.20万元，增长19.20%。"],
    figures=EXAMPLE_FIGURES,
    needs="--figures（上年数）或决算表（预算数）",
)
def change(ctx: Context, check: Check):
    source = source_of(ctx)
    if source is None:
        return
    for claim in ctx.claims:
        if claim.metric != "change" or claim.stated is None or claim.sign is None:
            continue
        fact = changed_fact(ctx, claim)
        if fact is None:
            continue
        base, base_word = _base(ctx, claim, fact)
        if base is None:
            continue
        expected = source.value_interval(fact.current, fact.key) - source.value_interval(base, fact.key)
        stated = ctx.interval(claim)
        stated = stated if claim.sign >= 0 else Interval(-stated.high, -stated.low)
        if expected.overlaps(stated):
            continue
        delta = source.in_yuan(fact.current - base)
        word = "持平" if delta == 0 else ("增加" if delta > 0 else "减少")
        expected_text = word if delta == 0 else f"{word}{show.amount(abs(delta), claim.unit)}"
        yield check.finding(
            ctx, claim.start, claim.end,
            f"{fact.label}增减与{_where(source, fact.key)}不符：本年{show.amount(source.in_yuan(fact.current), claim.unit)}，"
            f"{base_word}{show.amount(source.in_yuan(base), claim.unit)}，应为{expected_text}",
            stated=show.written(claim), expected=expected_text,
            formula=f"{fact.label}：本年决算数 − {base_word}",
        )


@register(
    "fact.rate", "error", "所述增减率与本年数、上年数（或预算数）不符",
    title="增减率与上年数不符", why="增减率 = (本年数 − 上年数) ÷ 上年数，可用数据文件或决算表复算。",
    should_flag=["三、一般公共预算财政拨款支出决算情况\n2024年度一般公共预算财政拨款支出100.00万元，比上年减少25.00万元，下降25.00%。"],
    should_pass=["三、一般公共预算财政拨款支出决算情况\n2024年度一般公共预算财政拨款支出100.00万元，比上年减少25.00万元，下降20.00%。"],
    figures=EXAMPLE_FIGURES,
    needs="--figures（上年数）或决算表（预算数）",
)
def rate(ctx: Context, check: Check):
    source = source_of(ctx)
    if source is None:
        return
    for claim in ctx.claims:
        if claim.metric != "change_rate" or claim.stated is None:
            continue
        anchor = ctx.change_for(claim) or claim
        fact = changed_fact(ctx, anchor)
        if fact is None:
            continue
        base, base_word = _base(ctx, anchor, fact)
        if base is None or base == 0:
            continue  # a zero base is convention.zero_base's
        implied = change_rate_interval(source.value_interval(fact.current, fact.key), source.value_interval(base, fact.key))
        if implied is None or percent_consistent(claim.signed, implied):
            continue
        exact = (fact.current - base) / base
        word = "增长" if exact > 0 else "下降"
        unit = anchor.unit if anchor.unit != "%" else ("元" if source.amount_unit == "元" else "万元")
        yield check.finding(
            ctx, claim.start, claim.end,
            f"{fact.label}增减率与{_where(source, fact.key)}不符：本年{show.amount(source.in_yuan(fact.current), unit)}，"
            f"{base_word}{show.amount(source.in_yuan(base), unit)}，应为{word}{show.percent(abs(exact))}",
            stated=show.written(claim), expected=f"{word}{show.percent(abs(exact))}",
            formula=f"(本年决算数 − {base_word}) ÷ {base_word}",
        )


# ------------------------------------------------------------ shares

@register(
    "fact.share", "error", "占比与决算表（或数据文件）中部分与整体的数不符",
    title="占比与决算表不符", why="占比可由决算表（或数据文件）中部分与整体的数复算，与所述不符即有一处错误。",
    should_flag=["二、收入决算情况说明\n2024年度收入合计119.20万元，其中：一般公共预算财政拨款收入100.00万元，占100%；其他收入0万元，占0%。"],
    should_pass=["二、收入决算情况说明\n2024年度收入合计119.20万元，其中：一般公共预算财政拨款收入100.00万元，占83.89%；其他收入19.20万元，占16.11%。"],
    figures=EXAMPLE_FIGURES,
    needs=TABLES_OR_FIGURES,
)
def share(ctx: Context, check: Check):
    source = source_of(ctx)
    if source is None:
        return
    bound = bindings(ctx)
    for claim in ctx.claims:
        if claim.metric != "share" or claim.stated is None:
            continue
        part = ctx.share_part(claim)
        whole, sure = ctx.share_whole(claim, part)
        if part is None or whole is None or not sure:
            continue
        part_b, whole_b = bound.get(part.start), bound.get(whole.start)
        if part_b is None or whole_b is None or "current" != part_b.kind or "current" != whole_b.kind:
            continue
        if any(_disagrees(ctx, source, b) and _same_meaning(ctx, source, b) for b in (part_b, whole_b)):
            continue  # the tables disagree among themselves on the part or whole: fact.amount says so
        as_stated = share_interval(ctx.interval(part), ctx.interval(whole))
        if as_stated is not None and not percent_consistent(claim.stated, as_stated):
            continue  # wrong against its own amounts already: share.value's finding
        if whole_b.fact.current == 0:
            continue  # a zero whole is convention.zero_base's
        implied = share_interval(source.value_interval(part_b.fact.current, part_b.fact.key),
                                 source.value_interval(whole_b.fact.current, whole_b.fact.key))
        if implied is None or percent_consistent(claim.stated, implied):
            continue
        exact = part_b.fact.current / whole_b.fact.current
        yield check.finding(
            ctx, claim.start, claim.end,
            f"按{_where(source, part_b.fact.key)}，{part_b.fact.label}"
            f"{show.amount(source.in_yuan(part_b.fact.current), part.unit)}占{whole_b.fact.label}"
            f"{show.amount(source.in_yuan(whole_b.fact.current), whole.unit)}的{show.percent(exact)}",
            stated=show.written(claim), expected=show.percent(exact),
            formula=f"{part_b.fact.label} ÷ {whole_b.fact.label}",
        )


# ------------------------------------------------------------ completion against the budget

@register(
    "fact.completion", "error", "完成预算的百分比与决算表（或数据文件）中的决算数、预算数不符",
    title="完成率与决算表不符", why="完成率可由决算表（或数据文件）中的决算数、预算数复算，与所述不符即有一处错误。",
    should_flag=["（一）一般公共预算财政拨款支出决算总体情况\n2024年度一般公共预算财政拨款支出100.00万元，完成年初预算的100.00%。"],
    should_pass=["（一）一般公共预算财政拨款支出决算总体情况\n2024年度一般公共预算财政拨款支出100.00万元，完成年初预算的111.11%。"],
    figures=EXAMPLE_FIGURES,
    needs=TABLES_OR_FIGURES,
)
def completion(ctx: Context, check: Check):
    source = source_of(ctx)
    if source is None:
        return
    for claim in ctx.claims:
        if claim.metric != "completion" or claim.stated is None or _judged_on_its_amounts(ctx, claim):
            continue
        fact = changed_fact(ctx, claim)
        if fact is None:
            continue
        budget, word = (fact.full_year_budget, "全年预算数") if claim.base == "全年" else (fact.budget, "年初预算数")
        if not budget:
            continue  # no budget, or a zero one (convention.zero_base's)
        implied = source.value_interval(fact.current, fact.key).divide(source.value_interval(budget, fact.key))
        if implied is None or percent_consistent(claim.stated, implied):
            continue
        exact = fact.current / budget
        unit = "元" if source.amount_unit == "元" else "万元"
        yield check.finding(
            ctx, claim.start, claim.end,
            f"{fact.label}完成率与{_where(source, fact.key)}不符：决算数{show.amount(source.in_yuan(fact.current), unit)}，"
            f"{word}{show.amount(source.in_yuan(budget), unit)}，应为{show.percent(exact)}",
            stated=show.written(claim), expected=show.percent(exact), formula=f"决算数 ÷ {word}",
        )


def _judged_on_its_amounts(ctx: Context, claim: Claim) -> bool:
    """Budget and actual stated beside the rate: completion.value judges it (and fact.* the amounts)."""
    budget, actual, near = ctx.budget_actual(claim)
    return near and budget is not None and actual is not None
