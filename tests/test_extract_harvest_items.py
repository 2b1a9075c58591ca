"""Harvesting the 项 sentences of 五(三): words broken across PDF lines, and 主要用于 naming no item."""

from decimal import Decimal as D

from narrator.extract.types import Section
from narrator.figures.facts import Facts
from narrator.figures.model import Figures
from narrator.read.context import Context
from narrator.read.harvested import harvested

ROWS = [("208", "社会保障和就业支出", "30.00"), ("20805", "行政事业单位养老支出", "30.00"),
        ("2080501", "行政单位离退休", "10.00"), ("2080505", "机关事业单位基本养老保险缴费支出", "20.00")]
TEXT = ("（三）一般公共预算财政拨款支出决算具体情况\n"
        "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：离休人员支出。年\n"
        "初预算为 10.00万元，支出决算为10.00万元。\n"
        "2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
        "主要用于：行政事业单位养老保险支出。年初预算为 21.00 万元，支出决算为20.00万元；全\n年预算为 22.00 万元。\n")


def _harvest(text: str, rows, total: str) -> dict[str, dict]:
    figures = Figures.model_validate({
        "unit": "测试单位", "year": 2024, "summary": {"income_total": total, "expenditure_total": total},
        "general_budget": {"total": total, "rows": [{"code": c, "name": n, "total": t} for c, n, t in rows]},
    })
    found: dict[str, dict] = {}
    for item in harvested(Context(text, facts=Facts(figures)), "万元"):
        found.setdefault(item.field, {}).setdefault(item.key, item.value)
    return found


def test_item_budgets_across_line_breaks_and_after_a_purpose():
    found = _harvest(TEXT, ROWS, "30.00")
    assert found["budget"] == {"general_budget.2080501": D("10.00"), "general_budget.2080505": D("21.00")}
    assert found["full_year_budget"] == {"general_budget.2080505": D("22.00")}


def test_reserved_procurement_and_performance_counts_across_line_breaks():
    from narrator.extract.harvest import harvest_current

    body = ("政府采购金额（以合\n同签订为准）为 30.00 万元，其中：货物采购金额 10.00 万元、服务采购金额 19.99 万元。"
            "面向中小企业预留政府采购项目预算金额\n20.00 万元，面向小微企业预留政府采购项目预算金额 10.00 万元。"
            "在面向中小企业预留的政府采购项目中，由中小企业供应\n商中标或成交的，采购金额 18.00 万元；"
            "在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额 9.00 万元；"
            "在其他政府采购项目中，由中小企业供应商中标\n或成交的，采购金额 2.00万元。"
            "编报绩效目标的 2024 年度项目 3 个，涉及预算金额 40.00 万元；绩\n效自评的 2024 年度项目 2 个，涉及预算金额 25.00 万元"
            "（其中，绩效评级为“优”的项目 2个；绩效评级为“不合格”的项目0 个。绩效自评中共发现问题1 个，已经完成整改的1个，正在整改的0个）。")
    data: dict = {}
    harvest_current(data, body, (0, len(body)), "万元", tables_found=True)
    assert data["procurement"] == {
        "stated_total": D("30.00"), "goods": D("10.00"), "services": D("19.99"),  # a rounding gap: total kept
        "reserved_sme": D("20.00"), "reserved_small_micro": D("10.00"),
        "sme_in_reserved": D("18.00"), "small_micro_in_reserved": D("9.00"), "sme_in_other": D("2.00")}
    performance = data["performance"]
    assert (performance["target_projects"], performance["target_funds"]) == (3, D("40.00"))
    assert (performance["self_evaluated_projects"], performance["self_evaluated_funds"]) == (2, D("25.00"))
    assert (performance["rated_excellent"], performance["rated_fail"]) == (2, 0)
    assert (performance["problems_found"], performance["problems_fixed"], performance["problems_fixing"]) == (1, 1, 0)
    assert "rated_pass" not in performance  # not stated: unknown, never 0


def test_a_cover_title_broken_over_lines_gives_the_whole_unit_name():
    from narrator.extract.meta import unit_name

    assert unit_name("上海市示例区委\n示例工作部 2024 年度\n部门决算\n\n目 录\n") == "上海市示例区委示例工作部"
    assert unit_name("示例局2024年度部门决算\n目录\n") == "示例局"
    assert unit_name("上海市示例局\n目录：第一部分 概况，第二部分\n") == "上海市示例局"  # no title below: the first line


def test_projects_of_the_performance_section_only():
    from narrator.extract.projects import read_projects

    text = ("（三）一般公共预算财政拨款支出决算具体情况\n一般公共预算财政拨款支出年初预算为0万元，全年预算为 9.00 万元。\n"
            "（四）预算绩效管理情况\n本年共安排 2 个项目：一是示例保障经费全年预算 12.50 万元，实际支出 \n11.25 万元，执行率 90.00%；"
            "二是“示例运维（热线）”项目年初预算数为10万元，全年预算数为12万元，全年执行数12万元。\n")
    second = text.index("（四）")
    sections = [Section("一般公共预算财政拨款支出决算具体情况", 2, 0, second),
                Section("预算绩效管理情况", 2, second, len(text))]
    assert read_projects(text, sections, "元") == [
        {"name": "示例保障经费", "full_year_budget": D("125000.00"), "actual": D("112500.00")},
        {"name": "示例运维（热线）", "budget": D("100000"), "full_year_budget": D("120000")},
    ]


def test_an_item_the_table_does_not_list_binds_nothing_and_a_pair_of_one_name_binds_the_item():
    rows = [("212", "城乡社区支出", "30.00"), ("21202", "城乡社区规划与管理", "30.00"),
            ("2120201", "城乡社区规划与管理", "30.00"), ("208", "社会保障和就业支出", "5.00"),
            ("20805", "行政事业单位养老支出", "5.00"), ("2080599", "其他行政事业单位养老支出", "5.00")]
    text = ("（三）一般公共预算财政拨款支出决算具体情况\n"
            "1、城乡社区支出（类）城乡社区规划与管理（款）城乡社\n区规划与管理（项）。年初预算为 32.00万元，支出决算为30.00万元。"
            "决算数小于预算数的主\n要原因：项目延期。\n"
            "2、社会保障和就业支出（类）行政事业单位养老支出（款）退休人员活动费支出（项）。年初预算为 5.00万元。"
            "决算数同预算数持平。\n")
    found = _harvest(text, rows, "35.00")
    # the 项 of the pair, not its 款; the unlisted 项 binds nothing (not the item before it, nor its 款)
    assert found["budget"] == {"general_budget.2120201": D("32.00")}
    assert found["causes"] == {"general_budget.2120201@budget": "项目延期"}


def test_current_values_are_read_through_the_readers_statements():
    from narrator.extract.harvest import harvest_current

    body = ("2024年度政府采购支出总额10.00万元，其中：政府采购货物支出10.00万元，政府采购工\n程支出0万元。"
            "公务\n接待 2批次，单价100万元\n（含）以上设备（不含车辆）3台。")
    data: dict = {}
    provenance = harvest_current(data, body, (0, len(body)), "万元", tables_found=True)
    assert data["procurement"]["works"] == D("0")
    assert data["three_public"]["reception"]["batches"] == 2
    assert data["assets"]["large_equipment"] == 3
    quotes = {p.field: p.quote for p in provenance}
    assert quotes["three_public.reception.batches"] == "公务\n接待 2批次"  # from its first word, across the break
