"""Levels 2 and 3: each stated amount, change, rate and share against the fact it names.

binding.py decides which fact an amount states (其他收入 → income.other); these
checks compare.  Level 2 compares with the document's own tables, level 3 with
a figures file, which also gives prior-year and budget values.  Both sides are
rounded: a table cell stands for every value within half a cent of it, a
stated amount for every value its written precision allows; they disagree
only when the two intervals do not meet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from narrator.check.binding import Binding, Source, bindings, changed_fact, facts_equal_to, normal_name, source_of
from narrator.read.bases import against_budget
from narrator.read.claims import Claim
from narrator.read.context import Context
from narrator.check.registry import TABLES_OR_FIGURES, Check, register
from narrator.check.rules import show
from narrator.figures.facts import Fact
from narrator import numbers as n
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


def _disagrees(ctx: Context, source: Source, binding: Binding) -> bool:
    value = binding.value
    return value is not None and not source.value_interval(value, binding.fact.key).overlaps(
        ctx.interval(binding.claim))


def _same_meaning(ctx: Context, source: Source, binding: Binding) -> Fact | None:
    """Another table's fact of the same name that the stated amount equals (基本支出 in 03表 and 05表)."""
    others = facts_equal_to(source, ctx.interval(binding.claim), binding.fact.key)
    return next((f for f in others if normal_name(f.label) == normal_name(binding.fact.label)), None)


def _other_rows(ctx: Context, source: Source, binding: Binding) -> list[Fact]:
    """Rows of the same table the stated amount equals, nearest level first (235668.24: 款 20805, 类 208)."""
    table = binding.fact.key.split(".")[0] + "."
    others = [f for f in facts_equal_to(source, ctx.interval(binding.claim), binding.fact.key)
              if f.key.startswith(table)]
    others.sort(key=lambda f: -len(f.key))
    return others[:2]


def _table_blank(source: Source, key: str) -> bool:
    """A table whose every value is 0 (or blank): the document may simply have left it empty."""
    family = key.split(".")[0] + "."
    members = [f for f in source.facts if f.key.startswith(family)]
    return bool(members) and all(not f.current and not f.budget and not f.full_year_budget for f in members)


# ------------------------------------------------------------ stated values: amounts, budgets, prior years

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
    yield from _value_findings(ctx, check, ("current",))


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
    yield from _value_findings(ctx, check, ("budget", "full_year_budget"))


@register(
    "fact.prior", "error", "所述上年决算数与数据文件不符",
    title="上年数与数据文件不符", why="所述上年决算数应与数据文件中的上年数一致。",
    should_flag=["二、收入决算情况说明\n2024年度收入合计119.20万元，2023年度收入合计110.00万元。"],
    should_pass=["二、收入决算情况说明\n2024年度收入合计119.20万元，2023年度收入合计100.00万元。"],
    figures=EXAMPLE_FIGURES,
    needs="--figures",
)
def prior(ctx: Context, check: Check):
    yield from _value_findings(ctx, check, ("prior",))


def _value_findings(ctx: Context, check: Check, kinds: tuple[str, ...]):
    """Each bound amount stating one of ``kinds`` of its fact's values, where the two intervals do not meet."""
    source = source_of(ctx)
    if source is None:
        return
    for binding in bindings(ctx).values():
        if binding.kind in kinds and _disagrees(ctx, source, binding):
            yield _value_finding(ctx, check, source, binding)


def _value_finding(ctx: Context, check: Check, source: Source, binding: Binding):
    claim, fact = binding.claim, binding.fact
    where = _where(source, fact.key)
    word = _value_word(source, binding.kind)
    expected = show.amount(source.in_yuan(binding.value), claim.unit)
    message = f"{fact.label}{word}与{where}不符：文中为{show.written(claim)}，{where}中为{expected}"
    severity = None
    same_meaning = _same_meaning(ctx, source, binding) if binding.kind == "current" else None
    others = _other_rows(ctx, source, binding) if binding.kind == "current" else []
    if same_meaning:
        severity = "warning"  # the narrative agrees with another table: which one is wrong needs a person
        message += (f"；文中数与{_where(source, same_meaning.key)}中的{same_meaning.label}一致"
                    f"（两表口径不同或其一有误，请核对）")
    elif others:
        message += f"；文中数额恰为{'、'.join(_describe(f) for f in others)}的金额，疑为引用了错误的行"
    elif source.level == 2 and _table_blank(source, fact.key):
        severity = "warning"
        message = f"{fact.label}{word}：文中为{show.written(claim)}，但{where}中为空或0，请核对该表是否漏填"
    return check.finding(ctx, claim.number_start, claim.end, message, stated=show.written(claim),
                         expected=expected, formula=f"{where}：{_describe(fact)}{word}", severity=severity)


def _value_word(source: Source, kind: str) -> str:
    """How a message names the value: nothing for the current amount, 预算数 for a table's budget column."""
    if kind == "current":
        return ""
    return _KIND_WORDS[kind] if source.level == 3 or kind == "prior" else "预算数"


# ------------------------------------------------------------ metrics: changes, rates, shares, completions

@dataclass(frozen=True)
class _Expected:
    """What the facts say a stated metric should be: every value their printed amounts allow
    (``implied``), the value to show, and the message and formula of a finding."""

    implied: Interval | None
    shown: str
    message: str
    formula: str


_ExpectedOf = Callable[[Context, Source, Claim], "_Expected | None"]


def _metric_findings(ctx: Context, check: Check, metric: str, expected_of: _ExpectedOf):
    """The skeleton every metric check shares: each stated claim of ``metric``, what the facts say
    it should be (``expected_of``: None where they cannot say), and a finding where the stated
    value's interval and the facts' interval do not meet."""
    source = source_of(ctx)
    if source is None:
        return
    for claim in ctx.claims:
        if claim.metric != metric or claim.stated is None:
            continue
        expected = expected_of(ctx, source, claim)
        if expected is None or expected.implied is None or _agrees(ctx, claim, expected.implied):
            continue
        yield check.finding(ctx, claim.start, claim.end, expected.message, stated=show.written(claim),
                            expected=expected.shown, formula=expected.formula)


def _agrees(ctx: Context, claim: Claim, implied: Interval) -> bool:
    """A percentage against a ratio's interval, an amount (with its direction's sign) against an amount's."""
    if claim.is_percent:
        return percent_consistent(claim.signed, implied)
    return implied.overlaps(ctx.signed_interval(claim))


def _compared(source: Source, fact: Fact, what: str, first: tuple[str, Decimal], second: tuple[str, Decimal],
              unit: str, shown: str) -> str:
    """住房保障支出增减率与数据文件不符：本年…，上年决算数…，应为…"""
    return (f"{fact.label}{what}与{_where(source, fact.key)}不符：{first[0]}{show.amount(source.in_yuan(first[1]), unit)}，"
            f"{second[0]}{show.amount(source.in_yuan(second[1]), unit)}，应为{shown}")


def _amount_unit(source: Source) -> str:
    return "元" if source.amount_unit == "元" else "万元"


def _base(ctx: Context, claim: Claim, fact: Fact) -> tuple[Decimal | None, str]:
    """What a change is measured from: the budget when its clause says 较…预算, else the prior year."""
    if against_budget(ctx, claim):
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
    yield from _metric_findings(ctx, check, "change", _change_expected)


def _change_expected(ctx: Context, source: Source, claim: Claim) -> _Expected | None:
    fact = changed_fact(ctx, claim) if claim.sign is not None else None
    base, base_word = _base(ctx, claim, fact) if fact is not None else (None, "")
    if fact is None or base is None:
        return None
    implied = source.value_interval(fact.current, fact.key) - source.value_interval(base, fact.key)
    delta = source.in_yuan(n.change(fact.current, base))
    word = n.amount_word(n.convert(delta, "元", claim.unit))  # 持平 as the document's unit shows it
    shown = word if word == "持平" else f"{word}{show.amount(abs(delta), claim.unit)}"
    message = _compared(source, fact, "增减", ("本年", fact.current), (base_word, base), claim.unit, shown)
    return _Expected(implied, shown, message, f"{fact.label}：本年决算数 − {base_word}")


@register(
    "fact.rate", "error", "所述增减率与本年数、上年数（或预算数）不符",
    title="增减率与上年数不符", why="增减率 = (本年数 − 上年数) ÷ 上年数，可用数据文件或决算表复算。",
    should_flag=["三、一般公共预算财政拨款支出决算情况\n2024年度一般公共预算财政拨款支出100.00万元，比上年减少25.00万元，下降25.00%。"],
    should_pass=["三、一般公共预算财政拨款支出决算情况\n2024年度一般公共预算财政拨款支出100.00万元，比上年减少25.00万元，下降20.00%。"],
    figures=EXAMPLE_FIGURES,
    needs="--figures（上年数）或决算表（预算数）",
)
def rate(ctx: Context, check: Check):
    yield from _metric_findings(ctx, check, "change_rate", _rate_expected)


def _rate_expected(ctx: Context, source: Source, claim: Claim) -> _Expected | None:
    anchor = ctx.change_for(claim) or claim
    fact = changed_fact(ctx, anchor)
    base, base_word = _base(ctx, anchor, fact) if fact is not None else (None, "")
    if fact is None or not base:
        return None  # no base, or a zero one (convention.zero_base's)
    implied = change_rate_interval(source.value_interval(fact.current, fact.key), source.value_interval(base, fact.key))
    exact = n.change_rate(fact.current, base)
    shown = f"{n.rate_word(n.change(fact.current, base))}{show.percent(abs(exact))}"
    unit = anchor.unit if anchor.unit != "%" else _amount_unit(source)
    message = _compared(source, fact, "增减率", ("本年", fact.current), (base_word, base), unit, shown)
    return _Expected(implied, shown, message, f"(本年决算数 − {base_word}) ÷ {base_word}")


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
    yield from _metric_findings(ctx, check, "share", _share_expected)


def _share_expected(ctx: Context, source: Source, claim: Claim) -> _Expected | None:
    bound = _share_bindings(ctx, source, claim)
    if bound is None:
        return None
    (part, part_b), (whole, whole_b) = bound
    part_fact, whole_fact = part_b.fact, whole_b.fact
    implied = share_interval(source.value_interval(part_fact.current, part_fact.key),
                             source.value_interval(whole_fact.current, whole_fact.key))
    shown = show.percent(n.share(part_fact.current, whole_fact.current))
    message = (f"按{_where(source, part_fact.key)}，{part_fact.label}"
               f"{show.amount(source.in_yuan(part_fact.current), part.unit)}占{whole_fact.label}"
               f"{show.amount(source.in_yuan(whole_fact.current), whole.unit)}的{shown}")
    return _Expected(implied, shown, message, f"{part_fact.label} ÷ {whole_fact.label}")


def _share_bindings(ctx: Context, source: Source, claim: Claim):
    """((part, its binding), (whole, its binding)) of a share told for sure, both current amounts the
    facts can judge; None where the share is another check's (share.value, convention.zero_base,
    fact.amount when the tables disagree among themselves)."""
    part = ctx.share_part(claim)
    whole, sure = ctx.share_whole(claim, part)
    if part is None or whole is None or not sure:
        return None
    bound = bindings(ctx)
    part_b, whole_b = bound.get(part.start), bound.get(whole.start)
    if part_b is None or whole_b is None or "current" != part_b.kind or "current" != whole_b.kind:
        return None
    if any(_disagrees(ctx, source, b) and _same_meaning(ctx, source, b) for b in (part_b, whole_b)):
        return None  # the tables disagree among themselves on the part or whole: fact.amount says so
    as_stated = share_interval(ctx.interval(part), ctx.interval(whole))
    if as_stated is not None and not percent_consistent(claim.stated, as_stated):
        return None  # wrong against its own amounts already: share.value's finding
    if whole_b.fact.current == 0:
        return None  # a zero whole is convention.zero_base's
    return (part, part_b), (whole, whole_b)


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
    yield from _metric_findings(ctx, check, "completion", _completion_expected)


def _completion_expected(ctx: Context, source: Source, claim: Claim) -> _Expected | None:
    fact = None if _judged_on_its_amounts(ctx, claim) else changed_fact(ctx, claim)
    if fact is None:
        return None
    budget, word = (fact.full_year_budget, "全年预算数") if claim.base == "全年" else (fact.budget, "年初预算数")
    if not budget:
        return None  # no budget, or a zero one (convention.zero_base's)
    implied = source.value_interval(fact.current, fact.key).divide(source.value_interval(budget, fact.key))
    shown = show.percent(n.completion_rate(fact.current, budget))
    message = _compared(source, fact, "完成率", ("决算数", fact.current), (word, budget), _amount_unit(source), shown)
    return _Expected(implied, shown, message, f"决算数 ÷ {word}")


def _judged_on_its_amounts(ctx: Context, claim: Claim) -> bool:
    """Budget and actual stated beside the rate: completion.value judges it (and fact.* the amounts)."""
    budget, actual, near = ctx.budget_actual(claim)
    return near and budget is not None and actual is not None
