"""Read the formulaic sentences of a narrative into typed claims.

Every number written with a unit (元/万元/亿元, %, 百分之…) becomes a Claim.  Its
metric is told by the words right before it: 占 → share, 增加/下降 → change or
change rate, 完成…预算的 → completion, 差异率 → variance, 执行率 → execution,
anything else → an amount whose role (budget, actual) comes from its subject.
The words are matched with whitespace removed, because PDF text splits words
("减 少", "支出决\\n\\n算", even the unit: "2336.91 万\\n元"), but every span is an offset
into the text as given.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Literal

from narrator.numbers import DIRECTION_SIGNS, NumberError, ParsedNumber, parse_chinese_number, parse_number
from narrator.read.statements import Statement

Metric = Literal["amount", "share", "change", "change_rate", "completion", "variance", "execution"]
Role = Literal["budget", "full_year_budget", "actual", "plain"]

_NUMBER = r"(?<![\d.．])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s?[.．]\s?\d+)?"
_TOKEN = re.compile(
    r"(?=[-－−\d百])"  # the first character every alternative needs: most positions fail here at once
    rf"(?:(?P<neg>[-－−]\s?)?(?P<num>{_NUMBER})\s*(?P<unit>万\s*元|亿\s*元|元|%|％|(?P<bare>[万亿])(?![ \t]*元)(?=[ \t]*(?:[，,；;。)）\n]|$)))"
    r"|百分之(?P<cn>[零〇一二两三四五六七八九十百点\d.]+))"
)
MONEY_WORDS = re.compile(r"费|支出|收入|经费|资金|预算|决算|合计|总额|增加|减少|增收|减收")
_CLAUSE_DELIMS = "，,；;。：:、！？!?"
_DIRECTIONS = "|".join(sorted(DIRECTION_SIGNS, key=len, reverse=True))
# A rate named by its direction: 增幅/降幅/涨幅/跌幅, and every direction word + 率 or 幅度 (上升率, 降低幅度)
_RATE_WORDS = {"增幅": 1, "涨幅": 1, "降幅": -1, "减幅": -1, "跌幅": -1,
               **{word + tail: sign for word, sign in DIRECTION_SIGNS.items() if sign for tail in ("率", "幅度")}}
# …增加额1.50万元: a direction word + 额 names the amount of the change
_DIRECTION_AT_END = re.compile(
    rf"(?P<word>{'|'.join(sorted(_RATE_WORDS, key=len, reverse=True))}|{_DIRECTIONS})额?了?(?:为|达|达到|是)?$")
# 较上年减少0.8万元（25.00%）: the rate of a change, in brackets right after it
_BRACKETED_RATE = re.compile(rf"(?P<word>{_DIRECTIONS})了?[\d.,]+(?:万元|亿元|元)(?P<at>[（(])$")
_SHARE_NAMED = re.compile(r"占(?P<whole>[^占，,；;。]{1,40}?)的(?:比例|比重)?(?:为|达|达到)?$")
_SHARE = re.compile(r"占(?:比)?(?:为|达|达到)?$")
# 完成年初预算的, 完成预算, 完成调整后支出预算的, 为年度调整预算的, 是/相当于年初预算的, 占调整预算数, 完成年初预算数45000万元的,
# 预算完成率为: actual ÷ budget however the budget is named (and whether or not it is stated inside)
_COMPLETION = re.compile(
    r"(?:完成|为|是|相当于|达到?|占)了?(?P<base>年初|全年|调整后?|年度)?[^\d，,；;。%占]{0,6}?预算数?"
    r"(?:[\d.,]+(?:万元|亿元|元))?的?(?:比例|比重)?$"
    r"|预算完成率(?:为|达)?$"
)
# 占一般公共预算支出80.0%, 占一般公共预算收入比重75.0%: a named whole without 的
_SHARE_NAMED_BARE = re.compile(r"占(?!比?(?:为|达|达到)?$)(?P<whole>[^占，,；;。\d%]{2,40}?)(?:比例|比重)?(?:为|达|达到)?$")
_VARIANCE = re.compile(r"差异率(?:为)?$")
_EXECUTION = re.compile(r"执行率(?:为|达|达到|是)?$")
# 比2023年XX 5%, 同比XX 3万元: the place of a direction word after a comparison.  When the word there is
# none a reader knows (a spun copy's 增添, 镌汰), the number is left unread and the word named, never guessed.
_COMPARED_WORD = re.compile(
    r"(?:(?:比|较)[^比较，,；;。]{0,16}?(?:上年|去年|年度?|同期|预算数?|决算数?)|同比|环比)(?P<word>[\u4e00-\u9fff]{1,3})$")
_KNOWN_AFTER_COMPARISON = re.compile(
    r"^(?:多|少|增|减|高|低|超|升|降|涨|跌|提升|回落|扩大|缩小|节约|节支|压减|压缩|超支|超收|翻番|新增|净增|持平|"
    r"增幅|降幅|减幅|增长率|下降率)?(?:了|为|达|约|近|超过|达到)*$")
# 比年初预算8.3亿元, 较2024年的2190万元: the number is the base compared with, and the words before it name it
_BASE_CHARACTERS = re.compile("[的年初期数预决算额计入出拨支收]|完成")
# 年均增长4.22%, 平均每年增长…: a growth rate averaged over years is no change between two amounts
_AVERAGED = re.compile(r"(?:年均|平均|每年|年复合)$")
# 公共财政预算: the name of 一般公共预算 before 2015
_FUNDS = re.compile(r"一般公共预算|公共财政预算|政府性基金预算|国有资本经营预算|社会保险基金预算|预算绩效|预算管理|预算编制")
_WORD_SIGNS = {**DIRECTION_SIGNS, **_RATE_WORDS}
# The words before a number are read from their end: each pattern above ends with $ and matches at most
# _WINDOW characters — but for an amount inside it (完成年初预算数45000万元的, 减少0.8万元（), which only
# words ending in 元的/元（ can hold — so only their last _WINDOW characters are searched: a table flattened
# into one clause thousands of numbers long is not read through again for each number.
_WINDOW = 64
# A subject is a name: the words of prose run a few dozen characters before their number.  Only a table
# flattened into one clause runs longer, and there each number's words would hold the whole table so far
# (memory growing with the square of its rows); the end, next to the number, is kept.
_SUBJECT_KEPT = 200
_LONG_ONLY_AFTER = {_COMPLETION: re.compile(r"元的?(?:比例|比重)?$"), _BRACKETED_RATE: re.compile(r"元[（(]$")}


def _at_end(pattern: re.Pattern[str], words: str) -> re.Match[str] | None:
    """``pattern.search(words)`` for a pattern ending with $ (see _WINDOW)."""
    guard = _LONG_ONLY_AFTER.get(pattern)
    if guard is not None and guard.search(words, max(0, len(words) - 8)):
        return pattern.search(words)
    return pattern.search(words, max(0, len(words) - _WINDOW))


@dataclass(frozen=True)
class Claim:
    """One number the narrative asserts, with what it is about."""

    metric: Metric
    subject: str  # words before the number in its clause, whitespace removed
    stated: ParsedNumber | None  # None: the number could not be read
    unit: str  # 元 / 万元 / 亿元 / %
    start: int  # span of the phrase (direction word or 占 … through the unit)
    end: int
    number_start: int  # span of the number and unit only
    statement: int  # index into the statements
    direction: str | None = None  # the direction word as written (增加, 下降 …)
    base: str | None = None  # a share's named whole, or 年初/全年 for completion
    role: Role = "plain"  # for amounts: is it a budget, an actual, or neither
    unit_missing: bool = False  # written 807.95万 (read as 万元, and reported by number.unit)
    unread_direction: str = ""  # 比上年增添3.8%: a word where a direction word belongs, not one the reader knows

    @property
    def sign(self) -> int | None:
        """The sign the direction word asserts (+1, −1, 0), None without one."""
        return None if self.direction is None else _WORD_SIGNS.get(self.direction)

    @property
    def signed(self) -> ParsedNumber | None:
        """The stated value with the direction word's sign applied (减少5 → −5)."""
        if self.stated is None or self.sign is None or self.sign >= 0:
            return self.stated
        return ParsedNumber(-self.stated.value, self.stated.places)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


_NON_SPACE = re.compile(r"\S")  # re's \s is str.isspace(), the whitespace str.split() drops


def compact(raw: str) -> tuple[str, list[int]]:
    """``raw`` without whitespace, and the index in ``raw`` of each kept character."""
    squeezed = squeeze(raw)
    if len(squeezed) == len(raw):  # most words have no whitespace: no per-character work
        return raw, list(range(len(raw)))
    return squeezed, [m.start() for m in _NON_SPACE.finditer(raw)]


def squeeze(raw: str) -> str:
    """``raw`` without whitespace (``compact(raw)[0]``, without the offsets)."""
    return "".join(raw.split())


def read_claims(text: str, statements: list[Statement]) -> list[Claim]:
    claims: list[Claim] = []
    for statement in statements:
        claims.extend(_statement_claims(text, statement))
    return claims


def _statement_claims(text: str, statement: Statement) -> list[Claim]:
    claims = []
    clauses = _Clauses(text, statement)
    for match in _TOKEN.finditer(text, statement.start, statement.end):
        if _is_excluded(text, match):
            continue
        claim = _claim(text, statement, match, clauses)
        claims.append(_continuing(text, claims[-1], claim) if claims else claim)
    return claims


_CLAUSE_DELIM = re.compile("[" + re.escape(_CLAUSE_DELIMS) + "]")


class _Clauses:
    """A statement's clause delimiters, found once: a table flattened into one statement is one
    clause thousands of numbers long, which a scan back from each number would read again each time.
    The words before a number are squeezed once too, each piece appended as the numbers go on."""

    def __init__(self, text: str, statement: Statement):
        self.text, self.floor = text, statement.start
        self._delims = [m.start() for m in _CLAUSE_DELIM.finditer(text, statement.start, statement.end)]
        self._squeezed: tuple[int, int, str] = (-1, -1, "")  # (clause start, end, the words between squeezed)

    def start(self, position: int) -> int:
        """Where the clause holding ``position`` starts (after the last delimiter before it)."""
        i = bisect_left(self._delims, position)
        return self._delims[i - 1] + 1 if i else self.floor

    def squeezed(self, start: int, end: int) -> str:
        """``squeeze(text[start:end])``, extending the last answer when ``start`` is the same."""
        begun, ended, words = self._squeezed
        words = words + squeeze(self.text[ended:end]) if begun == start and ended <= end else squeeze(self.text[start:end])
        self._squeezed = (start, end, words)
        return words


_RUN_JOINS = re.compile(r"^\s*(?:、|和|及|与)\s*$")


def _continuing(text: str, previous: Claim, claim: Claim) -> Claim:
    """各占60%、40% and 分别增长11.11%、下降5.26%: a bare percentage joined by 、/和 to a share or a
    rate is one more of the same kind."""
    if not (claim.is_percent and previous.is_percent and claim.metric == "amount" and not claim.subject):
        return claim
    if previous.metric not in ("share", "change_rate", "completion") or not _RUN_JOINS.match(
            text[previous.end:claim.number_start]):
        return claim
    return replace(claim, metric=previous.metric, direction=previous.direction, base=previous.base)


def _is_excluded(text: str, match: re.Match[str]) -> bool:
    """单价100万元以上 is a threshold, not an amount; 约35万， of people is no amount of money (a bare
    万 is read as 万元 only after words of money: 三公经费决算数合计为750.00万，; number.unit warns)."""
    after = squeeze(text[match.end():match.end() + 8])
    before = squeeze(text[max(0, match.start() - 4):match.start()])
    if match.group("bare") and not MONEY_WORDS.search(text, max(0, match.start() - 12), match.start()):
        return True
    if _in_url(text, match.start()):
        return True
    return after.startswith(("（含）以上", "(含)以上", "以上", "以下")) or before.endswith("单价")


def _in_url(text: str, at: int) -> bool:
    """A page's address (…/xinwen/%25E4%25B8…): its digits and percent signs are no figures."""
    start = at
    while start > 0 and at - start < 400 and text[start - 1].isascii() and not text[start - 1].isspace():
        start -= 1
    return "://" in text[start:at] or text.startswith("www.", start)


def _claim(text: str, statement: Statement, match: re.Match[str], clauses: _Clauses) -> Claim:
    number_start = match.start("num") if match.group("num") else match.start()
    clause_start = clauses.start(number_start)
    prefix = clauses.squeezed(clause_start, number_start)
    unit = "%" if match.group("cn") or match.group("unit") in ("%", "％") else compact(match.group("unit"))[0]
    if match.group("bare"):
        unit += "元"  # 750.00万 → 750.00万元
    # …?6210万元: a digit may have been lost with the garbled character before it (number.garbled)
    stated = None if text[number_start - 1:number_start] in ("?", "？", "\ufffd") else _parse(match)
    fields = _classify(prefix, unit)
    at = fields.pop("at", None)
    start = clause_start + _kept_offset(text, clause_start, number_start, prefix, at) if at is not None else number_start
    subject = (fields.pop("subject") or _label_before_colon(text, clauses, clause_start))[-_SUBJECT_KEPT:]
    return Claim(
        subject=subject, stated=stated, unit=unit, start=start, end=match.end(),
        number_start=number_start, statement=statement.index, unit_missing=bool(match.group("bare")), **fields,
    )


def _parse(match: re.Match[str]) -> ParsedNumber | None:
    try:
        if match.group("cn"):
            return parse_chinese_number(match.group("cn"))
        parsed = parse_number(match.group("num").replace("．", "."))
    except NumberError:
        return None
    if match.group("neg"):
        return ParsedNumber(-parsed.value, parsed.places)
    return parsed


def _kept_offset(text: str, start: int, end: int, kept: str, at: int) -> int:
    """The offset in ``text[start:end]`` of ``kept[at]``, ``kept`` being that text squeezed; counted
    from the end, since ``at`` (where a metric's words begin) is near the number."""
    if len(kept) == end - start:
        return at
    wanted, i = len(kept) - at, end
    while wanted:
        i -= 1
        wanted -= not text[i].isspace()
    return i - start


def _label_before_colon(text: str, clauses: _Clauses, clause_start: int) -> str:
    """人员经费：108.27万元 — the subject sits before the colon."""
    if clause_start <= clauses.floor or text[clause_start - 1] not in "：:":
        return ""
    return squeeze(text[clauses.start(clause_start - 1):clause_start - 1])


def _classify(prefix: str, unit: str) -> dict:
    """Metric, direction, base and role from the words before the number."""
    if unit == "%":
        return _classify_percent(prefix)
    direction = _at_end(_DIRECTION_AT_END, prefix)
    if direction and direction.group("word") in DIRECTION_SIGNS:
        return {"metric": "change", "direction": direction.group("word"),
                "subject": prefix[:direction.start()], "at": direction.start()}
    return {"metric": "amount", "role": amount_role(prefix), "subject": prefix, **_unread_direction(prefix)}


def _classify_percent(prefix: str) -> dict:
    named = _at_end(_SHARE_NAMED, prefix)
    if named:
        return {"metric": "share", "base": named.group("whole"), "subject": prefix[:named.start()],
                "at": named.start()}
    bare = _at_end(_SHARE_NAMED_BARE, prefix)
    if bare and not _at_end(_COMPLETION, prefix):
        return {"metric": "share", "base": bare.group("whole"), "subject": prefix[:bare.start()], "at": bare.start()}
    for metric, pattern in (("share", _SHARE), ("completion", _COMPLETION),
                            ("variance", _VARIANCE), ("execution", _EXECUTION)):
        found = _at_end(pattern, prefix)
        if found:
            base = found.groupdict().get("base") if metric == "completion" else None
            return {"metric": metric, "base": base, "subject": prefix[:found.start()], "at": found.start()}
    bracketed = _at_end(_BRACKETED_RATE, prefix)
    if bracketed:
        return {"metric": "change_rate", "direction": bracketed.group("word"),
                "subject": prefix[:bracketed.start()], "at": bracketed.start("at")}
    direction = _at_end(_DIRECTION_AT_END, prefix)
    if direction and _at_end(_AVERAGED, prefix[:direction.start()]):
        return {"metric": "amount", "role": "plain", "subject": prefix}  # 年均增长4.22%: no year-on-year rate
    if direction:
        return {"metric": "change_rate", "direction": direction.group("word"),
                "subject": prefix[:direction.start()], "at": direction.start()}
    return {"metric": "amount", "role": "plain", "subject": prefix, **_unread_direction(prefix)}


def _unread_direction(prefix: str) -> dict:
    found = _at_end(_COMPARED_WORD, prefix)
    if found is None or _KNOWN_AFTER_COMPARISON.match(found.group("word")) or any(
            word in found.group("word") for word in _WORD_SIGNS) or _BASE_CHARACTERS.search(found.group("word")):
        return {}
    return {"unread_direction": found.group("word")}


def amount_role(subject: str) -> Role:
    """年初预算为… is a budget, 支出决算为… an actual; fund names (一般公共预算) do not count."""
    words = _FUNDS.sub("", subject)
    if "全年预算" in words:
        return "full_year_budget"
    if "预算" in words and "决算" not in words and "执行" not in words and not words.endswith("完成"):
        return "budget"
    if re.search(r"决算|实际支出|执行数|实际执行|执行金额", words):
        return "actual"
    return "plain"
