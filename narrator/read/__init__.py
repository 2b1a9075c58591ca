"""The narrative reader: what every consumer of a narrative's words starts from.

- ``normalise``: text as published (Traditional mirrors, pinyin glosses, zero-width characters,
  bare CR line ends, full-width digits) → the text the checks read, every offset kept;
- ``statements``: the text cut into statements (offsets only);
- ``claims``: every number with its metric, direction word, subject and role;
- ``context``: the relations between claims — which amount a change, a rate, a share or a list
  is tied to, and how surely (the fail-closed bindings) — computed once per document;
- ``kind``: whether a text is a 预算 disclosure, where every amount is a budget.
"""

from narrator.read.normalise import Normalised, normalise

__all__ = ["Normalised", "normalise"]
