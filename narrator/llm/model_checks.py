"""The checks that need a model, registered like the rules: id, severity, description, examples.

Their examples are verified in the fast tests against answers recorded from a
real local model (scripts/record-model-examples → tests/data/recordings/), and
the free-form examples are checked against the figures of golden/seed-004.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from narrator.check.coverage import ModelBound
from narrator.figures.facts import Facts
from narrator.findings import Finding

if TYPE_CHECKING:  # the client pulls in the HTTP stack (httpx2): a rules-only check must not import it
    from narrator.llm.client import ModelClient



@dataclass(frozen=True)
class ModelReading:
    """What a model task gives a check: findings, and percentages it let code check (coverage rises)."""

    findings: list[Finding]
    bound: list[ModelBound] = field(default_factory=list)


Runner = Callable[["ModelClient", str, "Facts | None", "tuple[int, int] | None"], ModelReading]


@dataclass(frozen=True)
class ModelCheck:
    id: str
    severity: str
    description: str
    should_flag: tuple[str, ...]
    should_pass: tuple[str, ...]
    run: Runner
    needs: str = "模型"  # every model check needs a configured model (narrator check's model tier)
    title: str = ""  # a short Chinese name shown beside the id
    why: str = ""  # why it matters, one Chinese sentence (narrator explain)


def _causes(client: ModelClient, text: str, facts: Facts | None, span) -> ModelReading:
    from narrator.llm.cause_check import check_causes

    return ModelReading(check_causes(client, text, span))


def _free(client: ModelClient, text: str, facts: Facts | None, span) -> ModelReading:
    from narrator.llm.freeform import check_free_claims

    return ModelReading(check_free_claims(client, text, facts, span))


def _percents(client: ModelClient, text: str, facts: Facts | None, span) -> ModelReading:
    from narrator.llm.percent_check import check_percents

    return check_percents(client, text, span)


MODEL_CHECKS = (
    ModelCheck(
        "cause.direction", "warning", "主要原因说明的方向与变动方向相反（由模型判读原因，方向由数字决定）",
        title="原因与变动方向相反", why="原因说的是增加而数字在减少（或相反），说明原因可能是套用的或写错了。",
        should_flag=("一般公共预算财政拨款支出502.98万元，比上年减少58.63万元，下降10.44%，主要原因是在编人员增多，工资福利支出相应增长。",
                     "机关运行经费支出71.20万元，比上年增加48.48万元，增长213.38%，主要原因是严格执行过紧日子要求，大力压缩公用经费。"),
        should_pass=("一般公共预算财政拨款支出502.98万元，比上年减少58.63万元，下降10.44%，主要原因是部分项目完工，项目支出相应减少。",
                     "机关运行经费支出71.20万元，比上年增加48.48万元，增长213.38%，主要原因是新购置办公设备。"),
        run=_causes),
    ModelCheck(
        "freeform.direction", "warning", "规则读不出的说法（如“略有增长”）与上年数比较方向不符（模型读出说法，程序核对）",
        title="模糊说法方向不符", why="“略有增长”这类说法规则读不出，由模型摘出后与上年数比较方向。",
        should_flag=("与上年相比，一般公共预算财政拨款支出略有增长。",),
        should_pass=("与上年相比，一般公共预算财政拨款支出有所减少。",),
        run=_free),
    ModelCheck(
        "freeform.value", "warning", "用汉字写的增减额与上年数算出的不符（模型摘录写法，程序解析并核对）",
        title="汉字数字增减额不符", why="用汉字写的金额规则读不出，由模型摘录原文、程序解析后与上年数核对。",
        should_flag=("机关运行经费比上年增加四十八点五八万元。",),
        should_pass=("机关运行经费比上年增加四十八点四八万元。",),
        run=_free),
    ModelCheck(
        "unbound.percent", "warning",
        "规则未能确定所依据金额的百分比：由模型从句中摘出两个金额，程序计算；相符则计为已核对，不符给出警告请人工核对",
        title="模型读出依据的百分比不符",
        why="规则只在句子写明依据时核对百分比；其余的由模型指出依据的金额、程序计算，读到的更多，但依据是模型给的，只作警告。",
        should_flag=("2023年本部门一般公共预算财政拨款支出中，基本支出278.49万元，项目支出224.50万元，"
                     "基本支出占财政拨款支出502.98万元的比重为57.37%。",),
        should_pass=("2023年本部门一般公共预算财政拨款支出中，基本支出278.49万元，项目支出224.50万元，"
                     "基本支出占财政拨款支出502.98万元的比重为55.37%。",),
        run=_percents),
)
