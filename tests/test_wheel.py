"""The installed wheel carries templates/ and prompts/ and drafts with them."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT
import pytest

pytestmark = pytest.mark.heavy  # subprocesses, a wheel build or PDF redrafts: run by .ci/run with -m heavy


def test_wheel_installs_and_drafts(tmp_path, sample_figures):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-w", str(dist), "-q"],
        check=True, capture_output=True,
    )
    wheel, = dist.glob("narrator-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "narrator/_data/templates/national/manifest.yaml" in names
    assert any(n.startswith("narrator/_data/prompts/") for n in names)

    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = ("import sys, narrator.app.cli, narrator.resources as r; "
            "print(narrator.app.cli.__file__); print(r.templates_dir()); sys.argv[0]='narrator'; "
            f"sys.exit(narrator.app.cli.main(['draft', {str(sample_figures)!r}]))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    module_file, templates, *draft = result.stdout.splitlines()
    assert Path(module_file).is_relative_to(site)  # the wheel, not the checkout
    assert Path(templates) == site / "narrator" / "_data" / "templates"
    assert "收入、支出总计均为502.98万元" in "\n".join(draft)
