"""One arithmetic core, shown by a test: what ``draft`` writes, ``check`` finds right.

Figures are drawn at random (prior-year amounts and 年初预算 of the sample unit), drafted, and the
draft is checked against the same figures.  The draft's every rate, share, completion, difference
and direction word comes from narrator.numbers; the checker's expected values come from there too.
If either computed a metric its own way (another rounding, 持平 judged on another value), some draw
would give a draft the checker calls wrong.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from narrator.check import check_text
from narrator.draft import draft, load_template_set
from narrator.figures import load_figures
from narrator.figures.facts import Facts
from narrator.figures.model import Figures

# The keys whose prior and budget the sample's narrative states (amounts, changes, rates, completions).
_PRIOR_KEYS = ("grand_total.income", "fiscal.grand_total.income", "general_budget.total", "general_budget.201",
               "three_public.total", "operating_expenses")
_BUDGET_KEYS = ("general_budget.total", "general_budget.201")
_ARITHMETIC = ("rate.", "share.", "completion.", "variance.", "execution.", "sum.", "fact.", "convention.flat",
               "convention.zero_base", "budget.")

_amount = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("2000.00"), places=2)


def _drawn(base: Figures, data) -> Figures:
    prior = {**base.prior, **{key: data.draw(_amount, label=f"prior {key}") for key in _PRIOR_KEYS}}
    budget = {**base.budget, **{key: data.draw(_amount, label=f"budget {key}") for key in _BUDGET_KEYS}}
    # a drawn prior equal to the current amount is drawn too: 持平 is one rule for both sides
    if data.draw(st.booleans(), label="one prior equal to the current"):
        prior["operating_expenses"] = Facts(base)["operating_expenses"].current
    return Figures.model_validate({**base.model_dump(), "prior": prior, "budget": budget})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_checker_agrees_with_every_number_the_draft_writes(sample_figures, data):
    figures = _drawn(load_figures(sample_figures), data)
    text = draft(figures, load_template_set("national")).markdown
    found = check_text(text, facts=Facts(figures), disable=("unfinished",))
    wrong = [f for f in found if f.severity == "error" and f.id.startswith(_ARITHMETIC)]
    assert not wrong, [(f.id, f.text, f.expected, f.formula) for f in wrong]
