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


@pytest.fixture(autouse=True)
def _own_model_cache(tmp_path, monkeypatch):
    """Model answers are cached by request; a test must neither read the user's cache nor fill it."""
    if "NARRATOR_CACHE" not in os.environ or not os.environ["NARRATOR_CACHE"].startswith(str(tmp_path)):
        monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "narrator-cache"))
