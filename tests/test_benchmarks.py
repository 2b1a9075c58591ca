"""The mutation benchmark's generator does what it says, and its runner is deterministic (no timings)."""

import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import accuracy, mutations  # noqa: E402

CLEAN = (Path(__file__).parent / "data" / "seed-004-narrative.txt").read_text(encoding="utf-8")
NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers(s: str) -> list[Decimal]:
    return [Decimal(n.replace(",", "")) for n in NUM.findall(s)]


@pytest.fixture(scope="module")
def generated():
    return mutations.mutate(CLEAN, seed=7, per_kind=1000)


def test_every_arithmetic_and_wording_kind_has_sites(generated):
    kinds = {m.kind for m in generated}
    assert kinds == set(mutations.KINDS)


def test_edits_land_where_they_claim(generated):
    for m in generated:
        assert len(m.locations) == len(m.edits)
        shift = 0
        for edit, (a, b) in zip(m.edits, m.locations):
            assert m.text[a:b] == edit.new  # the location holds the new text
            assert CLEAN[edit.start:edit.end] != edit.new  # and it changed something
            assert a == edit.start + shift
            shift += len(edit.new) - (edit.end - edit.start)
        # everything outside the edits is the original text
        rebuilt, pos = [], 0
        for edit, (a, b) in zip(m.edits, m.locations):
            rebuilt.append(CLEAN[pos:edit.start] + CLEAN[edit.start:edit.end])
            pos = edit.end
        rebuilt.append(CLEAN[pos:])
        assert "".join(rebuilt) == CLEAN
        assert len(m.text) == len(CLEAN) + shift


def test_each_kind_changes_the_text_as_described(generated):
    for m in generated:
        old = [CLEAN[e.start:e.end] for e in m.edits]
        new = [e.new for e in m.edits]
        if m.kind == "direction_flip":
            assert mutations._FLIP[old[0]] == new[0]
        elif m.kind == "percent_shift":
            (o,), (n,) = numbers(old[0]), numbers(new[0])
            assert abs(o - n) >= 1  # at least one percentage point: no rounding explains it
        elif m.kind == "swap_shares":
            assert old == new[::-1] and old[0] != old[1]
        elif m.kind == "wrong_base":
            assert numbers(old[0]) != numbers(new[0])
        elif m.kind == "zero_base_100":
            assert new[0].endswith(("100.00%", "100%"))
        elif m.kind == "flat_direction":
            assert all(v == 0 for v in numbers(new[0])) and re.search("增加|减少", new[0])
        elif m.kind == "wrong_year":
            assert int(new[0]) == int(old[0]) - 1 == mutations.report_year(CLEAN) - 1
        elif m.kind == "total_mismatch":
            (o,), (n,) = numbers(old[0]), numbers(new[0])
            assert abs(o - n) >= 1


def test_generator_is_deterministic_for_a_seed():
    first = [m.to_json() for m in mutations.mutate(CLEAN, seed=3, per_kind=4)]
    again = [m.to_json() for m in mutations.mutate(CLEAN, seed=3, per_kind=4)]
    assert first == again and first


def test_runner_is_deterministic_for_a_seed():
    labels = {"clean_known_errors": {}}
    one = accuracy.mutation_rows("seed-004", CLEAN, 5, 2, labels)
    two = accuracy.mutation_rows("seed-004", CLEAN, 5, 2, labels)
    assert one == two
    rows, _, _ = one
    assert {r["kind"] for r in rows} <= set(mutations.KINDS) and rows
    assert all(isinstance(r["caught"], bool) for r in rows)


def test_a_finding_over_the_edit_is_a_catch_and_an_old_one_is_not():
    from narrator.findings import Finding

    m = mutations.apply("比上年增加3.00万元，增长5.00%。", "direction_flip", "paired",
                        [mutations.Edit(3, 5, "减少")], "")
    new = Finding("rate.direction", "error", 3, 16, m.text[3:16], "方向矛盾")
    old_elsewhere = Finding("x.y", "error", 16, 17, m.text[16:17], "old")
    fresh = accuracy.new_findings(m, [old_elsewhere], [new, old_elsewhere])
    assert fresh == [new]
    assert accuracy.judge(m, fresh)["caught"]


def test_a_mutation_is_judgeable_only_where_the_text_states_its_inputs():
    import random

    text = ("本年支出120.00万元，比上年增加20.00万元，增长20.00%。"
            "公务接待费比上年下降15.00%。公务用车运行维护费比上年减少3.00万元，减少的主要原因是车辆减少。")
    shifted = {m.description.split("%")[0]: m.judgeable for m in mutations.percent_shift(text, random.Random(1))}
    assert shifted == {"20.00": True, "15.00": False}  # the second rate has no amounts beside it
    flips = {m.description.split(" in ")[1]: m.judgeable for m in mutations.direction_flip(text)}
    assert flips == {"'增加20.00万元'": True, "'增长20.00%'": True, "'下降15.00%'": False, "'减少3.00万元'": True}
