"""Write constraints.txt: the exact version of every distribution installed in this environment
(except ghatna itself), so that `make` installs what the tests ran with. Run by `make constraints`
after changing the dependencies in pyproject.toml."""

from __future__ import annotations

from importlib.metadata import distributions
from pathlib import Path

HEADER = """\
# Exact versions ghatna is tested with (make installs with -c constraints.txt). Regenerate after
# changing dependencies: make constraints. Audited in CI with pip-audit (make audit).
"""

#: ghatna itself, and the build tools the packaging needs at their own versions
UNPINNED = ("ghatna", "pip", "setuptools", "wheel")


def main() -> None:
    pins = sorted({(d.metadata["Name"].lower().replace("_", "-"), d.version) for d in distributions()
                   if d.metadata["Name"] and d.metadata["Name"].lower() not in UNPINNED})
    out = Path(__file__).resolve().parent.parent / "constraints.txt"
    out.write_text(HEADER + "".join(f"{name}=={version}\n" for name, version in pins), encoding="utf-8")
    print(f"{out}: {len(pins)} pins")


if __name__ == "__main__":
    main()
