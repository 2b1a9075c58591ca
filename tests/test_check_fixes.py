"""Fixes to the level-1 (text-only) checker: false positives and misses found on real PDFs and benchmarks."""

from functools import lru_cache
from pathlib import Path

import pytest

from narrator.check import check_document, check_text

ROOT = Path(__file__).resolve().parent.parent
PLANTED = ROOT / "golden" / "putuo-caizhengju-2024-planted-errors" / "document.pdf"
DRAFTS = sorted(ROOT.glob("golden/*/draft.md"))


@lru_cache(maxsize=None)
def planted():
    from narrator.extract import extract

    document = extract(PLANTED)
    return document, tuple(check_document(document))


def ids_on(text: str, fragment: str, found) -> set[str]:
    return {f.id for f in found if fragment in f.text}


# ---------------------------------------------------------------- 1. units broken by a line break


def test_unit_split_by_a_line_break_is_read():
    text = "本年支出合计 2940.05 万元，其中：基本支出 2336.91 万\n元，占79.49%； 项目支出603.14 万元，占20.51%。"
    found = check_text(text)
    assert not [f for f in found if f.severity == "error"], found
    for f in found:
        assert text[f.start:f.end] == f.text


def test_change_with_a_split_unit_is_an_amount():
    text = "机关运行经费支出 184.65 万元，比 2023 年度增加 2.55 万\n元，增长 1.40%。主要原因是更换照明设施。"
    assert not [f for f in check_text(text) if f.id.startswith("rate.")]


def test_planted_pdf_split_units_give_no_false_findings():
    _, found = planted()
    assert not [f for f in found if f.id == "share.sum" and "79.49" in f.text]
    assert not [f for f in found if f.id == "share.value" and "79.49" in f.text]
    assert not [f for f in found if f.id == "rate.no_amount" and "1.40" in f.text]


# ---------------------------------------------------------------- 2. years


def test_planted_pdf_narrative_title_year():
    _, found = planted()
    titles = [f for f in found if f.id == "year.mismatch" and "2023年度部门决算情况说明" in f.text]
    assert len(titles) == 1 and titles[0].expected == "2024"
    assert [f for f in found if f.id == "year.mismatch" and "截至" in f.text]


def test_title_lines_anywhere_but_not_body_years():
    text = ("上海市普陀区财政局\n2024年度部门决算\n第二部分 上海市普陀区财政局2023 年度部门决算表\n"
            "第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
            "2024年度收入合计10.00万元。纳入上海市普陀区财政局2023年度部门决算编制范围的单位。"
            "主要原因是2023年度补发工资。")
    years = [f for f in check_text(text) if f.id == "year.mismatch"]
    assert [f.text for f in years] == ["2023 年度部门决算表"]


def test_a_year_compared_with_itself():
    text = ("2024年度收入合计0.05万元。2024年度支出合计0.05万元。\n"
            "2023年度比2023年度“三公”经费财政拨款支出决算减少0.04万元，下降44.44%。主要原因是接待减少。")
    years = [f for f in check_text(text) if f.id == "year.mismatch"]
    assert len(years) == 1 and years[0].text.startswith("2023年度") and years[0].expected == "2024"


def test_current_figures_dated_with_the_compared_year():
    text = ("第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
            "2023年度收入支出总计100.00万元。与2023年度相比，收入支出总计减少5.00万元，下降4.76%，主要原因是项目减少。\n"
            "二、收入决算情况说明\n2024年度收入合计100.00万元。\n")
    years = [f for f in check_text(text) if f.id == "year.mismatch"]
    assert len(years) == 1 and years[0].start == text.index("2023年度收入")


def test_a_prior_year_total_after_the_current_one_is_fine():
    text = ("第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
            "2024年度收、支决算总计672.13万元。2023年度收、支决算总计2714.59万元。与2023年度相比，"
            "减少2042.46万元，下降75.24%，主要原因是项目减少。\n")
    assert not [f for f in check_text(text) if f.id == "year.mismatch"]


# ---------------------------------------------------------------- 3, 4. residue and punctuation, whole document


def test_planted_pdf_residue_and_punctuation_outside_the_narrative():
    document, found = planted()
    start, _ = document.narrative_span
    residue = [f for f in found if f.id == "convention.residue"]
    assert [f.text for f in residue] == ["XX"] and residue[0].start < start
    punctuation = [f for f in found if f.id == "convention.punctuation"]
    assert [f.text for f in punctuation] == ["。。"]


def test_residue_reported_once_each():
    text = "第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入合计XX万元，比上年增加（减少）5.00万元。\n"
    residue = [f for f in check_text(text) if f.id == "convention.residue"]
    assert sorted(f.text for f in residue) == ["XX", "增加（减少）"]


def test_ellipsis_and_placeholder_rows_are_not_doubled_punctuation():
    text = "单位包括：\n1\t本级\n2\t。。。\n具体如下……详见附表。"
    found = check_text(text)
    assert not [f for f in found if f.id == "convention.punctuation"]
    assert [f.text for f in found if f.id == "convention.residue"] == ["。。。"]


# ---------------------------------------------------------------- 5. benchmark misses and false positives


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.parent.name)
def test_golden_drafts_check_without_errors(draft):
    # the golden figures have gaps, so their drafts keep placeholders (unfinished.*, reported by design)
    errors = [f for f in check_text(draft.read_text(encoding="utf-8"), disable=("unfinished",)) if f.severity == "error"]
    assert errors == [], [(f.id, f.text[:60], f.message) for f in errors]


NESTED = ("基本支出278.49万元，其中：人员经费{staff}万元，主要包括：基本工资59.81万元、津贴补贴36.74万元；"
          "公用经费71.20万元，主要包括：办公费3.68万元、差旅费4.17万元。")


def test_nested_lists_are_summed_level_by_level():
    assert not [f for f in check_text(NESTED.format(staff="207.29")) if f.id == "sum.parts"]
    wrong = [f for f in check_text(NESTED.format(staff="217.29")) if f.id == "sum.parts"]
    assert len(wrong) == 1 and "278.49" in wrong[0].message and "288.49" in wrong[0].message


def test_title_broken_before_its_last_words_and_budget_comparison_year():
    text = ("第三部分上海市普陀区财政局2023年度部门决算情况\n说明\n一、收入支出决算总体情况说明\n"
            "2024年度收入合计10.00万元。2024年度支出合计10.00万元。2024年度结余0.00万元。\n"
            "2023年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三公”经费支出。\n")
    years = [f for f in check_text(text) if f.id == "year.mismatch"]
    assert [f.text[:6] for f in years] == ["2023年度", "2023年度"]
    assert years[0].start == text.index("2023年度部门") and years[1].start == text.index("2023年度“三公”")


def test_zero_of_an_unstated_whole_is_a_zero_base_warning():
    text = ("本年支出合计100.00万元，其中：项目支出60.00万元，占60.00%；基本支出40.00万元，占40.00%。"
            "政府性基金预算项目0个，涉及资金0万元，占政府性基金项目支出总额的0%。")
    found = [f for f in check_text(text) if "政府性基金项目" in f.text]
    assert [(f.id, f.severity) for f in found] == [("convention.zero_base", "warning")]


THREE_PUBLIC = ("# 第三部分 2024年度部门决算情况说明\n\n## 七、财政拨款“三公”经费支出决算情况说明\n\n### （一）“三公”经费财政拨款支出决算总体情况说明\n\n"
                "2024年度“三公”经费财政拨款支出预算为0.05万元，支出决算为0.05万元，完成预算的100.00%。\n\n"
                "### （二）“三公”经费财政拨款支出决算具体情况说明\n\n"
                "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占{a}%；"
                "公务用车购置及运行维护费支出决算0.00万元，占0.00%；公务接待费支出决算0.05万元，占{c}%。\n")


def test_share_whole_in_the_previous_subsection():
    assert not [f for f in check_text(THREE_PUBLIC.format(a="0.00", c="100.00")) if f.id.startswith("share.")]
    wrong = [f for f in check_text(THREE_PUBLIC.format(a="0.00", c="71.00")) if f.id == "share.value"]
    assert [(f.text, f.severity) for f in wrong] == [("占71.00%", "error")]
    swapped = [f for f in check_text(THREE_PUBLIC.format(a="100.00", c="0.00")) if f.severity == "error"]
    assert {f.text for f in swapped} >= {"占100.00%", "占0.00%"}


def test_numbered_structure_list_takes_the_whole_of_the_previous_subsection():
    text = ("第三部分 2024年度部门决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n"
            "2024年度一般公共预算财政拨款支出1,590.48万元，占本年支出合计的100.00%。\n"
            "（二）一般公共预算财政拨款支出决算结构情况\n1.一般公共服务支出(类)1,410.17万元,占{a}%。\n"
            "2.社会保障和就业支出(类)180.31万元,占11.34%。\n")
    assert not [f for f in check_text(text.format(a="88.66")) if f.id.startswith("share.")]
    found = [f for f in check_text(text.format(a="67.38")) if f.id == "share.value"]
    assert [(f.text, f.severity) for f in found] == [("占67.38%", "error")]


def test_impossible_current_amount_is_named_not_the_rate():
    _, found = planted()
    (rate,) = [f for f in found if f.id == "rate.value"]
    assert "本年数0万元" in rate.message and "100" not in rate.message and rate.expected == ""
    assert rate.text.startswith("0 万元")


def test_truncation_is_named():
    text = "本年支出合计100.00万元，其中：基本支出44.449万元，占44.44%；项目支出55.551万元，占55.55%。"
    (share,) = [f for f in check_text(text) if f.id == "share.value"]
    assert "疑为截断而非四舍五入" in share.message and share.expected == "44.45%"
    text = "本年支出合计100.00万元，其中：基本支出44.10万元，占44.00%；项目支出55.90万元，占55.90%。"
    (share,) = [f for f in check_text(text) if f.id == "share.value"]
    assert "截断" not in share.message


def test_completion_of_an_item_is_bounded_by_the_total_budget():
    text = (ROOT / "tests" / "data" / "seed-004-narrative.txt").read_text(encoding="utf-8")
    site = "公务接待费支出0.05万元，完成全年预算的100.00%"
    assert site in text
    original = [f for f in check_text(text) if f.id == "completion.value"]
    assert all(f.severity == "info" for f in original)
    mutated = check_text(text.replace(site, site.replace("100.00%", "72.00%")))
    (wrong,) = [f for f in mutated if f.id == "completion.value" and f.severity == "error"]
    assert wrong.text == "完成全年预算的72.00%" and "81.82%" in wrong.message


def test_a_section_of_current_figures_dated_with_another_year():
    text = ("第三部分 2024年度部门决算情况说明\n一、收入决算情况说明\n2024年度收入合计10.00万元。\n"
            "二、支出决算情况说明\n2023年度支出合计10.00万元，其中：基本支出10.00万元，占100.00%。\n"
            "三、其他\n2023年度机关运行经费0.00万元，主要原因是2024年无此项支出。\n")
    years = [f for f in check_text(text) if f.id == "year.mismatch"]
    assert [f.start for f in years] == [text.index("2023年度支出")]


# ---------------------------------------------------------------- 6. statement years, complete lists


def _years(text: str) -> list[str]:
    return [text[f.start:f.end] for f in check_text(text) if f.id == "year.mismatch"]


def test_a_unit_name_with_digits_before_the_opening_year():
    text = ("# 第三部分 2024年度部门决算情况说明\n## 一、收入决算情况说明\n"
            "贵阳市12345政务服务便民热线事务中心2023年度收入决算合计672.13万元。"
            "其中：财政拨款收入672.13万元，占100.00%。\n## 二、支出决算情况说明\n"
            "贵阳市12345政务服务便民热线事务中心2024年度支出决算合计672.13万元。\n")
    years = [f for f in check_text(text) if f.id == "year.mismatch"]
    assert [f.start for f in years] == [text.index("2023年度收入")]


@pytest.mark.parametrize("statement", [
    "2023年度财政拨款“三公”经费支出8.49万元，比上年增加3.63万元，增长74.69%，主要原因是公务接待增加。",
    "2023年一般公共预算财政拨款决算支出502.98万元，占本年支出合计的100.00%。",
    "2023年度“三公”经费财政拨款支出预算为2000.00元，支出决算为2000.00元，完成预算的100.00%。",
    "本单位2023年度无政府性基金预算财政拨款收入和支出。",
])
def test_statements_whose_figures_are_the_report_years(statement):
    text = ("# 第三部分 2024年度部门决算情况说明\n## 一、收入支出决算总体情况说明\n2024年度收入总计10.00万元。\n"
            f"## 二、其他说明\n{statement}\n")
    years = [f for f in check_text(text) if f.id == "year.mismatch"]
    assert [f.start for f in years] == [text.index("2023")] and years[0].expected == "2024"


def test_a_section_opened_with_the_prior_year_and_then_the_report_year_is_fine():
    text = ("# 第三部分 2024年度部门决算情况说明\n## 一、收入支出决算总体情况说明\n"
            "2023年度收入总计2714.59万元。2024年度收入总计672.13万元，比上年减少2042.46万元，下降75.24%。\n"
            "## 二、其他\n2023年度机关运行经费0.00万元，主要原因是2024年无此项支出。\n")
    assert _years(text) == []


def test_other_years_in_causes_and_objects_are_free_text():
    text = ("# 第三部分 2024年度部门决算情况说明\n## 一、预算绩效管理情况\n2024年度收入总计10.00万元。"
            "2024年度支出总计10.00万元。本单位对2023年度项目开展绩效评价，涉及资金10.00万元。\n## 二、其他\n"
            "主要原因是\n2023年度预算为5.00万元，支出决算为5.00万元。\n")
    assert _years(text) == []


def test_carryover_and_current_make_a_fiscal_total():
    wrong = "财政拨款支出总计1,813.15万元，其中：年末财政拨款结转和结余0.00万元，本年财政拨款支出1,590.48万元。"
    (finding,) = [f for f in check_text(wrong) if f.id == "sum.parts"]
    assert finding.severity == "error" and finding.expected == "1590.48万元"
    # an 01表 total may also hold 使用非财政拨款结余: short of it, only a warning
    open_total = "2024年度收入总计1,700.00万元，其中：本年收入合计1,592.71万元，年初结转和结余0.00万元。"
    (warning,) = [f for f in check_text(open_total) if f.id == "sum.parts"]
    assert warning.severity == "warning"


def test_a_main_uses_list_whose_shares_make_100_percent_is_complete():
    items = ("一般公共服务支出(类)448.64万元，占比89.20%；\n社会保障和就业支出(类)27.44万元，占比5.46%；\n"
             "卫生健康支出(类)7.76万元，占比1.54%；\n住房保障支出(类)18.87万元，占比3.75%；\n教育支出(类)0.27万元，占比0.05%。")
    head = "2024年度一般公共预算财政拨款支出{}万元，主要用于以下方面：\n"
    assert not [f for f in check_text(head.format("502.98") + items) if f.id == "sum.parts"]
    (finding,) = [f for f in check_text(head.format("578.43") + items) if f.id == "sum.parts"]
    assert finding.severity == "error" and finding.text.startswith("578.43")
    partial = head.format("600.00") + "一般公共服务支出(类)448.64万元，占比74.77%；社会保障和就业支出(类)27.44万元，占比4.57%。"
    assert not [f for f in check_text(partial) if f.id == "sum.parts"]


def test_a_wrong_total_is_one_error_not_one_per_share_of_it():
    text = ("2024年度政府采购支出总额{total}万元，其中：政府采购货物支出7.37万元、政府采购工程支出5.09万元、"
            "政府采购服务支出326.83万元。授予中小企业合同金额339.29万元，占政府采购支出总额的100.00%。")
    assert not [f for f in check_text(text.format(total="339.29")) if f.severity != "info"]
    found = check_text(text.format(total="359.64"))
    assert [f.id for f in found if f.severity == "error"] == ["sum.parts"]
    (share,) = [f for f in found if f.id == "share.value"]
    assert share.severity == "info" and "339.29" in share.message
    # a share that agrees with neither the total nor its parts is still an error
    other = check_text(text.format(total="359.64").replace("100.00%", "80.00%"))
    assert {f.id for f in other if f.severity == "error"} == {"sum.parts", "share.value"}


def test_a_rate_on_a_total_its_parts_contradict_is_not_a_second_error():
    text = ("2024年度支出总计{total}万元，其中：本年支出合计1,677.60万元，结余分配0.00万元，年末结转和结余0.00万元。"
            "与上年相比，支出总计减少132.63万元，下降{rate}%。")
    found = check_text(text.format(total="1,560.17", rate="7.33"))
    assert [f.id for f in found if f.severity == "error"] == ["sum.parts"]
    assert [f.severity for f in found if f.id == "rate.value"] == ["info"]
    wrong = check_text(text.format(total="1,560.17", rate="9.33"))
    assert {f.id for f in wrong if f.severity == "error"} == {"sum.parts", "rate.value"}


def test_one_thing_dated_with_one_year_given_two_values():
    text = ("2024年度收入合计672.13万元。2024年度支出合计672.13万元，主要原因是项目减少。"
            "同时2023年年末在编人数为4人,{}年年末在编人数为11人,导致基本预算收入增加。")
    assert _years(text.format("2024")) == []
    (finding,) = [f for f in check_text(text.format("2023")) if f.id == "year.mismatch"]
    assert finding.text.startswith("2023年年末") and finding.text.endswith("11人")
    assert finding.expected == "2024" and "后者应为2024年" in finding.message


def test_city_template_sentences_on_the_years_own_work():
    """The Shanghai template dates its 绩效 and 政府采购 sentences with the report year."""
    import re

    from narrator.extract import extract, extract_text

    original = extract(ROOT / "golden" / "putuo-caizhengju-2024" / "document.pdf")
    assert not [f for f in check_document(original) if f.id == "year.mismatch"]
    for phrase in ("编报绩效目标的2024", "局2024年度预算绩效管理", "2024年度本部门面向中小企业"):
        # the PDF text may break a line inside the phrase
        match = re.search(r"\s*".join(phrase), original.text)
        assert match is not None, phrase
        year_at = match.start() + match.group(0).index("2024")
        mutated = extract_text(original.text[:year_at] + "2023" + original.text[year_at + 4:])
        found = [f for f in check_document(mutated) if f.id == "year.mismatch"]
        assert len(found) == 1 and found[0].stated == "2023" and found[0].expected == "2024", phrase
        assert "此处说明的是2024年度的工作" in found[0].message
