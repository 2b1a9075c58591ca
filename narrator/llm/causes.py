"""Task ``causes``: does each 主要原因 support its change's direction and subject?

The direction is computed by code and given to the model as a fact; the model
only reads the cause.  Its quote must occur in that cause (checked by a
validator that gets the causes through instructor's ``context``), so it cannot
point at text that is not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from narrator.llm.client import ModelClient


@dataclass(frozen=True)
class CauseItem:
    """One statement to judge: code has already decided its direction."""

    id: int
    subject: str  # 收入总计, 一般公共服务支出 …
    direction: str  # 增加 / 减少 (大于 / 小于 for budget deviations)
    cause: str  # the cause text as written


class CauseVerdict(BaseModel):
    """对一条“主要原因”的判断。只读文字，不做计算。"""

    id: int = Field(description="输入中该条的编号，原样照抄")
    fits: bool = Field(description="原因能否解释该项目朝给定方向的变动；拿不准时为 true")
    problem: Literal["none", "opposite_direction", "other_subject", "not_a_cause"] = Field(
        description="fits 为 true 时为 none；否则为 opposite_direction（原因说的是相反方向）、"
                    "other_subject（原因说的是别的项目）或 not_a_cause（没有说明原因）")
    quote: str = Field(description="从该条原因中逐字摘取的一小段（不超过20字），必须原文出现")
    reason: str = Field(description="不超过30字的中文理由")

    @field_validator("id")
    @classmethod
    def _known_id(cls, value: int, info: ValidationInfo) -> int:
        causes = (info.context or {}).get("causes", {})
        if causes and value not in causes:
            raise ValueError(f"编号 {value} 不存在；只能用这些编号: {sorted(causes)}")
        return value

    @model_validator(mode="after")
    def _quote_in_cause(self, info: ValidationInfo) -> "CauseVerdict":
        causes = (info.context or {}).get("causes", {})
        cause = causes.get(self.id)
        if cause is not None and self.quote and self.quote not in cause:
            raise ValueError(
                f"第 {self.id} 条的 quote「{self.quote}」不在该条原因原文中；请从原文逐字摘取，例如「{cause[:20]}」")
        if self.fits != (self.problem == "none"):
            raise ValueError("fits 为 true 时 problem 必须为 none，fits 为 false 时 problem 不能为 none")
        return self


class CauseVerdicts(BaseModel):
    """对输入中每一条变动原因的判断，每条一个，编号与输入一致。"""

    verdicts: list[CauseVerdict] = Field(description="每条输入一个判断")


def judge_causes(client: ModelClient, items: list[CauseItem]) -> dict[int, CauseVerdict]:
    """Verdicts by item id (items the model skipped are simply absent: no verdict, no finding)."""
    if not items:
        return {}
    context = {"causes": {item.id: item.cause for item in items}}
    answer = client.ask("causes", CauseVerdicts, {"items": items}, context)
    return {v.id: v for v in answer.verdicts}
