"""Task ``causes``: which way does each 主要原因 push the amount it explains?

The model only reads: for each cause it says whether the cause, taken literally,
makes the amount go up (增加), down (减少), explains a gap against the budget
(与预算比较), or cannot be told (不明).  Code then compares that with the
direction it computed from the numbers; the model is never told the computed
direction, so it cannot simply agree with it.  Only a clear opposite is a
finding: 不明 and 与预算比较 give none, and the model's reading must agree with
the cause's own direction words (:func:`narrator.llm.cause_words.words_direction`,
the direction lexicon) — the model reads, and what it read must be in the words.

The answer is the shortest JSON a grammar can force — ``{"1":"增加","2":"不明"}``,
one key per cause id and no free text — because on a laptop the time of a call is
the time spent generating.  Causes go in batches of :data:`BATCH`; the answer is
read by id, never by position, so a model that reorders cannot shift a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from narrator.llm.cause_words import words_direction
from narrator.llm.client import ModelClient

Implied = Literal["增加", "减少", "不明", "与预算比较"]
Reading = Literal["增加", "减少", "不明"]  # a cause that does not mention the budget
DIRECTIONS = ("增加", "减少")  # the only answers that can contradict the numbers
BUDGET_WORD = "预算"  # only a cause that names the budget may be read as explaining a budget gap
# Ten causes a call: measured on two cores, batches of ten keep the order and answer in
# seconds; one call of fifty lost the order of a third of them (issue 15).
BATCH = 10
# Tokens an answer may take: the braces, then about six a cause ("12":"与预算比较",).
_TOKENS_BASE, _TOKENS_PER_CAUSE = 16, 12


@dataclass(frozen=True)
class CauseItem:
    """One cause to read; ``direction`` is computed by code and stays with code."""

    id: int
    subject: str  # 收入总计, 一般公共服务支出 …
    direction: str  # 增加 / 减少, from the numbers
    cause: str  # the cause text as written


@dataclass(frozen=True)
class CauseVerdict:
    item: CauseItem
    implied: str

    @property
    def contradicts(self) -> bool:
        """A clear opposite only: the model reads the cause against the numbers, and the cause's own
        words point that one way.  A cause with no direction word (缴费基数调整, 统筹安排工作经费)
        or with words both ways and no clause stating the effect (人员有进有出; 新增一个项目，完成两个项目)
        gives no finding, whatever the model read: a 1.5B model reads such causes either way from one
        run to the next."""
        return (self.implied in DIRECTIONS and self.implied != self.item.direction
                and words_direction(self.item.cause) == self.implied)


@lru_cache(maxsize=64)
def answer_model(ids: tuple[int, ...], budget_ids: frozenset[int] = frozenset()) -> type[BaseModel]:
    """The response model of one batch: a required key per id (``"3"``), each one of :data:`Reading`,
    or of :data:`Implied` for the causes in ``budget_ids`` (those that name the budget).

    A small model offered 与预算比较 for every cause picked it for 压减… and 新增… alike (measured,
    issue 15), so the option is offered only where the cause's words make it possible.
    Unknown and missing ids fail validation (and are sent back to the model with the error);
    a server that honours the JSON schema cannot produce them at all.
    """
    fields = {f"cause_{i}": (Implied if i in budget_ids else Reading, Field(alias=str(i))) for i in ids}
    return create_model(  # type: ignore[call-overload]
        "CauseAnswers", __config__=ConfigDict(extra="forbid"),
        __doc__="按编号给出每条原因按字面意思指向的方向：增加、减少、与预算比较或不明。", **fields)


def batches(items: list[CauseItem], size: int = BATCH) -> list[list[CauseItem]]:
    return [items[start:start + size] for start in range(0, len(items), size)]


def judge_causes(client: ModelClient, items: list[CauseItem]) -> dict[int, CauseVerdict]:
    """Verdicts by item id, one call per batch, then a second look at each cause alone where the
    batch's reading and the cause's words disagree about a contradiction; raises ModelUnavailable
    when a call gets no valid answer."""
    verdicts: dict[int, CauseVerdict] = {}
    for batch in batches(items):
        verdicts.update(_read(client, batch))
    for item in items:
        if _second_look(verdicts[item.id]):
            verdicts.update(_read(client, [item]))
    return verdicts


def _second_look(verdict: CauseVerdict) -> bool:
    """The words read the cause against its numbers and the batch did not.  A 1.5B model reading
    ten causes at once drifts towards its neighbours' answers (measured, issue 15: 精简…缩减 read
    增加 in a batch and 减少 alone), so the cause is read again on its own; the finding still needs
    that reading and the words to agree.  Causes that fit their numbers are never asked twice."""
    words = words_direction(verdict.item.cause)
    return words in DIRECTIONS and words != verdict.item.direction and verdict.implied != words


def _read(client: ModelClient, batch: list[CauseItem]) -> dict[int, CauseVerdict]:
    model = answer_model(tuple(item.id for item in batch),
                         frozenset(item.id for item in batch if BUDGET_WORD in item.cause))
    answer = client.ask("causes", model, {"items": batch}, {},
                        max_tokens=_TOKENS_BASE + _TOKENS_PER_CAUSE * len(batch))
    readings = answer.model_dump(by_alias=True)
    return {item.id: CauseVerdict(item, readings[str(item.id)]) for item in batch}
