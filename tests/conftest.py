import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def sample_figures() -> Path:
    return DATA / "figures" / "sample.yaml"


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as a user would."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NARRATOR_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "narrator.cli", *args],
        cwd=cwd or ROOT, capture_output=True, text=True, encoding="utf-8", env=env, input=stdin,
    )
