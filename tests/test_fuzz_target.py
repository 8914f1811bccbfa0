"""A short run of the coverage-guided fuzz target (``make fuzz`` runs it for ten minutes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris (a dev dependency on Linux) is not installed")

ROOT = Path(__file__).resolve().parent.parent


def test_the_fuzz_target_runs_clean(tmp_path: Path):
    out = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_ghatna.py"), "-runs=1500", "-seed=1",
                          str(tmp_path / "corpus")], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "DONE" in out.stderr and "Done 1500 runs" in out.stderr
    # the coder is followed from its sources, also where it is installed compiled (setup.py)
    assert "Instrumenting ghatna.stages.roles" in out.stderr
    assert len(list((tmp_path / "corpus").iterdir())) > 15  # seeds, and the inputs that found coverage
