"""The words a narrative states a current-year value in, for what no table gives.

Tables are the source of current amounts; but the 统计表 is missing in most
regions (政府采购, 机关运行经费, 授予中小企业), 三公 tables carry no counts (团组,
批次, 人次, 辆), and some documents (seed 003) publish no tables at all.  Then the
narrative's own statement of the amount is the best source there is.

Each entry is (figures path, pattern).  An amount's pattern is the words right before the amount
as the reader reads it (``read/current.py``: within its statement, whitespace removed, so PDF line
breaks inside words need no care here); a count's pattern holds its number as group 1.
"""

from __future__ import annotations

COUNT = r"(\d+)"

# 上海 2024: 面向中小企业预留 … 由中小企业供应商中标或成交的，采购金额 X
_AWARDED = r"供应商中标或成交的[，,]?采购金额"

# (figures path, the words before the amount); the first amount they are stated before wins.
AMOUNTS = [
    ("summary.income_total", r"本年收入(?:合计)?(?:决算)?(?:合计)?为?"),
    ("summary.expenditure_total", r"本年支出(?:合计)?(?:决算)?(?:合计)?为?"),
    ("summary.use_of_non_fiscal_balance", r"使用非财政拨款结余(?:[（(]含专用结余[）)])?"),
    ("summary.carried_forward_in", r"(?<!财政拨款)年初结转和结余"),
    ("summary.balance_distribution", r"结余分配"),
    ("summary.carried_forward_out", r"(?<!财政拨款)年末结转和结余"),
    ("summary.income.general_budget", r"(?<!本年)财政拨款收入"),
    ("summary.income.superior_subsidy", r"上级补助收入"),
    ("summary.income.business", r"事业收入"),
    ("summary.income.operating", r"经营收入"),
    ("summary.income.affiliated", r"附属单位(?:上缴|缴款)收入"),
    ("summary.income.other", r"其他收入"),
    ("expenditure.totals.basic", r"(?<!财政拨款)基本支出"),
    ("expenditure.totals.project", r"项目支出"),
    ("expenditure.totals.to_superior", r"上缴上级支出"),
    ("expenditure.totals.operating", r"经营支出"),
    ("expenditure.totals.to_affiliated", r"对附属单位补助支出"),
    ("fiscal.income.general_budget", r"本年财政拨款收入"),
    ("fiscal.expenditure.general_budget", r"本年财政拨款支出"),
    ("fiscal.carried_forward_in.general_budget", r"年初财政拨款结转和结余"),
    ("fiscal.carried_forward_out.general_budget", r"年末财政拨款结转和结余"),
    ("general_budget.total", r"一般公共预算财政拨款支出(?:决算)?(?:合计)?为?"),
    ("basic_detail.personnel_total", r"人员经费[：:]?"),
    ("basic_detail.public_total", r"公用经费(?:支出)?[：:]?"),
    ("operating_expenses", r"机关运行经费(?:支出)?"),
    ("procurement.stated_total", r"政府采购(?:支出总额|金额(?:[（(]以合同签订为准[）)])?)(?:为)?"),
    ("procurement.goods", r"(?:政府采购货物支出|货物采购金额)(?:为)?"),
    ("procurement.works", r"(?:政府采购工程支出|工程采购金额)(?:为)?"),
    ("procurement.services", r"(?:政府采购服务(?:支出)?|服务采购金额)(?:为)?"),
    ("procurement.sme", r"授予中小企业合同金额"),
    ("procurement.small_micro", r"授予小微企业合同金额"),
    ("procurement.reserved_sme", r"面向中小企业预留政府采购项目预算金额(?:为)?"),
    ("procurement.reserved_small_micro", r"面向小微企业预留政府采购项目预算金额(?:为)?"),
    ("procurement.sme_in_reserved", r"面向中小企业预留[^。；;]{0,16}?由中小企业" + _AWARDED),
    ("procurement.small_micro_in_reserved", r"面向小微企业预留[^。；;]{0,16}?由小微企业" + _AWARDED),
    ("procurement.sme_in_other", r"在其他政府采购项目中[，,]?由中小企业" + _AWARDED),
    # 绩效自评个数13个，资金224.5万元 / 绩效自评的2024年度项目4个，涉及预算金额598.42万元
    ("performance.self_evaluated_funds", r"绩效自评[^。；]{0,24}?(?:涉及)?(?:预算)?(?:金额|资金)(?:为)?"),
    # 上海 2024: 编报绩效目标的2024年度项目1个，涉及预算金额175.52万元；绩效跟踪评价的…
    ("performance.target_funds", r"编报绩效目标[^。；]{0,24}?涉及预算金额"),
    ("performance.tracked_funds", r"绩效跟踪评价[^。；]{0,24}?涉及预算金额"),
]
_PROJECTS = r"\d{4}年度项目" + COUNT + r"个"


def _rated(grade: str) -> str:
    return r"绩效评级为[“\"]" + grade + r"[”\"]的项目" + COUNT + r"个"


# Counts (团组, 批次, 人次, 辆): three_public fields the tables do not carry.
COUNTS = [
    ("three_public.outbound.groups", r"团组(?:数)?(?:共)?" + COUNT + r"个"),
    ("three_public.outbound.persons", r"出国（?\(?境）?\)?(?:团组[^，。；]*?[，,])?(?:累计因公出国（境）人次数)?" + COUNT + r"人次"),
    ("three_public.vehicle_purchase.count", r"购置(?:数为?|公务用车)" + COUNT + r"辆"),
    ("three_public.vehicle_operation.fleet", r"保有量(?:为|共)?" + COUNT + r"辆"),
    ("three_public.reception.batches", r"(?:国内)?(?:公务)?接待(?:批次)?(?:共)?" + COUNT + r"(?:个)?批次?"),
    ("three_public.reception.persons", r"接待[^。；]{0,12}?批次[，,]*" + COUNT + r"人次?"),
    ("performance.self_evaluated_projects", r"绩效自评(?:的\d{4}年度项目|个数|项目)?(?:共)?" + COUNT + r"个"),
    ("performance.target_projects", r"编报绩效目标的" + _PROJECTS),
    ("performance.tracked_projects", r"绩效跟踪评价的" + _PROJECTS),
    ("performance.rated_excellent", _rated("优")),
    ("performance.rated_good", _rated("良")),
    ("performance.rated_pass", _rated("合格")),
    ("performance.rated_fail", _rated("不合格")),
    ("performance.problems_found", r"绩效自评中共发现问题" + COUNT + r"个"),
    ("performance.problems_fixed", r"已经完成整改的" + COUNT + r"个"),
    ("performance.problems_fixing", r"正在整改的" + COUNT + r"个"),
    ("assets.large_equipment", r"单价100万元(?:[（(]含[）)])?以上[^。；\d]{0,16}?" + COUNT + r"台"),
]
