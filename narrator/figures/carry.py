"""Carry last year forward: last year's current amounts become this year's prior amounts.

``narrator draft FIGURES --prior LAST`` reads last year's figures file (or its published
document, through ``narrator extract``) and fills every prior amount this year's file does not
give itself; a value written in this year's ``prior`` always wins.  Amounts are converted when
the two files use different units (元/万元).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from narrator.errors import InputError
from narrator.figures.facts import Facts
from narrator.figures.model import Figures
from narrator.numbers import convert

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".txt", ".md")


def load_last_year(path: Path) -> Figures:
    """Last year's figures: a figures file, or a published document read by extraction."""
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        from narrator.extract import extract

        document = extract(path)
        if document.figures is None:
            raise InputError(f"{path}: 未能从上年文件中提取出数据")
        return document.figures
    from narrator.figures.load import load_figures

    return load_figures(path)


def carry_forward(figures: Figures, last: Figures, source: str) -> tuple[Figures, int]:
    """``figures`` with last year's current amounts as prior amounts where it gives none, and how many."""
    if last.year != figures.year - 1:
        raise InputError(f"{source}: 是{last.year}年度的数据，而本年为{figures.year}年度；--prior 应为{figures.year - 1}年度")
    this_year, last_year = Facts(figures), Facts(last)
    carried: dict[str, Decimal] = {}
    for key in this_year.keys():
        if key in figures.prior or key not in last_year:
            continue
        carried[key] = convert(last_year[key].current, last.amount_unit, figures.amount_unit)
    return figures.model_copy(update={"prior": {**carried, **figures.prior}}), len(carried)
