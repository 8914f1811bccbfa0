"""The two builds of the coder (setup.py): its hot modules compiled to C by mypyc where a C compiler was
present at install, the same modules as plain Python elsewhere. Both must code alike."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ghatna
from ghatna.lang.base import load_language
from ghatna.pipeline import compiled

PACKAGE = Path(ghatna.__file__).parent


def _compiled_here() -> list[str]:
    load_language("gu").morphology  # noqa: B018  (imports the pack's rules)
    return compiled()


def test_compiled_modules_are_the_coders_whole_hot_path_or_none() -> None:
    """setup.py compiles all of them or none: a mix would mean a failed or a stale build."""
    here = _compiled_here()
    stages = sorted(f"ghatna.stages.{p.stem}" for p in (PACKAGE / "stages").glob("*.py") if p.stem != "__init__")
    assert here in ([], sorted(["ghatna.lang.gu.morphology", "ghatna.lang.morphology", "ghatna.lexicon",
                                "ghatna.model", *stages]))


def test_compiled_and_pure_python_code_the_corpus_alike(cli, corpus_jsonl: Path, tmp_path: Path) -> None:
    if not _compiled_here():
        pytest.skip("this install is pure Python (no C compiler at install): there is one build only")
    pure = tmp_path / "pure"
    shutil.copytree(PACKAGE, pure / "ghatna", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    script = ("import sys, ghatna.lexicon, ghatna.stages.roles\n"
              "from ghatna.pipeline import compiled\n"
              "assert not compiled(), compiled()\n"
              "from ghatna.cli import main\n"
              "sys.argv = ['ghatna', *sys.argv[1:]]\n"
              "main()\n")
    env = {**os.environ, "PYTHONPATH": str(pure), "GHATNA_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script, "code", "--workers", "1", "--format", "jsonl",
                           str(corpus_jsonl)], capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    fast = cli("code", "--workers", "1", "--format", "jsonl", corpus_jsonl)
    assert fast.exit_code == 0
    assert done.stdout.count("\n") > 100  # the corpus gives hundreds of events
    assert done.stdout == fast.stdout
