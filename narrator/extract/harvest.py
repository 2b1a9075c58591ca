"""Harvest from the narrative the values no table holds: prior-year amounts, budgets, causes, counts.

The tables hold only the current year.  The narrative says "比上年增加X万元"
(so prior = current − change), "上年决算数为X", "年初预算为X万元" and "主要原因是…".
What a sentence talks about is decided by the section it stands in (三公, 基本支出,
一般公共预算…) and the subject words before its first number (an item name, a
function class).  Every value taken is recorded as a Provenance with its words.
"""

from __future__ import annotations

import re
from decimal import Decimal

from narrator.extract.narrative_current import AMOUNTS, COUNTS, NUMBER
from narrator.extract.types import Provenance, Section
from narrator.figures.facts import Facts
from narrator.numbers import ZERO, NumberError, convert, parse_number

_UNLISTED = "?"  # the subject of sentences about an item the tables do not list: nothing is bound to it
_PURPOSE = re.compile(r"\s*主\s*要\s*用\s*于")
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")  # not at line ends: page breaks fall mid-sentence
_CHANGE = re.compile(r"(增加|减少|增长|下降|降低|减)\s*了?\s*" + NUMBER)
_PRIOR = re.compile(r"(?:上年决算数?|上年度决算数?|上年)(?:为|是)\s*" + NUMBER)
# PDF lines break anywhere, inside the words too ("年\n初预算为 54.53万元")
_BUDGET = re.compile(r"年\s*初\s*预\s*算(?:\s*数)?(?:\s*[为是])?\s*" + NUMBER)
_FULL_BUDGET = re.compile(r"全\s*年\s*预\s*算(?:\s*数)?(?:\s*[为是])?\s*" + NUMBER)
_CAUSE = re.compile(r"主\s*要\s*原\s*因(?:是|为)?[：:，,]?\s*([^。]{2,200})")
_FLAT = re.compile(r"与上一?年(?:相比)?(?:持平|相同|一致)|较上年持平")
_THREE = [("公务用车购置及运行", "three_public.vehicle"), ("公务用车购置费", "three_public.vehicle_purchase"),
          ("公务用车运行", "three_public.vehicle_operation"), ("因公出国", "three_public.outbound"),
          ("公务接待", "three_public.reception")]


class Harvest:
    """Collects harvested values and their provenance for one document."""

    def __init__(self, text: str, unit: str, year: int | None = None):
        self.text, self.unit, self.year = text, unit, year
        self.values: dict[str, dict[str, Decimal | str]] = {"prior": {}, "budget": {}, "full_year_budget": {}, "causes": {}}
        self.provenance: list[Provenance] = []

    def note(self, field: str, value, start: int, end: int) -> None:
        self.provenance.append(Provenance(field, str(value), self.text[start:end], start, end))

    def amount(self, number: str, unit: str) -> Decimal | None:
        try:
            return convert(parse_number(number.replace("，", ",")).value, re.sub(r"\s", "", unit), self.unit)
        except NumberError:
            return None


# ---------------------------------------------------------------- current values

def harvest_current(data: dict, text: str, span: tuple[int, int], unit: str, tables_found: bool) -> list[Provenance]:
    """Fill figures fields no table gave from the narrative's own statements."""
    harvest = Harvest(text, unit)
    body = text[span[0]:span[1]]
    for path, pattern in AMOUNTS:
        if tables_found and not path.startswith(("procurement.", "operating_expenses", "performance.")):
            continue
        if _get(data, path) not in (None, ZERO):
            continue
        match = re.search(pattern, body)
        if match:
            value = harvest.amount(match.group(1), match.group(2))
            if value is not None:
                _set(data, path, value)
                harvest.note(path, value, span[0] + match.start(), span[0] + match.end())
    _keep_procurement_total(data, harvest)
    for path, pattern in COUNTS:
        match = re.search(pattern, body)
        if match and not _get(data, path):
            _set(data, path, int(match.group(1)))
            harvest.note(path, match.group(1), span[0] + match.start(), span[0] + match.end())
    if not tables_found:
        _classes_from_narrative(data, body, span[0], harvest)
        if _get(data, "summary.expenditure_total") is not None:
            _set(data, "expenditure.totals.total", data["summary"]["expenditure_total"])
    return harvest.provenance


def _keep_procurement_total(data: dict, harvest: Harvest) -> None:
    """A stated 总额 is kept only where rounding explains its gap to the parts.

    Equal to the parts it adds nothing; further off than three rounded parts allow
    (n × half a cent) it is the narrative's error, which the checker reports.
    """
    procurement = data.get("procurement") or {}
    stated = procurement.get("stated_total")
    if stated is None:
        return
    parts = sum((procurement.get(k) or ZERO for k in ("goods", "works", "services")), ZERO)
    if stated == parts or abs(stated - parts) > Decimal("0.015"):
        del procurement["stated_total"]
        harvest.provenance[:] = [p for p in harvest.provenance if p.field != "procurement.stated_total"]


def _classes_from_narrative(data: dict, body: str, base: int, harvest: Harvest) -> None:
    from narrator.extract.readers import CLASS_BY_NAME

    for match in re.finditer(r"([\u4e00-\u9fff]{2,20}?)(?:支出)?[（(]类[）)]\s*" + NUMBER, body):
        name = match.group(1) if match.group(1).endswith("支出") else match.group(1) + "支出"
        code = CLASS_BY_NAME.get(name)
        value = harvest.amount(match.group(2), match.group(3))
        by_class = data.setdefault("summary", {}).setdefault("expenditure_by_class", {})
        if code and value is not None and code not in by_class:
            by_class[code] = value
            harvest.note(f"summary.expenditure_by_class.{code}", value, base + match.start(), base + match.end())


def _get(data: dict, path: str):
    node = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _set(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


# ---------------------------------------------------------------- prior, budget, causes

def harvest_keyed(facts: Facts, text: str, sections: list[Section], unit: str, names: dict[str, str],
                  year: int | None = None) -> Harvest:
    """prior/budget/full_year_budget/causes by fact key, read sentence by sentence."""
    harvest = Harvest(text, unit, year)
    for section in sections:
        if any(s.level > section.level and section.start <= s.start < section.end for s in sections):
            body_end = min(s.start for s in sections if s.level > section.level and section.start < s.start < section.end)
        else:
            body_end = section.end
        context = _context(sections, section)
        subject = None
        for match in _SENTENCE.finditer(text, section.start, body_end):
            sentence = match.group(0)
            subject = _subject(sentence, context, names) or subject or _default_key(context)
            if subject is None or subject == _UNLISTED:
                continue
            _read_sentence(harvest, facts, subject, sentence, match.start())
    return harvest


def _context(sections: list[Section], section: Section) -> str:
    """The titles of a section and its parents: what its sentences are about."""
    parents = [s.title for s in sections if s.level < section.level and s.start <= section.start < s.end]
    return "".join(parents) + section.title


def _default_key(context: str) -> str | None:
    rules = [("三公", "three_public.total"), ("机关运行经费", "operating_expenses"),
             ("基本支出", "basic.total"), ("政府性基金", "government_fund.total"), ("国有资本", "state_capital.total"),
             ("一般公共预算财政拨款支出", "general_budget.total"), ("非财政拨款", "non_fiscal.income"),
             ("财政拨款收入支出决算总体", "fiscal.grand_total.*"), ("财政拨款收支决算总体", "fiscal.grand_total.*"),
             ("收入支出决算总体", "grand_total.*"), ("收入决算", "income.total"), ("支出决算", "expenditure.total")]
    for word, key in rules:
        if word in context:
            return key
    return None


def _subject(sentence: str, context: str, names: dict[str, str]) -> str | None:
    """An item named before the sentence's first number, within the section's subject."""
    if _PURPOSE.match(sentence):
        return None  # 主要用于：行政事业单位养老保险支出 — what the item paid for, not another item
    sentence = re.split(r"主\s*要\s*原\s*因", sentence, maxsplit=1)[0]  # what a cause names is no subject
    head = re.split(r"\d", re.sub(r"(?m)^[\s其中如：:]*\d+[.、．]", "", sentence), maxsplit=1)[0]
    raw = head
    head = re.sub(r"[（(][类款项][）)]|\s", "", head)
    if "三公" in context:
        return next((key for word, key in _THREE if word in head), None)
    if "基本支出" in context or "一般公共预算财政拨款支出" in context:
        prefix = "basic." if "基本支出" in context else "general_budget."
        found = []
        for name, key in names.items():
            core = name.removesuffix("支出") or name
            if key.startswith(prefix) and len(core) >= 2 and core in head:
                found.append((head.rfind(core) + len(core), len(core), key))
        if found:
            key = max(found)[2]  # the last-named (deepest) item, the longest name on a tie
            if re.search(r"[（(]项[）)]", raw) and len(key.rsplit(".", 1)[1]) < 7:
                return _UNLISTED  # a 项 the table does not list: its 款 is not what the sentences speak of
            return key
    return None


def _read_sentence(harvest: Harvest, facts: Facts, subject: str, sentence: str, start: int) -> None:
    end = start + len(sentence)
    for key in _expand(subject, sentence):
        if key not in facts:
            continue
        current = facts[key].current or _stated(harvest, sentence)
        for match in _CHANGE.finditer(sentence):
            value = harvest.amount(match.group(2), match.group(3))
            if value is None:
                continue
            clause = re.split(r"[，,]", sentence[:match.start()])[-1]
            field = "budget" if re.search(r"(较|比)[^，,。]{0,16}预算", clause) else "prior"
            sign = -1 if match.group(1) in ("减少", "下降", "降低", "减") else 1
            if current - sign * value < 0 <= current + sign * value:
                sign = -sign  # "增加2042.46万元，下降75.24%": the words contradict; the amounts cannot
            _put(harvest, field, key, current - sign * value, start, end)
        patterns = [(_PRIOR, "prior"), (_BUDGET, "budget"), (_FULL_BUDGET, "full_year_budget")]
        if harvest.year:
            patterns.insert(0, (_prior_year(harvest.year), "prior"))
        for pattern, field in patterns:
            match = pattern.search(sentence)
            if match:
                _put(harvest, field, key, harvest.amount(match.group(1), match.group(2)), start, end)
        if _FLAT.search(sentence):
            _put(harvest, "prior", key, current, start, end)
        cause = _CAUSE.search(sentence)
        if cause:
            suffix = "@budget" if _about_budget(sentence[:cause.start()]) else ""
            _put(harvest, "causes", key + suffix, re.sub(r"\s+", "", cause.group(1)).rstrip("；;"), start, end)


def _stated(harvest: Harvest, sentence: str) -> Decimal:
    """The amount a sentence states before its change: the current value when no table gave one."""
    change = _CHANGE.search(sentence)
    match = re.search(NUMBER, sentence[:change.start()] if change else "")
    return (harvest.amount(match.group(1), match.group(2)) or ZERO) if match else ZERO


def _prior_year(year: int) -> re.Pattern:
    """'2023 年度收、支决算总计 2714.59 万元': the prior year's amount stated outright."""
    return re.compile(rf"{year - 1}\s*年度?[^，,。；\d]{{0,12}}?(?:决算)?(?:总计|合计|决算数)为?\s*" + NUMBER)


def _about_budget(before: str) -> bool:
    """Whether a cause explains 决算 vs 预算 (the later comparison before it is with the budget)."""
    budget = [m.end() for m in re.finditer(r"预算数|预决算|预算相比|与预算", before)]
    prior = [m.end() for m in re.finditer(r"上一?年|20\d\d\s*年度?(决算|相比)", before)]
    return bool(budget) and max(budget) > max(prior, default=-1)


def _expand(subject: str, sentence: str) -> list[str]:
    """'grand_total.*' → the income and/or expenditure keys the sentence speaks of."""
    if not subject.endswith(".*"):
        return [subject]
    base = subject[:-2]
    says_income = "收入" in sentence or "收、支" in sentence or "收支" in sentence
    says_spend = "支出" in sentence or "收、支" in sentence or "收支" in sentence
    keys = ([f"{base}.income"] if says_income or not says_spend else []) + ([f"{base}.expenditure"] if says_spend or not says_income else [])
    return keys


def _put(harvest: Harvest, field: str, key: str, value, start: int, end: int) -> None:
    if value is None or key in harvest.values[field]:
        return
    harvest.values[field][key] = value
    harvest.note(f"{field}.{key}", value, start, end)
