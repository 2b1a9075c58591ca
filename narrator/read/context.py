"""What a check may ask about a claim: its interval, its current amount, its whole, its list.

The relations are read the way a reviewer reads the formulaic sentences: a
change belongs to the amount before it (in its statement, else the one before),
a rate to the change before it, a share to the head of its 其中/主要用于 list or
to the whole it names.  When a relation cannot be told, the lookups say so
(``None``) and the checks report "needs review" instead of guessing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from narrator.read.claimindex import ClaimIndex
from narrator.read.claims import Claim, read_claims, squeeze
from narrator.read.statements import Statement, statements
from narrator.figures.facts import Facts
from narrator.numbers import Interval, convert, nonnegative
from narrator.read.kind import is_budget_disclosure
from narrator.read.rows import Row, table_rows

from narrator.read.lists import ListReading
from narrator.read.words import (
    LIST_WORDS, BUDGET_WORDS, CHAIN_BREAKS, ROLE_WORDS, SUBJECT_CHARS, chain_head, once_per_document,
    unbracketed, is_amount, name_core,
)

if TYPE_CHECKING:
    from narrator.check.tablefacts import TableFacts
    from narrator.extract.types import Document

_COMPARED_YEAR = re.compile(r"(?:与|比|较)于?(20\d\d)年")
_COMPARE = re.compile(r"相?(与|比|较)于?(上年|上一年|上年度|20\d\d年度?|同期)(决算数?|年初预算数?|预算数?)?(相比)?|与上年相比|各$")
_TITLE_NOISE = re.compile(r"^[#\s]*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?|决算|结构|情况|说明|具体|总体|\s")
_OTHER_FUNDS = re.compile(r"政府性基金|国有资本经营|非财政拨款")
_YEAR = re.compile(r"(20\d\d)年")
# How a change is tied to its current amount in words a reader can point to (current_binding);
# "positional" (only the nearest amount) is not among them, and no error rests on it.
BOUND_BY_WORDS = ("named", "adjacent", "carried", "respective")
_PRIOR_WORDS = re.compile(r"上年(?!结转|结余|末)|上一年|去年|同期")
_COMPARED = re.compile(r"^(?:与|比|较|相比|相较于?)")
_CLAUSE_ENDS = "，,；;。！？!?\n"


class Context(ListReading):
    def __init__(self, text: str, facts: Facts | None = None, year: int | None = None,
                 span: tuple[int, int] | None = None, document: "Document | None" = None,
                 table_facts: "TableFacts | None" = None):
        self.text = text
        self.facts = facts  # level 3: a figures file (with prior-year and budget values)
        self.document = document  # the extracted document, when the text is one (tables, sections)
        self.table_facts = table_facts  # level 2: the document's own tables
        self.year = year
        # A PDF's text is rebuilt from character positions: its spaces are layout, not the author's.
        self.from_pdf = document is not None and document.format == "pdf"
        self.span = span  # the part the caller restricted the claims to (None: the narrative, found)
        self.statements: list[Statement] = statements(text, span)
        self.claims: list[Claim] = read_claims(text, self.statements)
        if is_budget_disclosure(text):
            # every amount of a 预算 disclosure is a budget: 2016年预算6万元 is its current figure
            self.claims = [replace(c, role="plain") if c.role in ("budget", "full_year_budget") else c
                           for c in self.claims]
        self.by_statement: dict[int, list[Claim]] = {}
        for claim in self.claims:
            self.by_statement.setdefault(claim.statement, []).append(claim)
        self.places = _document_places(self.claims)
        self._amounts: dict[int, list[Claim]] = {
            index: [c for c in claims if is_amount(c)] for index, claims in self.by_statement.items()}

    def remember(self, key: str, compute):
        """A rule family's per-document result, computed once (the text and claims never change)."""
        memo = self.__dict__.setdefault("_memo_rules", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    # ------------------------------------------------------------ values

    @once_per_document
    def interval(self, claim: Claim) -> Interval:
        """Amounts in 元, at the document's precision (27955 in a 分 document means 27955.00)."""
        assert claim.stated is not None
        if claim.is_percent:
            return claim.stated.interval
        places = max(claim.stated.places, self.places.get(claim.unit, 0))
        raw = Interval.of_rounded(claim.stated.value, places)
        raw = nonnegative(raw) if claim.stated.value >= 0 else raw
        return raw.scale(convert(Decimal(1), claim.unit, "元"))

    def signed_interval(self, change: Claim, sign: int | None = None) -> Interval:
        """A change's interval with a direction (``sign``, else its own word's): 减少0万元 is [−0.005, 0]."""
        interval = self.interval(change)
        sign = change.sign if sign is None else sign
        return interval if sign is None or sign >= 0 else Interval(-interval.high, -interval.low)

    def statement_text(self, claim: Claim) -> str:
        st = self.statements[claim.statement]
        return self.text[st.start:st.end]

    # ------------------------------------------------------------ relations

    def amounts(self, statement: int) -> list[Claim]:
        return list(self._amounts.get(statement, ()))  # a copy: callers may extend what they get

    @once_per_document
    def indexed(self, statement: int) -> ClaimIndex:
        """The statement's claims by position (a long statement is looked up by bisection, not scanned)."""
        return ClaimIndex(self.by_statement.get(statement, []))

    @once_per_document
    def indexed_amounts(self, statement: int) -> ClaimIndex:
        return ClaimIndex(self._amounts.get(statement, []))

    @once_per_document
    def current_for(self, change: Claim) -> Claim | None:
        """The amount a change is measured from: same statement first, else the statements before."""
        respective, paired = self.respective(change)
        if respective:
            return paired if paired is not None and is_amount(paired) else None
        subject = change_subject(change.subject)
        same = self._currents(change.statement)
        cut = bisect_left(same.numbers, change.start)  # an amount's phrase is its number: start == number_start
        if cut:
            named = same.naming(self, subject) if subject else None
            last = bisect_left(named.numbers, change.start) if named else 0
            return named.claims[last - 1] if last else same.claims[cut - 1]
        previous = {j: [c for c in self.amounts(j) if c.role not in ("budget", "full_year_budget")
                        and not self.is_prior(c)] for j in self._previous(change.statement, 3)}
        for candidates in previous.values():  # a named amount in any of them before the nearest guess
            named = [c for c in candidates if self.names(c, subject)]
            if named:
                return named[0]
        for j, candidates in previous.items():
            if candidates:
                return self._outside_list(j, candidates)[-1]
        return None

    @once_per_document
    def _currents(self, statement: int) -> "_Named":
        """The amounts of a statement a change may be measured from (no budget, prior or base amount)."""
        return _Named([c for c in self._amounts.get(statement, ())
                       if c.role != "budget" and not self.is_prior(c) and not self.is_base(c)])

    @once_per_document
    def is_prior(self, claim: Claim) -> bool:
        """2023年度收、支决算总计2714.59万元, 较2024年的1700万元: a prior-year amount is no current amount.

        Only the claim's own clause counts: a year named earlier in the sentence dates another
        amount (…较2021年决算数增加2600万元，其中：1、20103-…8800万元 is current), and 上年结转 is a
        current amount whatever its name says."""
        if self._dated_prior(claim):
            return True
        # 2021年的三公经费合计为750.00万元，其中：公务接待费36.00万元: a part is of its head's year
        return any(part == claim for part in self._parts_of_prior_heads.get(claim.number_start, ()))

    @cached_property
    def _parts_of_prior_heads(self) -> dict[int, list[Claim]]:
        """The parts of lists whose head is dated a prior year, by where their number starts."""
        parts: dict[int, list[Claim]] = {}
        for listed in self.lists:
            if self._dated_prior(listed.head):
                for part in listed.parts:
                    parts.setdefault(part.number_start, []).append(part)
        return parts

    def _dated_prior(self, claim: Claim) -> bool:
        words = self.clause_words(claim)
        years = [int(y) for y in _YEAR.findall(words)]
        return bool(_PRIOR_WORDS.search(words)) or bool(self.year and years and years[-1] < self.year)

    def clause_words(self, claim: Claim) -> str:
        """The words of the claim's clause before its number (clauses end at ，；。 and line breaks)."""
        floor = self.statements[claim.statement].start
        i = claim.number_start
        while i > floor and self.text[i - 1] not in _CLAUSE_ENDS:
            i -= 1
        return squeeze(self.text[i:claim.number_start])

    def adjacent(self, first: Claim, last: Claim, derived: bool = False) -> bool:
        """``first`` … ``last`` read as one chain of clauses about one thing: one statement, no list
        word (其中, 包括 …) and no ；/。 between them, and nothing numeric between them — or, with
        ``derived``, only percentages and budgets of ``first`` (支出8.30万元，占97.76%，比上年增加3.50万元)."""
        if first.statement != last.statement or first.end > last.start:
            return False
        between = unbracketed(self.text[first.end:last.start])
        if not _one_chain(between, derived) or LIST_WORDS.search(squeeze(between)):
            return False
        inside = self.indexed(first.statement).between(first.start, last.start)
        # …完成18000万元，完成年初预算数45000万元的40.0%，比上年减收900万元: its budget is no other subject,
        # nor is the whole of its share (占总支出125.00万元的80.00%), nor its change against another base
        # (决算4.5万元，较上年减少0.03万元，下降0.6%；较年初预算减少6.3万元)
        return all(derived and (c.is_percent or c.role in ("budget", "full_year_budget") or self.is_base(c)
                                or c.metric == "change") for c in inside)

    def is_base(self, amount: Claim) -> bool:
        """An amount inside a share's or a rate's own words (占总支出125.00万元的…, 完成年初预算数45000万元的…):
        what the percentage is of, never a subject's amount of its own."""
        return any(c is not amount and c.is_percent
                   for c in self.indexed(amount.statement).enclosing(amount.start, amount.end))

    def budget_chain(self, first: Claim, rate: Claim) -> bool:
        """预算为500.00万元，支出决算为300.00万元，完成预算的60.00%: ``first`` (a budget or an actual)
        and the rate read as one chain: one statement, no list word and no ；/。 between, and
        nothing between but amounts (完成年初预算数45000万元的40.0%: the budget sits inside)."""
        if first.statement == rate.statement and rate.start <= first.start and first.end <= rate.number_start:
            return True  # 为年初预算100.00万元的70.00%: the budget is the rate's own words
        if first.statement != rate.statement or first.end > rate.start:
            return False
        between = self.text[first.end:rate.start]
        if CHAIN_BREAKS.search(between) or LIST_WORDS.search(squeeze(between)):
            return False
        return all(is_amount(c) for c in self.indexed(rate.statement).between(first.start, rate.start))

    def list_between(self, first: Claim, last: Claim) -> bool:
        """A list word (其中, 包括 …) stands between two claims of one statement."""
        return first.statement == last.statement and bool(LIST_WORDS.search(squeeze(self.text[first.end:last.start])))

    @once_per_document
    def stated_pair(self, change: Claim) -> tuple[Claim, Claim] | None:
        """公务接待费2016年预算6万元，2015年预算9.5万元；对比减少3.25万元: (current, prior), both stated
        right before the change, in either order, of one name, with nothing else between them and
        the change but ，/；-separated words (no list word, no 。)."""
        return self.pair_before(change.statement, change.start)

    @once_per_document
    def pair_before(self, statement: int, position: int) -> tuple[Claim, Claim] | None:
        """(current, prior) stated right before ``position`` in ``statement`` (see stated_pair)."""
        before = self.indexed(statement).tail_before(position, 2)
        if len(before) < 2 or not (is_amount(before[-2]) and is_amount(before[-1])):
            return None
        first, second = before[-2], before[-1]
        if self.is_prior(first) == self.is_prior(second):
            return None
        current, prior = (second, first) if self.is_prior(first) else (first, second)
        between = unbracketed(self.text[first.end:position])
        if "。" in between or LIST_WORDS.search(squeeze(between)) or first.unit != second.unit:
            return None
        own, other = (_period_free(name_core(c.subject)) for c in (current, prior))
        # 公务接待费本年支出…，上年支出…: the second name may be the first's tail (its subject carried)
        same = not own or not other or own.endswith(other) or other.endswith(own)
        return (current, prior) if same else None

    @once_per_document
    def named_pair(self, change: Claim) -> tuple[Claim, Claim] | None:
        """本区2022年三公经费决算数合计为900.00万…2021年的三公经费决算数合计为750.00万…2022年三公经费
        决算数相较于上年增加200.00万元: the current bound by name, and the one prior value stated
        earlier under the same name (its year or 上年 aside)."""
        current, how = self.current_binding(change)
        if current is None or how != "named":
            return None
        name = _period_free(name_core(current.subject))
        if len(name) < 2:
            return None
        priors = [c for c in self.claims if c.start < change.start and is_amount(c) and self.is_prior(c)
                  and c.unit == current.unit and _period_free(name_core(c.subject)) == name]
        if not priors or len({c.stated.value for c in priors}) != 1:
            return None
        return current, priors[-1]

    def current_binding(self, change: Claim) -> tuple[Claim | None, str]:
        """The current amount of a change and how it was told: "respective" (分别 pairs it by place),
        "named" (its subject names the change's), "adjacent" (the amount right before it, as in
        支出100万元，比上年增加20万元), "carried" (see carried_subject), or "positional" (only the
        nearest amount before: a guess no error may rest on)."""
        respective, paired = self.respective(change)
        if respective:
            return (paired, "respective") if paired is not None and is_amount(paired) else (None, "")
        current = self.current_for(change)
        if current is not None and self._dated_as_compared(current, change):
            return None, ""  # 2023年度…X万元。与2023年度相比，减少…: the amount the change is measured from
        if current is None or self.stated_base(change) is not None:
            return current, "positional" if current is not None else ""
        if self.names(current, change_subject(change.subject)):
            return current, "named"
        if self.adjacent(current, change, derived=True):
            return current, "adjacent"
        return current, "carried" if current is self.carried_subject(change) else "positional"

    def _dated_as_compared(self, amount: Claim, change: Claim) -> bool:
        """The amount's own clause is dated with the year its change is compared with (与2023年度相比):
        it is the prior amount, whatever the report year (unknown when two years are named as often)."""
        st = self.statements[change.statement]
        compared = _COMPARED_YEAR.search(squeeze(self.text[st.start:change.start]))
        years = _YEAR.findall(self.clause_words(amount))
        return compared is not None and bool(years) and years[-1] == compared.group(1)

    @once_per_document
    def carried_subject(self, change: Claim) -> Claim | None:
        """…支出决算为672.13万元，完成年初预算的116.57%。较上年决算增加…: a statement that opens with
        the comparison and names nothing of its own is about what the statement before it states:
        that statement's amount (before its list, if it has one) with only its own rates after it."""
        st = self.statements[change.statement]
        opening = self.text[st.start:change.start]
        if self.indexed(change.statement).tail_before(change.start, 1) \
                or SUBJECT_CHARS.search(change_subject(opening)) or not _COMPARE.search(squeeze(opening)):
            return None
        # the statement before, passing over sentences without numbers (主要原因：…。)
        previous = next((j for j in self._previous(change.statement, 3) if self.by_statement.get(j)), None)
        if previous is None:
            return None
        keys = self._keywords(previous)
        claims = [c for c in self.by_statement[previous] if not keys or c.start < keys[0]]
        if not claims and keys:
            # 其中：一般公共服务支出年初预算532.17万元，支出决算448.64万元…。较上年决算减少…: a statement
            # that is one item of a list is about that item, when it states one amount that is no budget
            items = [c for c in self.by_statement[previous] if is_amount(c) and c.role not in ("budget", "full_year_budget")]
            return items[0] if len(items) == 1 else None
        return chain_head(claims)

    @once_per_document
    def stated_base(self, change: Claim) -> Claim | None:
        """较2024年的1700万元减少170万元, 相比年初预算数的1.5亿元减少0.3亿元: the amount the change
        is measured from, stated in the change's own clause after a comparison word."""
        before = self.indexed(change.statement).tail_before(change.start, 1)
        if not before or not is_amount(before[-1]):
            return None
        base = before[-1]
        return base if self.adjacent(base, change) and _COMPARED.search(self.clause_words(base)) else None

    @once_per_document
    def respective(self, claim: Claim) -> tuple[bool, Claim | None]:
        """收入100万元、支出90万元，分别比上年增加10万元、减少5万元，分别增长11.11%、下降5.26%: a claim in
        a run after 分别/各 pairs with the claim of the same place in the run before it.  (True, that
        claim) when the runs have one length, (True, None) when they do not (nothing is paired),
        (False, None) when the claim is in no such run."""
        claims, place = self.by_statement[claim.statement], self.indexed(claim.statement).place(claim)
        run = self._run_of(claims, place)
        if not _RESPECTIVE.search(squeeze(self.text[max(claims[run[0]].start - 6, 0):claims[run[0]].number_start])):
            return False, None
        if len(run) < 2 or run[0] == 0:
            return True, None
        before = self._run_of(claims, run[0] - 1)
        if len(before) != len(run):
            return True, None
        return True, claims[before[run.index(place)]]

    def _run_of(self, claims: list[Claim], i: int) -> list[int]:
        """Indexes of the consecutive claims of one kind around ``claims[i]`` (amounts, changes or rates)."""
        kind = _run_kind(claims[i])
        lo = hi = i
        while lo > 0 and _run_kind(claims[lo - 1]) == kind and _RUN_JOIN.match(
                self.text[claims[lo - 1].end:claims[lo].start]):
            lo -= 1
        while hi + 1 < len(claims) and _run_kind(claims[hi + 1]) == kind and _RUN_JOIN.match(
                self.text[claims[hi].end:claims[hi + 1].start]):
            hi += 1
        return list(range(lo, hi + 1))

    @once_per_document
    def change_for(self, rate: Claim) -> Claim | None:
        """The change amount a rate is stated beside: before it (增加2042.46万元，下降75.24%), or right
        after it when the rate follows its amount (完成25,300万元，同比增长15.0%，增收3,300万元)."""
        respective, paired = self.respective(rate)
        if respective:
            return paired if paired is not None and paired.metric == "change" else None
        index = self.indexed(rate.statement)
        for claim in index.backwards_before(rate.start):
            if claim.metric == "change":
                return claim
            if is_amount(claim) or claim.metric == "change_rate":
                break
        after = index.after(rate.start, 2)
        if after and after[0].metric == "change" and self.adjacent(rate, after[0]) \
                and not any(c.metric == "change_rate" for c in after[1:2]):
            return after[0]
        return None

    @once_per_document
    def rate_base(self, rate: Claim) -> tuple[Claim, Claim] | None:
        """预算10.00万元，较上年预算8.00万元增长25.00%: (current, base) of a rate stated right after the
        base it compares with, no change amount between; the current is the amount right before."""
        before = self.indexed(rate.statement).tail_before(rate.start, 2)
        if len(before) < 2 or not is_amount(before[-1]) or not is_amount(before[-2]):
            return None
        current, base = before[-2], before[-1]
        if not _COMPARED.search(self.clause_words(base)) or self.is_prior(current):
            # 本年支出100.00万元，上年支出80.00万元，增长25.00%: a stated pair right before the rate
            pair = self.pair_before(rate.statement, rate.start)
            return pair if pair is not None and self.adjacent(pair[1] if pair[1].end > pair[0].end else pair[0], rate) \
                else None
        if not (self.adjacent(base, rate) and self.adjacent(current, base)) or current.unit != base.unit:
            return None
        return current, base

    def budget_actual(self, claim: Claim) -> tuple[Claim | None, Claim | None, bool]:
        """(budget, actual, found in the claim's own statement); a budget inside the rate's own words
        (完成年初预算数45000万元的45.0%, 为年初预算100.00万元的70.00%) is its budget."""
        budget, actual, near = self.budget_actual_at(claim.statement, claim.start)
        inside = [c for c in self.indexed_amounts(claim.statement).inside(claim.start, claim.number_start)
                  if c.role in ("budget", "full_year_budget")]
        if inside and actual is not None and actual.statement == claim.statement:
            return inside[-1], actual, True
        return budget, actual, near

    @once_per_document
    def budget_actual_at(self, statement: int, position: int) -> tuple[Claim | None, Claim | None, bool]:
        claim_statement = statement
        budget, actual = self._budget_actual_upto(statement)[self.indexed_amounts(statement).numbered_before(position)]
        if budget and actual:
            return budget, actual, True
        for previous in self._previous(claim_statement, 2):
            amounts = self._outside_list(previous, self.amounts(previous))
            b, a = _pick_budget_actual(amounts)
            budget, actual = budget or b, actual or a
            if budget and actual:
                return budget, actual, False
        return budget, actual, False

    @once_per_document
    def _budget_actual_upto(self, statement: int) -> list[tuple[Claim | None, Claim | None]]:
        """``_pick_budget_actual`` of the statement's first i amounts, for every i (an amount's phrase is its number)."""
        picked: list[tuple[Claim | None, Claim | None]] = [(None, None)]
        budget = actual = plain = None
        for claim in self._amounts.get(statement, ()):
            if claim.role in ("budget", "full_year_budget"):
                budget = claim
            elif claim.role == "actual":
                actual = claim
            elif claim.role == "plain":
                plain = claim
            picked.append((budget, actual or plain))
        return picked

    @once_per_document
    def share_part(self, share: Claim) -> Claim | None:
        respective, paired = self.respective(share)
        if respective:  # 基本支出、项目支出分别为60万元、40万元，各占60%、40%
            return paired if paired is not None and is_amount(paired) else None
        if name_core(share.subject):
            return None  # 货物采购授予中小企业合同金额占…: the part is named, not stated
        before = self.indexed(share.statement).tail_before(share.start, 1)
        # …5000.0亿元，增长4.0%，其中民生支出增长5%，占…80.0%: only the amount right before is the part
        return before[-1] if before and is_amount(before[-1]) and self.adjacent(before[-1], share) else None

    @once_per_document
    def share_whole(self, share: Claim, part: Claim | None) -> tuple[Claim | None, bool]:
        """(whole, told for sure): a whole stated inside the share's words, a named whole, else the
        head of the list the share is in."""
        inside = self.indexed_amounts(share.statement).inside(share.start, share.number_start)
        if share.base and inside:
            return (inside[-1], True) if len(inside) == 1 else (None, True)  # 占本年支出合计100.00万元的70.00%
        if share.base:
            return self.named_whole(share.base, share, part), True
        anchor = part or share
        head = self._head_in_statement(anchor)
        if head is not None:
            return head, True
        for previous in self._previous(anchor.statement, 12, same_paragraph=False):
            head = self._statement_head(previous)
            if head is not None:
                return head, True
        title = _TITLE_NOISE.sub("", self.statements[anchor.statement].section)
        previous = self._previous_subsection_whole(title, anchor) if title else None
        if previous is not None:
            return previous, True
        named = self.find_named(title, anchor) if title else None
        return (named if named is not None and named.start < anchor.start else None), False

    def _previous_subsection_whole(self, title: str, anchor: Claim) -> Claim | None:
        """（二）…结构情况 lists shares of the amount （一）…总体情况 states: the whole is the amount of
        the subsection just before whose subject is exactly the name in this subsection's title (the
        actual, where that statement gives a budget and an actual: 预算为0.05万元，支出决算为0.05万元)."""
        core = name_core(title)
        first = self._section(anchor.statement)[0]
        if not core or first == 0:
            return None
        before = self.statements[first - 1].section_start
        for statement in [s.index for s in self.statements if s.section_start == before and s.index < first]:
            opening = self._opening_subject(statement)
            for claim in self.amounts(statement):
                own = BUDGET_WORDS.sub("", name_core(claim.subject))
                if own != core and not (opening == core and own in ("", "支出")):
                    continue
                if claim.role in ("budget", "full_year_budget"):
                    actuals = [c for c in self.amounts(statement) if c.role == "actual" and c.start > claim.start]
                    return actuals[0] if actuals else None
                return claim
        return None

    def _opening_subject(self, statement: int) -> str:
        """The name a statement opens with (2024年度“三公”经费财政拨款支出预算为… → 三公经费财政拨款支出)."""
        amounts = self.amounts(statement)
        if not amounts:
            return ""
        st = self.statements[statement]
        first_clause = re.split(r"[，,；;]", self.text[st.start:amounts[0].number_start])[0]
        return BUDGET_WORDS.sub("", name_core(first_clause))

    @once_per_document
    def find_named(self, name: str, near: Claim) -> Claim | None:
        """The amount whose subject names ``name`` (占政府采购支出总额的…), nearest before first."""
        core = name_core(name)
        if not core:
            return None
        scored = []
        for claim, subject in self._named_amounts:
            if claim is near:
                continue
            score = _name_score(core, subject)
            if score:
                distance = near.start - claim.start if claim.start < near.start else 10**9 + claim.start
                scored.append((-score, distance, claim.start, claim))
        return min(scored, key=lambda item: item[:3])[3] if scored else None

    @once_per_document
    def named_whole(self, name: str, share: Claim, part: Claim | None) -> Claim | None:
        """The whole a share names (占支出总额的…): the amount ``find_named`` finds, never the share's
        own part, and only when no other amount of as good a name (and another value) competes —
        全年支出35.6亿元，其中，教育支出6.2亿元，占支出总额的…: 支出总额 names neither for sure."""
        core = name_core(name)
        if not core:
            return None
        candidates = [(_name_score(core, subject), claim) for claim, subject in self._named_amounts
                      if claim is not share and claim is not part]
        best = max((score for score, _ in candidates), default=0)
        if not best:
            return None
        tops = [claim for score, claim in candidates if score == best]
        if len({self.interval(c).low for c in tops}) > 1 and best < 3:
            return None  # names that only end alike (…支出) and disagree: which whole is meant is not said
        before = [c for c in tops if c.start < share.start]
        return before[-1] if before else tops[0]

    def enclosing_statement(self, index: int) -> int | None:
        """The statement whose 其中 list the item ``index`` belongs to, for items written one per line
        with ；(…完成全年预算的100.00%…。其中：\n因公出国…；\n…；\n公务接待费…), else None."""
        j = index
        while j > 0 and self.statements[j - 1].ends_with_semicolon \
                and self.statements[j - 1].section_start == self.statements[index].section_start:
            j -= 1
        if j == index:
            return None
        opener = self.statements[j]
        keys = self._keywords(j)
        if not keys or self.text[opener.start:keys[0]].strip():
            return j if keys else None  # …合计X万元，其中：A…； — the list head is in the opener itself
        return j - 1 if j > 0 and self.statements[j - 1].section_start == opener.section_start else None

    @cached_property
    def _named_amounts(self) -> list[tuple[Claim, str]]:
        """Every amount with the name its subject gives (what find_named compares)."""
        return [(claim, name_core(claim.subject)) for claim in self.claims if is_amount(claim)]


    @cached_property
    def table_rows(self) -> "list[Row]":
        """The rows of tables printed as text anywhere in the document (| or tab separated)."""
        return table_rows(self.text)


    # ------------------------------------------------------------ helpers

    def _previous(self, index: int, count: int, same_paragraph: bool = False) -> list[int]:
        here = self.statements[index]
        result = []
        for j in range(index - 1, max(-1, index - 1 - count), -1):
            st = self.statements[j]
            if st.section_start != here.section_start or (same_paragraph and st.paragraph != here.paragraph):
                break
            result.append(j)
        return result

    def _section(self, index: int) -> list[int]:
        start = self.statements[index].section_start
        return [s.index for s in self.statements if s.section_start == start and s.index <= index]

    @once_per_document
    def _keywords(self, statement: int) -> list[int]:
        """Offsets of the statement's list words (其中, 主要用于 …); callers only read the list."""
        st = self.statements[statement]
        return [st.start + m.start() for m in LIST_WORDS.finditer(self.text[st.start:st.end])]


    def names(self, amount: Claim, subject: str) -> bool:
        """Does ``subject`` (a change's, a comparison's) name ``amount``: by the amount's own words
        (收入、支出总计均为X元 — 均, both, is no part of the name), or by the name its statement
        opens with when its own words only say its role (三公经费支出年初预算为…，支出决算为300.00万元)."""
        if not subject:
            return False
        return name_core(amount.subject).removesuffix("均").endswith(subject) \
            or self.subject_name(amount).endswith(subject)

    @once_per_document
    def subject_name(self, claim: Claim) -> str:
        """What an amount is of: its own words (公务接待费支出预算 → 公务接待费支出), or, when they only
        say its role (支出决算为…), the name the statement opens with."""
        own = BUDGET_WORDS.sub("", name_core(claim.subject))
        return own if ROLE_WORDS.sub("", own) else self._opening_subject(claim.statement)


class _Named:
    """Amounts in order, with those whose name ends with a given subject (``Context.names``) found by
    a lookup of the name's tail instead of a scan: one table per subject length, built when asked."""

    def __init__(self, claims: list[Claim]):
        self.claims = claims
        self.numbers = [c.number_start for c in claims]
        self._tails: dict[int, dict[str, _Named]] = {}

    def naming(self, ctx: "Context", subject: str) -> "_Named | None":
        """The amounts ``subject`` names, in order (None when none)."""
        size = len(subject)
        if size not in self._tails:
            tails: dict[str, list[Claim]] = {}
            for claim in self.claims:
                names = (name_core(claim.subject).removesuffix("均"), ctx.subject_name(claim))
                for tail in {name[len(name) - size:] for name in names if len(name) >= size}:
                    tails.setdefault(tail, []).append(claim)
            self._tails[size] = {tail: _Named(claims) for tail, claims in tails.items()}
        return self._tails[size].get(subject)


@lru_cache(maxsize=8192)
def _one_chain(between: str, derived: bool) -> bool:
    """No 。 between, and a ； only before a clause that opens with a comparison and names nothing of its
    own (支出9万元，完成预算的90%；较上年增加4万元): the clause is about the amount before the ；."""
    if not derived:
        return not CHAIN_BREAKS.search(between)
    clauses = re.split(r"[；;]", between)
    return not any(CHAIN_BREAKS.search(c) for c in clauses) \
        and all(_COMPARED.match(squeeze(c).lstrip("，,")) for c in clauses[1:])


def change_subject(subject: str) -> str:
    """与上年相比，收入总计减少 → 收入总计 (the comparison words are not the subject)."""
    return name_core(_COMPARE.sub("", squeeze(subject)))


def _name_score(whole: str, subject: str) -> int:
    if not subject:
        return 0
    if whole == subject:
        return 3
    if subject.endswith(whole) and len(whole) >= 2:
        return 2
    if whole.endswith(subject) and len(subject) >= 4 and not _OTHER_FUNDS.search(whole[:-len(subject)]):
        return 1  # 项目支出 may stand for 一般公共预算项目支出, never for 政府性基金项目支出
    return 0


# 收入100万元、支出90万元 / 增加10万元和减少5万元: claims of one run are joined by 、/和 and a name at most
_RUN_JOIN = re.compile(r"^\s*(?:、|和|及|与)[^\d，,；;。：:（()）]{0,12}$")
_RESPECTIVE = re.compile(r"(?:分别|各)(?:比|较|与)?[^，,；;。\d]{0,12}$")


def _run_kind(claim: Claim) -> str:
    return "amount" if is_amount(claim) else claim.metric


_PERIOD_WORDS = re.compile(r"20\d\d年度?|上年|本年|去年|今年|上一年|同期")


def _period_free(name: str) -> str:
    """公务接待费2016年预算 and 2015年预算 name one thing in two years."""
    return _PERIOD_WORDS.sub("", name)


def _pick_budget_actual(claims: list[Claim]) -> tuple[Claim | None, Claim | None]:
    budgets = [c for c in claims if c.role in ("budget", "full_year_budget")]
    actuals = [c for c in claims if c.role == "actual"] or [c for c in claims if c.role == "plain"]
    return (budgets[-1] if budgets else None), (actuals[-1] if actuals else None)


def _document_places(claims: list[Claim]) -> dict[str, int]:
    """The decimals a document writes its amounts with, per unit (the most common, ignoring integers)."""
    counts: dict[str, Counter] = {}
    for claim in claims:
        if is_amount(claim) and claim.stated.places > 0:
            counts.setdefault(claim.unit, Counter())[claim.stated.places] += 1
    return {unit: counter.most_common(1)[0][0] for unit, counter in counts.items()}
