"""fix: in-place corrections of what the checker proved wrong, nothing else."""

import re

from conftest import DATA, run_cli
from narrator.findings import Finding
from narrator.app.fix import fix_text

SEED_002 = DATA / "seeds" / "002_576def2accb7ee69.txt"


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text).replace(",", "，")


def test_fix_seed_002(tmp_path):
    out = tmp_path / "fixed.txt"
    result = run_cli("fix", str(SEED_002), "-o", str(out))
    assert result.returncode == 0, result.stderr
    fixed = out.read_text(encoding="utf-8")
    original = SEED_002.read_text(encoding="utf-8")
    assert "减少2042.46万元，下降75.24%" in _squash(fixed)
    assert "完成年初预算的116.57%" in _squash(fixed)
    assert "增加2042.46万元，下降75.24%" not in _squash(fixed)
    # exactly four tokens changed: 增加→减少, 降低→减少, 增长→下降, 100%→116.57%
    changed = [line for line in result.stdout.splitlines() if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))]
    assert len(changed) == 6  # three lines, before and after
    assert len(fixed) == len(original) + len("116.57%") - len("100%")
    assert "已修正（completion.value）：100% → 116.57%" in result.stderr


def test_fix_never_overwrites_the_original_or_an_existing_file(tmp_path):
    doc = tmp_path / "n.txt"
    doc.write_text("年初预算576.61万元，支出决算672.13万元，完成年初预算的100%。", encoding="utf-8")
    same = run_cli("fix", str(doc), "-o", str(doc), "--force")
    assert same.returncode == 2
    existing = tmp_path / "out.txt"
    existing.write_text("keep", encoding="utf-8")
    assert run_cli("fix", str(doc), "-o", str(existing)).returncode == 2
    assert existing.read_text(encoding="utf-8") == "keep"
    assert doc.read_text(encoding="utf-8").endswith("100%。")


def test_only_lined_up_tokens_are_replaced():
    text = "收入合计100.00万元，其中：A 60.00万元，B 30.00万元。"
    sums = Finding("sum.parts", "error", 0, 12, text[:12], "合计不符", stated="100.00万元", expected="90.00万元")
    result = fix_text(text, [sums])
    assert result.text == text and result.left == [sums]  # which side is wrong is unknown


def test_conflicting_fixes_are_left_to_a_person():
    text = "完成年初预算的100%。"
    a = Finding("completion.value", "error", 7, 11, "100%", "x", stated="100%", expected="116.57%")
    b = Finding("rate.value", "error", 7, 11, "100%", "y", stated="100%", expected="99.00%")
    result = fix_text(text, [a, b])
    assert result.text == text and result.edits == [] and {f.id for f in result.left} == {"completion.value", "rate.value"}
