"""benchmarks/big_inputs.py writes inputs of the size asked for, with figures that agree (no timings)."""

import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import big_inputs  # noqa: E402
from narrator.check import check_text  # noqa: E402


def test_a_table_has_one_row_a_line_under_its_header():
    text = big_inputs.table(40, random.Random(1))
    rows = [line for line in text.splitlines() if line.count("\t") == 4]
    assert len(rows) == 41 and rows[0].startswith("项目")


def test_a_sentence_has_as_many_clauses_as_asked_and_one_end():
    body = big_inputs.sentence(40, random.Random(1)).splitlines()[1]
    assert body.count("，") == 39 and body.count("。") == 1


def test_a_narrative_has_as_many_statements_as_asked():
    assert big_inputs.narrative(40, random.Random(1)).count("。") == 40


@pytest.mark.parametrize("kind", ["table", "narrative", "sentence"])
def test_the_figures_written_agree_with_each_other(kind):
    """Rates, shares and completions are computed by numbers.py: the checker finds no error in them."""
    text = getattr(big_inputs, kind)(40, random.Random(kind))
    assert [f for f in check_text(text) if f.severity == "error"] == []


def test_a_workbook_has_one_row_a_finding(tmp_path):
    from python_calamine import CalamineWorkbook

    path = big_inputs.write_input("workbook", 30, tmp_path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert len(rows) == 31 and rows[0][0] == "文档"
