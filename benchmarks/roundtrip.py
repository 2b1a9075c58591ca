"""Round trip: extract → figures → draft, and how much of the original narrative the redraft says again.

For every real document with tables (the seeds 000, 002, 004 and the Putuo PDFs but the planted copy),
``narrator.extract`` reads the document into figures, ``narrator.draft`` redrafts the 情况说明 from them
with the national template set, and the distinct amounts and percentages of the original narrative
(``Document.narrative_span``) are looked for in the redraft.  Numbers are found by narrator's own reader
(``narrator.read.claims``: a number with its unit, 元/万元/亿元 or %), so the two texts are read alike.

A distinct amount is its value and unit (502.98万元 and 502.980万元 are one; 5029800元 is another unit and
matches 502.98万元 when one, rounded to the other's decimals in the coarser unit, is the other).  A
number is *reproduced* when the redraft states a value that, rounded half up to the original's decimals,
is the original (16.7% is reproduced by 16.67%); ``exact`` counts those stated with the same decimals.

Each number not reproduced is classified (the first that applies):

- ``wrong_in_original``: narrator's checker reports an error on it in the original, or (a rate) on an
  amount of its statement that the tables contradict (``fact.amount``): the redraft, computed from the
  tables, says the right value instead;
- ``zero_left_out``: it is zero (0.00万元, 占0.00%), which the template leaves out (不涉及的不列);
- ``in_figures_not_written``: the figures hold it (an amount of a fact: current, prior, budget, or its
  change against prior or budget; a rate computable from them) but no sentence of the template states it;
- ``in_tables_not_extracted`` (amounts): a cell of a table narrator read holds it, the figures do not;
- ``not_in_figures``: neither the figures nor the tables read hold it (a value only the narrative gives
  that extraction did not harvest, a prior or budget not read, a ratio of values the figures lack).

    python benchmarks/roundtrip.py [--json benchmarks/results/roundtrip.json] [DOC ...]

The JSON holds numbers and counts only, never a sentence of a document.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from narrator.numbers import (
    NumberError, change, change_rate, completion_rate, convert, execution_rate, round_half_up, share,
    variance_rate,
)
from narrator.read.claims import Claim, read_claims
from narrator.read.statements import statements

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
SEEDS = ("000", "002", "004")
HUNDRED = Decimal(100)
UNIT_ORDER = ("元", "万元", "亿元")  # finest first
CLASSES = ("wrong_in_original", "zero_left_out", "in_figures_not_written", "in_tables_not_extracted",
           "not_in_figures")


def default_documents(shared: Path = SHARED) -> list[Path]:
    seeds = [path for seed in SEEDS for path in sorted((shared / "seeds").glob(f"{seed}_*.txt"))]
    putuo = [path for path in sorted((shared / "corpus" / "shanghai-putuo").glob("*.pdf"))
             if "planted" not in path.name]
    return seeds + putuo


# ---------------------------------------------------------------- the numbers of a text

@dataclass(frozen=True)
class Stated:
    """One distinct number as written: its value (Decimal, as written), decimals and unit (元/万元/亿元/%)."""

    value: Decimal
    places: int
    unit: str

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


def stated_numbers(text: str, span: tuple[int, int] | None = None) -> dict[Stated, Claim]:
    """The distinct amounts and percentages ``text`` states (within ``span``), each with its first claim."""
    found: dict[Stated, Claim] = {}
    for claim in read_claims(text, statements(text, span or (0, len(text)))):
        if claim.stated is None or claim.unit not in (*UNIT_ORDER, "%"):
            continue
        value = abs(claim.stated.value)  # 减少58.63万元 states the amount 58.63万元
        found.setdefault(Stated(value.normalize() if value else Decimal(0), claim.stated.places, claim.unit), claim)
    return _distinct(found)


def _distinct(found: dict[Stated, Claim]) -> dict[Stated, Claim]:
    """502.98万元 and 502.980万元 are one number: keep the most precise writing of each value and unit."""
    best: dict[tuple[Decimal, str], Stated] = {}
    for number in found:
        key = (number.value, number.unit)
        if key not in best or number.places > best[key].places:
            best[key] = number
    return {number: found[number] for number in best.values()}


def reproduces(redraft: Stated, original: Stated) -> bool:
    """The redraft's number says the original: same unit kind, and rounded to the original's decimals
    (in the coarser of the two amount units) it is the original."""
    if redraft.is_percent != original.is_percent:
        return False
    if original.is_percent or redraft.unit == original.unit:
        return round_half_up(redraft.value, original.places) == original.value
    coarse, fine = sorted((redraft, original), key=lambda number: UNIT_ORDER.index(number.unit), reverse=True)
    return round_half_up(convert(fine.value, fine.unit, coarse.unit), coarse.places) == coarse.value


def exactly(redraft: Stated, original: Stated) -> bool:
    return redraft.unit == original.unit and redraft.value == original.value and redraft.places == original.places


# ---------------------------------------------------------------- why a number is missing

@dataclass
class Known:
    """What extraction knows: amounts (in the figures' unit) and rates (as percentages) of the figures,
    and the amounts of the tables as read (in each table's unit)."""

    unit: str
    amounts: set[Decimal] = field(default_factory=set)
    rates: set[Decimal] = field(default_factory=set)
    table_cells: list[tuple[Decimal, str]] = field(default_factory=list)


def known_values(document) -> Known:
    from narrator.figures.facts import Facts

    figures = document.figures
    known = Known(figures.amount_unit)
    facts = list(Facts(figures))
    by_key = {fact.key: fact for fact in facts}
    for fact in facts:
        values = [fact.current, fact.prior, fact.budget, fact.full_year_budget]
        known.amounts.update(value for value in values if value is not None)
        known.amounts.update(abs(change(fact.current, base)) for base in (fact.prior, fact.budget) if base is not None)
        known.rates.update(_rates(fact, _wholes(fact.key, by_key)))
    known.table_cells = [(cell.value, table.unit) for table in document.printed for row in table.rows
                         for cell in row.cells.values() if cell.printed]
    known.table_cells += [(cell.value, table.unit) for table in document.printed for cell in table.values.values()]
    return known


def _wholes(key: str, by_key: dict) -> list:
    """The facts a share of ``key`` may be taken of: its table's total and its parent code (20805 → 208),
    and the 总计 lines (shares of 收入/支出 合计)."""
    table, _, code = key.partition(".")
    names = [f"{table}.total", f"{table}.{code[:-2]}" if len(code) > 3 and code.isdigit() else "",
             "grand_total.income", "grand_total.expenditure", "summary.income", "summary.expenditure"]
    return [by_key[name] for name in names if name in by_key and name != key]


def _rates(fact, wholes: list) -> set[Decimal]:
    ratios = [change_rate(fact.current, fact.prior) if fact.prior is not None else None]
    if fact.budget is not None:
        ratios += [completion_rate(fact.current, fact.budget), variance_rate(fact.current, fact.budget)]
    if fact.full_year_budget is not None:
        ratios.append(execution_rate(fact.current, fact.full_year_budget))
    ratios += [share(fact.current, whole.current) for whole in wholes]
    return {abs(ratio) * HUNDRED for ratio in ratios if ratio is not None}


@dataclass(frozen=True)
class Errors:
    """The checker's errors on the original: every span, and the statements holding a misstated amount."""

    spans: list[tuple[int, int]]
    misstated_statements: set[int]


def checker_errors(document) -> Errors:
    from narrator.check import check_document

    findings = [finding for finding in check_document(document) if finding.severity == "error"]
    spans = [(finding.start, finding.end) for finding in findings]
    misstated = [(finding.start, finding.end) for finding in findings if finding.id == "fact.amount"]
    said = statements(document.text, document.narrative_span) if document.narrative_span else []
    return Errors(spans, {statement.index for statement in said
                          if any(statement.start <= start < statement.end for start, _ in misstated)})


def classify(number: Stated, claim: Claim, known: Known | None, errors: Errors) -> str:
    if any(start < claim.end and claim.number_start < end for start, end in errors.spans):
        return "wrong_in_original"
    if number.is_percent and claim.statement in errors.misstated_statements:
        return "wrong_in_original"  # a rate of an amount the tables contradict
    if number.value == 0:
        return "zero_left_out"
    if known is None:
        return "not_in_figures"
    if number.is_percent:
        held = any(round_half_up(rate, number.places) == number.value for rate in known.rates)
        return "in_figures_not_written" if held else "not_in_figures"
    if any(_same_amount(value, known.unit, number) for value in known.amounts):
        return "in_figures_not_written"
    if any(_same_amount(value, unit, number) for value, unit in known.table_cells):
        return "in_tables_not_extracted"
    return "not_in_figures"


def _same_amount(value: Decimal, unit: str, number: Stated) -> bool:
    try:
        return round_half_up(convert(value, unit, number.unit), number.places) == number.value
    except NumberError:
        return False


# ---------------------------------------------------------------- one document

@dataclass
class Measure:
    """Reproduced / distinct, for amounts or percentages."""

    distinct: int = 0
    reproduced: int = 0
    exact: int = 0
    missing: Counter = field(default_factory=Counter)
    missing_values: list[tuple[str, str]] = field(default_factory=list)  # numbers only: ("246.47万元", class)

    @property
    def ratio(self) -> Decimal | None:
        return None if not self.distinct else round_half_up(Decimal(self.reproduced) / Decimal(self.distinct), 3)

    def to_dict(self) -> dict:
        return {"distinct": self.distinct, "reproduced": self.reproduced, "exact": self.exact,
                "ratio": _text(self.ratio),
                "missing": {name: self.missing[name] for name in CLASSES if self.missing[name]},
                "missing_values": self.missing_values}


@dataclass
class RoundTrip:
    name: str
    amounts: Measure
    percentages: Measure
    note: str = ""  # why there is no redraft, when there is none

    @property
    def ratio(self) -> Decimal | None:
        total = self.amounts.distinct + self.percentages.distinct
        if not total:
            return None
        return round_half_up(Decimal(self.amounts.reproduced + self.percentages.reproduced) / Decimal(total), 3)

    @property
    def ratio_right(self) -> Decimal | None:
        """The ratio over the numbers the original states rightly (the issue's "except where the original
        is wrong"): those the checker finds wrong are left out of both counts."""
        wrong = self.amounts.missing["wrong_in_original"] + self.percentages.missing["wrong_in_original"]
        total = self.amounts.distinct + self.percentages.distinct - wrong
        if not total:
            return None
        return round_half_up(Decimal(self.amounts.reproduced + self.percentages.reproduced) / Decimal(total), 3)

    def to_dict(self) -> dict:
        return {"document": self.name, "amounts": self.amounts.to_dict(), "percentages": self.percentages.to_dict(),
                "ratio": _text(self.ratio), "ratio_without_wrong_in_original": _text(self.ratio_right),
                "note": self.note}


def _text(ratio: Decimal | None) -> str | None:
    return None if ratio is None else str(ratio)


def round_trip_document(document, name: str, template: str = "national") -> RoundTrip:
    """Redraft ``document`` (an extracted ``Document``) and count what of its narrative comes back."""
    from narrator.draft import draft, load_template_set

    if document.figures is None:
        redraft, note = "", "no figures extracted"
    else:
        redraft, note = draft(document.figures, load_template_set(template)).markdown, ""
    known = known_values(document) if document.figures is not None else None
    errors = checker_errors(document)
    result = compare(document.text, document.narrative_span, redraft,
                     lambda number, claim: classify(number, claim, known, errors), name)
    result.note = note
    return result


def compare(original: str, span: tuple[int, int] | None, redraft: str, why, name: str = "") -> RoundTrip:
    """Count the distinct numbers of ``original`` (within ``span``; none without one) that ``redraft``
    says again; ``why(number, claim)`` classifies each one it does not."""
    stated = stated_numbers(original, span) if span else {}
    said = list(stated_numbers(redraft)) if redraft else []
    result = RoundTrip(name, Measure(), Measure())
    for number, claim in sorted(stated.items(), key=lambda item: item[1].number_start):
        measure = result.percentages if number.is_percent else result.amounts
        measure.distinct += 1
        if any(reproduces(other, number) for other in said):
            measure.reproduced += 1
            measure.exact += any(exactly(other, number) for other in said)
        else:
            reason = why(number, claim)
            measure.missing[reason] += 1
            measure.missing_values.append((f"{number.value:.{number.places}f}{number.unit}", reason))
    return result


def round_trip(path: Path, template: str = "national") -> RoundTrip:
    from narrator.extract import extract

    return round_trip_document(extract(path), _name(path), template)


def _name(path: Path) -> str:
    """seed-000, putuo/guihuaziyuan-2024: a short name that is no corpus text."""
    if path.parent.name == "seeds":
        return f"seed-{path.name[:3]}"
    return f"{path.parent.name.removeprefix('shanghai-')}/{path.stem}"


# ---------------------------------------------------------------- output

def table(results: list[RoundTrip]) -> str:
    lines = ["| document | amounts | percentages | ratio | without the original's errors | missing: wrong / zero / "
             "not written / table not extracted / not in figures |", "| --- | --- | --- | --- | --- | --- |"]
    for result in results:
        missing = result.amounts.missing + result.percentages.missing
        lines.append(
            f"| {result.name} | {_fraction(result.amounts)} | {_fraction(result.percentages)} | "
            f"{_text(result.ratio) or '—'} | {_text(result.ratio_right) or '—'} | "
            f"{' / '.join(str(missing[name]) for name in CLASSES)} |")
    return "\n".join(lines)


def _fraction(measure: Measure) -> str:
    return f"{measure.reproduced}/{measure.distinct} ({_text(measure.ratio) or '—'})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", nargs="*", type=Path, help="default: seeds 000/002/004 and the Putuo PDFs")
    parser.add_argument("--template", default="national")
    parser.add_argument("--json", type=Path, help="write the figures (numbers and counts only) here")
    parser.add_argument("--verbose", action="store_true", help="also print each missing number and its class")
    args = parser.parse_args(argv)
    documents = args.documents or default_documents()
    if not documents:
        print("没有找到要测量的文件（../shared/seeds、../shared/corpus/shanghai-putuo）", file=sys.stderr)
        return 2
    results = [round_trip(path, args.template) for path in documents]
    print(table(results))
    if args.verbose:
        for result in results:
            for kind, measure in (("amount", result.amounts), ("percent", result.percentages)):
                said = ", ".join(f"{value} ({why})" for value, why in measure.missing_values)
                print(f"{result.name} {kind} missing: {said or '—'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"template": args.template, "documents": [result.to_dict() for result in results]}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
