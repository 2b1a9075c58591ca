"""Write Figures as YAML or JSON that loads back to the same Figures.

Decimals are written as plain numbers (``465.34``) from their text, never
through float; zero fields are left out, as a person would write the file; no anchors or
aliases, so every field can be edited on its own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from narrator.figures.model import Figures
from narrator.terminal import printable_json


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        """Every value written out in full: an anchor (&id001) and its aliases (*id001) would make
        correcting one number in an editor change every field that shares it."""
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    if "." not in text:  # keep it a float-tagged scalar so it loads back as Decimal
        text += ".0" if value != value.to_integral_value() else ""
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _decimal)


def figures_data(figures: Figures) -> dict[str, Any]:
    return figures.model_dump(mode="python", exclude_defaults=True)


def dump_yaml(figures: Figures, header: str = "") -> str:
    body = yaml.dump(figures_data(figures), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    return header + body


def dump_json(figures: Figures) -> str:
    return printable_json(figures_data(figures), indent=2, default=str) + "\n"
