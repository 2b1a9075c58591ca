"""Drafting: every number from the core, template rules, placeholders, outputs."""

from decimal import Decimal
from pathlib import Path

import pytest

from narrator.draft import available_sets, draft, load_template_set
from narrator.errors import TemplateError
from narrator.figures import load_figures
from narrator.figures.model import Figures


@pytest.fixture
def figures(sample_figures) -> Figures:
    return load_figures(sample_figures)


def _with(figures: Figures, **changes) -> Figures:
    return Figures.model_validate({**figures.model_dump(), **changes})


def test_shipped_sets():
    assert {"national", "guizhou", "shanghai"} <= set(available_sets())


@pytest.mark.parametrize("name", ["national", "guizhou", "shanghai"])
def test_every_set_drafts_the_sample(figures, name):
    result = draft(figures, load_template_set(name))
    assert "502.98万元" in result.markdown
    assert "{{" not in result.markdown and "{%" not in result.markdown


def test_numbers_words_and_rates(figures):
    text = draft(figures, load_template_set("national")).markdown
    assert "减少58.63万元，下降10.44%" in text
    assert "完成年初预算的85.04%" in text
    assert "基本支出278.49万元，占55.37%；项目支出224.49万元，占44.63%" in text
    assert "比2023年度增加48.48万元，增长213.38%" in text
    assert "决算数小于预算数" in text


def test_zero_lines_are_left_out(figures):
    text = draft(figures, load_template_set("national")).markdown
    assert "事业收入" not in text  # 不涉及的不列
    assert "上缴上级支出" not in text


def test_missing_cause_is_a_visible_placeholder_and_a_warning(figures):
    result = draft(figures, load_template_set("national"))
    assert "主要原因是2024年底部分项目资金被平衡。" in result.markdown  # given cause, lead-in not doubled
    assert "【请补充原因】" in result.markdown
    assert any("fiscal.grand_total.income" in w and "变动原因" in w for w in result.warnings)
    assert len(result.warnings) == len(set(result.warnings))


def test_flat_is_said_as_flat_without_a_cause(figures):
    prior = {**figures.prior, "operating_expenses": Decimal("71.20")}
    text = draft(_with(figures, prior=prior), load_template_set("national")).markdown
    assert "机关运行经费支出71.20万元，比2023年度持平。" in text
    assert not any("operating_expenses" in w for w in draft(_with(figures, prior=prior), load_template_set("national")).warnings)


def test_zero_base_has_no_rate(figures):
    prior = {**figures.prior, "operating_expenses": Decimal("0")}
    text = draft(_with(figures, prior=prior), load_template_set("national")).markdown
    assert "增加71.20万元（上年无此项支出）" in text
    assert "增长100" not in text


def test_seed_002_truths_from_its_figures(figures):
    # The published text said 增加2042.46万元，下降75.24% and 完成年初预算的100%.
    changed = _with(
        figures,
        prior={**figures.prior, "general_budget.total": Decimal("2714.59")},
        budget={**figures.budget, "general_budget.total": Decimal("576.61")},
        general_budget={**figures.general_budget.model_dump(), "total": Decimal("672.13")},
    )
    text = draft(changed, load_template_set("national")).markdown
    assert "减少2042.46万元，下降75.24%" in text
    assert "完成年初预算的116.57%" in text


def test_thousands_separators_are_an_option(figures):
    big = _with(figures, operating_expenses=Decimal("1677.60"))
    assert "1,677.60万元" in draft(big, load_template_set("national"), thousands=True).markdown
    assert "1677.60万元" in draft(big, load_template_set("national")).markdown


def test_user_template_folder_and_strict_undefined(figures, tmp_path):
    (tmp_path / "manifest.yaml").write_text(
        "name: mine\ndescription: test\nheading: '{{ unit }}'\nsections:\n  - {file: a.md.j2, title: 总体}\n",
        encoding="utf-8")
    (tmp_path / "a.md.j2").write_text("合计{{ f('income.total').amount }}{{ money }}", encoding="utf-8")
    result = draft(figures, load_template_set(str(tmp_path)))
    assert "## 一、总体\n\n合计465.34万元" in result.markdown
    (tmp_path / "a.md.j2").write_text("{{ no_such_name }}", encoding="utf-8")
    with pytest.raises(TemplateError, match="no_such_name"):
        draft(figures, load_template_set(str(tmp_path)))


def test_broken_template_sets(tmp_path):
    with pytest.raises(TemplateError, match="可用的有"):
        load_template_set("no-such-set")
    (tmp_path / "manifest.yaml").write_text("name: x\ndescription: y\nheading: z\nsections:\n  - {file: gone.j2, title: t}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="gone.j2"):
        load_template_set(str(tmp_path))
    (tmp_path / "manifest.yaml").write_text("name: x\nsections: 3\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="模板清单无效"):
        load_template_set(str(tmp_path))


def test_optional_non_fiscal_section_numbers_without_gaps(figures):
    without = draft(figures, load_template_set("national")).markdown
    with_nf = draft(_with(figures, non_fiscal={"income": "1.00", "expenditure": "1.00"}), load_template_set("national")).markdown
    assert "非财政拨款" not in without and "## 十、其他重要事项" in without
    assert "## 五、非财政拨款收入支出决算总体情况说明" in with_nf and "## 十一、其他重要事项" in with_nf


def test_template_errors_name_the_file_the_line_and_the_figure(figures, tmp_path):
    (tmp_path / "manifest.yaml").write_text(
        "name: mine\ndescription: test\nheading: '{{ unit }}'\nsections:\n  - {file: a.md.j2, title: 总体}\n",
        encoding="utf-8")
    section = tmp_path / "a.md.j2"
    section.write_text("第一行\n合计{{ f('income.totl').amount }}{{ money }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as typo:
        draft(figures, load_template_set(str(tmp_path)))
    assert f"{section} 第2行" in str(typo.value) and "income.totl" in str(typo.value)
    section.write_text("第一行\n\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="第3行: 语法错误"):
        draft(figures, load_template_set(str(tmp_path)))
    section.write_text("一\n二\n{{ no_such_name }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="第3行.*no_such_name"):
        draft(figures, load_template_set(str(tmp_path)))


def test_no_initial_budget_completion_is_stated_against_the_full_year_budget(figures):
    """A unit founded in the year: 年初预算 0, 全年预算 given — the completion (执行率) is the full-year one."""
    budget = {"general_budget.total": Decimal("0")}
    full_year = {"general_budget.total": Decimal("520.00"), "general_budget.201": Decimal("448.64")}
    causes = {**figures.causes, "general_budget.total@budget": "人员未满编"}
    text = draft(_with(figures, budget=budget, full_year_budget=full_year, causes=causes),
                 load_template_set("national")).markdown
    assert ("一般公共预算财政拨款支出未安排年初预算，全年预算为520.00万元，支出决算为502.98万元，"
            "完成全年预算的96.73%。决算数小于全年预算数的主要原因：人员未满编。") in text
    assert "一般公共服务支出（类）全年预算为448.64万元，支出决算为448.64万元，完成全年预算的100.00%。" in text
    assert "决算数等于全年预算数" not in text  # 预决算持平的不用说明变动原因


def test_an_initial_budget_keeps_the_completion_against_it(figures):
    full_year = {"general_budget.total": Decimal("600.00")}
    text = draft(_with(figures, full_year_budget=full_year), load_template_set("national")).markdown
    assert "完成年初预算的85.04%" in text and "全年预算" not in text


def test_full_year_budget_execution_and_variance_reach_templates(figures, tmp_path):
    folder = tmp_path / "rates"
    folder.mkdir()
    (folder / "manifest.yaml").write_text(
        "name: rates\ndescription: t\nheading: 'h'\nsections:\n  - {file: a.md.j2, title: 测试}\n", encoding="utf-8")
    (folder / "a.md.j2").write_text(
        '{% set v = f("general_budget.total") %}全年预算{{ v.full_year_budget_amount }}，执行率{{ v.execution }}%，'
        '差异率{{ v.variance }}%，{{ v.budget_word }}{{ v.budget_difference }}，{{ v.full_year_word }}全年预算',
        encoding="utf-8")
    full_year = {"general_budget.total": Decimal("480.00")}
    text = draft(_with(figures, full_year_budget=full_year), load_template_set(str(folder))).markdown
    # 502.98 / 480.00; (502.98 − 591.48) / 591.48; |502.98 − 591.48|
    assert "全年预算480.00，执行率104.79%，差异率-14.96%，小于88.50，大于全年预算" in text


SHANGHAI_EXAMPLE = Path(__file__).resolve().parent.parent / "golden" / "shanghai-example" / "figures.yaml"


def test_shanghai_order_and_a_complete_file_drafts_clean():
    """The city's order (预算绩效 十 before 其他重要事项 十一), 项-level 五(三), 预留, and no placeholder left."""
    from narrator.draft.selfcheck import self_check

    figures = load_figures(SHANGHAI_EXAMPLE)
    result = draft(figures, load_template_set("shanghai"))
    headings = [line for line in result.markdown.splitlines() if line.startswith("## ")]
    assert headings[9:] == ["## 十、预算绩效管理情况", "## 十一、其他重要事项的情况说明"]
    assert "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算为600.00万元" in result.markdown
    assert "国内公务接待支出3.00万元（含外宾接待支出0.50万元）" in result.markdown  # 上海口径: 国内含外宾
    assert "面向中小企业预留政府采购项目预算金额100.00万元" in result.markdown
    assert "【请补充" not in result.markdown and result.warnings == ()
    assert self_check(result.markdown, figures) == []


def test_shanghai_leaves_what_the_file_lacks_as_placeholders(figures):
    result = draft(figures, load_template_set("shanghai"))  # the sample: no 项 budgets, no 预留, no 绩效 counts
    assert "【请补充面向中小企业预留政府采购项目预算金额（procurement.reserved_sme）】" in result.markdown
    assert "【请补充绩效自评平均得分（performance.average_score）】" in result.markdown
    assert any(w.startswith("procurement.reserved_sme：") for w in result.warnings)


def test_economic_classes_against_budget_and_last_year(figures):
    detail = figures.basic_detail.model_dump()
    detail["rows"] += [{"code": "301", "name": "工资福利支出", "amount": "207.29", "kind": "人员经费"},
                       {"code": "302", "name": "商品和服务支出", "amount": "71.20", "kind": "公用经费"}]
    budget = {**figures.budget, "basic.301": Decimal("180.00")}
    prior = {**figures.prior, "basic.301": Decimal("200.00"), "basic.302": Decimal("71.20")}
    causes = {**figures.causes, "basic.301@budget": "年中增加编制"}
    text = draft(_with(figures, basic_detail=detail, budget=budget, prior=prior, causes=causes),
                 load_template_set("national")).markdown
    # (207.29 − 180.00) / 180.00 = 15.16%; (207.29 − 200.00) / 200.00 = 3.645% → 3.65%
    assert ("1.工资福利支出207.29万元，较2024年度年初预算数增加27.29万元，增长15.16%，主要原因是年中增加编制；"
            "较2023年度决算数增加7.29万元，增长3.65%。") in text
    assert "2.商品和服务支出71.20万元，较2023年度决算数持平。" in text


def test_classes_from_the_summary_when_the_table_lists_only_items_and_all_spending_is_general_budget(figures):
    items = {**figures.general_budget.model_dump(),
             "rows": [{"code": "2013701", "name": "行政运行", "total": "448.64"},
                      {"code": "2210201", "name": "住房公积金", "total": "54.34"}]}
    figures = _with(figures, prior={}, budget={})  # keyed by the 类 rows this test removes
    text = draft(_with(figures, general_budget=items), load_template_set("national")).markdown
    assert "主要用于以下方面：一般公共服务支出（类）448.64万元，占89.20%；住房保障支出（类）54.34万元，占10.80%。" in text
    # with other spending besides the 一般公共预算, the summary's 类 are not its 类: the 项 are listed
    summary = {**figures.summary.model_dump(), "expenditure_total": "600.00"}
    text = draft(_with(figures, general_budget=items, summary=summary), load_template_set("national")).markdown
    assert "主要用于以下方面：行政运行（项）448.64万元" in text


def test_projects_with_their_execution_rate_and_placeholders_for_what_is_unknown(figures):
    performance = {**figures.performance.model_dump(), "projects": [
        {"name": "示例保障经费", "full_year_budget": "42.69", "actual": "39.98"},
        {"name": "示例运维", "budget": "10.00", "full_year_budget": "12.00"}]}
    result = draft(_with(figures, performance=performance), load_template_set("national"))
    assert "1.示例保障经费项目全年预算42.69万元，全年执行数39.98万元，执行率93.65%。" in result.markdown  # 39.98 / 42.69
    assert ("2.示例运维项目年初预算10.00万元，全年预算12.00万元，"
            "全年执行数【请补充示例运维全年执行数（performance.projects[1].actual）】万元") in result.markdown
    assert any(w.startswith("performance.projects[1].actual：") for w in result.warnings)
