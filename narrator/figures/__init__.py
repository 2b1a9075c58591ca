"""Figures: the structured numbers of one 部门决算, their loaders and derived facts."""

from narrator.figures.facts import Fact, Facts
from narrator.figures.load import load_figures
from narrator.figures.model import Figures

__all__ = ["Fact", "Facts", "Figures", "load_figures"]
