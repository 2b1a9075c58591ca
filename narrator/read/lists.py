"""Lists: the head a 其中/主要用于/包括 list (or a parenthesis, or a name followed by 中) belongs to, its
parts and where it ends.  A mixin of the Context: it reads the Context's statements and claims."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate, islice
from dataclasses import dataclass
from functools import cached_property

from narrator.read.claims import Claim, squeeze
from narrator.read.statements import Statement
from narrator.read.words import (
    LIST_WORDS, BUDGET_WORDS, CHAIN_BREAKS, ROLE_WORDS, SUBJECT_CHARS, chain_head, chain_head_backwards, once_per_document,
    unbracketed, is_amount, name_core,
)


_PER_UNIT = re.compile(r"平均|每|[车人户]均")
_COMPOSITIONS = (("基本支出", "项目支出"), ("人员经费", "公用经费"), ("货物", "工程", "服务"))


@dataclass(frozen=True)
class AmountList:
    """An amount and the parts a 其中/主要用于 list gives for it."""

    head: Claim
    parts: tuple[Claim, ...]
    exhaustive: bool  # every part is listed (a known composition: 基本支出 + 项目支出 …)
    certain: bool = True  # the sentence makes the head certain (False: only the nearest amount before)


def _bracket_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost (…) / （…） pairs within start:end, as (opening, closing) offsets."""
    spans, depth, opening = [], 0, 0
    for i in range(start, end):
        if text[i] in "(（":
            if depth == 0:
                opening = i
            depth += 1
        elif text[i] in ")）" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opening, i))
    return spans


def _side(name: str) -> str:
    """收入 or 支出, when a name says one and not the other."""
    income, spending = "收入" in name, "支出" in name
    return "收入" if income and not spending else "支出" if spending and not income else ""


def _same_side(head: Claim, parts: list[Claim]) -> list[Claim]:
    """收入1,200万元，其中：税收收入800万元，非税收入400万元；支出1,000万元: a list of income ends
    where spending begins (and the reverse)."""
    side = _side(name_core(head.subject))
    if not side:
        return parts
    for i, part in enumerate(parts):
        other = _side(name_core(part.subject))
        if other and other != side:
            return parts[:i]
    return parts


def _shares_prefix(head: str, part: str, size: int = 2) -> bool:
    return len(head) >= size and part.startswith(head[:size])


def _exhaustive(parts: list[Claim]) -> bool:
    """A known composition named whole (基本支出 + 项目支出 …).  Not a 其中 list naming 其他…: 其他收入 and
    其他支出 are categories of their own, and a list naming some categories and 其他 may still leave one
    out (事业收入 unnamed), so it is not complete for sure."""
    subjects = "".join(name_core(p.subject) for p in parts)
    return any(all(word in subjects for word in combo) for combo in _COMPOSITIONS)


class _Spans:
    """Open spans (start, end) sorted by start: does one hold an offset? (the running maximum of their
    ends, bisected: a list nesting thousands of others is not scanned once per part)."""

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts, self.reach = starts, list(accumulate(ends, max))

    def holds(self, offset: int) -> bool:
        i = bisect_left(self.starts, offset)  # the spans opening before offset
        return i > 0 and self.reach[i - 1] > offset


class ListReading:
    """The list lookups of :class:`narrator.read.context.Context`."""

    @cached_property
    def lists(self) -> list[AmountList]:
        """The lists whose head the sentence makes certain: the only ones a rule may judge alone."""
        return [listed for listed in self.all_lists if listed.certain]

    @cached_property
    def all_lists(self) -> list[AmountList]:
        """Every list, with those whose head is only the nearest amount before (``certain`` False):
        evidence of another kind must bind them (sum.unit: the parts add up exactly once one unit is mended)."""
        found: list[AmountList] = []
        for statement in self.statements:
            found.extend(self._lists_of(statement))
            found.extend(self._bracket_lists(statement))
        return found

    def _bracket_lists(self, statement: Statement) -> list[AmountList]:
        """公务用车购置及运行费420.00万元，同比减少60.00万元（购置费0万元，…；运行维护费420.00万元，…）:
        two or more amounts in brackets right after an amount and its own changes are its parts.
        （含上年结转…）and brackets holding 其中/包括 (read as lists already) are not."""
        result = []
        index = self.indexed(statement.index)
        for opening, closing in _bracket_spans(self.text, statement.start, statement.end):
            inside = squeeze(self.text[opening + 1:closing])
            if inside.startswith(("含", "其中", "包括")) or LIST_WORDS.search(inside):
                continue
            head = chain_head_backwards(index.ended_backwards(opening))
            within = index.between(opening, closing)
            parts = [c for c in within if is_amount(c)]
            if head is None or len(parts) < 2 or CHAIN_BREAKS.search(unbracketed(self.text[head.end:opening])):
                continue
            if any(p.role in ("budget", "full_year_budget") or _PER_UNIT.search(self.clause_words(p)) for p in parts):
                continue
            if any(c.start > parts[0].start and c not in parts and c.metric not in ("change", "change_rate")
                   for c in within):
                continue  # shares, completions …: not a plain list of parts
            result.append(AmountList(head, tuple(parts), False))
        return result

    def _head_in_statement(self, claim: Claim) -> Claim | None:
        keys = self._keywords(claim.statement)
        keys = keys[:bisect_left(keys, claim.start)]  # the list words before the claim (offsets ascend)
        if not keys:
            return None
        before = self.indexed_amounts(claim.statement).tail_before(keys[-1], 1)
        if before:
            return before[-1]
        st = self.statements[claim.statement]
        if SUBJECT_CHARS.search(self.text[st.start:keys[0]]):
            return self.named_list_head(claim.statement, keys[0])
        return self._statement_head(claim.statement)

    @once_per_document
    def named_list_head(self, statement: int, key: int) -> Claim | None:
        """2021年度三公经费支出决算中，A…，B…: the list's head is named, not stated; it is the amount
        stated earlier under the same name and role (三公经费支出预算为80.00万元，支出决算为50.00万元),
        when every amount of that name and role before it has one value."""
        st = self.statements[statement]
        words = name_core(self.text[st.start:key])
        name = BUDGET_WORDS.sub("", words)
        if not ROLE_WORDS.sub("", name):
            return None
        wants_budget = bool(BUDGET_WORDS.search(words))
        named = [c for c in self.claims if c.start < st.start and is_amount(c) and not self.is_prior(c)
                 and (c.role in ("budget", "full_year_budget")) == wants_budget and self.subject_name(c) == name]
        return named[-1] if named and len({c.stated.value for c in named}) == 1 else None

    def _statement_head(self, statement: int) -> Claim | None:
        """The amount a statement's 其中 list hangs from; a statement opening with 其中 takes the one before."""
        keys = self._keywords(statement)
        if not keys:
            return None
        before = [c for c in self.amounts(statement) if c.start < keys[0]]
        if before:
            return before[-1]
        for previous in self._previous(statement, 1):
            amounts = self.amounts(previous)
            return amounts[-1] if amounts else None
        return None

    def _outside_list(self, statement: int, claims: list[Claim]) -> list[Claim]:
        keys = self._keywords(statement)
        kept = [c for c in claims if not keys or c.start < keys[0]]
        return kept or claims

    def _lists_of(self, statement: Statement) -> list[AmountList]:
        keys = self._keywords(statement.index)
        amounts = self.amounts(statement.index)
        if not keys or not amounts:
            return []
        result = []
        ends = self._list_ends(statement, keys, amounts)
        indexed = self.indexed_amounts(statement.index)
        for k, key in enumerate(keys):
            head, certain = (self._list_head(statement, key, amounts) if k == 0
                             else (self._inner_head(statement, key), True))
            nested = _Spans(keys[k + 1:bisect_left(keys, ends[k])], ends[k + 1:bisect_left(keys, ends[k])])
            parts = [c for c in indexed.between(key, ends[k]) if not nested.holds(c.start)]
            if k == 0:
                parts += self._continued(statement.index)
            parts = [p for p in parts if not self._in_brackets(key, p)]
            parts = _same_side(head, parts) if head is not None else parts
            if head is None or len(parts) < 1 or any(p.role in ("budget", "full_year_budget") for p in parts):
                continue
            if any(_PER_UNIT.search(self.clause_words(p)) for p in parts):
                continue  # 平均每辆1.65万元 is no part: the list is not one of amounts adding up
            result.append(AmountList(head, tuple(parts), _exhaustive(parts), certain))
        return result

    def _list_head(self, statement: Statement, key: int, amounts: list[Claim]) -> tuple[Claim | None, bool]:
        """The amount a statement's first list hangs from, only where the sentence makes it certain.

        In the list's own statement: the last amount before the list word that is not a budget,
        with only its own rates, changes and budgets after it and no ；/。 before the list word.
        For a statement that opens with the list word (…合计X万元，增长Y%。其中：…): the same amount
        of the previous statement, when every part is named after it (公务用车购置及运行维护支出 →
        其中：公务用车购置支出…, 公务用车运行维护支出…).  A statement with its own subject before
        the list word (2020年决算数包括…) lists the parts of that subject, not of an earlier amount."""
        before = [c for c in self.by_statement[statement.index] if c.start < key]
        if before:
            head = chain_head(before)
            return (head, True) if head is not None and not CHAIN_BREAKS.search(self.text[head.end:key]) else (None, True)
        if SUBJECT_CHARS.search(self.text[statement.start:key]):
            return None, True
        previous = self._previous(statement.index, 1)
        head = chain_head(self.by_statement.get(previous[0], [])) if previous else None
        if head is None:
            return None, True
        name = name_core(head.subject)
        parts = [c for c in amounts if c.start > key]
        return head, bool(parts) and all(_shares_prefix(name, name_core(p.subject)) for p in parts)

    def _inner_head(self, statement: Statement, key: int) -> Claim | None:
        """The amount right before the list word, or before its own rates (支出决算为769.70万元，
        完成预算的69.85%（其中：…): its chain's head."""
        return chain_head_backwards(self.indexed(statement.index).backwards_before(key))

    def _in_brackets(self, key: int, claim: Claim) -> bool:
        """（含市拨专款5.00亿元）, (其中：购置费0万元): an amount inside brackets opened after the list
        word is a part of a part."""
        between = self.text[key:claim.start]
        return between.count("(") + between.count("（") > between.count(")") + between.count("）")

    def _list_ends(self, statement: Statement, keys: list[int], amounts: list[Claim]) -> list[int]:
        """Where each list ends.  A list whose head is an item of an earlier list is nested in it
        (其中：人员经费X万元，主要包括：基本工资…；公用经费Y万元…) and ends at that item's ；, so
        its siblings (公用经费) are not read as its parts; the enclosing list runs over it to the
        next list of its own level."""
        ends: list[int] = []
        outer: int | None = None  # the key of the enclosing (top-level) list
        indexed = self.indexed_amounts(statement.index)
        for k, key in enumerate(keys):
            following = keys[k + 1] if k + 1 < len(keys) else statement.end
            heads = indexed.tail_before(key, 1)
            if outer is not None and heads and heads[-1].start > outer:
                ends.append(min(following, self._item_end(key, statement.end)))
            else:
                outer = key
                ends.append(statement.end)
        tops = [k for k, end in enumerate(ends) if end == statement.end]
        for k, following in zip(tops, tops[1:]):  # a top-level list stops at the next top-level one
            ends[k] = keys[following]
        top_set = set(tops)
        inner = [k for k in range(len(keys)) if k not in top_set]
        nested = _Spans([keys[k] for k in inner], [ends[k] for k in inner])
        for k in tops:
            ends[k] = self._joined_end(indexed, keys[k], ends[k], nested)
        return ends

    def _joined_end(self, indexed, key: int, end: int, nested: "_Spans") -> int:
        """A list whose first two parts are joined by 、 or ， (…其中A0.00万元、B26.11万元；C…) ends at the
        next ；: a mark of a higher rank than the one joining its items closes it (、 < ， < ；).  The
        parts of a list nested in it are not its parts."""
        first_two = list(islice((c for c in indexed.between(key, end) if not nested.holds(c.start)), 2))
        if len(first_two) < 2:
            return end
        marks = re.findall(r"[、，,；;。]", self.text[first_two[0].end:first_two[1].start])
        if not marks or any(mark in "；;。" for mark in marks):
            return end
        stops = [i for i in (self.text.find(mark, first_two[1].end, end) for mark in "；;") if i >= 0]
        return min(stops) if stops else end

    def _item_end(self, key: int, end: int) -> int:
        """A nested list ends at its item's ；/。 — or, opened inside brackets (…69.85%（其中：购置费0万元，…；
        运行维护费…）), at the closing bracket, whatever ；s stand inside it."""
        closing = self._closing_bracket(key, end)
        if closing is not None:
            return closing
        stops = [i for i in (self.text.find(mark, key, end) for mark in "；;。") if i >= 0]
        return min(stops) if stops else end

    def _closing_bracket(self, key: int, end: int) -> int | None:
        opening = max(self.text.rfind("(", 0, key), self.text.rfind("（", 0, key))
        if opening < 0 or any(self.text.find(c, opening, key) >= 0 for c in ")）"):
            return None
        depth = 0
        for i in range(opening, end):
            depth += self.text[i] in "(（"
            depth -= self.text[i] in ")）"
            if depth == 0:
                return i
        return None

    def _continued(self, index: int) -> list[Claim]:
        """Items of a list written one per line, each ending with ；."""
        parts = []
        j = index
        while self.statements[j].ends_with_semicolon and j + 1 < len(self.statements):
            j += 1
            if self.statements[j].section_start != self.statements[index].section_start:
                break
            keys = self._keywords(j)
            parts += [c for c in self.amounts(j) if not keys or c.start < keys[0]][:1]
        return parts
