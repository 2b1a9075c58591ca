"""``narrator checks`` lists every check; docs/checks.md is its Markdown output and stays so."""

import json

from conftest import ROOT, run_cli
from narrator.check.registry import all_checks
from narrator.app.check_list import check_rows, render
from narrator.llm.model_checks import MODEL_CHECKS


def test_every_rule_and_model_check_is_listed_once():
    ids = [row.id for row in check_rows()]
    assert sorted(ids) == sorted([c.id for c in all_checks()] + [c.id for c in MODEL_CHECKS])
    assert len(ids) == len(set(ids))


def test_what_each_check_needs():
    needs = {row.id: row.needs for row in check_rows()}
    assert needs["rate.direction"] == "情况说明本身"
    assert needs["table.rows"] == "决算表"
    assert needs["fact.prior"] == "--figures"
    assert needs["cause.direction"] == "模型"


def test_docs_checks_md_is_the_generated_list():
    expected = render(check_rows(), "markdown")
    assert (ROOT / "docs" / "checks.md").read_text(encoding="utf-8") == expected, \
        "docs/checks.md is stale: run `narrator checks --format markdown > docs/checks.md`"


def test_cli_json_and_a_bad_format():
    listed = run_cli("checks", "--format", "json")
    assert listed.returncode == 0
    rows = json.loads(listed.stdout)
    assert {"id", "title", "severity", "description", "needs"} == set(rows[0])
    bad = run_cli("checks", "--format", "xml")
    assert bad.returncode == 2 and "未知的输出格式" in bad.stderr and "Traceback" not in bad.stderr
