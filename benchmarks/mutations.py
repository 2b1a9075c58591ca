"""Inject realistic errors with a known location into a clean narrative.

Every mutation is found by its own regular expressions (independent of the
checker, so the benchmark does not inherit the checker's reading) and records
where it changed the text.  Amount arithmetic is done with ``Decimal``; rates
are rounded half-up like the documents.  ``mutate(text, rng)`` is deterministic
for a ``random.Random(seed)``.

Kinds (``KINDS``):

direction_flip   增加↔减少, 增长↔下降 on one word followed by a non-zero number
                 (subkind: ``paired`` when an amount and a rate stand together,
                 ``alone`` otherwise)
percent_shift    a percentage after 占/增长/下降/完成…的/差异率/执行率 moved by
                 15–35 % of its value (at least 1 percentage point)
swap_shares      two different 占X% of one list exchanged
wrong_base       a change rate computed on the current amount instead of the
                 prior (rate_on_current), a completion rate as budget/actual
                 (completion_inverted), a variance on the actual
                 (variance_on_actual)
zero_base_100    a change rewritten as if the prior were zero: 增加X…，增长100.00%
                 (X the current amount), or （上年无此项支出） → ，增长100.00%
flat_direction   a zero change with direction words: 与上年持平 → 比上年增加0.00万元，
                 增长0.00%, or a change pair set to 0.00 / 0.00%
wrong_year       one mention of the report year replaced by the year before (subkind:
                 heading, date 截至…, statement 2024年度… opening a statement, cause
                 inside a 主要原因 — free text, not judgeable from the text — and other; the
                 heading, cause and other subkinds are not judgeable: see Mutation.judgeable)
total_mismatch   the head of a 其中 list whose parts added up to it, moved by 3–15 % (judgeable
                 when moved down: a 其中 list may name only some parts of a larger head)
cause_opposite   (model tier) a 主要原因 replaced by a cause of the opposite direction
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

KINDS = ("direction_flip", "percent_shift", "swap_shares", "wrong_base", "zero_base_100",
         "flat_direction", "wrong_year", "total_mismatch")
MODEL_KINDS = ("cause_opposite",)

# The severity a checker should give each kind (a finding below it is not a catch).
EXPECTED_SEVERITY = {
    "direction_flip": "error", "percent_shift": "error", "swap_shares": "error", "wrong_base": "error",
    "zero_base_100": "warning", "flat_direction": "warning", "wrong_year": "error",
    "total_mismatch": "error", "cause_opposite": "warning",
}

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(rf"(?P<num>{NUM})\s*(?P<unit>万元|元)")
_PERCENT = re.compile(rf"(?P<num>{NUM})\s*%")
_DIRECTION = re.compile(rf"(?P<word>增加|减少|增长|下降|降低)\s*(?P<num>{NUM})\s*(?P<unit>万元|元|%)")
_FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "降低": "增长"}
_PAIR = re.compile(
    rf"(?P<aword>增加|减少|降低)\s*(?P<amount>{NUM})\s*(?P<unit>万元|元)\s*[，,、]\s*"
    rf"(?P<rword>增长|下降|降低|减少)\s*(?P<rate>{NUM})\s*%"
)
_METRIC = re.compile(r"(占比?|增长|下降|降低|完成[^，。；%\d]{0,10}的|差异率为?|执行率为?)\s*$")
_SHARE = re.compile(rf"占比?\s*(?P<num>{NUM})\s*%")
_COMPLETION = re.compile(
    rf"预算(?:数)?(?:为)?\s*(?P<budget>{NUM})\s*(?P<u1>万元|元)\s*[，,]\s*(?:支出)?决算(?:数)?(?:为)?\s*"
    rf"(?P<actual>{NUM})\s*(?P<u2>万元|元)\s*[，,]\s*完成[^，。；%\d]{{0,8}}预算的\s*(?P<rate>{NUM})\s*%"
)
_VARIANCE = re.compile(
    rf"预算数\s*(?P<budget>{NUM})\s*(?P<u1>万元|元)\s*[，,]\s*决算数\s*(?P<actual>{NUM})\s*(?P<u2>万元|元)"
    rf"\s*[，,]\s*预决算差异率\s*(?P<rate>{NUM})\s*%"
)
_FLAT = re.compile(r"与上年(?:度)?(?:相比)?(?:持平|相同)")
# 减少1.5万元（42.86%），减少的主要原因是: a cause that names its direction right after a change
_CAUSE_WORD_AFTER = re.compile(r"\s*(?:[（(][^）)]{0,12}[）)])?\s*[，,]\s*(?:增加|减少|增长|下降|上升|降低)的?主?要?原因")
_NO_PRIOR = re.compile(r"[（(]上年无此项(?:支出|收入)?[）)]")
_YEAR = re.compile(r"(?P<year>20\d\d)\s*年")
_LIST = re.compile(r"其中[:：]?|主要用于(?:以下方面)?[:：]?")
_HEADING = re.compile(r"\n\s*(?:#+\s*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_INCREASE_CAUSE = "在编人员增多，工资福利支出相应增长"
_DECREASE_CAUSE = "严格执行过紧日子要求，大力压缩一般性支出"


@dataclass(frozen=True)
class Edit:
    start: int  # in the original text
    end: int
    new: str


@dataclass
class Mutation:
    kind: str
    subkind: str
    edits: tuple[Edit, ...]
    description: str
    text: str = ""  # the mutated text
    locations: list[tuple[int, int]] = field(default_factory=list)  # spans in the mutated text
    # Whether the text states what the mutated value is judged by, found by this module's own regexes
    # (independent of the checker): a rate with its change and current amount, a completion with its
    # budget and actual, a flipped word against its rate or its own cause word, a year where a figure
    # statement opens.  A percentage whose inputs the text never states is no error a reader can see.
    judgeable: bool = True

    def to_json(self) -> dict:
        return {"kind": self.kind, "subkind": self.subkind, "judgeable": self.judgeable, "description": self.description,
                "edits": [[e.start, e.end, e.new] for e in self.edits], "locations": self.locations}


def apply(text: str, kind: str, subkind: str, edits: list[Edit], description: str) -> Mutation:
    """The mutated text and where each edit landed in it."""
    edits = sorted(edits, key=lambda e: e.start)
    out, pos, shift, locations = [], 0, 0, []
    for edit in edits:
        out.append(text[pos:edit.start])
        out.append(edit.new)
        locations.append((edit.start + shift, edit.start + shift + len(edit.new)))
        shift += len(edit.new) - (edit.end - edit.start)
        pos = edit.end
    out.append(text[pos:])
    return Mutation(kind, subkind, tuple(edits), description, "".join(out), locations)


def map_offset(mutation: Mutation, offset: int) -> int | None:
    """Where an offset of the original lies in the mutated text (None inside an edit)."""
    shift = 0
    for edit in mutation.edits:
        if offset < edit.start:
            break
        if offset < edit.end:
            return None
        shift += len(edit.new) - (edit.end - edit.start)
    return offset + shift


# ------------------------------------------------------------------ numbers


def dec(raw: str) -> Decimal:
    return Decimal(re.sub(r"[,\s]", "", raw))


def places(raw: str) -> int:
    raw = re.sub(r"\s", "", raw)
    return len(raw.split(".")[1]) if "." in raw else 0


def fmt(value: Decimal, n: int, like: str = "") -> str:
    """``value`` half-up to ``n`` places, with thousands separators when ``like`` had them."""
    q = value.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)
    return f"{q:,.{n}f}" if "," in like else f"{q:.{n}f}"


def rate(part: Decimal, whole: Decimal, n: int) -> Decimal:
    return (part / whole * 100).quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)


def bounds(raw: str) -> tuple[Decimal, Decimal]:
    """The values a stated number could have had before half-up rounding."""
    value, half = dec(raw), Decimal(5).scaleb(-places(raw) - 1)
    return max(Decimal(0), value - half), value + half


def rounding_explains(new: Decimal, n: int, low: Decimal, high: Decimal) -> bool:
    """Whether a percentage stated as ``new`` (n places) fits some value in [low, high] (in %)."""
    half = Decimal(5).scaleb(-n - 1)
    return new + half >= low and new - half <= high


def pair_rate_range(current_raw: str, change_raw: str, up: bool) -> tuple[Decimal, Decimal] | None:
    """The change rates (in %) that the rounded current amount and change allow."""
    c_lo, c_hi = bounds(current_raw)
    d_lo, d_hi = bounds(change_raw)
    p_lo, p_hi = (c_lo - d_hi, c_hi - d_lo) if up else (c_lo + d_lo, c_hi + d_hi)
    if p_lo <= 0:
        return None  # the prior could be zero: any rate is possible
    return d_lo / p_hi * 100, d_hi / p_lo * 100


def ratio_range(part_raw: str, whole_raw: str) -> tuple[Decimal, Decimal] | None:
    a_lo, a_hi = bounds(part_raw)
    b_lo, b_hi = bounds(whole_raw)
    if b_lo <= 0:
        return None
    return a_lo / b_hi * 100, a_hi / b_lo * 100


def sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence around ``at``: between 。 (or a blank line, or a heading) and the next."""
    start = max(text.rfind("。", 0, at), text.rfind("\n\n", 0, at))
    start = start + 1 if start >= 0 else 0
    stops = [i for i in (text.find("。", at), text.find("\n\n", at)) if i >= 0]
    end = min(stops) if stops else len(text)
    return start, end


def report_year(text: str) -> int | None:
    years = Counter(int(m.group("year")) for m in _YEAR.finditer(text))
    return max(years, key=lambda y: (years[y], y)) if years else None


def _clear_year(text: str, year: int) -> bool:
    years = Counter(int(m.group("year")) for m in _YEAR.finditer(text))
    return all(years[year] > n for y, n in years.items() if y != year)


def amount_unit(text: str) -> str:
    """The document's amount unit: the one most of its amounts use."""
    units = Counter(m.group("unit") for m in _AMOUNT.finditer(text))
    return units.most_common(1)[0][0] if units else "万元"


# ------------------------------------------------------------------ kinds


def direction_flip(text: str) -> list[Mutation]:
    pairs = [(m.start(), m.end()) for m in _PAIR.finditer(text)]
    out = []
    for m in _DIRECTION.finditer(text):
        if dec(m.group("num")) == 0:
            continue  # a flipped zero change is the flat_direction kind
        word = m.group("word")
        sub = "paired" if any(a <= m.start() < b for a, b in pairs) else "alone"
        mutation = apply(text, "direction_flip", sub, [Edit(m.start(), m.start() + len(word), _FLIP[word])],
                         f"{word}→{_FLIP[word]} in {m.group(0)!r}")
        mutation.judgeable = sub == "paired" or bool(_CAUSE_WORD_AFTER.match(text, m.end()))
        out.append(mutation)
    return out


def _metric(text: str, start: int) -> str | None:
    before = text[max(0, start - 14):start]
    m = _METRIC.search(before)
    if not m:
        return None
    word = m.group(1)
    if word.startswith("占"):
        return "share"
    if word.startswith("完成"):
        return "completion"
    if word.startswith("差异率"):
        return "variance"
    if word.startswith("执行率"):
        return "execution"
    return "rate"


def _allowed_ranges(text: str) -> dict[int, tuple[Decimal, Decimal] | None]:
    """Start of a rate/completion percentage → the values rounding allows (None: anything)."""
    ranges: dict[int, tuple[Decimal, Decimal] | None] = {}
    for pair in _PAIR.finditer(text):
        current = _current_before(text, pair)
        if current is not None and current.group("unit") == pair.group("unit"):
            ranges[pair.start("rate")] = pair_rate_range(current.group("num"), pair.group("amount"),
                                                         pair.group("aword") == "增加")
    for m in _COMPLETION.finditer(text):
        ranges[m.start("rate")] = ratio_range(m.group("actual"), m.group("budget"))
    return ranges


def percent_shift(text: str, rng: random.Random) -> list[Mutation]:
    """Shift by 15–35 % of the value (at least 1 point); where the sentence gives the inputs
    (a change pair with its current amount, a completion with budget and actual) the shift is
    doubled until rounding of those inputs cannot explain it, or the site is skipped."""
    out = []
    allowed = _allowed_ranges(text)
    for m in _PERCENT.finditer(text):
        value, n = dec(m.group("num")), places(m.group("num"))
        metric = _metric(text, m.start())
        if metric is None or value == 0:
            continue
        step = max(Decimal(1), value * Decimal(rng.randint(15, 35)) / 100)
        sign = rng.choice((1, -1))
        new = None
        for _ in range(4):
            candidate = value + sign * step
            if candidate <= 0:
                candidate = value + step
            known = allowed.get(m.start("num"), ())
            if known is None:  # the inputs allow any rate (a zero prior within rounding)
                break
            if known and rounding_explains(candidate.quantize(Decimal(1).scaleb(-n)), n, *known):
                step *= 2
                continue
            new = candidate
            break
        if new is None:
            continue
        new_raw = fmt(new, n)
        mutation = apply(text, "percent_shift", metric, [Edit(m.start("num"), m.end("num"), new_raw)],
                         f"{m.group('num')}% → {new_raw}%")
        mutation.judgeable = bool(allowed.get(m.start("num")))  # its inputs stated beside it
        out.append(mutation)
    return out


def _share_groups(text: str) -> list[list[re.Match]]:
    groups: list[list[re.Match]] = []
    last = None
    for m in _SHARE.finditer(text):
        gap = text[last.end():m.start()] if last is not None else ""
        if last is None or len(gap) > 120 or "\n\n\n" in gap or _HEADING.search(gap) or "主要用于" in gap \
                or "其中" in gap:
            groups.append([m])
        else:
            groups[-1].append(m)
        last = m
    return [g for g in groups if len(g) >= 2]


def swap_shares(text: str, rng: random.Random) -> list[Mutation]:
    out = []
    for group in _share_groups(text):
        pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:]
                 if dec(a.group("num")) != dec(b.group("num"))]
        if not pairs:
            continue
        for a, b in rng.sample(pairs, min(3, len(pairs))):
            edits = [Edit(a.start("num"), a.end("num"), b.group("num")),
                     Edit(b.start("num"), b.end("num"), a.group("num"))]
            out.append(apply(text, "swap_shares", "list", edits,
                             f"占{a.group('num')}% ↔ 占{b.group('num')}%"))
    return out


def _current_before(text: str, pair: re.Match) -> re.Match | None:
    """The last amount before a change pair in its sentence that is not itself a change."""
    s, _ = sentence(text, pair.start())
    found = None
    for m in _AMOUNT.finditer(text, s, pair.start()):
        if re.search(r"(增加|减少|降低|增长|下降)\s*$", text[max(0, m.start() - 4):m.start()]):
            continue
        found = m
    return found


def _consistent_rate(text: str, pair: re.Match) -> tuple[re.Match, Decimal, Decimal] | None:
    """(current, change, prior) when the pair's rate equals change/prior within one last-place unit."""
    current = _current_before(text, pair)
    if current is None or current.group("unit") != pair.group("unit"):
        return None
    x, y = dec(current.group("num")), dec(pair.group("amount"))
    up = pair.group("aword") == "增加"
    prior = x - y if up else x + y
    if prior <= 0 or y == 0:
        return None
    z, n = dec(pair.group("rate")), places(pair.group("rate"))
    if abs(rate(y, prior, n) - z) > Decimal(1).scaleb(-n):
        return None
    return current, y, prior


def wrong_base(text: str) -> list[Mutation]:
    out = []
    for pair in _PAIR.finditer(text):
        found = _consistent_rate(text, pair)
        if found is None:
            continue
        current, y, _ = found
        n = places(pair.group("rate"))
        if dec(current.group("num")) == 0:
            continue
        wrong = rate(y, dec(current.group("num")), n)
        known = pair_rate_range(current.group("num"), pair.group("amount"), pair.group("aword") == "增加")
        if known is None or rounding_explains(wrong, n, *known):
            continue  # rounding of the stated amounts could explain the wrong rate
        new = fmt(wrong, n)
        out.append(apply(text, "wrong_base", "rate_on_current",
                         [Edit(pair.start("rate"), pair.end("rate"), new)],
                         f"{pair.group('rate')}% → {new}% (= {pair.group('amount')}/{current.group('num')}, "
                         f"the current amount as base)"))
    for m in _COMPLETION.finditer(text):
        budget, actual, n = dec(m.group("budget")), dec(m.group("actual")), places(m.group("rate"))
        if budget == 0 or actual == 0 or m.group("u1") != m.group("u2"):
            continue
        wrong = rate(budget, actual, n)
        known = ratio_range(m.group("actual"), m.group("budget"))
        if known is None or rounding_explains(wrong, n, *known):
            continue
        new = fmt(wrong, n)
        out.append(apply(text, "wrong_base", "completion_inverted", [Edit(m.start("rate"), m.end("rate"), new)],
                         f"{m.group('rate')}% → {new}% (= budget/actual)"))
    for m in _VARIANCE.finditer(text):
        budget, actual, n = dec(m.group("budget")), dec(m.group("actual")), places(m.group("rate"))
        if budget == 0 or actual == 0 or budget == actual:
            continue
        new = fmt(rate(abs(actual - budget), actual, n), n)
        out.append(apply(text, "wrong_base", "variance_on_actual", [Edit(m.start("rate"), m.end("rate"), new)],
                         f"差异率{m.group('rate')}% → {new}% (= (actual−budget)/actual)"))
    return out


def _hundred(raw_rate: str) -> str:
    return fmt(Decimal(100), places(raw_rate))


def zero_base_100(text: str) -> list[Mutation]:
    out = []
    for pair in _PAIR.finditer(text):
        current = _current_before(text, pair)
        if current is None or current.group("unit") != pair.group("unit") or dec(current.group("num")) == 0:
            continue
        if pair.group("aword") == "增加" and dec(pair.group("rate")) == 100:
            continue  # already a zero base
        amount = current.group("num")
        new = f"增加{amount}{pair.group('unit')}，增长{_hundred(pair.group('rate'))}%"
        out.append(apply(text, "zero_base_100", "from_change", [Edit(pair.start(), pair.end(), new)],
                         f"{pair.group(0)!r} → {new!r} (prior 0)"))
    for m in _NO_PRIOR.finditer(text):
        new = "，增长100.00%"
        out.append(apply(text, "zero_base_100", "from_no_prior", [Edit(m.start(), m.end(), new)],
                         f"{m.group(0)!r} → {new!r}"))
    return out


def flat_direction(text: str, rng: random.Random) -> list[Mutation]:
    out = []
    unit = amount_unit(text)
    for m in _FLAT.finditer(text):
        word, rword = rng.choice((("增加", "增长"), ("减少", "下降")))
        new = f"比上年{word}0.00{unit}，{rword}0.00%"
        out.append(apply(text, "flat_direction", "from_flat", [Edit(m.start(), m.end(), new)],
                         f"{m.group(0)!r} → {new!r}"))
    for pair in _PAIR.finditer(text):
        if dec(pair.group("amount")) == 0:
            continue
        new = f"{pair.group('aword')}{fmt(Decimal(0), places(pair.group('amount')) or 2)}{pair.group('unit')}，" \
              f"{pair.group('rword')}{fmt(Decimal(0), places(pair.group('rate')) or 2)}%"
        out.append(apply(text, "flat_direction", "from_change", [Edit(pair.start(), pair.end(), new)],
                         f"{pair.group(0)!r} → {new!r}"))
    return out


def wrong_year(text: str) -> list[Mutation]:
    year = report_year(text)
    if year is None:
        return []
    out = []
    first_line_end = text.find("\n", text.find("第")) if "第" in text[:200] else 0
    for m in _YEAR.finditer(text):
        if int(m.group("year")) != year:
            continue
        before = text[max(0, m.start() - 3):m.start()].rstrip()
        if m.start() < first_line_end:
            sub = "heading"
        elif before.endswith("截至"):
            sub = "date"
        elif _in_cause(text, m.start()):
            sub = "cause"  # 主要原因是2024年…: a cause may name any year; no text-only rule can judge it
        elif (not before or before[-1] in "。\n：:；;，,") and re.match(r"\s*年\s*度", text[m.end("year"):]):
            sub = "statement"  # the year a figure statement opens with: 2024年度收入合计…
        else:
            sub = "other"  # a description: may legitimately name another year
        new = str(year - 1)
        mutation = apply(text, "wrong_year", sub, [Edit(m.start("year"), m.end("year"), new)],
                         f"{year} → {new} in {text[m.start():m.end() + 6]!r}")
        # a cause or a description may name any year; the title is where the report year is read from,
        # so with its year changed the text no longer says which year it reports
        # and the mutant must still say which year it reports: its year named more often than any other
        mutation.judgeable = sub not in ("cause", "other", "heading") and _clear_year(mutation.text, year)
        out.append(mutation)
    return out


def _in_cause(text: str, at: int) -> bool:
    """Whether ``at`` lies in a cause: after 原因/由于 in its sentence."""
    start, _ = sentence(text, at)
    return bool(re.search(r"原因|由于", text[start:at]))


def total_mismatch(text: str, rng: random.Random) -> list[Mutation]:
    out = []
    for lm in _LIST.finditer(text):
        s, e = sentence(text, lm.start())
        heads = [m for m in _AMOUNT.finditer(text, s, lm.start())]
        if not heads:
            continue
        head = heads[-1]
        list_end = e
        nested = re.search(r"主要包括|其中[:：]", text[lm.end():e])
        if nested:
            continue  # a nested list: its sub-totals would be counted twice
        parts = [m for m in _AMOUNT.finditer(text, lm.end(), list_end)
                 if not re.search(r"(增加|减少|降低)\s*$", text[max(0, m.start() - 4):m.start()])
                 and m.group("unit") == head.group("unit")]
        if len(parts) < 2:
            continue
        n = max([places(head.group("num"))] + [places(p.group("num")) for p in parts])
        total, summed = dec(head.group("num")), sum((dec(p.group("num")) for p in parts), Decimal(0))
        slack = Decimal(len(parts) + 1) * Decimal(5).scaleb(-n - 1)  # half a last-place unit each
        if total == 0 or abs(total - summed) > slack:
            continue  # the parts did not add up before: not a clean total
        step = max(Decimal(1), total * Decimal(rng.randint(3, 15)) / 100)
        new_total = total + rng.choice((1, -1)) * step
        if new_total <= 0:
            new_total = total + step
        new = fmt(new_total, places(head.group("num")), head.group("num"))
        mutation = apply(text, "total_mismatch", "list_head", [Edit(head.start("num"), head.end("num"), new)],
                         f"total {head.group('num')} → {new} (parts add to {summed})")
        # parts short of their head may be a 其中 list that names only some: only parts above it are sure
        mutation.judgeable = new_total < total
        out.append(mutation)
    return out


def cause_opposite(text: str) -> list[Mutation]:
    from narrator.llm.cause_check import cause_sites

    out = []
    for site in cause_sites(text):
        cause = _DECREASE_CAUSE if site.item.direction in ("增加", "增长") else _INCREASE_CAUSE
        out.append(apply(text, "cause_opposite", site.item.direction, [Edit(site.start, site.end, cause)],
                         f"cause of a {site.item.direction} → {cause!r}"))
    return out


def generate(text: str, rng: random.Random, kinds=KINDS) -> list[Mutation]:
    """Every candidate mutation of ``text`` for ``kinds`` (unsampled), in a fixed order."""
    makers = {
        "direction_flip": lambda: direction_flip(text),
        "percent_shift": lambda: percent_shift(text, rng),
        "swap_shares": lambda: swap_shares(text, rng),
        "wrong_base": lambda: wrong_base(text),
        "zero_base_100": lambda: zero_base_100(text),
        "flat_direction": lambda: flat_direction(text, rng),
        "wrong_year": lambda: wrong_year(text),
        "total_mismatch": lambda: total_mismatch(text, rng),
        "cause_opposite": lambda: cause_opposite(text),
    }
    out: list[Mutation] = []
    for kind in kinds:
        out.extend(makers[kind]())
    return out


def sample(mutations: list[Mutation], rng: random.Random, per_kind: int) -> list[Mutation]:
    """At most ``per_kind`` mutations of each kind, drawn with ``rng``, in generation order."""
    by_kind: dict[str, list[int]] = {}
    for i, m in enumerate(mutations):
        by_kind.setdefault(m.kind, []).append(i)
    keep: set[int] = set()
    for indexes in by_kind.values():
        keep.update(indexes if len(indexes) <= per_kind else rng.sample(indexes, per_kind))
    return [m for i, m in enumerate(mutations) if i in keep]


def mutate(text: str, seed: int = 0, per_kind: int = 30, kinds=KINDS) -> list[Mutation]:
    rng = random.Random(seed)
    return sample(generate(text, rng, kinds), rng, per_kind)
