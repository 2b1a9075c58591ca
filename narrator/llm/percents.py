"""Task ``percents``: which two amounts of its sentence is a percentage computed from?

The rules leave a percentage unchecked when the sentence does not tie it to its amounts
in a way they can point to (coverage.unchecked).  The model is asked only to READ: for
each such percentage, by id, quote from its sentence the amount that is the part (the
current amount, the actual) and the amount that is the whole (the prior amount, the
budget), or answer 不明.  A quote must be exactly one amount with its unit, as narrator's
own reader reads it, and one the sentence states; anything else is sent back to the model
with the reason.  Code then computes (percent_check.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator

from narrator.llm.client import ModelClient, ModelUnavailable
from narrator.numbers import ParsedNumber
from narrator.read.claims import read_claims
from narrator.read.statements import Statement

UNKNOWN = "不明"
MONEY_UNITS = ("元", "万元", "亿元")
# One a call: measured on the dev corpus, a 1.5B model given several percentages of one passage
# copied the first one's quotes into the others; each item repeats its passage anyway, and the
# system prompt is cached by the server, so single items cost about the same tokens.
BATCH = 1
# One retry: a percentage whose quotes are still invalid stays unchecked, as it was under the rules.
RETRIES = 1
# Tokens an answer may take: the braces, then about thirty an item ("3":{"a":"57271万元","b":"74261万元"},).
_TOKENS_BASE, _TOKENS_PER_ITEM = 16, 40


@dataclass(frozen=True)
class PercentItem:
    """One unchecked percentage to read; ``metric`` stays with code."""

    id: int
    metric: str  # share / change_rate / completion / variance / execution
    sentence: str  # the sentence as sent, the percentage marked 【…】
    source: str  # the same sentence unmarked: what quotes are checked against

    @property
    def roles(self) -> tuple[str, str, str]:
        """(what the percentage is, what a is, what b is) in the prompt's words."""
        return ROLES[self.metric]


ROLES = {
    "share": ("占比", "部分的金额", "整体的金额"),
    "change_rate": ("增减率", "本年的金额", "上年的金额"),
    "completion": ("完成率", "实际完成（决算）的金额", "预算的金额"),
    "variance": ("预决算差异率", "决算的金额", "预算的金额"),
    "execution": ("执行率", "执行的金额", "全年预算的金额"),
}


class Quotes(BaseModel):
    """一处百分比所依据的两个金额，逐字摘自句子；看不出时写“不明”。"""

    model_config = ConfigDict(extra="forbid")
    a: str = Field(description="部分、本年数或决算数：逐字摘录的一个金额（含单位），或“不明”")
    b: str = Field(description="整体、上年数或预算数：逐字摘录的一个金额（含单位），或“不明”")

    @property
    def known(self) -> bool:
        return UNKNOWN not in (self.a.strip(), self.b.strip())


class _Answers(BaseModel):
    """The answer of one batch: a ``Quotes`` per id; validated against the sentences in ``context``."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _quotes_in_sentences(self, info: ValidationInfo) -> "_Answers":
        sources = (info.context or {}).get("sources", {})
        for name, quotes in self:
            key = name.removeprefix("item_")
            problem = quote_problem(quotes, sources.get(int(key), ""))
            if problem:
                raise ValueError(f"第 {key} 项：{problem}")
        return self


def quote_problem(quotes: Quotes, source: str) -> str:
    """Why two quotes cannot be used (Chinese, for the model's retry), or "".

    Each quote must be one amount with its unit that the sentence states (read by narrator's reader
    on both sides, so 78.49万元 cut out of 278.49万元 is no quote of it); the two may be the same
    amount only where the sentence states it twice (预算100万元，决算100万元)."""
    if not quotes.known:
        return ""
    stated = amounts_in(source)
    read = [read_amount(quote) for quote in (quotes.a, quotes.b)]
    for quote, amount in zip((quotes.a, quotes.b), read):
        if amount is None:
            return f"「{quote}」不是一个带单位（元、万元、亿元）的金额；每处只摘录一个金额，看不出时写“不明”"
        if amount not in stated:
            return f"「{quote}」不是原句中的金额；请逐字摘录原句中的金额，原句是「{source}」，看不出时写“不明”"
    if read[0] == read[1] and stated.count(read[0]) < 2:
        return "a 和 b 是同一个金额；看不出两个不同的金额时写“不明”"
    return ""


def read_amount(quote: str) -> tuple[ParsedNumber, str] | None:
    """The one amount of money in a quote, read by narrator's own reader (value, unit); None otherwise."""
    amounts = amounts_in(quote)
    return amounts[0] if len(amounts) == 1 else None


def amounts_in(text: str) -> list[tuple[ParsedNumber, str]]:
    """Every non-negative amount of money in ``text`` as narrator's reader reads it: (value, unit)."""
    statement = Statement(0, 0, len(text), "", 0, 0, False)
    return [(c.stated, c.unit) for c in read_claims(text, [statement])
            if c.unit in MONEY_UNITS and c.stated is not None and c.stated.value >= 0]


@lru_cache(maxsize=64)
def answer_model(ids: tuple[int, ...]) -> type[BaseModel]:
    """The response model of one batch: a required ``Quotes`` per id (key ``"3"``), nothing else."""
    fields = {f"item_{i}": (Quotes, Field(alias=str(i))) for i in ids}
    return create_model(  # type: ignore[call-overload]
        "PercentAnswers", __base__=_Answers,
        __doc__="按编号给出每处百分比所依据的两个金额（逐字摘录），看不出时写“不明”。", **fields)


def batches(items: list[PercentItem], size: int = BATCH) -> list[list[PercentItem]]:
    return [items[start:start + size] for start in range(0, len(items), size)]


def read_percents(client: ModelClient, items: list[PercentItem]) -> dict[int, Quotes]:
    """Quotes by item id, one call per batch.  A batch without a valid answer leaves its items
    unchecked and the next batch is asked; ModelUnavailable is raised when the server is down or
    no batch got a valid answer."""
    quotes: dict[int, Quotes] = {}
    failure: ModelUnavailable | None = None
    for batch in batches(items):
        model = answer_model(tuple(item.id for item in batch))
        context = {"sources": {item.id: item.source for item in batch}}
        try:
            answer = client.ask("percents", model, {"items": batch}, context,
                                max_tokens=_TOKENS_BASE + _TOKENS_PER_ITEM * len(batch), max_retries=RETRIES)
        except ModelUnavailable as exc:
            if exc.unreachable:
                raise
            failure = exc
            continue
        quotes.update({item.id: getattr(answer, f"item_{item.id}") for item in batch})
    if failure is not None and not quotes:
        raise failure
    return quotes
