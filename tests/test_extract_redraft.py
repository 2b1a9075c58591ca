"""narrator extract DOC | narrator draft -: the redraft reproduces the original's figures."""

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from narrator.draft.coverage import coverage
from narrator.extract import extract

pytestmark = pytest.mark.heavy  # subprocesses, a wheel build or PDF redrafts: run by .ci/run with -m heavy

GOLDEN = ROOT / "golden"


@pytest.mark.parametrize("document,errors_in_original", [
    (GOLDEN / "seed-004" / "source.txt", set()),
    # The published PDF itself states 财政拨款收入支出总计0.3万元 and a 71.73% share where
    # 2106.66/2940.05 = 71.65%: a correct redraft must not reproduce those two.
    (GOLDEN / "putuo-caizhengju-2024" / "document.pdf", {"0.3万元", "71.73%"}),
], ids=["seed-004", "caizhengju-2024"])
def test_extract_then_draft_reproduces_the_figures(document: Path, errors_in_original):
    extracted = run_cli("extract", str(document))
    assert extracted.returncode == 0, extracted.stderr
    drafted = run_cli("draft", "-", stdin=extracted.stdout)
    assert drafted.returncode == 0, drafted.stderr
    measured = coverage(extract(document).narrative, drafted.stdout)
    print(f"{document.parent.name}: {measured.reproduced}/{measured.total}; missing {measured.missing}")
    assert measured.ratio >= Decimal("0.95"), measured.missing
    assert set(measured.missing) <= errors_in_original
