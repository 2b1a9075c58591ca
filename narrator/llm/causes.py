"""Task ``causes``: which way does each 主要原因 push the amount it explains?

The model only reads: for each cause it says whether the cause, taken literally,
makes the amount go up (增加), down (减少) or cannot be told (不明).  Code then
compares that with the direction it computed from the numbers; the model is
never told the computed direction, so it cannot simply agree with it.  A cause
that reads 不明 gives no finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from narrator.llm.client import ModelClient

Implied = Literal["增加", "减少", "不明"]


@dataclass(frozen=True)
class CauseItem:
    """One cause to read; ``direction`` is computed by code and stays with code."""

    id: int
    subject: str  # 收入总计, 一般公共服务支出 …
    direction: str  # 增加 / 减少, from the numbers
    cause: str  # the cause text as written


class CauseReading(BaseModel):
    """一条“原因”按字面意思指向的方向。只读文字，不做计算。"""

    id: int = Field(description="输入中该条的编号，原样照抄")
    implied: Implied = Field(description="按字面意思，这条原因会让金额增加、减少，还是看不出方向（不明）")
    reason: str = Field(default="", description="不超过20字的中文理由")

    @field_validator("id")
    @classmethod
    def _known_id(cls, value: int, info: ValidationInfo) -> int:
        causes = (info.context or {}).get("causes", {})
        if causes and value not in causes:
            raise ValueError(f"编号 {value} 不存在；只能用这些编号: {sorted(causes)}")
        return value


class CauseReadings(BaseModel):
    """对输入中每一条原因的判断，每条一个，编号与输入一致。"""

    readings: list[CauseReading] = Field(min_length=1, description="每条输入一个判断，一条也不能少")

    @model_validator(mode="after")
    def _every_id_answered(self, info: ValidationInfo) -> "CauseReadings":
        causes = (info.context or {}).get("causes", {})
        missing = sorted(set(causes) - {r.id for r in self.readings})
        if missing:
            raise ValueError(f"缺少这些编号的判断: {missing}；每条输入都要回答一次")
        return self


@dataclass(frozen=True)
class CauseVerdict:
    item: CauseItem
    implied: str
    reason: str

    @property
    def contradicts(self) -> bool:
        return self.implied != "不明" and self.implied != self.item.direction


def judge_causes(client: ModelClient, items: list[CauseItem]) -> dict[int, CauseVerdict]:
    """Verdicts by item id; items the model skipped get none (no verdict, no finding)."""
    if not items:
        return {}
    context = {"causes": {item.id: item.cause for item in items}}
    answer = client.ask("causes", CauseReadings, {"items": items}, context)
    by_id = {item.id: item for item in items}
    return {r.id: CauseVerdict(by_id[r.id], r.implied, r.reason) for r in answer.readings}
