"""The figures file: every table of a 部门决算 plus what no table holds.

A figures file is written by people (the unit's finance officer) or produced by
``narrator extract``; every model forbids unknown fields so a typo is an error,
not a silently ignored value.  Amounts are ``Decimal`` in the file's
``amount_unit``; zero lines may be left out (they default to 0).

Values the narrative needs but no table holds -- prior-year amounts (上年决算),
budgets (年初预算, 全年预算) and causes (主要原因) -- are keyed by *fact keys*
(``grand_total.income``, ``general_budget.201`` …), the names
``narrator.figures.facts`` gives the derived figures.  The keys are listed in
docs/figures.md.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from narrator.numbers import ZERO, to_decimal


def _amount(value: object) -> Decimal:
    if value is None or value == "":
        return ZERO
    return to_decimal(value)


def _known_amount(value: object) -> Decimal | None:
    return None if value is None or value == "" else to_decimal(value)


Amount = Annotated[Decimal, BeforeValidator(_amount)]
# A value no table line stands for (a count, an amount of the 其他重要事项): left out means
# *unknown*, never 0 -- a draft shows a placeholder naming the field instead of inventing a value.
KnownAmount = Annotated[Decimal | None, BeforeValidator(_known_amount)]
Count = Annotated[int, Field(ge=0)]
KnownCount = Annotated[int | None, Field(ge=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- 公开01表 收入支出决算总表

class IncomeBySource(Strict):
    """收入 by source (rows 一 … 八 of 收入支出决算总表)."""

    general_budget: Amount = ZERO  # 一般公共预算财政拨款收入
    government_fund: Amount = ZERO  # 政府性基金预算财政拨款收入
    state_capital: Amount = ZERO  # 国有资本经营预算财政拨款收入
    superior_subsidy: Amount = ZERO  # 上级补助收入
    business: Amount = ZERO  # 事业收入
    operating: Amount = ZERO  # 经营收入
    affiliated: Amount = ZERO  # 附属单位上缴收入
    other: Amount = ZERO  # 其他收入

    @property
    def fiscal(self) -> Decimal:
        """财政拨款收入 = the three fiscal funds."""
        return self.general_budget + self.government_fund + self.state_capital


class Summary(Strict):
    """收入支出决算总表 (公开01表)."""

    income: IncomeBySource = IncomeBySource()
    expenditure_by_class: dict[str, Amount] = Field(
        default_factory=dict, description="function class code (类, 3 digits) → 支出"
    )
    income_total: Amount  # 本年收入合计
    expenditure_total: Amount  # 本年支出合计
    use_of_non_fiscal_balance: Amount = ZERO  # 使用非财政拨款结余（含专用结余）
    carried_forward_in: Amount = ZERO  # 年初结转和结余
    balance_distribution: Amount = ZERO  # 结余分配
    carried_forward_out: Amount = ZERO  # 年末结转和结余

    @property
    def grand_total_income(self) -> Decimal:
        """收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余."""
        return self.income_total + self.use_of_non_fiscal_balance + self.carried_forward_in

    @property
    def grand_total_expenditure(self) -> Decimal:
        """支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余."""
        return self.expenditure_total + self.balance_distribution + self.carried_forward_out


# ---------------------------------------------------------------- rows by function code

class FunctionRow(Strict):
    """A row keyed by a function code: 类 (3 digits), 款 (5) or 项 (7)."""

    code: str = Field(pattern=r"^\d{3}(\d{2}){0,2}$")
    name: str

    @field_validator("code", mode="before")
    @classmethod
    def _code_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @property
    def level(self) -> Literal["类", "款", "项"]:
        return {3: "类", 5: "款", 7: "项"}[len(self.code)]  # type: ignore[return-value]


class IncomeColumns(Strict):
    """The columns of 收入决算表 (公开02表): its 合计 row's and each function row's."""

    total: Amount  # 本年收入合计
    fiscal: Amount = ZERO  # 财政拨款收入
    superior_subsidy: Amount = ZERO
    business: Amount = ZERO
    operating: Amount = ZERO
    affiliated: Amount = ZERO
    other: Amount = ZERO


class ExpenditureColumns(Strict):
    """The columns of 支出决算表 (公开03表): its 合计 row's and each function row's."""

    total: Amount  # 本年支出合计
    basic: Amount = ZERO  # 基本支出
    project: Amount = ZERO  # 项目支出
    to_superior: Amount = ZERO  # 上缴上级支出
    operating: Amount = ZERO  # 经营支出
    to_affiliated: Amount = ZERO  # 对附属单位补助支出


class IncomeRow(IncomeColumns, FunctionRow):
    """收入决算表 (公开02表) row (code and name first, then the columns)."""


class ExpenditureRow(ExpenditureColumns, FunctionRow):
    """支出决算表 (公开03表) row."""


class BasicProjectRow(FunctionRow):
    """A row of 一般公共预算财政拨款支出决算表, 政府性基金 or 国有资本经营 tables."""

    total: Amount
    basic: Amount = ZERO
    project: Amount = ZERO


class ExpenditureTotals(ExpenditureColumns):
    """The 合计 row of 支出决算表."""


class IncomeTotals(IncomeColumns):
    """The 合计 row of 收入决算表."""


class IncomeTable(Strict):
    """收入决算表 (公开02表)."""

    totals: IncomeTotals
    rows: list[IncomeRow] = Field(default_factory=list)


class ExpenditureTable(Strict):
    """支出决算表 (公开03表)."""

    totals: ExpenditureTotals
    rows: list[ExpenditureRow] = Field(default_factory=list)


class BasicProjectTable(Strict):
    """一般公共预算财政拨款支出决算表 (and the fund tables of the same shape)."""

    total: Amount = ZERO
    basic: Amount = ZERO
    project: Amount = ZERO
    rows: list[BasicProjectRow] = Field(default_factory=list)


# ---------------------------------------------------------------- 公开04表 财政拨款收入支出决算总表

class ByFund(Strict):
    general_budget: Amount = ZERO  # 一般公共预算财政拨款
    government_fund: Amount = ZERO  # 政府性基金预算财政拨款
    state_capital: Amount = ZERO  # 国有资本经营预算财政拨款

    @property
    def total(self) -> Decimal:
        return self.general_budget + self.government_fund + self.state_capital


class FiscalSummary(Strict):
    """财政拨款收入支出决算总表 (公开04表)."""

    income: ByFund = ByFund()  # 本年收入
    carried_forward_in: ByFund = ByFund()  # 年初财政拨款结转和结余
    expenditure: ByFund = ByFund()  # 本年支出
    carried_forward_out: ByFund = ByFund()  # 年末财政拨款结转和结余

    @property
    def grand_total_income(self) -> Decimal:
        return self.income.total + self.carried_forward_in.total

    @property
    def grand_total_expenditure(self) -> Decimal:
        return self.expenditure.total + self.carried_forward_out.total


class NonFiscalSummary(Strict):
    """非财政拨款收入支出决算总表 (some regions, e.g. 贵州)."""

    income: Amount = ZERO  # 本年收入
    carried_forward_in: Amount = ZERO
    expenditure: Amount = ZERO  # 本年支出
    carried_forward_out: Amount = ZERO


# ---------------------------------------------------------------- 公开06表 基本支出明细

class EconomicRow(Strict):
    """基本支出决算明细表 row by economic code (301, 30101 …)."""

    code: str = Field(pattern=r"^\d{3}(\d{2})?$")
    name: str
    amount: Amount
    kind: Literal["人员经费", "公用经费"]

    @field_validator("code", mode="before")
    @classmethod
    def _code_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value


class BasicExpenditureDetail(Strict):
    """一般公共预算财政拨款基本支出决算明细表 (公开06表)."""

    personnel_total: Amount  # 人员经费合计
    public_total: Amount  # 公用经费合计
    rows: list[EconomicRow] = Field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.personnel_total + self.public_total


# ---------------------------------------------------------------- 公开07表 三公经费

class BudgetActual(Strict):
    budget: Amount = ZERO  # 预算数 (as the table states it: 全年预算 in most regions)
    actual: Amount = ZERO  # 决算数


class Outbound(BudgetActual):
    """因公出国（境）费."""

    groups: KnownCount = None  # 团组
    persons: KnownCount = None  # 人次


class VehiclePurchase(BudgetActual):
    """公务用车购置费."""

    count: KnownCount = None  # 购置车辆数


class VehicleOperation(BudgetActual):
    """公务用车运行维护费."""

    fleet: KnownCount = None  # 保有量


class Reception(BudgetActual):
    """公务接待费 (国内 + 外事)."""

    batches: KnownCount = None  # 批次
    persons: KnownCount = None  # 人次
    foreign_actual: KnownAmount = None  # 其中外事接待费
    foreign_batches: KnownCount = None
    foreign_persons: KnownCount = None


class ThreePublic(Strict):
    """财政拨款"三公"经费支出决算表 (公开07表)."""

    outbound: Outbound = Outbound()
    vehicle_purchase: VehiclePurchase = VehiclePurchase()
    vehicle_operation: VehicleOperation = VehicleOperation()
    reception: Reception = Reception()

    def _items(self) -> list[BudgetActual]:
        return [self.outbound, self.vehicle_purchase, self.vehicle_operation, self.reception]

    @property
    def budget(self) -> Decimal:
        return sum((item.budget for item in self._items()), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum((item.actual for item in self._items()), ZERO)


# ---------------------------------------------------------------- 其他重要事项

class Procurement(Strict):
    """政府采购 (from 部门决算公开相关信息统计表).

    The three kinds are table lines (a zero line may be left out); the amounts granted to
    small enterprises are not, and left out they are unknown."""

    goods: Amount = ZERO  # 货物
    works: Amount = ZERO  # 工程
    services: Amount = ZERO  # 服务
    sme: KnownAmount = None  # 授予中小企业合同金额
    small_micro: KnownAmount = None  # 其中授予小微企业合同金额
    # 预留 (Shanghai's 2024 template): project budgets reserved for small enterprises, and what they won
    reserved_sme: KnownAmount = None  # 面向中小企业预留政府采购项目预算金额
    reserved_small_micro: KnownAmount = None  # 面向小微企业预留政府采购项目预算金额
    sme_in_reserved: KnownAmount = None  # 面向中小企业预留的项目中，由中小企业中标或成交的采购金额
    small_micro_in_reserved: KnownAmount = None  # 面向小微企业预留的项目中，由小微企业中标或成交的采购金额
    sme_in_other: KnownAmount = None  # 其他政府采购项目中，由中小企业中标或成交的采购金额
    # 政府采购支出总额 as printed, when given: rounded parts may not add up to it exactly.
    stated_total: Amount | None = None

    @property
    def total(self) -> Decimal:
        if self.stated_total is not None:
            return self.stated_total
        return self.goods + self.works + self.services


class Vehicles(Strict):
    """车辆 by kind (截至12月31日): kind name → count."""

    by_kind: dict[str, Count] = Field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


class Assets(Strict):
    """国有资产占用."""

    vehicles: Vehicles | None = None  # None: unknown
    large_equipment: KnownCount = None  # 单价100万元（含）以上设备（不含车辆）台（套）


class Project(Strict):
    """One project's 绩效自评 figures as a narrative reports them (全年预算, 执行数, 执行率)."""

    name: str = Field(min_length=1)  # 项目名称
    budget: KnownAmount = None  # 年初预算数
    full_year_budget: KnownAmount = None  # 全年预算数
    actual: KnownAmount = None  # 全年执行数（实际支出）


class Performance(Strict):
    """预算绩效管理: what the narrative reports of self-evaluations."""

    self_evaluated_projects: Count = 0  # 绩效自评项目个数
    self_evaluated_funds: Amount = ZERO  # 涉及资金
    summary: str = ""  # 评价结果与改进措施, as the unit wants it worded
    # Shanghai's 2024 template: 全过程绩效管理 — left out, each is unknown (a placeholder), never 0
    target_projects: KnownCount = None  # 编报绩效目标的项目个数
    target_funds: KnownAmount = None  # 涉及预算金额
    tracked_projects: KnownCount = None  # 绩效跟踪评价的项目个数
    tracked_funds: KnownAmount = None  # 涉及预算金额
    average_score: KnownAmount = None  # 绩效自评平均得分（分）
    rated_excellent: KnownCount = None  # 绩效评级为“优”的项目个数
    rated_good: KnownCount = None  # “良”
    rated_pass: KnownCount = None  # “合格”
    rated_fail: KnownCount = None  # “不合格”
    problems_found: KnownCount = None  # 绩效自评中发现的问题个数
    problems_fixed: KnownCount = None  # 已完成整改的
    problems_fixing: KnownCount = None  # 正在整改的
    projects: list[Project] = Field(default_factory=list)  # 项目支出绩效自评结果, project by project


# ---------------------------------------------------------------- the whole file

class Figures(Strict):
    """Everything ``narrator draft`` needs to write a 第三部分 情况说明."""

    unit: str = Field(min_length=1)  # 部门（单位）名称
    year: int = Field(ge=2000, le=2100)
    amount_unit: Literal["元", "万元"] = "万元"
    administrative: bool = True  # 行政单位或参公事业单位 (机关运行经费 applies)

    summary: Summary
    income: IncomeTable | None = None  # 收入决算表
    expenditure: ExpenditureTable | None = None  # 支出决算表
    fiscal: FiscalSummary = FiscalSummary()
    non_fiscal: NonFiscalSummary | None = None
    general_budget: BasicProjectTable = BasicProjectTable()
    basic_detail: BasicExpenditureDetail | None = None
    three_public: ThreePublic = ThreePublic()
    government_fund: BasicProjectTable = BasicProjectTable()
    state_capital: BasicProjectTable = BasicProjectTable()
    operating_expenses: KnownAmount = None  # 机关运行经费 (None: unknown)
    procurement: Procurement | None = None  # None: unknown
    assets: Assets = Assets()
    performance: Performance = Performance()

    prior: dict[str, Amount] = Field(default_factory=dict)  # 上年决算数 by fact key
    budget: dict[str, Amount] = Field(default_factory=dict)  # 年初预算数 by fact key
    full_year_budget: dict[str, Amount] = Field(default_factory=dict)  # 全年预算数 by fact key
    causes: dict[str, str] = Field(default_factory=dict)  # 主要原因 by fact key
