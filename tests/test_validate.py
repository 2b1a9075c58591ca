"""narrator validate: the figures' own arithmetic, judged within the rounding of written values."""

from pathlib import Path

from narrator.app.cli import main
from narrator.figures.load import figures_from_yaml
from narrator.figures.sanity import sanity_problems

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"

HEAD = "unit: 测试单位\nyear: 2024\n"


def _problems(yaml_text: str) -> dict[str, str]:
    return dict(sanity_problems(figures_from_yaml(HEAD + yaml_text, "<test>")))


def test_the_example_is_valid(capsys):
    assert main(["validate", str(EXAMPLE)]) == 0
    assert "有效" in capsys.readouterr().out


def test_every_problem_at_once_with_field_paths(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + """summary:
  income: {general_budget: -465.34, other: 1000.00}
  income_total: 465.34
  expenditure_total: 90.00
basic_detail: {personnel_total: 100.00, public_total: 50.00}
general_budget: {total: 90.00, basic: 60.00, project: 30.00}
procurement: {goods: 10.00, sme: 12.00, small_micro: 13.00}
""", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    paths = [line.split(":", 1)[0] for line in out.splitlines()]
    assert paths == ["summary.income.general_budget", "summary.income.other", "summary.income_total", "summary",
                     "basic_detail", "procurement.sme", "procurement.small_micro"]
    assert "占比 214.90%" in out and "负数" in out and "60.00 ≠ 150.00" in out


def test_rounding_residue_passes_and_a_real_gap_does_not():
    rows = "general_budget: {{total: 502.98, basic: 278.49, project: {project}}}\n"
    summary = "summary: {income_total: 0, expenditure_total: 0}\n"
    assert _problems(summary + rows.format(project="224.50")) == {}  # 502.99 vs 502.98: 万元折算尾差
    assert "general_budget.total" in _problems(summary + rows.format(project="224.52"))


def test_income_equals_expenditure_grand_totals():
    text = "summary: {income_total: 100.00, expenditure_total: 90.00, carried_forward_out: 10.00}\n"
    assert _problems(text) == {}
    assert "summary" in _problems("summary: {income_total: 100.00, expenditure_total: 90.00}\n")


def test_classes_add_up_to_the_total_and_items_to_their_class():
    text = """summary: {income_total: 0, expenditure_total: 0}
general_budget:
  total: 10.00
  basic: 10.00
  rows:
    - {code: "201", name: 一般公共服务支出, total: 10.00, basic: 10.00}
    - {code: "20101", name: 人大事务, total: 7.00, basic: 7.00}
"""
    problems = _problems(text)
    assert list(problems) == ["general_budget.rows.0.total"] and "7.00" in problems["general_budget.rows.0.total"]


def test_absurd_amount():
    problems = _problems("summary: {income_total: 0, expenditure_total: 0}\noperating_expenses: 200000000.00\n")
    assert "1万亿元" in problems["operating_expenses"]


def test_draft_refuses_a_negative_amount_in_one_line(tmp_path, capsys):
    figures = tmp_path / "negative.yaml"
    figures.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "general_budget: 465.34  # 一、一般公共预算财政拨款收入", "general_budget: -465.34", 1), encoding="utf-8")
    out = tmp_path / "draft.md"
    assert main(["draft", str(figures), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "summary.income.general_budget" in err[0] and "负数" in err[0] and "不能据此起草" in err[0]
    assert not out.exists()
