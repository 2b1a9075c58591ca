"""Bind the narrative's amounts to the facts they state (levels 2 and 3).

A reviewer reads "其他收入0元" in 二、收入决算情况说明 and looks up 其他收入 in
the 收入支出决算总表.  Binding does the same: the section a statement stands in
gives the family of facts (收入, 一般公共预算, 三公 …); the words before the
number, read backwards from it within its statement, name the fact (其他收入,
住房保障支出（类）, 行政运行（项）); an amount whose statement names nothing
(年初预算为…，支出决算为…) belongs to the item its list entry named before.
A claim that cannot be bound for sure is not bound: a missing binding costs a
finding, a wrong one costs the reviewer's trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

from narrator.catalogue.items import item_key
from narrator.read.claims import Claim, squeeze
from narrator.read.context import Context, is_amount
from narrator.extract.types import Section
from narrator.figures.facts import Fact
from narrator.numbers import Interval, convert, half_unit

ValueKind = Literal["current", "budget", "full_year_budget", "prior"]


class FactSource(Protocol):
    def __contains__(self, key: str) -> bool: ...
    def __getitem__(self, key: str) -> Fact: ...
    def __iter__(self): ...


@dataclass(frozen=True)
class Binding:
    claim: Claim
    fact: Fact
    kind: ValueKind  # which of the fact's values the claim states

    @property
    def value(self) -> Decimal | None:
        return {"current": self.fact.current, "budget": self.fact.budget,
                "full_year_budget": self.fact.full_year_budget, "prior": self.fact.prior}[self.kind]


@dataclass(frozen=True)
class Source:
    """The facts claims are bound to: a figures file (level 3) or the document's tables (level 2)."""

    facts: FactSource
    amount_unit: str
    level: int  # 2 or 3
    parts: dict[str, int] = field(default_factory=dict)
    # Answers that depend on the facts alone, kept for the document's other claims: the rows
    # under a prefix (_rows), the fact a run of words names (_named_key), every current value's
    # interval (facts_equal_to).  Filled on first use.
    lookups: dict = field(default_factory=dict, compare=False, repr=False)

    def value_interval(self, value: Decimal, key: str = "") -> Interval:
        """A fact in 元: each table cell is printed to two decimals of the table's unit (a sum of n cells: n halves)."""
        half = half_unit(2) * self.parts.get(key, 1)
        return Interval(value - half, value + half).scale(convert(Decimal(1), self.amount_unit, "元"))

    def in_yuan(self, value: Decimal) -> Decimal:
        return convert(value, self.amount_unit, "元")


def source_of(ctx: Context) -> Source | None:
    """The document's source of facts (made once per Context, so that its row index is reused)."""
    memo = _per_document(ctx, "_source")
    if "source" not in memo:
        memo["source"] = _make_source(ctx)
    return memo["source"]


def _make_source(ctx: Context) -> Source | None:
    if ctx.facts is not None:
        return Source(ctx.facts, ctx.facts.figures.amount_unit, 3)
    if ctx.table_facts is not None:
        return Source(ctx.table_facts, ctx.table_facts.amount_unit, 2, ctx.table_facts.parts)
    return None


def _per_document(ctx: Context, name: str) -> dict:
    """A cache kept on the Context: it lives as long as the one document the Context reads."""
    memo = ctx.__dict__.get(name)
    if memo is None:
        memo = ctx.__dict__[name] = {}
    return memo


# ------------------------------------------------------------ families: what a section talks about

_FAMILIES = (  # section words → family; the first that the section's titles contain wins
    ("三公", "three_public"), ("机关运行经费", "operating"), ("政府采购", "procurement"),
    ("国有资产", None), ("绩效", None), ("基本支出", "basic"), ("人员经费", "basic"), ("公用经费", "basic"),
    ("政府性基金", "government_fund"), ("国有资本", "state_capital"),
    ("一般公共预算财政拨款支出", "general_budget"), ("非财政拨款", None),
    ("财政拨款收入支出决算总体", "fiscal"), ("财政拨款收支决算总体", "fiscal"), ("财政拨款收支总体", "fiscal"),
    ("收入支出决算总体", "grand_total"), ("收支决算总体", "grand_total"),
    ("收入决算", "income"), ("支出决算", "expenditure"),
)

_ROW_FAMILIES = {"general_budget": "general_budget", "expenditure": "expenditure", "basic": "basic",
                 "government_fund": "government_fund", "state_capital": "state_capital"}
_FUNCTION_PATH = re.compile(r"(?P<name>[\u4e00-\u9fff“”\"（）()、]{2,30}?)[（(](?P<level>类|款|项)[）)]")
_LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
_LIST_MARK = re.compile(r"^[\s\u3000]*(?:[其中如：:]*\s*)?(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,2}[)）])")


def bindings(ctx: Context) -> dict[int, Binding]:
    """Every amount claim that names a fact for sure, by the claim's start offset (computed once)."""
    cached = getattr(ctx, "_bindings", None)
    if cached is None:
        source = source_of(ctx)
        cached = {} if source is None else _bind_all(ctx, source)
        ctx._bindings = cached  # type: ignore[attr-defined]
    return cached


def _bind_all(ctx: Context, source: Source) -> dict[int, Binding]:
    found: dict[int, Binding] = {}
    item: tuple[int, str | None] = (-1, None)  # (section start, key of the list item being read)
    for statement in ctx.statements:
        family = _family(ctx, statement.index)
        if item[0] != statement.section_start:
            item = (statement.section_start, None)
        header = _item_key(ctx, statement.index, family, source)
        if header is not None or _LIST_MARK.match(ctx.text[statement.start:statement.end]):
            item = (statement.section_start, header)
        if family is None:
            continue
        previous = None
        for claim in ctx.by_statement.get(statement.index, []):
            if not is_amount(claim):
                continue
            binding = _bind(ctx, claim, family, item[1], source, previous)
            if binding is not None:
                found[claim.start] = previous = binding
    return found


def changed_fact(ctx: Context, claim: Claim) -> Fact | None:
    """The fact a change or rate is about: the name nearest before it, else the amount it follows.

    "因公出国（境）费支出决算与上年持平；公务用车购置及运行维护费支出决算减少0.69万元" is about
    the vehicle costs, though no amount of theirs is stated in the statement.
    """
    source = source_of(ctx)
    family = _family(ctx, claim.statement)
    if source is None or family is None:
        return None
    key = _named_key(_words_before(ctx, claim), family, source)
    if key is not None and key in source.facts:
        return source.facts[key]
    current = ctx.current_for(claim)
    found = bindings(ctx).get(current.start) if current is not None else None
    return found.fact if found is not None and found.kind == "current" else None


def named_fact(ctx: Context, statement: int, words: str) -> Fact | None:
    """The fact ``words`` name, read as the words before an amount are (a model's quoted subject:
    一般公共预算财政拨款支出略有增长) in the family the statement's section gives — or, in an excerpt
    without headings, the family the words name themselves; None where neither gives one."""
    source = source_of(ctx)
    words = squeeze(words)
    family = _family(ctx, statement) or _family_of(words)
    if source is None or family is None:
        return None
    key = _named_key(words, family, source)
    return source.facts[key] if key is not None and key in source.facts else None


def _family(ctx: Context, statement: int) -> str | None:
    memo = _per_document(ctx, "_families")
    if statement not in memo:
        memo[statement] = _family_of(_section_titles(ctx, statement))
    return memo[statement]


def _family_of(titles: str) -> str | None:
    return next((family for word, family in _FAMILIES if word in titles), None)


def _section_titles(ctx: Context, statement: int) -> str:
    """The titles of the statement's section and of the sections around it (parents first)."""
    st = ctx.statements[statement]
    around = [s.title for s in _sections(ctx) if s.start <= st.start < max(s.end, s.start + 1)]
    return squeeze("".join(around) or st.section)


def _sections(ctx: Context):
    """The document's sections; an excerpt (a check's example, a pasted part) is split on its own headings."""
    if ctx.document is not None and ctx.document.sections:
        return ctx.document.sections
    cached = getattr(ctx, "_excerpt_sections", None)
    if cached is None:
        cached = _excerpt_sections(ctx.text)
        ctx._excerpt_sections = cached  # type: ignore[attr-defined]
    return cached


_HEADING_LINE = re.compile(r"(?m)^[#\s]*(?:(?P<one>[一二三四五六七八九十]{1,3}、)|(?P<two>[（(][一二三四五六七八九十]{1,3}[)）]))[^\n]*")


def _excerpt_sections(text: str) -> list[Section]:
    """Headings of an excerpt, whatever its first number: a level-1 heading ends at the next one."""
    heads = [(1 if m.group("one") else 2, m.start(), m.group(0).strip("# \t")) for m in _HEADING_LINE.finditer(text)]
    sections = []
    for index, (level, start, title) in enumerate(heads):
        end = next((s for lvl, s, _ in heads[index + 1:] if lvl <= level), len(text))
        sections.append(Section(title[:60], level, start, end))
    return sections


def _bind(ctx: Context, claim: Claim, family: str, item: str | None, source: Source,
          previous: Binding | None) -> Binding | None:
    key = _named_key(_words_before(ctx, claim), family, source)
    if key is None and (claim.role != "plain" or _names_nothing(claim)):
        # 预算为2000元，支出决算为0元: the item of the amount before it, else of the list entry
        key = previous.fact.key if previous is not None else item
    if key is None or key not in source.facts:
        return None
    kind: ValueKind = "prior" if ctx.is_prior(claim) else {
        "budget": "budget", "full_year_budget": "full_year_budget"}.get(claim.role, "current")
    return Binding(claim, source.facts[key], kind)


def _names_nothing(claim: Claim) -> bool:
    """支出决算为0.00万元 / 决算数为… : an amount whose own words name no item."""
    return bool(_NAMELESS.fullmatch(squeeze(claim.subject)))


_NAMELESS = re.compile(r"(?:其中)?(?:支出)?(?:决算)?(?:数)?(?:为|是)?")
_AMOUNT_WORDS = re.compile(r"\d[\d,.．\s]*(?:万\s*元|亿\s*元|元|%|％)")


def _words_before(ctx: Context, claim: Claim) -> str:
    """The statement's words before the claim's number, without whitespace and without other amounts."""
    memo = _per_document(ctx, "_words_before")
    words = memo.get(claim.number_start)
    if words is None:
        st = ctx.statements[claim.statement]
        words = memo[claim.number_start] = squeeze(_AMOUNT_WORDS.sub("#", ctx.text[st.start:claim.number_start]))
    return words


def _named_key(words: str, family: str, source: Source) -> str | None:
    """The fact named nearest before the number, within what the last amount left ("#") allows."""
    memo_key = ("named", words, family)
    if memo_key not in source.lookups:
        source.lookups[memo_key] = _find_named_key(words, family, source)
    return source.lookups[memo_key]


def _find_named_key(words: str, family: str, source: Source) -> str | None:
    tail = words.rsplit("#", 1)[-1]
    if family in _ROW_FAMILIES:
        row = _row_key(tail, family, source)
        if row is not None:
            return row
    return item_key(tail, family)


def _item_key(ctx: Context, statement: int, family: str | None, source: Source) -> str | None:
    """A list entry's item: 1、一般公共服务支出（类）财政事务（款）行政运行（项）。"""
    if family not in _ROW_FAMILIES:
        return None
    st = ctx.statements[statement]
    words = squeeze(ctx.text[st.start:st.end])
    head = re.split(r"\d[\d,.．]*(?:万元|亿元|元|%|％)", words, maxsplit=1)[0]
    if not _LIST_MARK.match(head) and not _FUNCTION_PATH.search(head):
        return None
    return _row_key(head, family, source)


# ------------------------------------------------------------ rows by function or economic code

def _row_key(words: str, family: str, source: Source) -> str | None:
    prefix = _ROW_FAMILIES[family]
    rows = _rows(source, prefix)
    if not rows:
        return None
    path = list(_FUNCTION_PATH.finditer(words))
    if path:
        return _by_path(path, words, rows, prefix)
    return _by_name(words, rows, prefix)


def _rows(source: Source, prefix: str) -> list[tuple[str, str]]:
    """(code, normalised name) of a table's rows: the facts whose key ends in a code (listed once per source)."""
    rows = source.lookups.get(("rows", prefix))
    if rows is None:
        rows = source.lookups[("rows", prefix)] = []
        for fact in source.facts:
            head, _, code = fact.key.rpartition(".")
            if head == prefix and code.isdigit():
                rows.append((code, normal_name(fact.label)))
    return rows


def normal_name(name: str) -> str:
    """A row's name without its level marker, brackets and trailing 支出 (行政事业单位养老支出 → 行政事业单位养老)."""
    return re.sub(r"[\s“”\"（）()]|支出$", "", re.sub(r"[（(][类款项][）)]", "", name))


def _by_path(path: list[re.Match[str]], words: str, rows: list[tuple[str, str]], prefix: str) -> str | None:
    """Follow 类 → 款 → 项 down the codes; the deepest level named is the row.

    卫生健康（类）行政事业单位医疗（款）事业单位医疗 — a last level written without
    its marker is still read, as a child of the level before it.
    """
    code = ""
    for match in path:
        digits = _LEVEL_DIGITS[match.group("level")]
        name = normal_name(_last_name(match.group("name")))
        found = [c for c, n in rows if len(c) == digits and c.startswith(code) and n == name]
        if len(found) != 1:
            return None
        code = found[0]
    rest = normal_name(re.split(r"[，,；;。：:]", words[path[-1].end():])[0])
    children = [c for c, n in rows if len(c) == len(code) + 2 and c.startswith(code) and n and rest == n]
    code = children[0] if len(children) == 1 else code
    return f"{prefix}.{code}" if code else None


def _last_name(words: str) -> str:
    """支出决算为…，其中：一般公共服务 → the words after the last punctuation."""
    return re.split(r"[，,；;。：:、]", words)[-1].removeprefix("其中")


def _by_name(words: str, rows: list[tuple[str, str]], prefix: str) -> str | None:
    """A row named at the very end of the words (工资福利支出 …), the longest name when several fit."""
    tail = re.split(r"[，,；;。：:]", words)[-1]
    # the role words first: 一般公共服务支出年初预算 names 一般公共服务支出 once 年初预算 is gone
    tail = normal_name(re.sub(r"(?:年初预算|全年预算|预算|支出决算|决算数|决算|数|为|是|共|合计)+$", "", tail))
    tail = re.sub(r"^(?:其中|如)?\d*[.、．]?", "", tail)
    matches = [(len(n), c) for c, n in rows if len(n) >= 2 and tail.endswith(n)]
    if not matches:
        return None
    longest = max(length for length, _ in matches)
    codes = {c for length, c in matches if length == longest}
    return f"{prefix}.{codes.pop()}" if len(codes) == 1 else None


def facts_equal_to(source: Source, stated: Interval, exclude: str) -> list[Fact]:
    """Other facts whose current value the stated amount equals: 235668.24 is the 款, not the 项."""
    return [f for f, shown in _current_intervals(source) if f.key != exclude and shown.overlaps(stated)]


def _current_intervals(source: Source) -> list[tuple[Fact, Interval]]:
    """Every fact with a current value other than 0, with the interval its printed value stands for."""
    found = source.lookups.get("current intervals")
    if found is None:
        found = source.lookups["current intervals"] = [
            (f, source.value_interval(f.current, f.key)) for f in source.facts if f.current != 0]
    return found
