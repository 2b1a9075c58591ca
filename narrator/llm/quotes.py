"""Quotes the model copies out of a sentence, compared the way a reader compares them.

A small model that is asked to quote 减少四十八点四二万元 writes 48.42万元 often
enough that an exact-substring test throws away right answers (issue 15).  Both the
quote and the sentence are brought to one form first: full-width characters folded
(NFKC), Chinese numerals written as digits (cn2an), 百分之五 as 5%, thousands
separators dropped and trailing zeros of a fraction removed, so 四十八点四二,
48.42 and 48.420 meet.  The form is for comparing only; values are parsed from
the quote as written (numbers.py).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from decimal import Decimal, InvalidOperation

_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿点]+")
_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百千点\d.]+)")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_UNIT_AFTER = re.compile(r"[万亿](?=元)")  # 四十八点四二万元: 万 belongs to the unit, not the numeral


def normalise_quote(text: str) -> str:
    """The comparable form of ``text``: the same for 四十八点四二万元 and 48.42万元."""
    text = unicodedata.normalize("NFKC", text)
    text = _PERCENT.sub(lambda m: _NUMERAL.sub(_numeral_as_digits, m.group(1)) + "%", text)
    text = _NUMERAL.sub(_numeral_as_digits, text)
    return _DIGITS.sub(_canonical_digits, text)


def quoted_in(quote: str, sentence: str) -> bool:
    return normalise_quote(quote) in normalise_quote(sentence)


def _numeral_as_digits(match: re.Match) -> str:
    run = match.group(0)
    unit = ""
    if _UNIT_AFTER.match(match.string, match.end() - 1) and len(run) > 1:
        run, unit = run[:-1], run[-1]
    if run.strip("点") != run or not run.strip("万亿"):
        return match.group(0)  # 点 alone, or a bare 万: not a number
    return _cn2an(run) + unit


def _cn2an(run: str) -> str:
    import cn2an

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns before it raises on a word that is no number
        try:
            value = cn2an.cn2an(run, "normal")
        except (ValueError, KeyError, IndexError):
            return run
    return str(value)


def _canonical_digits(match: re.Match) -> str:
    try:
        value = Decimal(match.group(0).replace(",", ""))
    except InvalidOperation:
        return match.group(0)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
