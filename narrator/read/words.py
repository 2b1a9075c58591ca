"""The reader's shared words and small helpers: list words, role words, names, and the memo of
per-document lookups, read by the Context and its list reading alike."""

from __future__ import annotations

import re
from functools import lru_cache, wraps

from narrator.read.claims import Claim, squeeze

# …三公经费支出决算中，A…，B…: a name followed by 中 and a comma opens a list of its parts too.
LIST_WORDS = re.compile(r"其中|主要用于(?:以下方面)?|主要包括|包括|具体如下|具体(?:为|是)|(?<=[算出入费])中(?=[，,：:])")
_NAME_NOISE = re.compile(
    r"本部门|本单位|我单位|本年度|本年|决算数|决算|年度|合计|总计|总额|金额|共计|[的为是共计]|（[类款项]）|\([类款项]\)"
)
BUDGET_WORDS = re.compile(r"(?:全年|年初)?预算数?$")
_QUOTES = re.compile(r"[“”\"'‘’《》]")
_UP_TO_YEAR = re.compile(r"^.*?20\d\d年度?")
# 1. / 2、/ （三）/ 四、/ 201- before a name; 三公 and 一般公共预算 are names, not numbering
_LEADING_NUMBERING = re.compile(r"^(?:[（(]?[一二三四五六七八九十]{1,3}[)）、.．]|[-\d.、．（）()]+(?=\D))+")
CHAIN_BREAKS = re.compile(r"[；;。！？!?]")
ROLE_WORDS = re.compile(r"预算数?|决算数?|支出|收入|数|总额|合计")
SUBJECT_CHARS = re.compile(r"[\u4e00-\u9fff]")  # any word before a list word
# 与上年持平, 与预算相比无变化: a comparison stated as no change, with no number
FLAT_WORDS = re.compile(r"持\s*平|无\s*变\s*化|无\s*增\s*减|没\s*有\s*变\s*化|保\s*持\s*不\s*变")


def once_per_document(method):
    """Remember a lookup's answers on the Context.

    Many checks ask the same questions (the whole of this share, the current amount of that
    change) about the one document a Context reads, whose text and claims never change, so
    each answer is computed once.  A claim argument is told apart by where its number starts
    (unique in a text).  Answers are shared, so callers must not change them (the one list
    answer, ``_keywords``, is only read).
    """
    name = f"_memo_{method.__name__}"

    @wraps(method)
    def remembered(self, *args):
        memo = self.__dict__.get(name)
        if memo is None:
            memo = self.__dict__[name] = {}
        key = tuple(a.number_start if isinstance(a, Claim) else a for a in args)
        if key not in memo:
            memo[key] = method(self, *args)
        return memo[key]

    return remembered


def is_amount(claim: Claim) -> bool:
    return claim.metric == "amount" and not claim.is_percent and claim.stated is not None


@lru_cache(maxsize=8192)  # pure, and asked for the same few hundred subjects over and over
def name_core(subject: str) -> str:
    """收入合计 / 本年支出合计 / 2024年度支出合计 → the words that name the thing."""
    s = squeeze(subject)
    s = _QUOTES.sub("", s)
    s = _UP_TO_YEAR.sub("", s)
    s = _LEADING_NUMBERING.sub("", s)
    s = s.removeprefix("其中")
    return _NAME_NOISE.sub("", s)


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def unbracketed(text: str) -> str:
    """The words outside brackets: （包括基本支出和项目支出安排的经费） adds nothing to a chain."""
    return _BRACKETED.sub("", text)


def chain_head(claims: list[Claim]) -> Claim | None:
    """The amount a run of claims is about: the last amount that is not a budget, when only its own
    rates, changes and budgets follow it (支出1500.00亿元，完成调整预算的95.00%，比上年增支150.0亿元)."""
    for claim in reversed(claims):
        if is_amount(claim) and claim.role not in ("budget", "full_year_budget"):
            return claim
        if is_amount(claim) or claim.metric in ("share", "change_rate", "completion", "change", "variance", "execution"):
            continue
        return None
    return None
