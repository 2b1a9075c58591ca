"""Never invent, never drop: an unknown value is a placeholder naming its field; what is left out is said."""

from pathlib import Path

import yaml

from narrator.draft import draft, load_template_set
from narrator.figures.load import figures_from_yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"


def _draft(change):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    change(data)
    text = yaml.safe_dump(data, allow_unicode=True)
    figures = figures_from_yaml(text, "<test>")
    return draft(figures, load_template_set("national"))


def test_unknown_small_enterprise_amount_is_a_placeholder_not_zero():
    result = _draft(lambda d: d["procurement"].pop("sme"))
    assert "授予中小企业合同金额【请补充授予中小企业合同金额（procurement.sme）】" in result.markdown
    assert any("procurement.sme" in w for w in result.warnings)


def test_unknown_counts_and_equipment_are_placeholders():
    def forget(d):
        del d["three_public"]["reception"]["batches"], d["assets"]["large_equipment"]
    result = _draft(forget)
    assert "共接待【请补充公务接待批次（three_public.reception.batches）】批次" in result.markdown
    assert "（不含车辆）【请补充单价100万元（含）以上设备数（assets.large_equipment）】台（套）" in result.markdown


def test_missing_procurement_and_operating_expenses_are_not_said_to_be_none():
    def forget(d):
        del d["procurement"], d["operating_expenses"]
    text = _draft(forget).markdown
    assert "无政府采购支出" not in text and "无机关运行经费" not in text
    assert "政府采购支出总额【请补充政府采购支出总额（procurement）】" in text and "（operating_expenses）" in text


def test_three_public_year_on_year_paragraph_stays_with_a_placeholder():
    result = _draft(lambda d: d["prior"].pop("three_public.total"))
    assert "2024年度比2023年度“三公”经费财政拨款支出决算【请补充上年决算数（prior.three_public.total）】。" in result.markdown
    assert any("prior.three_public.total" in w for w in result.warnings)


def test_a_sentence_left_out_is_listed_with_the_field_it_needs():
    result = _draft(lambda d: d["prior"].pop("general_budget.205"))
    assert any("prior.general_budget.205" in w and "未写" in w for w in result.warnings)


def test_a_cause_no_sentence_needs_is_listed_not_dropped_silently():
    result = _draft(lambda d: d["causes"].update({"state_capital.total": "本单位无国有资本经营预算"}))
    assert "本单位无国有资本经营预算" not in result.markdown
    assert any(w.startswith("causes.state_capital.total") for w in result.warnings)


def _without_class_values(d):
    for field in ("prior", "budget", "causes"):
        d[field] = {k: v for k, v in d[field].items() if not k.startswith("general_budget.2")}


def test_no_list_word_without_items():
    def only_items(d):
        d["general_budget"]["rows"] = [r for r in d["general_budget"]["rows"] if len(str(r["code"])) == 7]
        _without_class_values(d)
    text = _draft(only_items).markdown
    # all spending is 一般公共预算: the 收入支出决算总表's 类 stand for the table's (see test_draft)
    assert "一般公共服务支出（类）448.64万元" in text and "以下方面：。" not in text

    def no_rows(d):
        d["general_budget"]["rows"] = []
        _without_class_values(d)
    result = _draft(no_rows)
    assert "以下方面" not in result.markdown
    assert any("general_budget.rows" in w and "未写" in w for w in result.warnings)
