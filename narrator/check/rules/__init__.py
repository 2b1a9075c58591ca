"""One module per family of checks; importing this package registers them all."""

from narrator.check.rules import budget, conventions, facts, rates, shares, sums, years  # noqa: F401
from narrator.check.rules import counts, printed, selfeval, tables, unfinished  # noqa: F401
