"""Every command and option of the command line is documented in the README."""

from __future__ import annotations

import re

import pytest
import typer.main

from ghatna.cli import app
from ghatna.evaluation import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)


def options() -> list[tuple[str, str]]:
    out = []
    for name, cmd in COMMAND.commands.items():  # type: ignore[attr-defined]
        for param in cmd.params:
            if param.param_type_name == "option":
                out += [(name, opt) for opt in param.opts if opt.startswith("--")]
    return out


@pytest.mark.parametrize("name", sorted(COMMAND.commands))  # type: ignore[attr-defined]
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"ghatna {name}\b", README), f"`ghatna {name}` is not documented in README.md"


@pytest.mark.parametrize(("command", "option"), options())
def test_every_option_is_in_the_readme(command: str, option: str) -> None:
    assert option in README, f"`ghatna {command} {option}` is not documented in README.md"
