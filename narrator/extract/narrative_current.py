"""Current-year values stated in the narrative, for what no table gives.

Tables are the source of current amounts; but the 统计表 is missing in most
regions (政府采购, 机关运行经费, 授予中小企业), 三公 tables carry no counts (团组,
批次, 人次, 辆), and some documents (seed 003) publish no tables at all.  Then the
narrative's own statement of the amount is the best source there is, and each
value taken is recorded with the words it came from.
"""

from __future__ import annotations

import re

NUMBER = r"([0-9][0-9,，]*(?:\s*\.\s*[0-9]+)?)\s*(万\s*元|元)"  # PDF lines break inside 万元 too
COUNT = r"(\d+)"


def _loose(words: str) -> str:
    """Words as a pattern that lets a PDF line break (or a space) fall between any two characters."""
    return r"\s*".join(re.escape(char) for char in words)


# 上海 2024: 面向中小企业预留 … 由中小企业供应商中标或成交的，采购金额 X
_AWARDED = _loose("供应商中标或成交的") + r"\s*[，,]?\s*" + _loose("采购金额") + r"\s*"

# (figures path, pattern); the first match in the narrative wins.
AMOUNTS = [
    ("summary.income_total", r"本年收入(?:合计)?(?:决算)?(?:合计)?为?\s*" + NUMBER),
    ("summary.expenditure_total", r"本年支出(?:合计)?(?:决算)?(?:合计)?为?\s*" + NUMBER),
    ("summary.use_of_non_fiscal_balance", r"使用非财政拨款结余(?:[（(]含专用结余[）)])?\s*" + NUMBER),
    ("summary.carried_forward_in", r"(?<!财政拨款)年初结转和结余\s*" + NUMBER),
    ("summary.balance_distribution", r"结余分配\s*" + NUMBER),
    ("summary.carried_forward_out", r"(?<!财政拨款)年末结转和结余\s*" + NUMBER),
    ("summary.income.general_budget", r"(?<!本年)财政拨款收入\s*" + NUMBER),
    ("summary.income.superior_subsidy", r"上级补助收入\s*" + NUMBER),
    ("summary.income.business", r"事业收入\s*" + NUMBER),
    ("summary.income.operating", r"经营收入\s*" + NUMBER),
    ("summary.income.affiliated", r"附属单位(?:上缴|缴款)收入\s*" + NUMBER),
    ("summary.income.other", r"其他收入\s*" + NUMBER),
    ("expenditure.totals.basic", r"(?<!财政拨款)基本支出\s*" + NUMBER),
    ("expenditure.totals.project", r"项目支出\s*" + NUMBER),
    ("expenditure.totals.to_superior", r"上缴上级支出\s*" + NUMBER),
    ("expenditure.totals.operating", r"经营支出\s*" + NUMBER),
    ("expenditure.totals.to_affiliated", r"对附属单位补助支出\s*" + NUMBER),
    ("fiscal.income.general_budget", r"本年财政拨款收入\s*" + NUMBER),
    ("fiscal.expenditure.general_budget", r"本年财政拨款支出\s*" + NUMBER),
    ("fiscal.carried_forward_in.general_budget", r"年初财政拨款结转和结余\s*" + NUMBER),
    ("fiscal.carried_forward_out.general_budget", r"年末财政拨款结转和结余\s*" + NUMBER),
    ("general_budget.total", r"一般公共预算财政拨款支出(?:决算)?(?:合计)?为?\s*" + NUMBER),
    ("basic_detail.personnel_total", r"人员经费[：:]?\s*" + NUMBER),
    ("basic_detail.public_total", r"公用经费(?:支出)?[：:]?\s*" + NUMBER),
    ("operating_expenses", r"机关运行经费(?:支出)?\s*" + NUMBER),
    ("procurement.stated_total", _loose("政府采购") + r"\s*(?:" + _loose("支出总额") + "|" + _loose("金额")
     + r"(?:\s*[（(]" + _loose("以合同签订为准") + r"\s*[）)])?)\s*(?:为)?\s*" + NUMBER),
    ("procurement.goods", r"(?:政府采购货物支出|货物采购金额)(?:为)?\s*" + NUMBER),
    ("procurement.works", r"(?:政府采购工程支出|工程采购金额)(?:为)?\s*" + NUMBER),
    ("procurement.services", r"(?:政府采购服务(?:支出)?|服务采购金额)(?:为)?\s*" + NUMBER),
    ("procurement.sme", r"授予中小企业合同金额\s*" + NUMBER),
    ("procurement.small_micro", r"授予小微企业合同金额\s*" + NUMBER),
    ("procurement.reserved_sme", _loose("面向中小企业预留政府采购项目预算金额") + r"\s*(?:为)?\s*" + NUMBER),
    ("procurement.reserved_small_micro", _loose("面向小微企业预留政府采购项目预算金额") + r"\s*(?:为)?\s*" + NUMBER),
    ("procurement.sme_in_reserved", _loose("面向中小企业预留") + r"[^。；;]{0,16}?" + _loose("由中小企业") + r"\s*" + _AWARDED + NUMBER),
    ("procurement.small_micro_in_reserved", _loose("面向小微企业预留") + r"[^。；;]{0,16}?" + _loose("由小微企业") + r"\s*" + _AWARDED + NUMBER),
    ("procurement.sme_in_other", _loose("在其他政府采购项目中") + r"\s*[，,]?\s*" + _loose("由中小企业") + r"\s*" + _AWARDED + NUMBER),
    # 绩效自评个数13个，资金224.5万元 / 绩效自评的2024年度项目4个，涉及预算金额598.42万元
    ("performance.self_evaluated_funds", _loose("绩效自评") + r"[^。；]{0,24}?(?:涉\s*及)?\s*(?:预\s*算)?\s*(?:金\s*额|资\s*金)(?:\s*为)?\s*" + NUMBER),
    # 上海 2024: 编报绩效目标的2024年度项目1个，涉及预算金额175.52万元；绩效跟踪评价的…
    ("performance.target_funds", _loose("编报绩效目标") + r"[^。；]{0,24}?" + _loose("涉及预算金额") + r"\s*" + NUMBER),
    ("performance.tracked_funds", _loose("绩效跟踪评价") + r"[^。；]{0,24}?" + _loose("涉及预算金额") + r"\s*" + NUMBER),
]
_PROJECTS = r"\s*\d{4}\s*年\s*度\s*项\s*目\s*" + COUNT + r"\s*个"


def _rated(grade: str) -> str:
    return _loose("绩效评级为") + r"\s*[“\"]\s*" + _loose(grade) + r"\s*[”\"]\s*" + _loose("的项目") + r"\s*" + COUNT + r"\s*个"



# Counts (团组, 批次, 人次, 辆): three_public fields the tables do not carry.
COUNTS = [
    ("three_public.outbound.groups", r"团组(?:数)?(?:共)?\s*" + COUNT + r"\s*个"),
    ("three_public.outbound.persons", r"出国（?\(?境）?\)?\s*(?:团组[^，。；]*?[，,]\s*)?(?:累计因公出国（境）人次数)?\s*" + COUNT + r"\s*人次"),
    ("three_public.vehicle_purchase.count", r"购置(?:数为?|公务用车)\s*" + COUNT + r"\s*辆"),
    ("three_public.vehicle_operation.fleet", r"保有量(?:为|共)?\s*" + COUNT + r"\s*辆"),
    ("three_public.reception.batches", r"(?:国内)?(?:公务)?接待(?:批次)?(?:共)?\s*" + COUNT + r"\s*(?:个)?批次?"),
    ("three_public.reception.persons", r"接待[^。；]{0,12}?批次[，,\s]*" + COUNT + r"\s*人次?"),
    ("performance.self_evaluated_projects", _loose("绩效自评") + r"\s*(?:的\s*\d{4}\s*年\s*度\s*项\s*目|个\s*数|项\s*目)?(?:共)?\s*" + COUNT + r"\s*个"),
    ("performance.target_projects", _loose("编报绩效目标的") + _PROJECTS),
    ("performance.tracked_projects", _loose("绩效跟踪评价的") + _PROJECTS),
    ("performance.rated_excellent", _rated("优")),
    ("performance.rated_good", _rated("良")),
    ("performance.rated_pass", _rated("合格")),
    ("performance.rated_fail", _rated("不合格")),
    ("performance.problems_found", _loose("绩效自评中共发现问题") + r"\s*" + COUNT + r"\s*个"),
    ("performance.problems_fixed", _loose("已经完成整改的") + r"\s*" + COUNT + r"\s*个"),
    ("performance.problems_fixing", _loose("正在整改的") + r"\s*" + COUNT + r"\s*个"),
    ("assets.large_equipment", r"单价\s*100\s*万元(?:[（(]含[）)])?以上[^。；\d]{0,16}?" + COUNT + r"\s*台"),
]
