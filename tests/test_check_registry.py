"""Checks are data: every check carries examples that flag and examples that pass."""

import pytest

from narrator.check import all_checks, check_example, check_text, enabled
from narrator.check.registry import REGISTRY

CHECKS = all_checks()


def test_ids_are_unique_and_described():
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids)) == len(REGISTRY)
    for check in CHECKS:
        assert check.severity in ("error", "warning", "info")
        assert check.description and "\n" not in check.description
        assert check.title and len(check.title) <= 16, f"{check.id} has no short Chinese title"
        assert check.why and "\n" not in check.why, f"{check.id} does not say why it matters"
        assert check.should_flag, f"{check.id} has no should_flag example"
        assert check.should_pass, f"{check.id} has no should_pass example"


def test_expected_ids_exist():
    expected = {"rate.direction", "rate.value", "share.value", "share.sum", "sum.parts", "budget.comparison",
                "completion.value", "convention.flat", "convention.zero_base", "convention.residue",
                "number.malformed", "year.mismatch", "change.no_cause", "rate.no_amount"}
    assert expected <= set(REGISTRY)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_should_flag_examples_flag(check):
    for example in check.should_flag:
        ids = {f.id for f in check_example(example, check.figures)}
        assert check.id in ids, f"{check.id} did not flag: {example}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_should_pass_examples_pass(check):
    for example in check.should_pass:
        found = [f for f in check_example(example, check.figures) if f.id == check.id and f.severity != "info"]
        assert not found, f"{check.id} flagged a should_pass example: {example} → {found}"


def test_disable_takes_prefixes():
    text = "2024年度支出672.13万元，与上年相比，增加2042.46万元，下降75.24%。"
    assert {f.id for f in check_text(text)} >= {"rate.direction"}
    assert not [f for f in check_text(text, disable=["rate"]) if f.id.startswith("rate.")]
    assert not [f for f in check_text(text, disable=["rate.direction"]) if f.id == "rate.direction"]
    assert "rate.value" in {c.id for c in enabled(["rate.direction"])}
    assert "rate.value" in {c.id for c in enabled(["rat"])}  # a prefix is a whole id segment


def test_findings_point_into_the_text_as_given():
    text = "2024年度支出\n672. 13万元，与上年相比，增加 2042.46 万元，下降75.24%。"
    for finding in check_text(text):
        assert text[finding.start:finding.end] == finding.text


def test_fixable_is_part_of_each_record_and_names_only_checks_that_exist():
    from narrator.app.fix import fixable_ids

    ids = {check.id for check in all_checks()}
    assert fixable_ids() <= ids
    assert {"rate.direction", "share.value", "budget.comparison"} <= fixable_ids()
    assert "sum.parts" not in fixable_ids()  # which part is wrong is not known: nothing to replace
