"""Seed acceptance: the narrative-only findings of domain.md are reported, correct seeds give no error."""

from pathlib import Path

import pytest

from narrator.check import check_text

SEEDS = Path(__file__).parent / "data" / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def findings(prefix: str):
    return check_text(seed(prefix))


def has(found, check_id, fragment, severity=None):
    return any(f.id == check_id and fragment in f.text and (severity is None or f.severity == severity)
               for f in found)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_offsets_point_into_the_seed(prefix):
    text = seed(prefix)
    for f in check_text(text):
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_no_error_on_consistent_seeds(prefix):
    errors = [f for f in findings(prefix) if f.severity == "error"]
    assert errors == []


def test_seed_000():
    found = findings("000")
    assert has(found, "convention.residue", "如：")
    assert has(found, "sum.parts", "27955", "error")  # 政府采购 parts add to 27955.60
    assert has(found, "sum.parts", "3420434.19", "error")  # 其他收入 0 yet the parts fall 19200.00 short
    assert has(found, "convention.zero_base", "占工程支出金额的0%", "warning")
    assert has(found, "convention.flat", "减少0元，下降0%", "warning")
    assert has(found, "budget.comparison", "决算数小于预算数", "warning")  # both 0
    assert not any("93.64" in f.text for f in found)  # the interval keeps the correct rate


def test_seed_002():
    found = findings("002")
    assert has(found, "rate.direction", "增加 2042.46 万元,下降 75.24%", "error")
    assert has(found, "rate.direction", "降低 2042.46 万元,增长 75.24%", "error")
    assert has(found, "completion.value", "完成年初预算的100%", "error")
    assert has(found, "number.malformed", "占.000%", "error")
    assert has(found, "rate.no_amount", "下降75.24%", "warning")
    zero = [f for f in found if f.id == "convention.zero_base" and "100. 00%" in f.text]
    assert len(zero) == 2


def test_seed_003():
    found = findings("003")
    assert has(found, "convention.zero_base", "增加3.50万元，增长100.00%", "warning")
    assert has(found, "convention.flat", "增加0.00万元，增长0.00%", "warning")
    assert has(found, "convention.zero_base", "差异率0.00%", "warning")
