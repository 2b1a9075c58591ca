"""Drafting the hand-made golden figures of real documents."""

import re
from decimal import Decimal
from pathlib import Path


from narrator.draft import draft, load_template_set
from narrator.draft.coverage import coverage
from narrator.figures import load_figures

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def narrative_of(source: str) -> str:
    """The original 第三部分 (after the table of contents) up to 第四部分."""
    start = [m.start() for m in re.finditer(r"第三部分", source)][-1]
    end = source.index("第四部分", start)
    return source[start:end]


def test_seed_004_draft_reproduces_the_original_figures():
    source = (GOLDEN / "seed-004" / "source.txt").read_text(encoding="utf-8")
    result = draft(load_figures(GOLDEN / "seed-004" / "figures.yaml"), load_template_set("national"))
    measured = coverage(narrative_of(source), result.markdown)
    print(f"seed 004: {measured.reproduced}/{measured.total} = {measured.ratio:.4f}; missing: {measured.missing}")
    assert measured.total > 100
    assert measured.ratio >= Decimal("0.95"), f"missing: {measured.missing}"


def test_coverage_measure_notices_a_missing_figure():
    assert coverage("基本支出1.2万元，占55.37%", "基本支出1.20万元，占55.37%").ratio == 1
    partial = coverage("支出502.98万元，下降10.44%", "支出502.98万元，下降10.45%")
    assert partial.missing == ("10.44%",)
