"""Levels 2 and 3: the narrative's amounts bound to the document's tables or to a figures file."""

from functools import lru_cache
from pathlib import Path

import pytest

from narrator.check import check_document
from narrator.extract import extract
from narrator.figures import Facts, load_figures

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@lru_cache(maxsize=None)
def _document(case: str):
    folder = GOLDEN / case
    path = folder / "source.txt" if (folder / "source.txt").exists() else folder / "document.pdf"
    return extract(path)


def facts_findings(case: str, with_figures: bool = False):
    facts = Facts(load_figures(GOLDEN / case / "figures.yaml")) if with_figures else None
    document = _document(case)
    findings = [f for f in check_document(document, facts=facts) if f.id.startswith("fact.")]
    for finding in findings:
        assert document.text[finding.start:finding.end] == finding.text
    return findings


def _find(findings, check_id, stated):
    return [f for f in findings if f.id == check_id and f.stated.startswith(stated)]


def test_seed_000_amounts_against_its_own_tables():
    findings = facts_findings("seed-000")
    other_income = _find(findings, "fact.amount", "0元")
    assert other_income and other_income[0].severity == "error" and other_income[0].expected == "19200.00元"
    pension = _find(findings, "fact.amount", "235668.24")
    assert pension and pension[0].expected == "157112.16元"
    assert "行政事业单位养老支出（款，20805）" in pension[0].message  # the row the amount was taken from
    housing = _find(findings, "fact.amount", "211571.00")
    assert housing and housing[0].expected == "137471.00元" and "住房保障支出（类，221）" in housing[0].message
    share = _find(findings, "fact.share", "0%")
    assert share and share[0].expected == "0.56%"


def test_a_table_that_contradicts_another_table_is_a_warning_not_the_narratives_error():
    # seed 000's 公开03表 prints 本年支出合计 in the 基本支出 column; the narrative's 1921234.19 is right
    basic = _find(facts_findings("seed-000"), "fact.amount", "1921234.19")
    assert basic and basic[0].severity == "warning" and "一般公共预算财政拨款支出决算表" in basic[0].message


def test_clean_documents_have_no_fact_errors():
    for case in ("seed-001", "seed-003", "seed-004"):
        assert not [f for f in facts_findings(case) if f.severity == "error"], case
    assert not facts_findings("seed-004", with_figures=True)


def test_planted_errors_pdf_total_of_zero_is_bound_to_the_summary_table():
    findings = facts_findings("putuo-caizhengju-2024-planted-errors")
    total = _find(findings, "fact.amount", "0万元")
    assert total and total[0].severity == "error" and total[0].expected == "2995.39万元"
    # the 三公 table's 预算数 row was emptied: the narrative's 0.95 has nothing to agree with
    budget = _find(findings, "fact.budget", "0.95")
    assert budget and budget[0].severity == "warning"


def test_correct_twin_still_has_the_published_documents_own_error():
    # caizhengju-2024.pdf as published says 财政拨款收入支出总计0.3万元 where its 财政拨款收入支出决算总表 says 2961.68
    findings = facts_findings("putuo-caizhengju-2024")
    assert [f.expected for f in _find(findings, "fact.amount", "0.3")] == ["2961.68万元"]


def test_level_3_changes_and_rates_against_the_prior_year():
    findings = facts_findings("seed-002", with_figures=True)
    change = _find(findings, "fact.change", "增加2042.46")
    assert change and change[0].expected == "减少2042.46万元"
    rate = _find(findings, "fact.rate", "增长75.24")
    assert rate and rate[0].expected == "下降75.24%"


@pytest.mark.parametrize("case, stated, expected", [("putuo-guihuaziyuan-2024", "99.86%", "99.87%"),
                                                     ("putuo-shehuigongzuobu-2024", "9.55%", "9.56%")])
def test_half_up_shares_in_other_putuo_documents(case, stated, expected):
    # 9746.50 ÷ 9759.38 = 99.868% and 29.42 ÷ 307.82 = 9.5575%: both documents cut instead of rounding.
    # Reported once: by share.value when the amounts are stated, else by fact.share from the tables.
    shares = [f for f in check_document(_document(case)) if f.id in ("share.value", "fact.share")
              and f.stated == stated]
    assert [(f.severity, f.expected) for f in shares] == [("error", expected)]


def test_all_funds_figures_where_the_general_budget_is_meant():
    # guihuaziyuan 六 states 人员经费4896.98 (all funds) where its 基本支出决算表 says 4884.09
    personnel = _find(facts_findings("putuo-guihuaziyuan-2024"), "fact.amount", "4896.98")
    assert personnel and personnel[0].expected == "4884.09万元"


@pytest.mark.parametrize("case", sorted(p.parent.name for p in GOLDEN.glob("*/draft.md")))
def test_our_own_drafts_agree_with_their_figures(case):
    from narrator.check import check_text

    facts = Facts(load_figures(GOLDEN / case / "figures.yaml"))
    draft = (GOLDEN / case / "draft.md").read_text(encoding="utf-8")
    assert not [f for f in check_text(draft, facts=facts) if f.id.startswith("fact.")]
