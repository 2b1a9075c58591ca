"""Task ``claims``: sentences the rules could not read, turned into typed claims by the model.

"较上年略有增长", "比上年减少五十八点六三万元": no formulaic number for the rules,
yet a claim a reviewer must check.  Code picks the sentences (a direction word
or a Chinese numeral, and no claim the rules could read), the model says for each
what it claims — subject, metric, direction, and the value *as written* — with
quotes (a validator rejects a quote that is not in the sentence, compared in the
normalised form of quotes.py, so 四十八点四二万元 and 48.42万元 meet), and code
verifies: it parses the quoted value itself and compares with the figures.  The
model never says whether a number is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from narrator import numbers as n
from narrator.read.context import Context
from narrator.figures.facts import Fact, Facts
from narrator.findings import Finding
from narrator.llm.client import ModelClient
from narrator.llm.quotes import quoted_in

_NO_VALUE = {"无", "空", "没有", "none", "None", "null", "-", "—", "N/A"}
_HINT = re.compile(r"增加|减少|增长|下降|降低|上升|持平|略有|大幅|百分之|增幅|降幅|翻番|[一两二三四五六七八九十\d]倍|[零一二三四五六七八九十百千]+(?:点[零一二三四五六七八九]+)?万元")


class FreeClaim(BaseModel):
    """句子里一处与上年比较的增减说法：哪个项目、增减金额还是增减百分比、方向、原文里数值的写法。只摘录原文，不做计算。"""

    # Only what code checks (issue 15: the answer is the time of a call): a change against the prior
    # year.  An amount of the current year alone (metric "amount", direction "无") is checked by nothing,
    # so the model is not asked to list it.
    sentence: int = Field(description="句子编号")
    subject: str = Field(description="项目名称，逐字摘自该句")
    metric: Literal["change", "change_rate"] = Field(description="change：增减金额；change_rate：增减百分比")
    direction: Literal["增加", "减少", "持平"]
    value: str = Field(default="", description="数值的原文写法，逐字摘录；没有具体数值时留空")

    @field_validator("value", mode="before")
    @classmethod
    def _no_value_words(cls, value: object) -> object:
        """Small models write 无/空 for "no number"; that is the empty quote, not a quote."""
        return "" if isinstance(value, str) and value.strip() in _NO_VALUE else value

    @model_validator(mode="after")
    def _quotes_in_sentence(self, info: ValidationInfo) -> "FreeClaim":
        sentences = (info.context or {}).get("sentences", {})
        sentence = sentences.get(self.sentence)
        if sentence is None:
            raise ValueError(f"句子编号 {self.sentence} 不存在；只能用 {sorted(sentences)}")
        for field, quote in (("subject", self.subject), ("value", self.value)):
            if quote and not quoted_in(quote, sentence):
                raise ValueError(f"{field}「{quote}」不在第 {self.sentence} 句原文中；请逐字摘录，原句是「{sentence}」")
        return self


class FreeClaims(BaseModel):
    """输入各句中的说法；一句可以有多处，没有说法的句子不列。"""

    claims: list[FreeClaim] = Field(default_factory=list)


@dataclass(frozen=True)
class Sentence:
    id: int
    start: int
    end: int
    text: str
    statement: int = -1  # the reader's statement index


def unread_sentences(text: str, span: tuple[int, int] | None = None, ctx: Context | None = None) -> list[Sentence]:
    """Statements with a direction word or a Chinese numeral and no claim the rules could read."""
    ctx = ctx or Context(text, span=span)
    found = []
    for index, statement in enumerate(ctx.statements):
        words = text[statement.start:statement.end]
        if index not in ctx.by_statement and _HINT.search(words):
            found.append(Sentence(len(found) + 1, statement.start, statement.end, words.strip(), index))
    return found


def read_free_claims(client: ModelClient, sentences: list[Sentence]) -> list[FreeClaim]:
    if not sentences:
        return []
    context = {"sentences": {s.id: s.text for s in sentences}}
    return client.ask("claims", FreeClaims, {"sentences": sentences}, context).claims


def check_free_claims(client: ModelClient, text: str, facts: Facts | None,
                      span: tuple[int, int] | None = None) -> list[Finding]:
    """``freeform.*`` findings: code verifies each typed claim against the figures."""
    ctx = Context(text, facts=facts, span=span)
    sentences = unread_sentences(text, span, ctx)
    if not sentences or facts is None:
        return []  # without prior-year figures a free-form claim has nothing to be checked against
    by_id = {s.id: s for s in sentences}
    findings = []
    for claim in read_free_claims(client, sentences):
        fact = bind(ctx, by_id[claim.sentence], claim.subject, needs_prior=True)  # every claim the model lists is a change
        if fact is not None:
            findings.extend(_verify(claim, fact, by_id[claim.sentence], text))
    return findings


def bind(ctx: Context, sentence: Sentence, subject: str, needs_prior: bool = False) -> Fact | None:
    """The fact the subject names, as the reader's binding names one in the sentence's section
    (check/binding.named_fact, as for any stated amount): 一般公共服务支出 is a row of 支出决算表 under
    三、支出决算 and of the 一般公共预算 table under 五、.  A claim about a change needs the fact's prior
    year: without one there is nothing to check it against."""
    from narrator.check.binding import named_fact

    fact = named_fact(ctx, sentence.statement, subject)
    return None if fact is None or (needs_prior and fact.prior is None) else fact


def _verify(claim: FreeClaim, fact: Fact, sentence: Sentence, text: str) -> list[Finding]:
    if fact.prior is None:
        return []
    delta = fact.current - fact.prior
    actual = n.amount_word(delta)
    findings = []
    if n.DIRECTION_SIGNS.get(claim.direction) != n.DIRECTION_SIGNS[actual]:
        findings.append(_finding(text, sentence, "freeform.direction",
                                 f"{fact.label}实际{actual}，句中说{claim.direction}", claim.direction, actual,
                                 f"{fact.current} − {fact.prior}（上年）"))
    value = _parse_quoted(claim.value)
    if value is not None and claim.metric == "change" and abs(delta) not in value.interval:
        findings.append(_finding(text, sentence, "freeform.value", f"{fact.label}增减额应为{n.format_amount(abs(delta))}",
                                 claim.value, n.format_amount(abs(delta)), f"|{fact.current} − {fact.prior}|"))
    return findings


def _parse_quoted(quote: str) -> n.ParsedNumber | None:
    """The model's quote, parsed by code: 五十八点六三万元 → 58.63 (unit words dropped)."""
    core = re.sub(r"万元|元|%|％|百分之", "", quote).strip()
    if not core:
        return None
    try:
        return n.parse_chinese_number(core)
    except n.NumberError:
        return None


def _finding(text: str, sentence: Sentence, id: str, message: str, stated: str, expected: str,
             formula: str) -> Finding:
    start = sentence.start + (len(text[sentence.start:sentence.end]) - len(text[sentence.start:sentence.end].lstrip()))
    end = start + len(sentence.text)
    return Finding(id, "warning", start, end, text[start:end], message + "（由模型读出说法，数值由程序核对）",
                   stated, expected, formula)
