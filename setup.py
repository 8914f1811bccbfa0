"""Build: the coder's hot modules compiled to C with mypyc when the machine can, pure Python otherwise.

pyproject.toml holds the metadata; this file only adds the compiled modules. They are the same
source files (mypyc compiles type-annotated Python), so both builds code identically — a test
checks it on the shared corpus — and the compiled one is about half again as fast. Beside them, the
front's loops over characters are one small C module (``ghatna._native``), each function with a Python
twin that a test compares it with.

Compiled when a C compiler can build against this Python's headers, unless ``GHATNA_COMPILE=0``. If
compiling fails all the same (mypyc's C with ``-Werror`` under a compiler it was not tried with), the
install goes on as pure Python. ``GHATNA_COMPILE=1`` makes either case an error instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, CompileError, ExecError, LinkError, PlatformError

#: the modules every coded sentence runs through (the CLI, store and web stay interpreted); the Makefile
#: lists them too (COMPILED_SOURCES), to rebuild when one changes
COMPILED = [
    "src/ghatna/model.py",
    "src/ghatna/lexicon.py",
    "src/ghatna/pipeline.py",
    "src/ghatna/lang/morphology.py",
    "src/ghatna/lang/gu/morphology.py",
    *sorted(str(p) for p in Path("src/ghatna/stages").glob("*.py") if p.name != "__init__.py"),
]
#: the front's loops over characters, written in C (ghatna/native.py says what each stands for)
NATIVE = Extension("ghatna._native", ["src/ghatna/_native.c"], extra_compile_args=["-O3"])


def _can_compile() -> bool:
    """Whether the configured C compiler builds a file that includes Python.h."""
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()
    include = sysconfig.get_paths()["include"]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "probe.c")
        src.write_text("#include <Python.h>\nint main(void) { return 0; }\n")
        try:
            done = subprocess.run([*compiler, f"-I{include}", "-c", str(src), "-o", str(Path(tmp, "probe.o"))],
                                  capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            return False
    return done.returncode == 0


def _pure() -> list:
    """No extensions; and none left from an earlier build in place (an editable install), which Python
    would import instead of the sources."""
    for path in COMPILED:
        for stale in Path(path).parent.glob(Path(path).stem + ".*.so"):
            stale.unlink()
    for shared in [*Path("src").glob("*__mypyc.*.so"), *Path("src/ghatna").glob("_native.*.so")]:
        shared.unlink()
    return []


def _wanted() -> str:
    """``GHATNA_COMPILE``: "no", "yes" (required) or "auto"."""
    value = os.environ.get("GHATNA_COMPILE", "auto").strip().lower()
    return "no" if value in ("0", "no", "false") else "yes" if value in ("1", "yes", "true") else "auto"


def _extensions() -> list:
    if set(sys.argv[1:2]) <= {"egg_info", "dist_info", "sdist"}:
        return []  # metadata or a source archive: nothing is built, so nothing is compiled
    if _wanted() == "no":
        return _pure()
    if not _can_compile():
        if _wanted() == "yes":
            sys.exit("GHATNA_COMPILE=1 but no C compiler builds against this Python's headers")
        print("ghatna: no C compiler found; installing the pure-Python coder", file=sys.stderr)
        return _pure()
    from mypyc.build import mypycify

    return [*mypycify(COMPILED, opt_level="3"), NATIVE]


class _OptionalBuildExt(build_ext):
    """Compiling only makes the coder faster: when it fails, no compiled module is kept (a part of them
    would not import without the rest) and the install goes on with the pure-Python coder."""

    def run(self) -> None:
        try:
            super().run()
        except (CCompilerError, CompileError, ExecError, LinkError, PlatformError, OSError) as e:
            if _wanted() == "yes":
                raise
            why = str(e).splitlines()[0][:300] if str(e) else type(e).__name__
            print(f"ghatna: compiling the coder failed ({why}); installing the pure-Python coder", file=sys.stderr)
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            _pure()


setup(ext_modules=_extensions(), cmdclass={"build_ext": _OptionalBuildExt})
