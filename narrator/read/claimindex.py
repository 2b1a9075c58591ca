"""A statement's claims indexed by position, so a lookup costs a bisection, not a scan of the statement.

A flattened workbook or a long sentence is one statement of thousands of claims; the
Context asks, for each claim, which claims of its statement come before it, lie between
two others or hold it in their own words.  Claims are in the order of their numbers
(``number_start``); a claim's phrase may start before an earlier claim's number
(占总支出125.00万元的80.00%: the share's 占 precedes the 125.00万元), so a lookup by ``start``
bisects the numbers and then looks only at the few claims whose phrase reaches back: the
suffix minimum of the starts tells where those end.  Every answer is the list a scan in
order would give, in the same order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from narrator.read.claims import Claim


class ClaimIndex:
    def __init__(self, claims: list[Claim]):
        self.claims = claims
        self._numbers = [c.number_start for c in claims]
        self._ends = [c.end for c in claims]
        self._places = {c.number_start: i for i, c in enumerate(claims)}
        reach, lowest = [0] * len(claims), None
        for i in range(len(claims) - 1, -1, -1):  # the earliest start from each claim on
            lowest = claims[i].start if lowest is None else min(lowest, claims[i].start)
            reach[i] = lowest
        self._reach = reach

    def place(self, claim: Claim) -> int:
        """The claim's position in the statement's list (numbers are unique in a text)."""
        return self._places[claim.number_start]

    def _last(self, position: int) -> int:
        """One past the last claim whose phrase starts before ``position``."""
        return bisect_left(self._reach, position)

    def numbered_before(self, position: int) -> int:
        """How many claims have their number before ``position``."""
        return bisect_left(self._numbers, position)

    def before(self, position: int) -> list[Claim]:
        """The claims whose phrase starts before ``position`` (``c.start < position``), in order."""
        cut = bisect_left(self._numbers, position)  # a number before position: its phrase too
        return self.claims[:cut] + [c for c in self.claims[cut:self._last(position)] if c.start < position]

    def ended_by(self, position: int) -> list[Claim]:
        """The claims that end at or before ``position``, in order (claims do not overlap: their ends ascend)."""
        return self.claims[:bisect_right(self._ends, position)]

    def backwards_before(self, position: int):
        """``reversed(before(position))``, lazily: a caller that stops at the first claim it wants reads no further."""
        cut = bisect_left(self._numbers, position)
        yield from reversed([c for c in self.claims[cut:self._last(position)] if c.start < position])
        for i in range(cut - 1, -1, -1):
            yield self.claims[i]

    def ended_backwards(self, position: int):
        """``reversed(ended_by(position))``, lazily."""
        for i in range(bisect_right(self._ends, position) - 1, -1, -1):
            yield self.claims[i]

    def tail_before(self, position: int, count: int) -> list[Claim]:
        """The last ``count`` of ``before(position)``."""
        cut = bisect_left(self._numbers, position)
        reaching = [c for c in self.claims[cut:self._last(position)] if c.start < position]
        if len(reaching) >= count:
            return reaching[len(reaching) - count:]
        return self.claims[max(0, cut - (count - len(reaching))):cut] + reaching

    def between(self, low: int, high: int) -> list[Claim]:
        """The claims whose phrase starts strictly between ``low`` and ``high``, in order."""
        first = bisect_right(self._numbers, low)  # a phrase after low has its number after low
        return [c for c in self.claims[first:self._last(high)] if low < c.start < high]

    def after(self, position: int, count: int) -> list[Claim]:
        """The first ``count`` claims whose phrase starts after ``position``, in order."""
        found = []
        for i in range(bisect_right(self._numbers, position), len(self.claims)):
            claim = self.claims[i]
            if claim.start > position:
                found.append(claim)
                if len(found) == count:
                    break
        return found

    def inside(self, start: int, end: int) -> list[Claim]:
        """The claims lying within ``start:end`` (``start <= c.start`` and ``c.end <= end``), in order."""
        return [c for c in self.between(start - 1, end) if c.end <= end]

    def enclosing(self, start: int, end: int) -> list[Claim]:
        """The claims whose own words hold ``start:end`` (``c.start <= start`` and ``end <= c.number_start``)."""
        first = bisect_left(self._numbers, end)
        return [c for c in self.claims[first:bisect_right(self._reach, start)] if c.start <= start]
