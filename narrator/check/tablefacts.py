"""Level 2: the facts a document's own tables give, and only those.

``extract`` fills a Figures from the tables and then harvests from the
narrative what no table holds (prior-year amounts, budgets, causes, and for
some regions 机关运行经费 or 政府采购).  Checking the narrative against values
read from the same narrative proves nothing, so this view keeps only the
facts whose table was found and whose value no narrative sentence supplied.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from narrator.extract.types import Document
from narrator.figures.facts import CLASS_NAMES, Fact, Facts
from narrator.numbers import ZERO

# Which table a fact key's value is read from (the first prefix that matches wins).
_KEY_TABLES = (
    ("grand_total.", ("summary",)),
    ("income.", ("summary", "income")),
    ("expenditure.basic", ("expenditure", "general_budget")),
    ("expenditure.project", ("expenditure", "general_budget")),
    ("expenditure.to_superior", ("expenditure",)),
    ("expenditure.operating", ("expenditure",)),
    ("expenditure.to_affiliated", ("expenditure",)),
    ("expenditure.", ("summary",)),
    ("fiscal.", ("fiscal",)),
    ("non_fiscal.", ("non_fiscal",)),
    ("general_budget.", ("general_budget",)),
    ("basic.", ("basic_detail",)),
    ("three_public.", ("three_public",)),
    ("government_fund.", ("government_fund",)),
    ("state_capital.", ("state_capital",)),
    ("operating_expenses", ("stats",)),
    ("procurement.", ("stats",)),
    ("performance.", ("stats",)),
)


@dataclass(frozen=True)
class TableFacts:
    """The facts of a document's tables, keyed like Facts; prior/budget only where a table holds them."""

    facts: dict[str, Fact]
    amount_unit: str
    parts: dict[str, int]  # facts summed from rows (a 类 from its 项), by key: how many rounded cells

    def __contains__(self, key: str) -> bool:
        return key in self.facts

    def __getitem__(self, key: str) -> Fact:
        return self.facts[key]

    def __iter__(self):
        return iter(self.facts.values())


def table_facts(document: Document) -> TableFacts | None:
    """The document's table facts, or None when it has no tables (seed 003, excerpts)."""
    figures = document.figures
    if figures is None or not document.tables:
        return None
    harvested = {p.field for p in document.provenance}
    tables_only = figures.model_copy(update={"prior": {}, "budget": {}, "full_year_budget": {}, "causes": {}})
    kept = {}
    for fact in Facts(tables_only):
        if fact.key in harvested or not _from_found_table(fact.key, document.tables):
            continue
        kept[fact.key] = fact
    return TableFacts(kept, figures.amount_unit, _add_missing_classes(kept))


def tables_file(path: Path) -> tuple[TableFacts, Document]:
    """Level 2 from tables published apart from the narrative (``check 说明.pdf --tables 决算报表.xlsx``):
    any document narrator reads — a workbook, a PDF or DOCX of the tables — read like a whole disclosure."""
    from narrator.errors import InputError
    from narrator.extract import extract

    document = extract(path)
    facts = table_facts(document)
    if facts is None:
        raise InputError(f"{path}: 未读到可用的决算表（至少需要收入支出决算总表），无法按表核对")
    return facts, document


def _add_missing_classes(facts: dict[str, Fact]) -> dict[str, int]:
    """A table that lists only 项 rows still states its 类 totals: their sum (narratives cite 类)."""
    parts: dict[str, int] = {}
    for prefix in ("general_budget", "government_fund", "state_capital"):
        sums: dict[str, list[Decimal]] = {}
        for key, fact in list(facts.items()):
            head, _, code = key.rpartition(".")
            if head == prefix and code.isdigit() and len(code) == 7:
                sums.setdefault(code[:3], []).append(fact.current)
        for code, values in sums.items():
            key = f"{prefix}.{code}"
            if key not in facts and not any(k.startswith(key) and len(k) == len(key) + 2 for k in facts):
                facts[key] = Fact(key, CLASS_NAMES.get(code, code), sum(values, ZERO))
                parts[key] = len(values)
    return parts


def _from_found_table(key: str, found: list[str]) -> bool:
    for prefix, kinds in _KEY_TABLES:
        if key.startswith(prefix):
            return any(kind in found for kind in kinds)
    return False
