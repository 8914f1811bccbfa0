"""The two builds of the coder (setup.py): its hot modules compiled to C by mypyc, and the front's C
module, where a C compiler was present at install; the same modules as plain Python, and the C
functions' Python twins, elsewhere. Both must code alike."""

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
    assert here in ([], sorted(["ghatna._native", "ghatna.lang.gu.morphology", "ghatna.lang.morphology",
                                "ghatna.lexicon", "ghatna.model", *stages]))  # with the front's C module


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


def test_coded_documents_and_events_survive_pickling_and_copying() -> None:
    """Users send them between processes; the classes compiled by mypyc must still pickle and copy."""
    import copy
    import pickle

    doc = ghatna.code_doc("ભારતે પાકિસ્તાન પર હુમલો કર્યો. રશિયાએ આ આરોપોને નકાર્યા.", "d1", "2024-05-01")
    assert doc.events
    again = pickle.loads(pickle.dumps(doc))
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in doc.events]
    assert again.sentences[0].tokens[0].key == doc.sentences[0].tokens[0].key
    assert copy.deepcopy(doc.events) == doc.events
    lex = load_language("gu").lexicon
    entry = next(iter(lex.predicates.values()))[0]
    assert pickle.loads(pickle.dumps(entry)) == entry  # frozen: restored by a call of its class


def test_a_new_packs_rules_may_subclass_the_compiled_morphology_in_python() -> None:
    from ghatna.lang.morphology import Morphology

    class Plain(Morphology):  # a pack's rules written in plain Python
        def fold(self, s: str) -> str:
            return s.casefold()

        def name_forms(self, key):
            return [(key, None)]

        def noun_forms(self, key):
            return [(key, None, "sg")]

        def verb_forms(self, stem, perfective=""):
            return []

        def strip_clitic(self, key):
            return []

        def split_sentences(self, text):
            return [(0, len(text))]

    rules = Plain()
    assert [(t.text, t.key, t.glued) for t in rules.tokenize("Kim MET Putin.")] == [
        ("Kim", "kim", False), ("MET", "met", False), ("Putin", "putin", False), (".", ".", True)]
    assert "MET" in rules._chunks  # the compiled base class keeps its chunk cache for the subclass
