"""extract's YAML is safe to edit: no anchors or aliases, and it loads back to the same figures."""

import re
from decimal import Decimal
from pathlib import Path

import yaml

from narrator.figures import load_figures
from narrator.figures.dump import dump_yaml
from narrator.figures.load import figures_from_yaml, validate_figures

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"


def test_no_anchors_or_aliases_and_round_trip():
    figures = load_figures(EXAMPLE)
    text = dump_yaml(figures)
    events = list(yaml.parse(text))
    assert not [e for e in events if getattr(e, "anchor", None)]  # no &anchor
    assert not [e for e in events if isinstance(e, yaml.AliasEvent)]  # no *alias
    assert not re.search(r"[&*]id\d+", text)
    assert figures_from_yaml(text, "<dump>") == figures


def test_shared_values_are_written_each_time():
    """The same Decimal object in many fields (as extraction produces) is written in full each time."""
    shared = Decimal("561.61")
    figures = validate_figures({"unit": "单位", "year": 2024,
                                "summary": {"income_total": shared, "expenditure_total": shared},
                                "prior": {"grand_total.income": shared, "grand_total.expenditure": shared}}, "<test>")
    text = dump_yaml(figures)
    assert text.count("561.61") == 4 and not re.search(r"[&*]id\d+", text)
    edited = figures_from_yaml(text.replace("grand_total.income: 561.61", "grand_total.income: 561.62"), "<edit>")
    assert edited.prior["grand_total.income"] == Decimal("561.62")
    assert edited.prior["grand_total.expenditure"] == edited.summary.income_total == shared
