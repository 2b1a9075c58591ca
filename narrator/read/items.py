"""Items a narrative names with a current amount of their own (三公经费支出合计…，公务接待费支出…), and
the change against last year bound to each: the statements the identity and table checks compare.
"""

from __future__ import annotations

import re

from narrator.catalogue.items import ITEM_PATTERNS, item_key
from narrator.read.claims import Claim
from narrator.read.context import Context, is_amount

# After an item's name, only words that say "the amount of it": 三公经费支出合计, 公务接待费支出决算为
_ITEM_TAIL = re.compile(r"^(?:经费|费|支出|决算|数|合计|总额|共计|共|实际|本年度?|为|是|达|了|[:：])*$")
# Before a table row's name: its numbering and 其中
_ROW_LEAD = re.compile(r"^(?:其中[:：]?|[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．])*")


def stated_items(ctx: Context) -> dict[str, tuple[Claim, Claim | None]]:
    """Each item the narrative names with one current amount, and the change bound to that amount;
    an item stated with two values that cannot be one is left out (another scope or another year)."""
    readings: dict[str, list[Claim]] = {}
    for claim in ctx.claims:
        if is_amount(claim) and claim.stated is not None and claim.role not in ("budget", "full_year_budget") \
                and not ctx.is_prior(claim):
            key = named_item(claim.subject)
            if key is not None:
                readings.setdefault(key, []).append(claim)
    changes = bound_changes(ctx)
    stated = {}
    for key, claims in readings.items():
        if all(ctx.interval(c).overlaps(ctx.interval(claims[0])) for c in claims):
            with_change = [c for c in claims if id(c) in changes]
            first = with_change[0] if with_change else claims[0]
            stated[key] = (first, changes.get(id(first)))
    return stated


def named_item(subject: str) -> str | None:
    key = item_key(subject, "three_public")
    if key is None:
        return None
    ends = [m.end() for pattern, k in ITEM_PATTERNS["three_public"] if k == key for m in pattern.finditer(subject)]
    return key if _ITEM_TAIL.match(subject[max(ends):]) else None


def bound_changes(ctx: Context) -> dict[int, Claim]:
    """Changes against last year told for sure (named or adjacent), by their current amount."""
    bound = {}
    for change in ctx.claims:
        if change.metric != "change" or change.stated is None or change.sign is None:
            continue
        current, how = ctx.current_binding(change)
        if current is not None and how in ("named", "adjacent") and not against_budget(ctx, current, change):
            bound.setdefault(id(current), change)
    return bound


def against_budget(ctx: Context, current: Claim, change: Claim) -> bool:
    """与年初预算相比，减少…: a change measured from the budget, not from last year."""
    return "预算" in ctx.clause_words(change) or "预算" in ctx.text[current.end:change.start]


def row_item(label: str) -> str | None:
    """The item a table row's label names (1.公务接待费, 其中：公务用车运行维护费), the name alone."""
    return named_item(_ROW_LEAD.sub("", "".join(label.split())))
